#include "app/config.h"

#include <charconv>
#include <filesystem>

#include "common/text.h"

namespace tsunagu::app {

#ifndef TSUNAGU_DEFAULT_WEB_ROOT
#define TSUNAGU_DEFAULT_WEB_ROOT ""
#endif
const char* const kDefaultWebRoot = TSUNAGU_DEFAULT_WEB_ROOT;

#ifndef TSUNAGU_BUILD_SERVER_DIR
#define TSUNAGU_BUILD_SERVER_DIR ""
#endif
#ifndef TSUNAGU_SOURCE_SEED_DIR
#define TSUNAGU_SOURCE_SEED_DIR ""
#endif
#ifndef TSUNAGU_INSTALLED_SEED_DIR
#define TSUNAGU_INSTALLED_SEED_DIR ""
#endif

std::string default_seed_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::canonical("/proc/self/exe", ec);
  if (ec) return TSUNAGU_INSTALLED_SEED_DIR;
  const auto build = std::filesystem::weakly_canonical(TSUNAGU_BUILD_SERVER_DIR, ec);
  if (!ec && exe.parent_path() == build) return TSUNAGU_SOURCE_SEED_DIR;
  return TSUNAGU_INSTALLED_SEED_DIR;
}

std::string seed_dir(const Config& config) {
  return config.seed_dir.empty() ? default_seed_dir() : config.seed_dir;
}

namespace {

Result<int> parse_int(const std::string& name, const std::string& value, int min, int max) {
  int n = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || ptr != value.data() + value.size() || n < min || n > max) {
    return Error::InvalidArgument(name + " must be a whole number from " + std::to_string(min) +
                                  " to " + std::to_string(max) + ", not '" + value + "'");
  }
  return n;
}

// "90m", "6h", "1d" → minutes (at least 1 minute, at most 30 days).
Result<int> parse_minutes(const std::string& name, const std::string& value) {
  const int per_unit = value.empty()         ? 0
                       : value.back() == 'm' ? 1
                       : value.back() == 'h' ? 60
                       : value.back() == 'd' ? 24 * 60
                                             : 0;
  int n = 0;
  const char* end = value.data() + value.size() - 1;
  auto [ptr, ec] = std::from_chars(value.data(), end, n);
  if (per_unit == 0 || ec != std::errc() || ptr != end || n < 1 || n * per_unit > 30 * 24 * 60) {
    return Error::InvalidArgument(name +
                                  " must be a duration such as 90m, 6h or 1d (at most 30d), "
                                  "not '" +
                                  value + "'");
  }
  return n * per_unit;
}

Result<bool> parse_bool(const std::string& name, const std::string& value) {
  if (value == "1" || value == "true" || value == "yes" || value == "on") return true;
  if (value == "0" || value == "false" || value == "no" || value == "off") return false;
  return Error::InvalidArgument(name + " must be true or false, not '" + value + "'");
}

Result<storage::Synchronous> parse_synchronous(const std::string& name, const std::string& v) {
  if (v == "full") return storage::Synchronous::kFull;
  if (v == "normal") return storage::Synchronous::kNormal;
  if (v == "off") return storage::Synchronous::kOff;
  return Error::InvalidArgument(name + " must be full, normal or off, not '" + v + "'");
}

