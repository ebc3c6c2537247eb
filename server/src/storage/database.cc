#include "storage/database.h"

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

void Database::checkpoint() {
  std::lock_guard lock(writer_mutex_);
  if (writer_) writer_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void Database::log_storage_error(const char* where, const StorageError& e) {
  LOG(kError) << "storage " << where << " failed: " << e.what();
}

}  // namespace tsunagu::storage
