#include "app/commands.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/ids.h"
#include "common/log.h"
#include "common/text.h"
#include "domain/access/policy.h"
#include "domain/accounts/accounts.h"
#include "domain/accounts/passwords.h"
#include "domain/audit/audit.h"
#include "domain/audit/audit_checkpoint.h"
#include "domain/cases/retention.h"
#include "domain/directory/directory_import.h"
#include "domain/seed/demo.h"
#include "http/hsds_documents.h"
#include "http/hsds_import.h"
#include "storage/backup.h"
#include "storage/database.h"
#include "storage/migrator.h"

namespace tsunagu::app {
namespace {

Result<std::string> read_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::FailedPrecondition(std::string("cannot read ") + what + " " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes `content` to a new file readable by its owner only; refuses to replace one.
Status write_secret_file(const std::string& path, const std::string& content, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    return Error::FailedPrecondition("cannot create " + path + ": " + std::strerror(errno) +
                                     (errno == EEXIST ? " (it is never overwritten)" : ""));
  }
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok) return Error::Internal("cannot write " + path);
  return Status::Ok();
}

Result<std::string> checked_key(std::string key, const std::string& source) {
  key = std::string(trim(key));
  if (key.size() < domain::audit::kMinKeyBytes) {
    return Error::FailedPrecondition(
        "the audit key in " + source + " is shorter than " +
        std::to_string(domain::audit::kMinKeyBytes) +
        " bytes; make one with: tsunagu-server audit-keygen --out FILE");
  }
  return key;
}

// The database at --db, which must exist; `read_only`: opened without writing to it at all.
Result<std::unique_ptr<storage::Database>> open_existing(const Config& config,
                                                         bool read_only = false) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(config.db_path, ec)) {
    return Error::NotFound("no database at " + config.db_path);
  }
  storage::DatabaseOptions options;
  options.path = config.db_path;
  options.readers = 1;
  options.read_only = read_only;
  return storage::Database::open(options);
}

// The database, opened read-only (an audit never changes its evidence), and the key, for the
// audit subcommands; prints why not and gives nullptr.
std::unique_ptr<storage::Database> open_for_audit(const Config& config, std::ostream& err) {
  auto key = load_audit_key(config);
  if (!key.ok()) {
    err << "tsunagu-server: " << key.error().message() << "\n";
    return nullptr;
  }
  domain::audit::set_chain_key(*key);
  auto db = open_existing(config, true);
  if (!db.ok()) {
    err << "tsunagu-server: " << db.error().message() << "\n";
    return nullptr;
  }
  return std::move(*db);
}

// Sets the process's audit key from the configuration; prints why not and gives false.
bool use_audit_key(const Config& config, std::ostream& err) {
  auto key = load_audit_key(config);
  if (!key.ok()) {
    err << "tsunagu-server: " << key.error().message() << "\n";
    return false;
  }
  domain::audit::set_chain_key(*key);
  return true;
}

// Checks a copy of a database before it is trusted: SQLite's integrity check, a schema this
// binary knows (an older one is migrated, as the server would at start), and the audit chain
// under the key (set before). Prints what it found.
Status check_copy(const std::string& path, std::ostream& out) {
  TRY(storage::check_integrity(path));
  TRY_ASSIGN(int version, storage::schema_version_of(path));
  const int newest = static_cast<int>(storage::embedded_migrations().size());
  if (version > newest) {
    return Error::FailedPrecondition(path + " has schema version " + std::to_string(version) +
                                     ", newer than this server understands (" +
                                     std::to_string(newest) + ")");
  }
  storage::DatabaseOptions options;
  options.path = path;
  options.readers = 1;
  options.refresh_statistics = false;
  TRY_ASSIGN(auto db, storage::Database::open(options));
  TRY_ASSIGN(auto chain, domain::audit::verify(*db));
  if (!chain.ok) {
    return Error::FailedPrecondition(path + ": audit log broken at entry " +
                                     std::to_string(chain.broken_at.value_or(0)) + ": " +
                                     chain.reason);
  }
  out << "  integrity ok, schema version " << version
      << (version < newest ? " (migrated to " + std::to_string(newest) + ")" : std::string())
      << ", audit log intact (" << chain.entries << " entries)\n";
  return Status::Ok();
}

