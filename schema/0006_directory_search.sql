-- Directory search plans (the directory benchmark). With `status` leading the listing index, the
-- planner drove every search from (status, sort_key, id) — every active row visited, once for
-- the count and again for the page — instead of from the selective filter (ward, category,
-- FTS match). A search counts all its matches in the same pass as its page (a window count),
-- so it has to visit every match anyway and sorts them itself: no index on the sort order is
-- needed. The planner picks the driving filter from the statistics that Database::open
-- refreshes (ANALYZE).
DROP INDEX organizations_listing;
