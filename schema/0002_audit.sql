-- The audit log: who did or saw what, when, from where. Append-only and hash-chained: each entry
-- stores the SHA-256 of the previous entry's hash and its own content, so an edited, removed or
-- inserted row breaks the chain at that point (see domain/audit/audit.h, GET /api/v1/audit/verify).
CREATE TABLE audit_log (
  seq             INTEGER PRIMARY KEY,  -- the chain's order
  at              TEXT NOT NULL,        -- UTC, format_utc()
  actor_id        TEXT,                 -- NULL for the system (timers) and anonymous callers
  actor_username  TEXT,
  actor_role      TEXT,
  action          TEXT NOT NULL,        -- "<resource>.<verb>", e.g. "referral.read"
  resource_type   TEXT NOT NULL,
  resource_id     TEXT,
  case_id         TEXT,                 -- the household concerned, for "who accessed this family"
  organization_id TEXT,
  request_id      TEXT,
  source_address  TEXT,
  detail          TEXT,                 -- short, never case content (e.g. "fields: status")
  prev_hash       TEXT NOT NULL,
  hash            TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_case ON audit_log (case_id, seq) WHERE case_id IS NOT NULL;
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_organization ON audit_log (organization_id, seq)
  WHERE organization_id IS NOT NULL;
CREATE INDEX audit_log_at ON audit_log (at);

-- The application never changes an entry; these guard against its own bugs. The chain is what
-- detects tampering by anyone who can bypass them.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