// "20261201T083000.123Z": a file-name-safe time stamp; names made with it sort by time.
std::string file_stamp() {
  std::string out;
  for (char ch : format_utc(SystemClock().now())) {  // 2026-12-01T08:30:00.123Z
    if (ch != '-' && ch != ':') out.push_back(ch);
  }
  return out;
}

bool exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

// Renames `from` to `to` when it exists.
Status move_if_present(const std::string& from, const std::string& to) {
  if (!exists(from)) return Status::Ok();
  std::error_code ec;
  std::filesystem::rename(from, to, ec);
  if (ec) return Error::Internal("cannot move " + from + " to " + to + ": " + ec.message());
  return Status::Ok();
}

int fail(std::ostream& err, const Error& error, int code = 1) {
  err << "tsunagu-server: " << error.message() << "\n";
  return code;
}

}  // namespace

Result<std::string> load_audit_key(const Config& config, const std::string& demo_db) {
  if (!config.audit_key_file.empty()) {
    TRY_ASSIGN(std::string text, read_file(config.audit_key_file, "the audit key file"));
    struct stat st {};
    if (::stat(config.audit_key_file.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
      LOG(kWarn) << "the audit key file " << config.audit_key_file
                 << " is readable by others than its owner; chmod 600 it";
    }
    return checked_key(std::move(text), config.audit_key_file);
  }
  if (!config.audit_key.empty()) return checked_key(config.audit_key, "TSUNAGU_AUDIT_KEY");
  if (demo_db.empty()) {
    return Error::FailedPrecondition(
        "no audit key: give --audit-key-file FILE (or TSUNAGU_AUDIT_KEY). Make one with "
        "'tsunagu-server audit-keygen --out FILE' and keep it outside the database's directory "
        "and its backups (docs/operations.md).");
  }
  const std::string path = demo_db + ".audit-key";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    TRY(write_secret_file(path, to_hex(random_bytes(32)) + "\n", 0600));
    LOG(kWarn) << "demo: made an audit key next to the database (" << path
               << "); a real installation keeps it elsewhere (--audit-key-file)";
  }
  TRY_ASSIGN(std::string text, read_file(path, "the demo audit key"));
  return checked_key(std::move(text), path);
}

int audit_verify_command(const Config& config, std::ostream& out, std::ostream& err) {
  // The checkpoint and its public key are checked before the database is even opened.
  std::optional<domain::audit::Checkpoint> checkpoint;
  if (!config.checkpoint_file.empty()) {
    if (config.public_key_file.empty()) {
      err << "tsunagu-server: --checkpoint needs --public-key FILE (the signer's public key)\n";
      return kExitCannotCheck;
    }
    auto text = read_file(config.checkpoint_file, "the checkpoint");
    auto pk = read_file(config.public_key_file, "the public key");
    if (!text.ok() || !pk.ok()) {
      err << "tsunagu-server: " << (text.ok() ? pk.error() : text.error()).message() << "\n";
      return kExitCannotCheck;
    }
    auto parsed = domain::audit::parse_checkpoint(*text);
    if (!parsed.ok()) {
      err << "tsunagu-server: " << parsed.error().message() << "\n";
      return kExitCannotCheck;
    }
    Status signature = domain::audit::check_signature(*parsed, std::string(trim(*pk)));
    if (!signature.ok()) {
      out << "checkpoint REFUSED: " << signature.error().message() << "\n";
      return signature.error().kind() == ErrorKind::kPermissionDenied ? kExitAuditBroken
                                                                      : kExitCannotCheck;
    }
    checkpoint = *parsed;
  }
  auto db = open_for_audit(config, err);
  if (!db) return kExitCannotCheck;
  auto v = domain::audit::verify(*db);
  if (!v.ok()) {
    err << "tsunagu-server: " << v.error().message() << "\n";
    return kExitCannotCheck;
  }
  int code = kExitAuditIntact;
  if (v->ok) {
    out << "audit log intact: " << v->entries << " entries (" << v->unkeyed_entries
        << " written before the chain was keyed, " << (v->entries - v->unkeyed_entries)
        << " keyed)\n";
  } else {
    out << "audit log BROKEN at entry " << v->broken_at.value_or(0) << ": " << v->reason << " ("
        << v->entries << " entries before it are intact)\n";
    code = kExitAuditBroken;
  }
  if (checkpoint) {
    auto check = domain::audit::compare_with_checkpoint(*db, *checkpoint);
    if (!check.ok()) {
      err << "tsunagu-server: " << check.error().message() << "\n";
      return kExitCannotCheck;
    }
    if (check->ok) {
      out << "checkpoint of " << checkpoint->at << " holds: entry " << checkpoint->entries
          << " has the signed hash\n";
    } else {
      out << "checkpoint of " << checkpoint->at << " FAILS: " << check->reason << "\n";
      code = kExitAuditBroken;
    }
  }
  return code;
}

