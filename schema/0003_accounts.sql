-- Accounts and sessions. A user has exactly one role and its scope: wards for the ward
-- roles (user_wards), one organization for partners. Passwords are stored only as Argon2id
-- encodings and tokens only as SHA-256 hashes.

CREATE TABLE users (
  id              TEXT PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE,  -- lowercase [a-z0-9._-]
  display_name    TEXT NOT NULL,
  role            TEXT NOT NULL
                  CHECK (role IN ('admin', 'coordinator', 'ward_staff', 'partner', 'auditor')),
  -- The partner's organization. No foreign key: this migration runs before the directory's
  -- (0004); the domain checks that the organization exists and is active (accounts.cc).
  organization_id TEXT,
  password_hash   TEXT NOT NULL,         -- $argon2id$v=19$m=…,t=…,p=…$salt$hash
  disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK ((role = 'partner') = (organization_id IS NOT NULL))
) STRICT;

CREATE TABLE user_wards (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  ward    TEXT NOT NULL REFERENCES wards (code),
  PRIMARY KEY (user_id, ward)
) STRICT, WITHOUT ROWID;

-- One row per signed-in token. A token is valid while now < expires_at (absolute) and
-- now < last_used_at + the idle limit; logout, disabling the user and a password change delete
-- the rows, a timer deletes expired ones.
CREATE TABLE sessions (
  token_hash     TEXT PRIMARY KEY,  -- sha256_hex(token)
  user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at     TEXT NOT NULL,
  last_used_at   TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  source_address TEXT
) STRICT, WITHOUT ROWID;

CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);
