// Operator subcommands of tsunagu-server that run instead of the server and exit, and the audit
// key every mode needs:
//   audit-verify --db PATH [--checkpoint FILE --public-key FILE]: recomputes the audit log's
//     keyed hash chain (the same check as GET /api/v1/audit/verify) and, with a checkpoint,
//     finds a cut tail or a rewritten history; for an operator who suspects tampering, or cron.
//   audit-checkpoint --db PATH --signing-key FILE --out FILE: a signed checkpoint of the chain.
//   audit-keygen --out FILE: a new audit (HMAC) key, mode 0600.
//   checkpoint-keygen --signing-key FILE --public-key FILE: a new Ed25519 key pair.
//   backup --db PATH --out FILE: an online copy of a live database, checked (integrity, the
//     schema version, the audit chain) before it takes its name.
//   restore --from FILE --db PATH: checks the backup, then puts it in place of PATH, keeping the
//     old file (and its WAL) as PATH.before-restore-TIME; refused while a server holds PATH.
//   create-admin --db PATH --username NAME: the first admin account of a new installation, its
//     password from TSUNAGU_ADMIN_PASSWORD or the first line of standard input; refused once
//     an enabled admin exists (later accounts are made in the web client).
//   purge --db PATH --retention-days N [--apply]: closed cases older than N days lose their
//     content (domain/cases/retention.h); without --apply only what would be erased is printed.
//   export-hsds --db PATH --out DIR: the public directory as HSDS 3.0 JSON, one file per object
//     type (http/hsds_documents.h, docs/hsds.md); only what /hsds/ shows to anyone.
//   import-hsds --db PATH DIR [--dry-run]: DIR/organizations.json upserted by id, all or
//     nothing, one audit entry (domain/directory/directory_import.h); every invalid record reported
//     as file:line: id: field: problem (exit 1, nothing written); 3 when it cannot read the file or
//     the database. The database is created when missing (not by a dry run).
//   seed --db PATH [--seed-dir DIR]: the demo data set (domain/seed/demo.h) loaded into a new,
//     empty database, as --demo does, and the demo accounts printed; a database that had it is
//     left as it is (exit 0), one with other data refused (exit 1); 3 when it cannot read the seed
//     files or the database. Without an audit key it makes <db>.audit-key, as --demo.
//
// Thread-safety: run from main() alone.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include "app/config.h"
#include "common/result.h"

namespace tsunagu::app {

inline constexpr int kExitAuditIntact = 0;
inline constexpr int kExitAuditBroken = 1;
inline constexpr int kExitCannotCheck = 3;

// The audit chain's key: the contents of --audit-key-file (surrounding whitespace trimmed), else
// TSUNAGU_AUDIT_KEY. With neither: when `demo_db` is given, the key in "<demo_db>.audit-key",
// created (random, mode 0600) when missing, with a warning; otherwise FailedPrecondition saying
// how to make one. A key shorter than audit::kMinKeyBytes is refused.
Result<std::string> load_audit_key(const Config& config, const std::string& demo_db = "");

// Each prints the outcome to `out` (or why it could not to `err`) and returns the exit code.
// audit-verify refuses a database path that does not exist rather than creating one there.
int audit_verify_command(const Config& config, std::ostream& out, std::ostream& err);
int audit_checkpoint_command(const Config& config, std::ostream& out, std::ostream& err);
int audit_keygen_command(const Config& config, std::ostream& out, std::ostream& err);
int checkpoint_keygen_command(const Config& config, std::ostream& out, std::ostream& err);
int backup_command(const Config& config, std::ostream& out, std::ostream& err);
// What backup does, for the server's own schedule (--backup-dir): copies the database at
// `db_path` to `out_file` and checks the copy under the audit key already set; a copy that
// fails the check is removed. Reports what it did to `report`.
Status backup_database(const std::string& db_path, const std::string& out_file,
                       std::ostream& report);
// A scheduled backup: "<dir>/tsunagu-<UTC time>.db", then the oldest of the tsunagu-*.db in
// `dir` removed beyond the newest `keep`. Returns the new file's path.
Result<std::string> scheduled_backup(const std::string& db_path, const std::string& dir, int keep,
                                     std::ostream& report);
int restore_command(const Config& config, std::ostream& out, std::ostream& err);
int purge_command(const Config& config, std::ostream& out, std::ostream& err);
int create_admin_command(const Config& config, std::istream& in, std::ostream& out,
                         std::ostream& err);
int export_hsds_command(const Config& config, std::ostream& out, std::ostream& err);
int import_hsds_command(const Config& config, std::ostream& out, std::ostream& err);
int seed_command(const Config& config, std::ostream& out, std::ostream& err);

}  // namespace tsunagu::app