int audit_checkpoint_command(const Config& config, std::ostream& out, std::ostream& err) {
  if (config.signing_key_file.empty() || config.out_file.empty()) {
    err << "tsunagu-server: audit-checkpoint needs --signing-key FILE and --out FILE\n";
    return kExitCannotCheck;
  }
  auto sk = read_file(config.signing_key_file, "the signing key");
  if (!sk.ok()) {
    err << "tsunagu-server: " << sk.error().message() << "\n";
    return kExitCannotCheck;
  }
  auto db = open_for_audit(config, err);
  if (!db) return kExitCannotCheck;
  SystemClock clock;
  auto cp = domain::audit::make_checkpoint(*db, clock, std::string(trim(*sk)));
  if (!cp.ok()) {
    err << "tsunagu-server: " << cp.error().message() << "\n";
    return cp.error().kind() == ErrorKind::kFailedPrecondition ? kExitAuditBroken
                                                               : kExitCannotCheck;
  }
  Status written = write_secret_file(config.out_file, domain::audit::format_checkpoint(*cp), 0644);
  if (!written.ok()) {
    err << "tsunagu-server: " << written.error().message() << "\n";
    return kExitCannotCheck;
  }
  out << "checkpoint written to " << config.out_file << ": " << cp->entries << " entries, head "
      << cp->head_hash << "\n";
  return 0;
}

int audit_keygen_command(const Config& config, std::ostream& out, std::ostream& err) {
  if (config.out_file.empty()) {
    err << "tsunagu-server: audit-keygen needs --out FILE\n";
    return 2;
  }
  Status written = write_secret_file(config.out_file, to_hex(random_bytes(32)) + "\n", 0600);
  if (!written.ok()) {
    err << "tsunagu-server: " << written.error().message() << "\n";
    return 1;
  }
  out << "audit key written to " << config.out_file << " (mode 0600)\n";
  return 0;
}

int checkpoint_keygen_command(const Config& config, std::ostream& out, std::ostream& err) {
  if (config.signing_key_file.empty() || config.public_key_file.empty()) {
    err << "tsunagu-server: checkpoint-keygen needs --signing-key FILE and --public-key FILE\n";
    return 2;
  }
  auto keys = domain::audit::generate_signing_keys();
  Status secret = write_secret_file(config.signing_key_file, keys.secret_hex + "\n", 0600);
  if (!secret.ok()) {
    err << "tsunagu-server: " << secret.error().message() << "\n";
    return 1;
  }
  Status pub = write_secret_file(config.public_key_file, keys.public_hex + "\n", 0644);
  if (!pub.ok()) {
    err << "tsunagu-server: " << pub.error().message() << "\n";
    return 1;
  }
  out << "signing key written to " << config.signing_key_file << " (mode 0600; keep it off the "
      << "server), public key to " << config.public_key_file << "\n";
  return 0;
}

}  // namespace tsunagu::app

