-- How many referrals each organization's inbox holds, by the case's ward and the referral's status:
-- the inbox page's `total` (and its ward and status filters) read one to a few dozen rows here
-- instead of counting the organization's entries in referrals_inbox_sent: 8 600 index entries,
-- ~290 pages, for the benchmark city's busiest partner, read again after every commit (a reader
-- drops its page cache whenever the log has grown): ~3 ms of CPU per page shown.
--
-- The inbox is the referrals that were sent (sent_at is set; it is never cleared). `n` is never
-- written by the code: the three triggers below keep it equal to
--   SELECT count(*) FROM referrals WHERE organization_id = ? AND ward = ? AND status = ?
--     AND sent_at IS NOT NULL
-- on every insert, delete and write of those columns, whichever statement does it. A row whose
-- count falls to 0 stays (0 adds nothing to a sum).
CREATE TABLE referral_inbox_counts (
  organization_id TEXT NOT NULL,
  ward            TEXT NOT NULL,
  status          TEXT NOT NULL,
  n               INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (organization_id, ward, status)
) STRICT, WITHOUT ROWID;

INSERT INTO referral_inbox_counts (organization_id, ward, status, n)
  SELECT organization_id, ward, status, count(*) FROM referrals WHERE sent_at IS NOT NULL
  GROUP BY organization_id, ward, status;

CREATE TRIGGER referral_inbox_counts_insert AFTER INSERT ON referrals
  WHEN NEW.sent_at IS NOT NULL
BEGIN
  INSERT INTO referral_inbox_counts (organization_id, ward, status, n)
    VALUES (NEW.organization_id, NEW.ward, NEW.status, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER referral_inbox_counts_update AFTER UPDATE OF organization_id, ward, status, sent_at
  ON referrals
  WHEN (OLD.sent_at IS NOT NULL OR NEW.sent_at IS NOT NULL)
    AND (OLD.organization_id IS NOT NEW.organization_id OR OLD.ward IS NOT NEW.ward
         OR OLD.status IS NOT NEW.status OR (OLD.sent_at IS NULL) <> (NEW.sent_at IS NULL))
BEGIN
  UPDATE referral_inbox_counts SET n = n - 1
    WHERE OLD.sent_at IS NOT NULL AND organization_id = OLD.organization_id AND ward = OLD.ward
      AND status = OLD.status;
  INSERT INTO referral_inbox_counts (organization_id, ward, status, n)
    SELECT NEW.organization_id, NEW.ward, NEW.status, 1 WHERE NEW.sent_at IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER referral_inbox_counts_delete AFTER DELETE ON referrals
  WHEN OLD.sent_at IS NOT NULL
BEGIN
  UPDATE referral_inbox_counts SET n = n - 1
    WHERE organization_id = OLD.organization_id AND ward = OLD.ward AND status = OLD.status;
END;
