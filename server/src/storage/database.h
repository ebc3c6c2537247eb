// The database: one writer connection behind a mutex and a small pool of reader connections, in
// WAL mode so reads never wait for the writer. Every write runs inside one IMMEDIATE
// transaction that commits only if the callback succeeds, so a change and its audit entry land
// together or not at all. Opening migrates the schema (see migrator.h) and refuses a database
// written by a newer server.
//
// Thread-safety: all public methods may be called from any thread. Callbacks run on the
// caller's thread while holding a connection; they must not call write()/read() re-entrantly.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/log.h"
#include "common/result.h"
#include "storage/connection.h"

namespace tsunagu::storage {

struct DatabaseOptions {
  std::string path;
  Synchronous synchronous = Synchronous::kFull;
  int readers = 4;
  int busy_timeout_ms = 5000;
};

class Database {
 public:
  // Opens the file, applies the pending migrations, refreshes the query planner's statistics
  // (ANALYZE, sampled) and prepares the reader pool. Fails with
  // FailedPrecondition when the file's schema is newer than this binary, Internal otherwise.
  static Result<std::unique_ptr<Database>> open(const DatabaseOptions& options);
  ~Database();

  // Runs `fn(Connection&)` inside a write transaction; `fn` returns Status or Result<T>. Commits
  // when it is ok, rolls back otherwise. A StorageError thrown inside becomes Internal (logged).
  template <typename Fn>
  auto write(Fn&& fn) -> std::invoke_result_t<Fn, Connection&>;

  // Runs `fn(Connection&)` on a pooled read-only connection inside one read transaction, so
  // everything it reads is one consistent snapshot.
  template <typename Fn>
  auto read(Fn&& fn) -> std::invoke_result_t<Fn, Connection&>;

  int schema_version() const { return schema_version_; }
  const std::string& path() const { return options_.path; }

  // Copies the WAL back into the main file (TRUNCATE): at shutdown, and from a timer.
  void checkpoint();

 private:
  explicit Database(const DatabaseOptions& options);
  std::unique_ptr<Connection> acquire_reader();
  void release_reader(std::unique_ptr<Connection> connection);
  static void log_storage_error(const char* where, const StorageError& e);

  DatabaseOptions options_;
  int schema_version_ = 0;
  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
};

template <typename Fn>
auto Database::write(Fn&& fn) -> std::invoke_result_t<Fn, Connection&> {
  using R = std::invoke_result_t<Fn, Connection&>;
  std::lock_guard lock(writer_mutex_);
  try {
    Transaction tx(*writer_, Transaction::Mode::kImmediate);
    R result = fn(*writer_);
    if (result.ok()) tx.commit();
    return result;
  } catch (const StorageError& e) {
    log_storage_error("write", e);
    return R(Error::Internal("The change could not be stored."));
  }
}

template <typename Fn>
auto Database::read(Fn&& fn) -> std::invoke_result_t<Fn, Connection&> {
  using R = std::invoke_result_t<Fn, Connection&>;
  std::unique_ptr<Connection> connection = acquire_reader();
  struct Return {
    Database* db;
    std::unique_ptr<Connection>& c;
    ~Return() { db->release_reader(std::move(c)); }
  } giveback{this, connection};
  try {
    Transaction tx(*connection, Transaction::Mode::kDeferred);
    R result = fn(*connection);
    tx.commit();
    return result;
  } catch (const StorageError& e) {
    log_storage_error("read", e);
    return R(Error::Internal("The data could not be read."));
  }
}

}  // namespace tsunagu::storage
