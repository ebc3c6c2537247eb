-- Casework the wards do: the 特定妊婦 assessment at pregnancy registration and its determination,
-- contacts (家庭訪問, 同行訪問, 電話, 来所, 助言), transfers between wards on a move (転居), and the
-- child guidance centre's regular meeting as a meeting kind.

-- The fifth meeting kind, 児童相談所の定例会議. Widening a CHECK changes no stored row, so the
-- table's definition is edited in place (SQLite's documented procedure for constraint changes
-- that leave the file format alone) instead of copying a table other tables refer to; RESET
-- reloads the schema, and the CREATE TABLEs below bump the schema cookie for other connections.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''individual'')', '''individual'', ''child_guidance_conference'')')
 WHERE type = 'table' AND name = 'meetings';
PRAGMA writable_schema = RESET;

-- An assessment keeps the form version it was scored with, its answers, the score and what
-- drove it, so a later version of the form never changes an old result. `ward` is the ward that
-- assessed (after a transfer the former ward still reads what it wrote).
CREATE TABLE case_assessments (
  id                   TEXT PRIMARY KEY,
  case_id              TEXT NOT NULL REFERENCES cases (id),
  ward                 TEXT NOT NULL REFERENCES wards (code),
  form                 TEXT NOT NULL,
  form_version         INTEGER NOT NULL,
  assessed_on          TEXT NOT NULL,           -- YYYY-MM-DD
  answers              TEXT NOT NULL,           -- JSON {item_code: value}
  score                INTEGER NOT NULL,
  suggested_risk_level TEXT NOT NULL CHECK (suggested_risk_level IN ('low', 'medium', 'high')),
  drivers              TEXT NOT NULL DEFAULT '[]', -- JSON [{code, weight}], heaviest first
  note                 TEXT,
  created_by           TEXT NOT NULL REFERENCES users (id),
  created_at           TEXT NOT NULL,
  -- The coordinator's determination (特定妊婦 or not, and the risk level), once.
  determined_specified_pregnancy INTEGER CHECK (determined_specified_pregnancy IN (0, 1)),
  determined_risk_level TEXT CHECK (determined_risk_level IN ('low', 'medium', 'high')),
  determination_note   TEXT,
  determined_by        TEXT REFERENCES users (id),
  determined_at        TEXT
) STRICT;
CREATE INDEX case_assessments_case ON case_assessments (case_id, created_at);

-- The record of support. `ward` as for assessments.
CREATE TABLE case_contacts (
  id                   TEXT PRIMARY KEY,
  case_id              TEXT NOT NULL REFERENCES cases (id),
  ward                 TEXT NOT NULL REFERENCES wards (code),
  kind                 TEXT NOT NULL CHECK (kind IN ('home_visit', 'accompanied_visit', 'phone',
                                                     'office_visit', 'advice', 'other')),
  on_date              TEXT NOT NULL,           -- YYYY-MM-DD
  by_user_ids          TEXT NOT NULL DEFAULT '[]', -- JSON array of users
  with_organization_id TEXT REFERENCES organizations (id),
  summary              TEXT NOT NULL,
  next_step            TEXT,
  created_by           TEXT NOT NULL REFERENCES users (id),
  created_at           TEXT NOT NULL
) STRICT;
CREATE INDEX case_contacts_case ON case_contacts (case_id, on_date, created_at);

-- A case moving to another ward: pending → accepted | declined | withdrawn. At most one pending
-- transfer per case. On accept the case as it left is kept (case_transfer_snapshots): the former
-- ward reads that, not what the new ward does afterwards.
CREATE TABLE case_transfers (
  id            TEXT PRIMARY KEY,
  case_id       TEXT NOT NULL REFERENCES cases (id),
  from_ward     TEXT NOT NULL REFERENCES wards (code),
  to_ward       TEXT NOT NULL REFERENCES wards (code),
  status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
  reason        TEXT NOT NULL,
  response_note TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  requested_by  TEXT NOT NULL REFERENCES users (id),
  requested_at  TEXT NOT NULL,
  decided_by    TEXT REFERENCES users (id),
  decided_at    TEXT,
  moved         TEXT,                         -- JSON counts of what moved on accept
  CHECK (from_ward != to_ward)
) STRICT;
CREATE UNIQUE INDEX case_transfers_one_pending ON case_transfers (case_id) WHERE status = 'pending';
CREATE INDEX case_transfers_from ON case_transfers (from_ward, requested_at);
CREATE INDEX case_transfers_to ON case_transfers (to_ward, requested_at);
CREATE INDEX case_transfers_case ON case_transfers (case_id, status);

CREATE TABLE case_transfer_snapshots (
  transfer_id      TEXT PRIMARY KEY REFERENCES case_transfers (id),
  id               TEXT NOT NULL,
  ward             TEXT NOT NULL,
  case_ref         TEXT NOT NULL,
  household_label  TEXT NOT NULL,
  risk_categories  TEXT NOT NULL,
  risk_level       TEXT NOT NULL,
  sections         TEXT NOT NULL,
  lead_user_id     TEXT,
  status           TEXT NOT NULL,
  close_reason     TEXT,
  support_plan     TEXT NOT NULL,
  next_review_on   TEXT,
  last_reviewed_on TEXT,
  version          INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  closed_at        TEXT
) STRICT;
