-- Sign-in throttling that survives a restart, and the start of the keyed audit chain.
--
-- login_throttle: failed sign-ins and password confirmations, counted per source address
-- ("address <addr>") and per username from that address ("user <name> from <addr>"). A row is
-- written with the failure's audit entry and forgotten a while after its last failure
-- (domain/accounts/login_throttle.h).
CREATE TABLE login_throttle (
  key             TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL CHECK (failures > 0),
  last_failure_at TEXT NOT NULL  -- UTC, format_utc()
) STRICT, WITHOUT ROWID;

-- audit_keying: entries from keyed_from on are chained with HMAC-SHA-256 under a key kept
-- outside the database; the entries before it (written before this migration) keep their plain
-- SHA-256 chain and are reported apart by verification. `mac` binds keyed_from to the key (set
-- by the first server that runs with a key), so moving the boundary to pass keyed entries off
-- as unkeyed ones is detected.
CREATE TABLE audit_keying (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  keyed_from INTEGER NOT NULL,
  mac        TEXT
) STRICT;

INSERT INTO audit_keying (id, keyed_from, mac)
  SELECT 1, coalesce(max(seq), 0) + 1, NULL FROM audit_log;