// Applies one setting by its flag name (without dashes); `source` names it in messages.
Status apply(Config& c, const std::string& key, const std::string& value,
             const std::string& source) {
  if (key == "db") {
    if (value.empty()) return Error::InvalidArgument(source + " must not be empty");
    c.db_path = value;
  } else if (key == "host") {
    if (value.empty()) return Error::InvalidArgument(source + " must not be empty");
    c.host = value;
  } else if (key == "port") {
    TRY_ASSIGN(c.port, parse_int(source, value, 0, 65535));
  } else if (key == "threads") {
    TRY_ASSIGN(c.threads, parse_int(source, value, 1, 1024));
  } else if (key == "log-level") {
    auto level = log::parse_level(value);
    if (!level.ok()) return Error::InvalidArgument(source + ": " + level.error().message());
    c.log_level = *level;
  } else if (key == "retention-days") {
    TRY_ASSIGN(c.retention_days, parse_int(source, value, 1, 100 * 366));
  } else if (key == "backup-dir") {
    if (value.empty()) return Error::InvalidArgument(source + " must not be empty");
    c.backup_dir = value;
  } else if (key == "backup-every") {
    TRY_ASSIGN(c.backup_every_minutes, parse_minutes(source, value));
  } else if (key == "backup-keep") {
    TRY_ASSIGN(c.backup_keep, parse_int(source, value, 1, 10000));
  } else if (key == "dry-run") {
    TRY_ASSIGN(c.dry_run, parse_bool(source, value));
  } else if (key == "apply") {
    TRY_ASSIGN(c.apply, parse_bool(source, value));
  } else if (key == "demo") {
    TRY_ASSIGN(c.demo, parse_bool(source, value));
  } else if (key == "access-log") {
    TRY_ASSIGN(c.access_log, parse_bool(source, value));
  } else if (key == "session-idle-minutes") {
    TRY_ASSIGN(c.session_idle_minutes, parse_int(source, value, 1, 24 * 60));
  } else if (key == "session-max-hours") {
    TRY_ASSIGN(c.session_max_hours, parse_int(source, value, 1, 24 * 7));
  } else if (key == "tls-cert") {
    if (value.empty()) return Error::InvalidArgument(source + " must not be empty");
    c.tls_cert = value;
  } else if (key == "tls-key") {
    if (value.empty()) return Error::InvalidArgument(source + " must not be empty");
    c.tls_key = value;
  } else if (key == "web-root") {
    c.web_root = value;  // "" serves no web client
  } else if (key == "synchronous") {
    TRY_ASSIGN(c.synchronous, parse_synchronous(source, value));
  } else if (key == "trusted-proxy") {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string one(trim(std::string_view(value).substr(start, comma - start)));
      if (one.empty() || one.find_first_of(" /") != std::string::npos) {
        return Error::InvalidArgument(source + " must list addresses separated by commas, not '" +
                                      value + "'");
      }
      c.trusted_proxies.push_back(one);
      start = comma + 1;
    }
  } else if (key == "audit-key-file" || key == "signing-key" || key == "public-key" ||
             key == "checkpoint" || key == "out" || key == "from" || key == "log-file" ||
             key == "username" || key == "seed-dir") {
    if (value.empty()) return Error::InvalidArgument(source + " must not be empty");
    std::string& target = key == "audit-key-file" ? c.audit_key_file
                          : key == "signing-key"  ? c.signing_key_file
                          : key == "public-key"   ? c.public_key_file
                          : key == "checkpoint"   ? c.checkpoint_file
                          : key == "from"         ? c.from_file
                          : key == "log-file"     ? c.log_file
                          : key == "username"     ? c.username
                          : key == "seed-dir"     ? c.seed_dir
                                                  : c.out_file;
    target = value;
  } else {
    return Error::InvalidArgument("unknown option " + source);
  }
  return Status::Ok();
}

struct Setting {
  const char* flag;
  const char* env;
  bool takes_value;
};
constexpr Setting kSettings[] = {
    {"db", "TSUNAGU_DB", true},
    {"host", "TSUNAGU_HOST", true},
    {"port", "TSUNAGU_PORT", true},
    {"threads", "TSUNAGU_THREADS", true},
    {"log-level", "TSUNAGU_LOG_LEVEL", true},
    {"log-file", "TSUNAGU_LOG_FILE", true},
    {"demo", "TSUNAGU_DEMO", false},
    {"seed-dir", "TSUNAGU_SEED_DIR", true},
    {"access-log", "TSUNAGU_ACCESS_LOG", true},
    {"synchronous", "TSUNAGU_SYNCHRONOUS", true},
    {"session-idle-minutes", "TSUNAGU_SESSION_IDLE_MINUTES", true},
    {"session-max-hours", "TSUNAGU_SESSION_MAX_HOURS", true},
    {"tls-cert", "TSUNAGU_TLS_CERT", true},
    {"tls-key", "TSUNAGU_TLS_KEY", true},
    {"web-root", "TSUNAGU_WEB_ROOT", true},
    {"trusted-proxy", "TSUNAGU_TRUSTED_PROXY", true},
    {"audit-key-file", "TSUNAGU_AUDIT_KEY_FILE", true},
    {"signing-key", "TSUNAGU_CHECKPOINT_SIGNING_KEY", true},
    {"public-key", "TSUNAGU_CHECKPOINT_PUBLIC_KEY", true},
    {"checkpoint", "TSUNAGU_CHECKPOINT", true},
    {"out", nullptr, true},
    {"from", nullptr, true},
    {"username", nullptr, true},
    {"retention-days", "TSUNAGU_RETENTION_DAYS", true},
    {"apply", nullptr, false},
    {"dry-run", nullptr, false},
    {"backup-dir", "TSUNAGU_BACKUP_DIR", true},
    {"backup-every", "TSUNAGU_BACKUP_EVERY", true},
    {"backup-keep", "TSUNAGU_BACKUP_KEEP", true},
};

