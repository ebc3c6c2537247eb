#include "app/commands.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/ids.h"
#include "common/log.h"
#include "common/text.h"
#include "domain/audit.h"
#include "domain/audit_checkpoint.h"
#include "storage/database.h"

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

Result<std::unique_ptr<storage::Database>> open_existing(const Config& config) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(config.db_path, ec)) {
    return Error::NotFound("no database at " + config.db_path);
  }
  storage::DatabaseOptions options;
  options.path = config.db_path;
  options.readers = 1;
  return storage::Database::open(options);
}

// The database and the key, for the audit subcommands; prints why not and gives nullptr.
std::unique_ptr<storage::Database> open_for_audit(const Config& config, std::ostream& err) {
  auto key = load_audit_key(config);
  if (!key.ok()) {
    err << "tsunagu-server: " << key.error().message() << "\n";
    return nullptr;
  }
  domain::audit::set_chain_key(*key);
  auto db = open_existing(config);
  if (!db.ok()) {
    err << "tsunagu-server: " << db.error().message() << "\n";
    return nullptr;
  }
  return std::move(*db);
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
