// Command-line flags and TSUNAGU_* environment variables → Config. A flag beats its variable,
// which beats the default. Parsing never exits; main() prints and chooses the exit code.
//
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/log.h"
#include "common/result.h"
#include "storage/connection.h"

namespace tsunagu::app {

struct Config {
  // serve (the default), audit-verify, audit-checkpoint, audit-keygen, checkpoint-keygen,
  // backup, restore, purge, create-admin, export-hsds, import-hsds or seed
  std::string command = "serve";
  std::string db_path = "tsunagu.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  bool demo = false;
  std::string demo_password;         // TSUNAGU_DEMO_PASSWORD; empty → a random one is printed
  std::set<std::string> demo_kinds;  // which seed kinds --demo loads; empty → all (tests only)
  std::string seed_dir;  // the demo data set's files (--seed-dir); "" → default_seed_dir()
  int threads = 64;
  log::Level log_level = log::Level::kInfo;
  std::string log_file;  // "" → stderr; a file is reopened on SIGHUP (logrotate)
  bool access_log = true;
  storage::Synchronous synchronous = storage::Synchronous::kFull;
  bool handle_signals = true;     // false in tests that run the app in-process
  int session_idle_minutes = 30;  // a token unused this long expires
  int session_max_hours = 12;     // a token expires this long after sign-in, used or not
  std::string tls_cert;           // PEM certificate chain; with tls_key, serve HTTPS
  std::string tls_key;            // PEM private key
  // The built web client's folder (--web-root); nullopt: kDefaultWebRoot, "": serve no client.
  std::optional<std::string> web_root;
  // Reverse proxies whose X-Forwarded-For is believed (exact addresses); the client address
  // the throttle and the audit log use is the right-most hop that is not one of them.
  std::vector<std::string> trusted_proxies;
  // The audit chain's HMAC key: the file --audit-key-file names, else TSUNAGU_AUDIT_KEY itself.
  std::string audit_key_file;
  std::string audit_key;
  // Subcommands' files: the Ed25519 signing (secret) and public key, a checkpoint, an output.
  std::string signing_key_file;
  std::string public_key_file;
  std::string checkpoint_file;
  std::string out_file;
  std::string from_file;       // restore: the backup to restore
  std::string import_dir;      // import-hsds: the folder of export-hsds's files (positional)
  bool dry_run = false;        // import-hsds: check and count, write nothing
  std::string username;        // create-admin: the account's username
  std::string admin_password;  // create-admin: TSUNAGU_ADMIN_PASSWORD (else standard input)
  // purge: cases closed more than this many days ago are erased (0: not given, purge refuses).
  int retention_days = 0;
  bool apply = false;
  // The server's own backups: every backup_every_minutes into backup_dir ("" → none), the
  // newest backup_keep kept.
  std::string backup_dir;
  int backup_every_minutes = 24 * 60;
  int backup_keep = 7;  // purge: erase; without it purge only reports what it would erase
  // Tests only (no flag, no variable): Argon2 with tiny parameters so suites that sign in many
  // times stay fast. Production always uses the strong defaults (domain/accounts/passwords.h).
  bool cheap_password_hashing_for_tests = false;
};

// The folder the build puts the web client in (client/web/dist under the build tree), compiled in.
extern const char* const kDefaultWebRoot;

// Where --demo and `seed` read the demo data set without --seed-dir, compiled in: the source
// tree's seed/ for the tsunagu-server the build tree holds, the installed
// <datadir>/tsunagu/seed for any other.
std::string default_seed_dir();
// config.seed_dir, else default_seed_dir().
std::string seed_dir(const Config& config);

struct Invocation {
  Config config;
  bool help = false;
  bool version = false;
};

using Getenv = std::function<std::optional<std::string>(const char* name)>;

// `args` excludes the program name. Fails with InvalidArgument whose message is ready to print.
Result<Invocation> parse_invocation(const std::vector<std::string>& args, const Getenv& getenv);

std::string usage();

}  // namespace tsunagu::app