constexpr const char* kCommands[] = {
    "serve",   "audit-verify", "audit-checkpoint", "audit-keygen", "checkpoint-keygen", "backup",
    "restore", "purge",        "create-admin",     "export-hsds",  "import-hsds",       "seed"};

}  // namespace

Result<Invocation> parse_invocation(const std::vector<std::string>& args, const Getenv& getenv) {
  Invocation inv;
  for (const Setting& s : kSettings) {
    if (s.env == nullptr) continue;
    if (auto v = getenv(s.env); v && !v->empty()) TRY(apply(inv.config, s.flag, *v, s.env));
  }
  if (auto pw = getenv("TSUNAGU_DEMO_PASSWORD")) inv.config.demo_password = *pw;
  // Secrets: read from the environment only, never a flag (flags show in `ps`).
  if (auto key = getenv("TSUNAGU_AUDIT_KEY")) inv.config.audit_key = *key;
  if (auto pw = getenv("TSUNAGU_ADMIN_PASSWORD")) inv.config.admin_password = *pw;

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      inv.help = true;
      continue;
    }
    if (arg == "--version") {
      inv.version = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) {
      bool is_command = false;
      for (const char* command : kCommands) is_command = is_command || arg == command;
      if (i == 0 && is_command) {
        inv.config.command = arg;
        continue;
      }
      // import-hsds DIR: the one positional argument.
      if (inv.config.command == "import-hsds" && inv.config.import_dir.empty() && !arg.empty()) {
        inv.config.import_dir = arg;
        continue;
      }
      return Error::InvalidArgument("unexpected argument '" + arg + "'");
    }
    std::string key = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key.resize(eq);
    }
    const Setting* setting = nullptr;
    for (const Setting& s : kSettings) {
      if (key == s.flag) setting = &s;
    }
    if (setting == nullptr) return Error::InvalidArgument("unknown option --" + key);
    if (!value) {
      if (!setting->takes_value) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return Error::InvalidArgument("--" + key + " needs a value");
      }
    }
    TRY(apply(inv.config, key, *value, "--" + key));
  }
  if (inv.config.tls_cert.empty() != inv.config.tls_key.empty()) {
    return Error::InvalidArgument("--tls-cert and --tls-key go together: give both or neither");
  }
  if (inv.config.session_idle_minutes > inv.config.session_max_hours * 60) {
    return Error::InvalidArgument(
        "--session-idle-minutes must not be longer than --session-max-hours");
  }
  return inv;
}

