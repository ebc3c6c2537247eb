#include "storage/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

namespace tsunagu::storage {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

// Opens `path` with `flags`; the error message when SQLite cannot.
Result<Db> open_db(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    return Error::Internal("cannot open " + path + ": " +
                           (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

// Opened read-write but never written: a WAL database may need its -shm made even to be read.
Result<Db> open_existing(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Error::FailedPrecondition("no database at " + path);
  }
  return open_db(path, SQLITE_OPEN_READWRITE);
}

// fsync of a file or a directory by name; false when it cannot be opened or synced.
bool sync_path(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

std::string parent_of(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

Status copy_database(const std::string& source, const std::string& destination) {
  std::error_code ec;
  if (std::filesystem::exists(destination, ec)) {
    return Error::FailedPrecondition(destination + " exists; a backup never overwrites a file");
  }
  TRY_ASSIGN(Db src, open_existing(source));
  const std::string partial = destination + ".partial";
  std::filesystem::remove(partial, ec);  // left by a copy that was killed
  auto fail = [&](const std::string& why) -> Status {
    std::filesystem::remove(partial, ec);
    return Error::Internal("cannot copy " + source + " to " + destination + ": " + why);
  };
  {
    auto dst = open_db(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!dst.ok()) return fail(dst.error().message());
    sqlite3_backup* backup = sqlite3_backup_init(dst->get(), "main", src.get(), "main");
    if (backup == nullptr) return fail(sqlite3_errmsg(dst->get()));
    // All pages in one step: one read transaction on the source, so one consistent snapshot
    // (stepping in pieces would restart whenever another connection writes, under load for ever).
    int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return fail(sqlite3_errstr(rc));
    // The copy keeps the source's WAL mode; empty its WAL into the file before closing it.
    sqlite3_exec(dst->get(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
  }
  if (!sync_path(partial, false)) return fail("fsync failed");
  std::filesystem::rename(partial, destination, ec);
  if (ec) return fail(ec.message());
  sync_path(parent_of(destination), true);
  return Status::Ok();
}

Status check_integrity(const std::string& path) {
  TRY_ASSIGN(Db db, open_existing(path));
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db.get(), "PRAGMA integrity_check(5)", -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (rc != SQLITE_OK) {
    return Error::FailedPrecondition(path +
                                     " is not a readable database: " + sqlite3_errmsg(db.get()));
  }
  std::string problems;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
    std::string line = text ? text : "";
    if (line == "ok") continue;
    problems += (problems.empty() ? "" : "; ") + line;
  }
  if (rc != SQLITE_DONE) {
    return Error::FailedPrecondition(path +
                                     " is not a readable database: " + sqlite3_errmsg(db.get()));
  }
  if (!problems.empty()) {
    return Error::FailedPrecondition(path + " fails the integrity check: " + problems);
  }
  return Status::Ok();
}

Result<int> schema_version_of(const std::string& path) {
  TRY_ASSIGN(Db db, open_existing(path));
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db.get(), "PRAGMA user_version", -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (rc != SQLITE_OK || sqlite3_step(stmt.get()) != SQLITE_ROW) {
    return Error::FailedPrecondition(path +
                                     " is not a readable database: " + sqlite3_errmsg(db.get()));
  }
  return sqlite3_column_int(stmt.get(), 0);
}

Result<DatabaseLock> DatabaseLock::acquire(const std::string& db_path) {
  const std::string path = path_for(db_path);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error::Internal("cannot open the lock file " + path + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return Error::Unavailable("a tsunagu-server is running on " + db_path + " (it holds " + path +
                                "); stop it first");
    }
    return Error::Internal("cannot lock " + path + ": " + std::strerror(err));
  }
  return DatabaseLock(fd);
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);
}

DatabaseLock::DatabaseLock(DatabaseLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

DatabaseLock& DatabaseLock::operator=(DatabaseLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

}  // namespace tsunagu::storage
