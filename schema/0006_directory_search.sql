-- Directory search plans (issue 5 benchmark). With `status` leading the listing index, the
-- planner drove every search from (status, sort_key, id) — every active row visited, once for
-- the count and again for the page — instead of from the selective filter (ward, category,
-- FTS match). Ordering needs (sort_key, id) only; the planner picks the driving filter from the
-- statistics that Database::open refreshes (ANALYZE).
DROP INDEX organizations_listing;
CREATE INDEX organizations_order ON organizations (sort_key, id);