std::string usage() {
  return R"(Usage: tsunagu-server [serve] [options]
       tsunagu-server audit-verify --db PATH [--audit-key-file FILE]
                      [--checkpoint FILE --public-key FILE]
       tsunagu-server audit-checkpoint --db PATH [--audit-key-file FILE]
                      --signing-key FILE --out FILE
       tsunagu-server audit-keygen --out FILE
       tsunagu-server checkpoint-keygen --signing-key FILE --public-key FILE
       tsunagu-server backup --db PATH --out FILE [--audit-key-file FILE]
       tsunagu-server restore --from FILE --db PATH [--audit-key-file FILE]
       tsunagu-server create-admin --db PATH --username NAME [--audit-key-file FILE]
                      (password: TSUNAGU_ADMIN_PASSWORD or the first line of standard input)
       tsunagu-server purge --db PATH --retention-days N [--apply] [--audit-key-file FILE]
       tsunagu-server export-hsds --db PATH --out DIR
       tsunagu-server import-hsds --db PATH DIR [--dry-run] [--audit-key-file FILE]
       tsunagu-server seed --db PATH [--seed-dir DIR] [--audit-key-file FILE]

Serves the Tsunagu API for Sapporo's child-abuse prevention network.
audit-verify recomputes the audit log's keyed hash chain and reports the first broken link;
with --checkpoint it also checks a signed checkpoint: a cut tail or a rewritten history
(exit 0: intact, 1: broken, 3: cannot check: no database, no key, a bad checkpoint file).
audit-checkpoint verifies the chain and writes a checkpoint (entry count, head hash, time)
signed with the Ed25519 key of checkpoint-keygen. audit-keygen writes a new audit key (0600).
backup copies the database while the server runs (SQLite's online backup) and checks the copy
(integrity, audit chain). restore checks a backup and puts it in place of the database, keeping
the old file as PATH.before-restore-TIME; it refuses while a server runs on PATH. purge lists
the closed cases older than the retention period and what it would erase of them; with --apply
it erases it (one audit entry per case). export-hsds writes the public directory as Open
Referral HSDS 3.0 JSON into DIR, one file per object type (docs/hsds.md). import-hsds reads
DIR/organizations.json (as export-hsds writes it) and upserts its organizations and services by
id, all or nothing, with one audit entry; it lists every invalid record as file:line: id: field:
problem and then writes nothing; --dry-run checks and counts what would change, writing nothing.
seed loads the demo data set into a new, empty database, as --demo does, and prints the demo
accounts; a database that holds other data is refused.
Exit 0: done, 1: refused or failed (import-hsds: invalid records), 3: cannot check (import-hsds,
seed: cannot read the files or the database).

Options (each also read from the environment variable shown):
  --db PATH              SQLite database file, created if missing   TSUNAGU_DB (tsunagu.db)
  --host ADDRESS         address to listen on                       TSUNAGU_HOST (127.0.0.1)
  --port N               port; 0 picks a free one and prints it     TSUNAGU_PORT (8080)
  --demo                 load the demo data set into an empty db    TSUNAGU_DEMO
                         demo accounts' password: TSUNAGU_DEMO_PASSWORD, else a printed random one
  --seed-dir DIR         the demo data set's files (--demo, seed)   TSUNAGU_SEED_DIR
                         (default: the installed share/tsunagu/seed; the source tree's seed/
                         for the build tree's binary)
  --threads N            HTTP worker threads (one per open connection) TSUNAGU_THREADS (64)
  --log-level LEVEL      debug, info, warn, error or off            TSUNAGU_LOG_LEVEL (info)
  --log-file PATH        append the log to PATH, reopened on SIGHUP TSUNAGU_LOG_FILE (stderr)
  --access-log BOOL      one log line per request                   TSUNAGU_ACCESS_LOG (true)
  --synchronous MODE     SQLite synchronous: full, normal or off    TSUNAGU_SYNCHRONOUS (full)
  --session-idle-minutes N  a token unused this long expires    TSUNAGU_SESSION_IDLE_MINUTES (30)
  --session-max-hours N  a token expires this long after sign-in    TSUNAGU_SESSION_MAX_HOURS (12)
  --tls-cert PATH        PEM certificate: serve HTTPS (with --tls-key) TSUNAGU_TLS_CERT
  --tls-key PATH         PEM private key for --tls-cert             TSUNAGU_TLS_KEY
  --web-root DIR         the built web client served at /; "": none TSUNAGU_WEB_ROOT
                         (default: the build's client/web/dist)
  --trusted-proxy ADDR   a reverse proxy whose X-Forwarded-For is believed; repeat or use a
                         comma list                                 TSUNAGU_TRUSTED_PROXY
  --audit-key-file FILE  the audit chain's HMAC key (audit-keygen)  TSUNAGU_AUDIT_KEY_FILE
                         or the key itself in TSUNAGU_AUDIT_KEY; without either the server
                         refuses to start (with --demo it makes <db>.audit-key)
  --backup-dir DIR       back up into DIR on a schedule (checked copies) TSUNAGU_BACKUP_DIR
  --backup-every D       how often: 90m, 6h, 1d                     TSUNAGU_BACKUP_EVERY (1d)
  --backup-keep N        how many of those backups are kept         TSUNAGU_BACKUP_KEEP (7)
  --version              print the version and exit
  --help                 print this help and exit

Exit codes: 0 after a clean shutdown (SIGINT/SIGTERM; a second one exits at once with
128 + the signal), 1 when the server cannot start, 2 for bad options.
)";
}

}  // namespace tsunagu::app