namespace tsunagu::app {

Status backup_database(const std::string& db_path, const std::string& out_file,
                       std::ostream& report) {
  if (exists(out_file)) {
    return Error::FailedPrecondition(out_file + " exists; a backup never overwrites a file");
  }
  // The copy is checked under a name of its own and takes the final name only when it passed.
  const std::string checking = out_file + ".checking";
  std::error_code ec;
  std::filesystem::remove(checking, ec);
  TRY(storage::copy_database(db_path, checking));
  report << "copied " << db_path << " (online backup)\n";
  Status checked = check_copy(checking, report);
  if (!checked.ok()) {
    std::filesystem::remove(checking, ec);
    return Error::Internal("the copy fails its check, so no backup was kept: " +
                           checked.error().message());
  }
  TRY(move_if_present(checking, out_file));
  report << "backup written to " << out_file << " (" << std::filesystem::file_size(out_file, ec)
         << " bytes)\n";
  return Status::Ok();
}

Result<std::string> scheduled_backup(const std::string& db_path, const std::string& dir, int keep,
                                     std::ostream& report) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string out =
      (std::filesystem::path(dir) / ("tsunagu-" + file_stamp() + ".db")).string();
  TRY(backup_database(db_path, out, report));
  // The names sort by time; only this schedule's files are counted and removed.
  std::vector<std::string> made;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("tsunagu-", 0) == 0 && name.size() > 3 &&
        name.compare(name.size() - 3, 3, ".db") == 0) {
      made.push_back(entry.path().string());
    }
  }
  std::sort(made.begin(), made.end());
  for (size_t i = 0; keep > 0 && i + static_cast<size_t>(keep) < made.size(); ++i) {
    std::filesystem::remove(made[i], ec);
    report << "removed the old backup " << made[i] << "\n";
  }
  return out;
}

int backup_command(const Config& config, std::ostream& out, std::ostream& err) {
  if (config.out_file.empty()) {
    err << "tsunagu-server: backup needs --db PATH and --out FILE\n";
    return 2;
  }
  if (!use_audit_key(config, err)) return kExitCannotCheck;
  Status done = backup_database(config.db_path, config.out_file, out);
  if (!done.ok()) {
    return fail(err, done.error(),
                done.error().kind() == ErrorKind::kFailedPrecondition ? kExitCannotCheck : 1);
  }
  return 0;
}

int restore_command(const Config& config, std::ostream& out, std::ostream& err) {
  if (config.from_file.empty()) {
    err << "tsunagu-server: restore needs --from FILE and --db PATH\n";
    return 2;
  }
  if (!use_audit_key(config, err)) return kExitCannotCheck;
  // Held until the end: no server can start on the database while it is being replaced.
  auto lock = storage::DatabaseLock::acquire(config.db_path);
  if (!lock.ok())
    return fail(err, Error::FailedPrecondition("restore refused: " + lock.error().message()));
  // The backup itself is never opened for writing: a copy of it is checked and moved in.
  const std::string incoming = config.db_path + ".restoring";
  std::error_code ec;
  std::filesystem::remove(incoming, ec);
  Status copied = storage::copy_database(config.from_file, incoming);
  if (!copied.ok()) return fail(err, copied.error(), kExitCannotCheck);
  out << "checking " << config.from_file << "\n";
  Status checked = check_copy(incoming, out);
  if (!checked.ok()) {
    std::filesystem::remove(incoming, ec);
    return fail(err, Error::FailedPrecondition("restore refused, nothing changed: " +
                                               checked.error().message()));
  }
  // The old database with its WAL (it may hold commits not yet in the file), under one name.
  const std::string aside = config.db_path + ".before-restore-" + file_stamp();
  for (const char* suffix : {"", "-wal"}) {
    Status moved = move_if_present(config.db_path + suffix, aside + suffix);
    if (!moved.ok()) return fail(err, moved.error());
  }
  std::filesystem::remove(config.db_path + "-shm", ec);
  Status moved = move_if_present(incoming, config.db_path);
  if (!moved.ok()) return fail(err, moved.error());
  out << "restored " << config.from_file << " to " << config.db_path << "\n";
  if (exists(aside)) out << "the database it replaced is kept as " << aside << "\n";
  return 0;
}

int purge_command(const Config& config, std::ostream& out, std::ostream& err) {
  if (config.retention_days <= 0) {
    err << "tsunagu-server: purge needs --retention-days N (cases closed more than N days ago "
           "are erased)\n";
    return 2;
  }
  if (!use_audit_key(config, err)) return kExitCannotCheck;
  auto db = open_existing(config);
  if (!db.ok()) return fail(err, db.error(), kExitCannotCheck);
  SystemClock clock;
  auto plan = domain::retention::plan(**db, clock, config.retention_days);
  if (!plan.ok()) return fail(err, plan.error());
  out << plan->cases.size() << " closed cases were closed before " << plan->closed_before << " ("
      << config.retention_days << " days ago)" << (plan->cases.empty() ? "" : ":") << "\n";
  for (const auto& c : plan->cases) {
    out << "  case " << c.case_id << "  ward " << c.ward << "  ref " << c.case_ref << "  closed "
        << c.closed_at << "\n";
  }
  if (plan->cases.empty()) return 0;
  out << (config.apply ? "erasing" : "would erase") << ":\n";
  for (const auto& column : plan->columns) {
    out << "  " << column.table << "." << column.column << ": " << column.values << " values\n";
  }
  if (!config.apply) {
    out << "dry run: nothing was changed; run again with --apply to erase\n";
    return 0;
  }
  auto erased = domain::retention::erase(**db, clock, config.retention_days);
  if (!erased.ok()) return fail(err, erased.error());
  out << "erased the content of " << *erased << " cases (one case.erase audit entry each)\n";
  return 0;
}

}  // namespace tsunagu::app

