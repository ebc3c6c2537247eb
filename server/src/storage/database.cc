#include "storage/database.h"

#include <algorithm>
#include <exception>

#include "storage/migrator.h"

namespace tsunagu::storage {
namespace {

// The query planner's statistics (sqlite_stat1), refreshed at every open: without them it
// cannot tell a filter on ward or category (a few hundred rows) from one on status (nearly all),
// and searches visit every row. analysis_limit bounds the work on large tables (rows sampled
// per index), so opening stays fast with a million audit entries. The checkpoint then empties
// the WAL that ANALYZE wrote, so readers find every page in the (mapped) main file.
constexpr char kRefreshStatistics[] =
    "PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);";

}  // namespace

Database::Database(const DatabaseOptions& options) : options_(options) {}

Database::~Database() {
  stop_checkpointer();
  try {
    checkpoint();
  } catch (const StorageError& e) {
    log_storage_error("checkpoint at close", e);
  }
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseOptions& options) {
  std::unique_ptr<Database> db(new Database(options));
  try {
    if (options.read_only) return open_read_only(std::move(db));
    ConnectionOptions writer{options.path, options.synchronous, options.busy_timeout_ms, false};
    db->writer_ = std::make_unique<Connection>(writer);
    auto version = migrate(*db->writer_, embedded_migrations());
    if (!version.ok()) return version.error();
    db->schema_version_ = *version;
    if (options.refresh_statistics) db->writer_->exec(kRefreshStatistics);
    // From here on the WAL is copied back by the checkpointer, not inside the commits: a
    // checkpoint writes and fsyncs pages all over the main file, and inside a commit the whole
    // group (and every write queued behind it) waited for it.
    db->checkpointer_connection_ = std::make_unique<Connection>(writer);
    db->writer_->on_wal_commit([raw = db.get()](int pages) {
      if (pages < raw->options_.checkpoint_pages) return;
      {
        std::lock_guard lock(raw->checkpoint_mutex_);
        raw->checkpoint_wanted_ = true;
      }
      raw->checkpoint_cv_.notify_one();
    });
    db->checkpointer_ = std::thread([raw = db.get()] { raw->run_checkpointer(); });
    int readers = options.readers < 1 ? 1 : options.readers;
    for (int i = 0; i < readers; ++i) {
      db->readers_.push_back(std::make_unique<Connection>(
          ConnectionOptions{options.path, options.synchronous, options.busy_timeout_ms, true}));
    }
  } catch (const StorageError& e) {
    log_storage_error("open", e);
    return Error::Internal("Cannot open the database " + options.path + ": " + e.what());
  }
  return db;
}

Result<std::unique_ptr<Database>> Database::open_read_only(std::unique_ptr<Database> db) {
  const DatabaseOptions& options = db->options_;
  ConnectionOptions reader{options.path, options.synchronous, options.busy_timeout_ms, true};
  reader.open_read_only = true;
  int readers = options.readers < 1 ? 1 : options.readers;
  for (int i = 0; i < readers; ++i) db->readers_.push_back(std::make_unique<Connection>(reader));
  auto version = check_current(*db->readers_.front(), embedded_migrations());
  if (!version.ok()) return version.error();
  db->schema_version_ = *version;
  return db;
}

std::unique_ptr<Connection> Database::acquire_reader() {
  std::unique_lock lock(pool_mutex_);
  pool_cv_.wait(lock, [this] { return !readers_.empty(); });
  auto c = std::move(readers_.back());
  readers_.pop_back();
  return c;
}

void Database::release_reader(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(pool_mutex_);
    readers_.push_back(std::move(connection));
  }
  pool_cv_.notify_one();
}

