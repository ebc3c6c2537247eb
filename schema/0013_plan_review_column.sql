-- Plans past review (the gaps report and the ward overview): the support plan's review date as a
-- column of its own, so that a ward's open cases past review are counted and paged from an index
-- alone. cases_open_review indexed the expression json_extract(support_plan, '$.review_by'), and
-- SQLite 3.40 cannot read an expression's value from an index: every open case of the ward was
-- read from the table and its plan parsed again (38 ms for the count and as much for the page in
-- a ward of the benchmark's city).
--
-- The column is derived, never written by the code: the two triggers below keep it equal to the
-- plan's review_by on every insert (a new case, a transfer's copy) and on every write of the plan
-- (an edit, a meeting's decision), whichever statement does it.

ALTER TABLE cases ADD COLUMN plan_review_by TEXT;  -- YYYY-MM-DD, = support_plan's review_by

UPDATE cases SET plan_review_by = json_extract(support_plan, '$.review_by');

CREATE TRIGGER cases_plan_review_by_insert AFTER INSERT ON cases
  WHEN NEW.plan_review_by IS NOT json_extract(NEW.support_plan, '$.review_by')
BEGIN
  UPDATE cases SET plan_review_by = json_extract(NEW.support_plan, '$.review_by')
    WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER cases_plan_review_by_update AFTER UPDATE OF support_plan, plan_review_by ON cases
  WHEN NEW.plan_review_by IS NOT json_extract(NEW.support_plan, '$.review_by')
BEGIN
  UPDATE cases SET plan_review_by = json_extract(NEW.support_plan, '$.review_by')
    WHERE rowid = NEW.rowid;
END;

-- A ward's open cases by review date, with the columns the list sorts on: the count and the
-- page's rows are read from the index alone. `status` is a column as well as the condition
-- because SQLite 3.40 tests the query's `status = 'open'` on the row otherwise.
DROP INDEX cases_open_review;
CREATE INDEX cases_open_review ON cases (ward, status, plan_review_by, case_ref, id)
  WHERE status = 'open';
