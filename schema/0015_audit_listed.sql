-- One audit entry for a list page shown to an organization's user (a partner's inbox page),
-- naming every row on it, instead of one entry per row. `listed` is a JSON array of
-- {"id", "case_id", "ward"}, one per row in page order, covered by the entry's hash like every
-- other field. Such an entry has no case_id of its own: "who saw this household" finds it through
-- the organizations the household's referrals were sent to (audit_log_organization) and then the
-- array (domain/audit/audit_query.cc). Only a household referred to an organization can appear
-- on that organization's pages, so nothing is missed; and the write touches the log's tail and
-- three indexes' tails, not one random leaf of audit_log_case per row.
ALTER TABLE audit_log ADD COLUMN listed TEXT;

-- The page entries in order, for a ward's search (their rows' wards are read from `listed`).
CREATE INDEX audit_log_listed ON audit_log (seq) WHERE listed IS NOT NULL;
