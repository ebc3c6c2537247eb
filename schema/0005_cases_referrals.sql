-- Cases, support plans and closed-loop referrals. The ward keeps the authoritative
-- case record; Tsunagu keeps the minimum needed to refer and to plan: no full names.

CREATE TABLE cases (
  id              TEXT PRIMARY KEY,
  ward            TEXT NOT NULL REFERENCES wards (code),
  case_ref        TEXT NOT NULL,             -- the ward's own number
  household_label TEXT NOT NULL,             -- initials or a pseudonym
  risk_categories TEXT NOT NULL DEFAULT '[]', -- JSON array of specified_pregnancy (特定妊婦), …
  risk_level      TEXT NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  sections        TEXT NOT NULL DEFAULT '[]', -- JSON array: maternal_child_health, child_welfare
  lead_user_id    TEXT REFERENCES users (id),
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  close_reason    TEXT,
  support_plan    TEXT NOT NULL DEFAULT '{}', -- JSON {goals[], family_voice, services[], review_by}
  next_review_on  TEXT,                       -- YYYY-MM-DD
  last_reviewed_on TEXT,                      -- YYYY-MM-DD, set when a review is recorded
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  closed_at       TEXT,
  UNIQUE (ward, case_ref)
) STRICT;
CREATE INDEX cases_ward_status ON cases (ward, status, risk_level);

CREATE TABLE referrals (
  id                  TEXT PRIMARY KEY,
  case_id             TEXT NOT NULL REFERENCES cases (id),
  ward                TEXT NOT NULL REFERENCES wards (code),  -- the case's ward, for scoping
  organization_id     TEXT NOT NULL REFERENCES organizations (id),
  service_id          TEXT REFERENCES services (id),
  status              TEXT NOT NULL CHECK (status IN
                        ('draft', 'sent', 'accepted', 'declined', 'withdrawn', 'expired', 'completed')),
  urgency             TEXT NOT NULL DEFAULT 'routine' CHECK (urgency IN ('routine', 'urgent')),
  legal_basis         TEXT CHECK (legal_basis IN ('consent', 'council', 'statute')),
  consent_obtained_on TEXT,
  consent_obtained_by TEXT,
  consent_scope       TEXT,
  summary             TEXT NOT NULL,          -- shared with the partner while pending
  intake_note         TEXT,                   -- shared with the partner once accepted
  internal_note       TEXT,                   -- never shown to partners
  due_by              TEXT,                   -- YYYY-MM-DD
  reason_code         TEXT,
  response_note       TEXT,                   -- the partner's own words on its decision
  outcome             TEXT,
  version             INTEGER NOT NULL DEFAULT 1,
  created_by          TEXT NOT NULL REFERENCES users (id),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  sent_at             TEXT,
  responded_at        TEXT,
  closed_at           TEXT,
  overdue_notified_at TEXT                    -- the sender was told it is overdue
) STRICT;
-- The partner's inbox and the ward's list, newest first. `status` rides along so the count and
-- the status filters read the index alone; every index is one more page written per referral.
CREATE INDEX referrals_inbox ON referrals (organization_id, created_at, id, status);
CREATE INDEX referrals_ward ON referrals (ward, created_at, id, status);
CREATE INDEX referrals_case ON referrals (case_id, created_at);
CREATE INDEX referrals_due ON referrals (status, due_by) WHERE status IN ('sent', 'accepted');

-- Every transition, in the same transaction as the change and its audit entry.
CREATE TABLE referral_events (
  seq          INTEGER PRIMARY KEY,
  referral_id  TEXT NOT NULL REFERENCES referrals (id),
  at           TEXT NOT NULL,
  actor_id     TEXT,                 -- NULL for the server (expiry)
  actor_role   TEXT,                 -- 'system' for the server
  from_status  TEXT,                 -- NULL for creation
  to_status    TEXT NOT NULL,
  reason_code  TEXT,
  note         TEXT
) STRICT;
CREATE INDEX referral_events_referral ON referral_events (referral_id, seq);

-- The outbox a mailer would read: written in the same transaction as the change it announces.
-- Addressed to one user or to every user of an organization; read marks are per user.
CREATE TABLE notifications (
  id                    INTEGER PRIMARY KEY,
  kind                  TEXT NOT NULL,   -- referral.received, referral.decided, referral.overdue
  recipient_user_id     TEXT,
  recipient_organization_id TEXT,
  referral_id           TEXT REFERENCES referrals (id),
  created_at            TEXT NOT NULL,
  CHECK ((recipient_user_id IS NULL) != (recipient_organization_id IS NULL))
) STRICT;
-- Partial: a notification has one kind of recipient, so it is written into one index only.
CREATE INDEX notifications_user ON notifications (recipient_user_id, id)
  WHERE recipient_user_id IS NOT NULL;
CREATE INDEX notifications_org ON notifications (recipient_organization_id, id)
  WHERE recipient_organization_id IS NOT NULL;
CREATE TABLE notification_reads (
  notification_id INTEGER NOT NULL REFERENCES notifications (id),
  user_id         TEXT NOT NULL,
  read_at         TEXT NOT NULL,
  PRIMARY KEY (notification_id, user_id)
) STRICT, WITHOUT ROWID;

-- Idempotency-Key: the same key and body from the same user within 24 h returns the resource
-- the first request created (as it is now), not a second one. No copy of the body is kept.
CREATE TABLE idempotency_keys (
  user_id      TEXT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,   -- SHA-256 of the route and body
  resource_id  TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
) STRICT, WITHOUT ROWID;