void Database::write_in_group(PendingWrite& w) {
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&w);
  w.wake.wait(lock, [&] { return w.done || queue_.front() == &w; });
  if (w.done) return;  // a leader ran it
  // `w` leads: it takes what has queued behind it, itself first. However this ends, the group
  // must leave the queue and its callers be woken, or every later write would wait for ever.
  const size_t n = std::min(queue_.size(), kMaxGroup);
  struct Finish {
    Database& db;
    std::unique_lock<std::mutex>& lock;
    const PendingWrite* leader;
    size_t n;
    ~Finish() {
      if (!lock.owns_lock()) lock.lock();
      db.writes_done_ += n;
      ++db.groups_done_;
      for (size_t i = 0; i < n; ++i) {
        PendingWrite* p = db.queue_.front();
        db.queue_.pop_front();
        p->done = true;
        // `p` lives on its caller's stack until that caller sees done, under this lock.
        if (p != leader) p->wake.notify_one();
      }
      if (!db.queue_.empty()) db.queue_.front()->wake.notify_one();  // the next group's leader
    }
  } finish{*this, lock, &w, n};
  std::vector<PendingWrite*> group(queue_.begin(), queue_.begin() + static_cast<ptrdiff_t>(n));
  lock.unlock();
  commit_group(group);
}

void Database::commit_group(const std::vector<PendingWrite*>& group) noexcept {
  std::lock_guard lock(writer_mutex_);
  // Alone, a failed callback is undone by the transaction's rollback; in a group, by its
  // savepoint's, so the others' changes stay.
  const bool alone = group.size() == 1;
  bool any_ok = false;
  try {
    Transaction tx(*writer_, Transaction::Mode::kImmediate);
    for (PendingWrite* p : group) {
      if (!alone) writer_->exec("SAVEPOINT one_write");
      const bool ok = p->run(*writer_);
      // After an error SQLite may have rolled the whole transaction back (disk full, I/O): the
      // savepoint is gone, these throw, and the group fails as one below.
      if (!alone && !ok) writer_->exec("ROLLBACK TO one_write");
      if (!alone) writer_->exec("RELEASE one_write");
      any_ok = any_ok || ok;
    }
    if (any_ok) tx.commit();
  } catch (const std::exception& e) {
    // A StorageError (BEGIN, a savepoint or the COMMIT failed) or memory running out: nothing
    // of the group is stored. (Callbacks never throw; write() catches for them.)
    for (PendingWrite* p : group) p->lost = true;
    LOG(kError) << "storage write group failed: " << e.what();
  }
}

size_t Database::pending_writes() const {
  std::lock_guard lock(queue_mutex_);
  return queue_.size();
}

Database::WriteStats Database::write_stats() const {
  WriteStats stats;
  {
    std::lock_guard lock(queue_mutex_);
    stats = {writes_done_, groups_done_, queue_.size(), 0};
  }
  std::lock_guard lock(checkpoint_mutex_);
  stats.background_checkpoints = background_checkpoints_;
  return stats;
}

void Database::run_checkpointer() noexcept {
  std::unique_lock lock(checkpoint_mutex_);
  while (true) {
    checkpoint_cv_.wait(lock, [this] { return checkpoint_wanted_ || checkpointer_stopping_; });
    if (checkpointer_stopping_) return;
    checkpoint_wanted_ = false;
    lock.unlock();
    try {
      // PASSIVE: copies what no reader still needs, waits for nobody; the writer goes on
      // appending meanwhile. The WAL restarts from its beginning once all of it was copied.
      checkpointer_connection_->exec("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const StorageError& e) {
      log_storage_error("background checkpoint", e);  // the next commit past the mark retries
    }
    lock.lock();
    ++background_checkpoints_;
  }
}

void Database::stop_checkpointer() noexcept {
  if (!checkpointer_.joinable()) return;
  {
    std::lock_guard lock(checkpoint_mutex_);
    checkpointer_stopping_ = true;
  }
  checkpoint_cv_.notify_one();
  checkpointer_.join();
}

void Database::checkpoint() {
  std::lock_guard lock(writer_mutex_);
  if (writer_) writer_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void Database::log_storage_error(const char* where, const StorageError& e) {
  LOG(kError) << "storage " << where << " failed: " << e.what();
}

}  // namespace tsunagu::storage
