#include "storage/database.h"

#include <algorithm>

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
  try {
    checkpoint();
  } catch (const StorageError& e) {
    log_storage_error("checkpoint at close", e);
  }
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseOptions& options) {
  std::unique_ptr<Database> db(new Database(options));
  try {
    db->writer_ = std::make_unique<Connection>(
        ConnectionOptions{options.path, options.synchronous, options.busy_timeout_ms, false});
    auto version = migrate(*db->writer_, embedded_migrations());
    if (!version.ok()) return version.error();
    db->schema_version_ = *version;
    db->writer_->exec(kRefreshStatistics);
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
  // `w` leads: it takes what has queued behind it, itself first.
  const size_t n = std::min(queue_.size(), kMaxGroup);
  std::vector<PendingWrite*> group(queue_.begin(), queue_.begin() + static_cast<ptrdiff_t>(n));
  lock.unlock();
  commit_group(group);
  lock.lock();
  writes_done_ += n;
  ++groups_done_;
  for (size_t i = 0; i < n; ++i) {
    PendingWrite* p = queue_.front();
    queue_.pop_front();
    p->done = true;
    // `p` lives on its caller's stack until that caller sees done, under this lock.
    if (p != &w) p->wake.notify_one();
  }
  if (!queue_.empty()) queue_.front()->wake.notify_one();  // the next group's leader
}

void Database::commit_group(const std::vector<PendingWrite*>& group) {
  std::lock_guard lock(writer_mutex_);
  // Alone, a failed callback is undone by the transaction's rollback; in a group, by its
  // savepoint's, so the others' changes stay.
  const bool alone = group.size() == 1;
  std::vector<bool> ok(group.size(), false);
  try {
    Transaction tx(*writer_, Transaction::Mode::kImmediate);
    for (size_t i = 0; i < group.size(); ++i) {
      if (!alone) writer_->exec("SAVEPOINT one_write");
      ok[i] = group[i]->run(*writer_);
      // After an error SQLite may have rolled the whole transaction back (disk full, I/O): the
      // savepoint is gone, these throw, and the group fails as one below.
      if (!alone && !ok[i]) writer_->exec("ROLLBACK TO one_write");
      if (!alone) writer_->exec("RELEASE one_write");
    }
    if (std::find(ok.begin(), ok.end(), true) != ok.end()) tx.commit();
  } catch (const StorageError& e) {
    log_storage_error("write group", e);
    for (PendingWrite* p : group) p->lost = true;
  } catch (const std::exception& e) {
    // Callbacks never throw (write() catches for them); this is SQLite's wrapper running out of
    // memory. It must not escape: the callers queued behind would wait for ever.
    LOG(kError) << "write group failed: " << e.what();
    for (PendingWrite* p : group) p->lost = true;
  }
}

size_t Database::pending_writes() const {
  std::lock_guard lock(queue_mutex_);
  return queue_.size();
}

Database::WriteStats Database::write_stats() const {
  std::lock_guard lock(queue_mutex_);
  return {writes_done_, groups_done_, queue_.size()};
}

void Database::checkpoint() {
  std::lock_guard lock(writer_mutex_);
  if (writer_) writer_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void Database::log_storage_error(const char* where, const StorageError& e) {
  LOG(kError) << "storage " << where << " failed: " << e.what();
}

}  // namespace tsunagu::storage
