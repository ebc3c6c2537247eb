-- A partner's inbox is its organization's referrals that were sent (never drafts): the inbox's
-- count and its page's ids are read from this index alone. referrals_inbox (every referral of
-- the organization, drafts too) made both read each of the organization's rows from the table
-- to test sent_at. sent_at is a column as well as the condition because SQLite 3.40 still tests
-- the query's `sent_at IS NOT NULL` on the row: without the column the index does not cover.
CREATE INDEX referrals_inbox_sent ON referrals (organization_id, created_at, id, status, sent_at)
  WHERE sent_at IS NOT NULL;
