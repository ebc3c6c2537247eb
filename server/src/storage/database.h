// The database: one writer connection and a small pool of reader connections, in WAL mode so
// reads never wait for the writer. Opening migrates the schema (see migrator.h) and refuses a
// database written by a newer server. A checkpointer thread with a connection of its own copies
// the WAL back into the main file whenever it has grown past checkpoint_pages, beside the
// writer's commits rather than inside one of them.
//
// Writes commit in groups. A write() that finds the writer idle runs its callback in an
// IMMEDIATE transaction of its own, as a single writer would. Callers that arrive while it
// works queue up; the first of them then leads: it runs every queued callback (up to
// kMaxGroup) in one transaction, each inside a SAVEPOINT that is rolled back when that callback
// fails, commits once, and wakes the others. A callback's changes and its audit entry still
// land together or not at all, each caller is answered only after the COMMIT that holds its
// change returned (synchronous=FULL: after the fsync), and if that COMMIT fails every caller
// of the group gets an error. Under concurrent load one fsync then carries many changes (the
// group commit of LevelDB's write queue and of most databases' logs).
//
// Thread-safety: all public methods may be called from any thread. A write callback may run on
// another caller's thread (the group's leader): it must not depend on thread-local state, must
// not call write()/read() re-entrantly, and must not take a lock its own caller holds.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <typeindex>
#include <typeinfo>
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
  // ANALYZE at open (below); off where the file is only checked, e.g. a backup just made.
  bool refresh_statistics = true;
  // Opens the file read-only (SQLite's SQLITE_OPEN_READONLY) with readers only: nothing is
  // migrated, analysed or checkpointed, the schema must be exactly this server's, and write()
  // fails. For checking evidence (audit-verify) without changing it.
  bool read_only = false;
  // The WAL's length in pages at which the background checkpointer copies it back into the main
  // file (a PASSIVE checkpoint on a connection of its own, beside the writer's commits, not
  // inside one of them).
  int checkpoint_pages = 4000;
};

class Database {
 public:
  // Opens the file, applies the pending migrations, refreshes the query planner's statistics
  // (ANALYZE, sampled) and prepares the reader pool. Fails with
  // FailedPrecondition when the file's schema is newer than this binary (read-only: not exactly
  // this binary's), Internal otherwise.
  static Result<std::unique_ptr<Database>> open(const DatabaseOptions& options);
  ~Database();

  // Runs `fn(Connection&)` inside a write transaction, perhaps shared with other callers' (see
  // above); `fn` returns Status or Result<T>. Its changes are committed when it is ok and undone
  // otherwise; returns once they are durable. A StorageError thrown inside, or a failed COMMIT,
  // becomes Internal (logged); any other exception is rethrown on the caller's thread.
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

  // Callers of write() not yet answered, running or queued; for metrics and tests.
  size_t pending_writes() const;

  struct WriteStats {
    uint64_t writes = 0;  // write() calls answered: committed, refused or failed
    uint64_t groups = 0;  // groups they were taken in: writes / groups is the mean group size
    size_t pending = 0;   // as pending_writes()
    uint64_t background_checkpoints = 0;  // run by the checkpointer (not checkpoint())
  };
  WriteStats write_stats() const;

  // The most callbacks one transaction runs: bounds how long the leader's own caller waits.
  static constexpr size_t kMaxGroup = 32;

  // The object of type T that a higher layer keeps beside this database (the directory's
  // search index), made with `make()` (returning std::unique_ptr<T>) on first use and destroyed
  // before the connections are closed. Storage never looks inside it; it only lets an
  // in-memory view of the data live exactly as long as the data's database, so two databases
  // in one process never share one. `make` runs under a lock and must not call attachment().
  template <typename T, typename Make>
  T& attachment(Make&& make);

 private:
  // One write() in the queue. Filled by the caller, run by whoever leads its group.
  struct PendingWrite {
    std::function<bool(Connection&)> run;  // the callback; true when its result is ok; no throw
    bool lost = false;                     // its group did not commit: nothing of it is stored
    bool done = false;                     // its group has ended (guarded by queue_mutex_)
    std::condition_variable wake;
  };

  explicit Database(const DatabaseOptions& options);
  // open() for options.read_only: the reader pool only. Throws StorageError.
  static Result<std::unique_ptr<Database>> open_read_only(std::unique_ptr<Database> db);
  // Queues `w` and returns when its group has committed or failed.
  void write_in_group(PendingWrite& w);
  // The leader's work: one transaction over `group`, a SAVEPOINT each when there are several.
  // Never throws: a failure marks the whole group lost.
  void commit_group(const std::vector<PendingWrite*>& group) noexcept;
  // The checkpointer's thread: a PASSIVE checkpoint each time the writer's WAL has passed
  // checkpoint_pages since it last woke, until ~Database stops it.
  void run_checkpointer() noexcept;
  void stop_checkpointer() noexcept;
  std::unique_ptr<Connection> acquire_reader();
  void release_reader(std::unique_ptr<Connection> connection);
  static void log_storage_error(const char* where, const StorageError& e);

  DatabaseOptions options_;
  int schema_version_ = 0;
  mutable std::mutex queue_mutex_;
  std::deque<PendingWrite*> queue_;  // front: the one running (or about to)
  uint64_t writes_done_ = 0;         // guarded by queue_mutex_, as is groups_done_
  uint64_t groups_done_ = 0;
  std::mutex writer_mutex_;  // the writer connection: the leader, or checkpoint()
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::unique_ptr<Connection> checkpointer_connection_;
  mutable std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_wanted_ = false;  // guarded by checkpoint_mutex_, as are the two below
  bool checkpointer_stopping_ = false;
  uint64_t background_checkpoints_ = 0;
  std::thread checkpointer_;
  std::mutex attachments_mutex_;
  // Last member: destroyed first, while the connections still exist.
  std::vector<std::pair<std::type_index, std::shared_ptr<void>>> attachments_;
};

template <typename T, typename Make>
T& Database::attachment(Make&& make) {
  std::lock_guard lock(attachments_mutex_);
  for (auto& [type, object] : attachments_) {
    if (type == std::type_index(typeid(T))) return *static_cast<T*>(object.get());
  }
  std::shared_ptr<T> object = make();
  T& ref = *object;
  attachments_.emplace_back(std::type_index(typeid(T)), std::move(object));
  return ref;
}

template <typename Fn>
auto Database::write(Fn&& fn) -> std::invoke_result_t<Fn, Connection&> {
  using R = std::invoke_result_t<Fn, Connection&>;
  if (!writer_) return R(Error::FailedPrecondition("The database is open read-only."));
  std::optional<R> result;
  std::exception_ptr thrown;
  PendingWrite w;
  w.run = [&](Connection& c) {
    try {
      result.emplace(fn(c));
      return result->ok();
    } catch (const StorageError& e) {
      log_storage_error("write", e);
      result.emplace(Error::Internal("The change could not be stored."));
    } catch (...) {
      thrown = std::current_exception();
    }
    return false;
  };
  write_in_group(w);
  if (thrown) std::rethrow_exception(thrown);
  // Not run at all (BEGIN failed), or its ok result was in a group whose COMMIT failed.
  if (!result || (w.lost && result->ok()))
    return R(Error::Internal("The change could not be stored."));
  return std::move(*result);
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
