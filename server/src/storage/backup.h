// Copies of a live database, and the lock that says a server is using one.
//
// copy_database() uses SQLite's online backup API: it reads the source inside one read
// transaction, so the copy is the database as of one commit however many writes other
// connections (or the running server) make meanwhile — in WAL mode they are not blocked. The copy
// is written to "<destination>.partial", fsynced and only then renamed, so a file under the
// final name is always a whole copy.
//
// DatabaseLock is an exclusive flock(2) on "<db>.lock", beside the database: the server holds it
// for its whole life and restore takes it before replacing the file, so neither can run while
// the other does. The kernel drops the lock when the process dies, so a crash never leaves a
// stale lock behind (the file itself stays and means nothing).
//
// Thread-safety: free functions with no shared state; a DatabaseLock is owned by one object.
#pragma once

#include <string>

#include "common/result.h"

namespace tsunagu::storage {

// Copies the database at `source` (which must exist) to `destination`, which must not exist.
// FailedPrecondition for a missing source or an existing destination, Internal when SQLite
// fails (the partial file is removed).
Status copy_database(const std::string& source, const std::string& destination);

// PRAGMA integrity_check on the file (opened, never written): Ok, or FailedPrecondition naming the
// first problems SQLite found (or that it is not a database at all).
Status check_integrity(const std::string& path);

// PRAGMA user_version of the file.
Result<int> schema_version_of(const std::string& path);

class DatabaseLock {
 public:
  // Takes the lock for the database at `db_path`; Unavailable when another process holds it
  // ("a server is running on it"), Internal when the lock file cannot be made.
  static Result<DatabaseLock> acquire(const std::string& db_path);
  DatabaseLock() = default;
  ~DatabaseLock();
  DatabaseLock(DatabaseLock&& other) noexcept;
  DatabaseLock& operator=(DatabaseLock&& other) noexcept;
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

  bool held() const { return fd_ >= 0; }
  static std::string path_for(const std::string& db_path) { return db_path + ".lock"; }

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace tsunagu::storage