namespace tsunagu::app {

int create_admin_command(const Config& config, std::istream& in, std::ostream& out,
                         std::ostream& err) {
  if (config.username.empty()) {
    err << "tsunagu-server: create-admin needs --db PATH and --username NAME\n";
    return 2;
  }
  std::string password = config.admin_password;
  if (password.empty()) std::getline(in, password);
  if (!use_audit_key(config, err)) return kExitCannotCheck;
  storage::DatabaseOptions options;
  options.path = config.db_path;
  options.readers = 1;
  auto db = storage::Database::open(options);  // a new installation: made and migrated here
  if (!db.ok()) return fail(err, db.error());
  Status bound = domain::audit::bind_chain_key(**db);
  if (!bound.ok()) return fail(err, bound.error());
  auto admins = (*db)->read([](storage::Connection& c) -> Result<int64_t> {
    return domain::enabled_account_managers(c);
  });
  if (!admins.ok()) return fail(err, admins.error());
  if (*admins > 0) {
    return fail(err, Error::FailedPrecondition(
                         "an admin account exists already; make further accounts in the web "
                         "client (or with POST /api/v1/users)"));
  }
  SystemClock clock;
  domain::PasswordHasher hasher{domain::PasswordParams{}};
  domain::Accounts accounts(**db, clock, hasher);
  const domain::Actor installer = domain::access::operator_actor("tsunagu-server create-admin");
  domain::NewUser user;
  user.username = config.username;
  user.display_name = config.username;
  user.role = domain::access::first_account_role();
  user.password = password;
  auto created = accounts.create(installer, domain::RequestMeta{}, user);
  if (!created.ok()) {
    std::string message = created.error().message();
    for (const auto& field : created.error().fields()) {
      message += " " + field.field + ": " + field.message;
    }
    return fail(err, Error::FailedPrecondition(message));
  }
  out << "admin account " << config.username << " created; sign in and change the display name "
      << "in the web client\n";
  return 0;
}

int export_hsds_command(const Config& config, std::ostream& out, std::ostream& err) {
  if (config.out_file.empty()) {
    err << "tsunagu-server: export-hsds needs --db PATH and --out DIR\n";
    return 2;
  }
  auto db = open_existing(config);
  if (!db.ok()) return fail(err, db.error());
  SystemClock clock;
  domain::Directory directory(**db, clock);
  auto files = http::hsds::export_documents(directory);
  if (!files.ok()) return fail(err, files.error());
  std::error_code ec;
  std::filesystem::create_directories(config.out_file, ec);
  if (ec)
    return fail(err, Error::Internal("cannot create " + config.out_file + ": " + ec.message()));
  for (const auto& file : *files) {
    auto path = std::filesystem::path(config.out_file) / file.name;
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << file.items.dump(2, ' ', false, http::Json::error_handler_t::replace) << "\n";
    f.close();
    if (!f) return fail(err, Error::Internal("cannot write " + path.string()));
    out << file.items.size() << " objects in " << path.string() << " (" << file.schema << ")\n";
  }
  return 0;
}

int import_hsds_command(const Config& config, std::ostream& out, std::ostream& err) {
  if (config.import_dir.empty()) {
    err << "tsunagu-server: import-hsds needs --db PATH and the folder DIR of an HSDS export\n";
    return 2;
  }
  const std::string file = "organizations.json";
  const std::string path = (std::filesystem::path(config.import_dir) / file).string();
  auto text = read_file(path, "the HSDS file");
  if (!text.ok()) return fail(err, text.error(), kExitCannotCheck);
  // A dry run writes nothing, so it needs no audit key and never creates the database.
  if (!config.dry_run && !use_audit_key(config, err)) return kExitCannotCheck;
  if (config.dry_run && !exists(config.db_path)) {
    return fail(err, Error::NotFound("no database at " + config.db_path), kExitCannotCheck);
  }
  storage::DatabaseOptions options;
  options.path = config.db_path;
  options.readers = 1;
  options.refresh_statistics = false;  // nothing but the import may change the file
  auto db = storage::Database::open(options);
  if (!db.ok()) return fail(err, db.error(), kExitCannotCheck);
  if (!config.dry_run) {
    Status bound = domain::audit::bind_chain_key(**db);
    if (!bound.ok()) return fail(err, bound.error(), kExitCannotCheck);
  }
  SystemClock clock;
  domain::Directory directory(**db, clock);
  auto wards = http::hsds::ward_names(directory);
  if (!wards.ok()) return fail(err, wards.error(), kExitCannotCheck);

  domain::DirectoryImport input = http::hsds::read_organizations(file, *text, *wards);
  size_t services = 0;
  for (const auto& o : input.organizations) services += o.services.size();
  err << "import-hsds: " << path << ": " << input.organizations.size() << " organizations, "
      << services << " services\n";
  domain::ImportOptions import_options;
  import_options.dry_run = config.dry_run;
  import_options.progress = [&err](size_t done, size_t total) {
    err << "import-hsds: checked " << done << " of " << total << " organizations\n";
  };
  const domain::Actor importer = domain::access::operator_actor("tsunagu-server import-hsds");
  auto report = domain::import_directory(**db, clock, &importer, domain::RequestMeta{}, input,
                                         import_options);
  if (!report.ok()) return fail(err, report.error());
  if (!report->problems.empty()) {
    for (const auto& p : report->problems) out << http::hsds::format_problem(p) << "\n";
    err << "import-hsds: " << report->problems.size()
        << " problems in invalid records; nothing was written\n";
    return 1;
  }
  auto counts = [](const domain::ImportCounts& n) {
    return std::to_string(n.created) + " created, " + std::to_string(n.updated) + " updated, " +
           std::to_string(n.unchanged) + " unchanged";
  };
  const char* verb = config.dry_run ? " (would be)" : "";
  out << "organizations" << verb << ": " << counts(report->organizations) << "\n"
      << "services" << verb << ": " << counts(report->services) << "\n";
  out << (config.dry_run ? "dry run: nothing was written\n"
                         : "imported in one transaction, one directory.import audit entry\n");
  return 0;
}

int seed_command(const Config& config, std::ostream& out, std::ostream& err) {
  // The files first: a seed folder that cannot be read leaves no database, key or lock behind.
  const std::string dir = seed_dir(config);
  auto files = domain::read_seed_dir(dir);
  if (!files.ok()) return fail(err, files.error(), kExitCannotCheck);
  // The demo's own key (<db>.audit-key, made when missing) unless one is given, as --demo.
  auto key = load_audit_key(config, config.db_path);
  if (!key.ok()) return fail(err, key.error(), kExitCannotCheck);
  domain::audit::set_chain_key(*key);
  auto lock = storage::DatabaseLock::acquire(config.db_path);
  if (!lock.ok()) return fail(err, lock.error());
  storage::DatabaseOptions options;
  options.path = config.db_path;
  options.readers = 1;
  auto db = storage::Database::open(options);  // a new database: made and migrated here
  if (!db.ok()) return fail(err, db.error(), kExitCannotCheck);
  Status bound = domain::audit::bind_chain_key(**db);
  if (!bound.ok()) return fail(err, bound.error(), kExitCannotCheck);
  SystemClock clock;
  domain::PasswordHasher hasher{config.cheap_password_hashing_for_tests
                                    ? domain::PasswordParams::cheap_for_tests()
                                    : domain::PasswordParams{}};
  auto report = domain::load_demo(
      **db, clock, domain::DemoOptions{config.demo_password, &hasher, config.demo_kinds}, *files);
  if (!report.ok()) return fail(err, report.error());
  for (const auto& line : report->lines) out << line << "\n";
  if (report->loaded) {
    out << "loaded the demo data set from " << dir << " into " << config.db_path << "\n";
  }
  return 0;
}

}  // namespace tsunagu::app
