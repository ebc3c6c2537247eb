-- The partner directory: organizations of Sapporo's prevention network, their services, opening
-- hours and capacity, and the search index over them (see server/src/domain/directory/directory.h).
-- Self-contained: no reference to accounts, so it applies before or after them.

CREATE TABLE organizations (
  seq                 INTEGER PRIMARY KEY,          -- stable rowid: the FTS row of this entry
  id                  TEXT NOT NULL UNIQUE,
  name                TEXT NOT NULL,
  name_kana           TEXT NOT NULL DEFAULT '',
  description         TEXT NOT NULL DEFAULT '',
  category            TEXT NOT NULL,
  district            TEXT NOT NULL DEFAULT '',
  address             TEXT NOT NULL DEFAULT '',
  address_visibility  TEXT NOT NULL CHECK (address_visibility IN ('public', 'network', 'hidden')),
  lat                 REAL,
  lon                 REAL,
  phone               TEXT NOT NULL DEFAULT '',
  email               TEXT NOT NULL DEFAULT '',
  website             TEXT NOT NULL DEFAULT '',
  council_member      INTEGER NOT NULL DEFAULT 0,  -- 要保護児童対策地域協議会
  visibility          TEXT NOT NULL CHECK (visibility IN ('public', 'network')),
  tags                TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
  languages           TEXT NOT NULL DEFAULT '[]',   -- JSON array of language tags
  status              TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
  capacity_status     TEXT CHECK (capacity_status IN ('open', 'limited', 'waitlist', 'full')),
  capacity_note       TEXT NOT NULL DEFAULT '',
  capacity_updated_at TEXT,
  version             INTEGER NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  -- fold_for_search() of name, kana, description, tags and the active services' text: the
  -- short-query path (1–2 characters, which the trigram index cannot match) scans this.
  search_text         TEXT NOT NULL DEFAULT '',
  -- The sort key: the kana reading folded to hiragana (the name when there is none).
  sort_key            TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX organizations_listing ON organizations (status, sort_key, id);
CREATE INDEX organizations_category ON organizations (category, sort_key, id);
CREATE INDEX organizations_district ON organizations (district);
CREATE INDEX organizations_location ON organizations (lat, lon) WHERE lat IS NOT NULL;

CREATE TABLE organization_wards (
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  ward            TEXT NOT NULL REFERENCES wards (code),
  PRIMARY KEY (ward, organization_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX organization_wards_by_org ON organization_wards (organization_id);

CREATE TABLE services (
  id              TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations (id),
  name            TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  eligibility     TEXT NOT NULL DEFAULT '',
  age_min         INTEGER,
  age_max         INTEGER,
  fee             TEXT NOT NULL DEFAULT '',
  how_to_apply    TEXT NOT NULL DEFAULT '',
  languages       TEXT NOT NULL DEFAULT '[]',
  status          TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
  version         INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX services_by_org ON services (organization_id, name, id);
CREATE INDEX services_listing ON services (status, name, id);

-- Opening hours of an organization or of a service (owner_id is either id). `day` is 'w0'…'w6'
-- for a weekly slot (0 = Sunday) or 'YYYY-MM-DD' for a dated exception, which replaces the
-- weekly slots that start on that date. A closed exception has closed = 1 and no times.
-- `end_min` = closes, plus 1440 when closes <= opens (the slot runs past midnight), so "open at
-- minute m of day D" is: a slot of D with opens <= m < end_min, or a slot of D-1 with
-- m + 1440 < end_min.
CREATE TABLE opening_hours (
  owner_id  TEXT NOT NULL,
  position  INTEGER NOT NULL,
  day       TEXT NOT NULL,
  opens     INTEGER,
  closes    INTEGER,
  end_min   INTEGER,
  closed    INTEGER NOT NULL DEFAULT 0,
  note      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (owner_id, position)
) STRICT, WITHOUT ROWID;

CREATE INDEX opening_hours_by_day ON opening_hours (owner_id, day);

-- Trigram full-text index over organizations.search_text (rowid = organizations.seq), written
-- in the same transaction as every change that alters the text.
CREATE VIRTUAL TABLE organization_fts USING fts5 (body, tokenize = 'trigram');
