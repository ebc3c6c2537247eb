-- What the gaps report and the ward overview read, from indexes alone where SQLite 3.40 allows.
-- Figures: a ward of the benchmark's city (bench/city.h; 中央区: 15 535 open cases, 6 400 of them
-- high-risk, 9 600 plans past review), timed with the sqlite3 shell on a warm page cache.

-- Plans past review: the support plan's review date as a column of its own, so that a ward's
-- open cases past review are counted and paged from an index alone. cases_open_review indexed
-- the expression json_extract(support_plan, '$.review_by'), and SQLite 3.40 cannot read an
-- expression's value from an index: every open case of the ward was read from the table and its
-- plan parsed again (38 ms for the count and as much for the page; now 3 ms and 1 ms).
--
-- The column is derived, never written by the code: the two triggers below keep it equal to the
-- plan's review_by on every insert and on every write of the plan (an edit, a meeting's
-- decision), whichever statement does it.

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

-- Quiet high-risk cases: a ward's open cases that are high-risk, 特定妊婦 or 虐待認定, with every
-- column the list filters on, sorts by and shows. Reading these from the table cost ~45 ms in
-- 中央区 (6 400 rows on as many pages). The WHERE is the report query's own condition, word for
-- word: SQLite uses a partial index only for a query that repeats its terms
-- (domain/reports/gaps.cc, quiet_cases).
CREATE INDEX cases_open_high_risk ON cases
  (ward, status, created_at, id, risk_level, risk_categories, sections, case_ref, household_label)
  WHERE status = 'open' AND (risk_level = 'high'
    OR instr(risk_categories, '"specified_pregnancy"') > 0
    OR instr(risk_categories, '"abuse_certified"') > 0);

-- Is a referral of this case pending? With `status` as a column the probe reads the index alone
-- (the condition alone made SQLite read each referral's row to test it again).
DROP INDEX referrals_open_case;
CREATE INDEX referrals_open_case ON referrals (case_id, status) WHERE status IN ('sent', 'accepted');

-- A meeting by id with what the reports ask of it (its ward, whether it was cancelled, when it
-- starts): the quiet cases' last meeting and the overdue action items' ward from the index alone.
CREATE INDEX meetings_lookup ON meetings (id, ward, status, starts_at);

-- Open action items by due date: the overdue ones of the whole city are a short range (the
-- report then keeps the ward's through meetings_lookup) instead of a scan of every action item.
CREATE INDEX action_items_open_due ON action_items (status, due_on, meeting_id, id)
  WHERE status = 'open';
