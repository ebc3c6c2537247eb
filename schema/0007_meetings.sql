-- Meetings: 座談会 roundtables, 合同ケース会議 case conferences, 要対協 実務者会議
-- practitioners' meetings and 個別ケース検討会議, with attendance, agenda, minutes, decisions and
-- action items; and the history of what meetings changed on cases.

CREATE TABLE meetings (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('roundtable', 'case_conference', 'practitioners',
                                            'individual')),
  title       TEXT NOT NULL,
  ward        TEXT NOT NULL REFERENCES wards (code),
  district    TEXT,                       -- e.g. すすきの
  starts_at   TEXT NOT NULL,              -- UTC
  ends_at     TEXT NOT NULL,
  place       TEXT,
  status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  minutes     TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1,
  created_by  TEXT NOT NULL REFERENCES users (id),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (ends_at > starts_at)
) STRICT;
CREATE INDEX meetings_ward_time ON meetings (ward, starts_at);

CREATE TABLE meeting_invitations (
  meeting_id      TEXT NOT NULL REFERENCES meetings (id),
  organization_id TEXT NOT NULL REFERENCES organizations (id),
  PRIMARY KEY (meeting_id, organization_id)
) STRICT, WITHOUT ROWID;
-- A partner's meetings.
CREATE INDEX meeting_invitations_org ON meeting_invitations (organization_id, meeting_id);

-- Who came: an organization, a user, or a resident by name (no account). `present` is NULL
-- until attendance is taken.
CREATE TABLE meeting_attendees (
  meeting_id      TEXT NOT NULL REFERENCES meetings (id),
  position        INTEGER NOT NULL,
  organization_id TEXT REFERENCES organizations (id),
  user_id         TEXT REFERENCES users (id),
  name            TEXT,
  role            TEXT,
  present         INTEGER CHECK (present IN (0, 1)),
  PRIMARY KEY (meeting_id, position),
  CHECK ((organization_id IS NOT NULL) + (user_id IS NOT NULL) + (name IS NOT NULL) = 1)
) STRICT, WITHOUT ROWID;
-- Network memory (which organizations met at which roundtables) and a user's calendar.
CREATE INDEX meeting_attendees_org ON meeting_attendees (organization_id, meeting_id)
  WHERE organization_id IS NOT NULL;
CREATE INDEX meeting_attendees_user ON meeting_attendees (user_id, meeting_id)
  WHERE user_id IS NOT NULL;

CREATE TABLE meeting_agenda_items (
  meeting_id TEXT NOT NULL REFERENCES meetings (id),
  position   INTEGER NOT NULL,
  title      TEXT NOT NULL,
  case_id    TEXT REFERENCES cases (id),  -- never on a roundtable
  notes      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (meeting_id, position)
) STRICT, WITHOUT ROWID;
-- "No conference about this case in N days" (the gaps report).
CREATE INDEX meeting_agenda_case ON meeting_agenda_items (case_id) WHERE case_id IS NOT NULL;

-- Decisions are recorded once and never edited: those on a case changed it (case_events).
CREATE TABLE meeting_decisions (
  id              TEXT PRIMARY KEY,
  meeting_id      TEXT NOT NULL REFERENCES meetings (id),
  text            TEXT NOT NULL,
  case_id         TEXT REFERENCES cases (id),
  lead_user_id    TEXT REFERENCES users (id),  -- the case's new lead worker
  next_review_on  TEXT,                         -- the case's next review date
  plan_review_by  TEXT,                         -- the サポートプラン's review date
  recorded_by     TEXT NOT NULL REFERENCES users (id),
  recorded_at     TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_decisions_meeting ON meeting_decisions (meeting_id, recorded_at);

CREATE TABLE action_items (
  id                    TEXT PRIMARY KEY,
  meeting_id            TEXT NOT NULL REFERENCES meetings (id),
  title                 TEXT NOT NULL,
  owner_organization_id TEXT REFERENCES organizations (id),
  owner_user_id         TEXT REFERENCES users (id),
  due_on                TEXT,                  -- YYYY-MM-DD
  status                TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
  version               INTEGER NOT NULL DEFAULT 1,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  CHECK ((owner_organization_id IS NULL) != (owner_user_id IS NULL))
) STRICT;
CREATE INDEX action_items_meeting ON action_items (meeting_id, created_at);
CREATE INDEX action_items_owner_user ON action_items (owner_user_id, status, due_on)
  WHERE owner_user_id IS NOT NULL;
CREATE INDEX action_items_owner_org ON action_items (owner_organization_id, status, due_on)
  WHERE owner_organization_id IS NOT NULL;

-- What changed on a case and why, beyond the audit log's "who": a meeting's decision that named
-- a new lead or set the next review.
CREATE TABLE case_events (
  seq         INTEGER PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases (id),
  at          TEXT NOT NULL,
  actor_id    TEXT NOT NULL REFERENCES users (id),
  kind        TEXT NOT NULL,  -- lead_changed, review_scheduled, reviewed
  from_value  TEXT,
  to_value    TEXT,
  meeting_id  TEXT REFERENCES meetings (id),
  decision_id TEXT REFERENCES meeting_decisions (id)
) STRICT;
CREATE INDEX case_events_case ON case_events (case_id, seq);

-- Secret subscription links to each user's iCalendar feed (calendar apps cannot send a bearer
-- token). Only the token's SHA-256 is kept; one link per user.
CREATE TABLE calendar_links (
  user_id    TEXT PRIMARY KEY REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;
