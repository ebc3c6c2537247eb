-- The reports over a busy ward (GET /api/v1/reports/gaps, /overview, /reports/referrals; a
-- ward has ~180 000 referrals a year in the benchmark's city). Three of the four are partial:
-- they hold the open referrals only (a few percent of a year's) or the open cases, so a write
-- that does not touch those rows does not touch them either.

-- Is a referral of this case pending? Asked for every open high-risk case of the ward by the
-- gaps report; referrals_case would read each of the case's referrals, open or ended.
CREATE INDEX referrals_open_case ON referrals (case_id) WHERE status IN ('sent', 'accepted');

-- A ward's open referrals by state, with what the gaps and overview lists filter and sort on:
-- their counts read the index alone, their pages (oldest first) read 5 or 50 rows.
CREATE INDEX referrals_open_ward ON referrals (ward, status, sent_at, due_by, responded_at, id)
  WHERE status IN ('sent', 'accepted');

-- A period of a ward's sent referrals with every column the statistics read: a year of a ward
-- is read from the index alone, in sent_at order, instead of through referrals_ward (all of the
-- ward's referrals ever, by created_at) and the table.
CREATE INDEX referrals_ward_sent ON referrals
  (ward, sent_at, status, responded_at, closed_at, reason_code, outcome, organization_id)
  WHERE sent_at IS NOT NULL;

-- Open cases of a ward by their support plan's review date (plans past review): a range of the
-- index instead of parsing every open case's plan. The expression is the report query's own.
CREATE INDEX cases_open_review ON cases (ward, json_extract(support_plan, '$.review_by'))
  WHERE status = 'open';
