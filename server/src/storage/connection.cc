#include "storage/connection.h"

#include <sqlite3.h>

#include "common/text.h"

namespace tsunagu::storage {
namespace {

// fold_search(text): the search key of common/text.h, so SQL (migrations filling a new folded
// column, for one) folds exactly as the C++ code does. NULL stays NULL; invalid UTF-8 gives NULL.
void fold_search_sql(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  auto folded = fold_for_search(
      std::string_view(text ? text : "", static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  if (!folded.ok()) {
    sqlite3_result_null(context);
    return;
  }
  sqlite3_result_text(context, folded->data(), static_cast<int>(folded->size()), SQLITE_TRANSIENT);
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
  throw StorageError(rc, std::string("sqlite: ") + std::string(what) + ": " + sqlite3_errstr(rc) +
                             (db ? std::string(": ") + sqlite3_errmsg(db) : std::string()));
}

const char* synchronous_name(Synchronous s) {
  switch (s) {
    case Synchronous::kOff:
      return "OFF";
    case Synchronous::kNormal:
      return "NORMAL";
    case Synchronous::kFull:
      return "FULL";
  }
  return "FULL";
}
}  // namespace

void Connection::StmtDeleter::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }

Connection::Connection(const ConnectionOptions& options) {
  int flags = options.open_read_only
                  ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
                  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(options.path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StorageError(rc, "cannot open database " + options.path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  sqlite3_create_function_v2(db_, "fold_search", 1,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                             fold_search_sql, nullptr, nullptr, nullptr);
  exec("PRAGMA foreign_keys = ON");
  if (!options.read_only) {
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA wal_autocheckpoint = " + std::to_string(options.wal_autocheckpoint_pages));
  }
  exec(std::string("PRAGMA synchronous = ") + synchronous_name(options.synchronous));
  if (options.read_only) exec("PRAGMA query_only = ON");
  exec("PRAGMA mmap_size = " + std::to_string(options.mmap_bytes));
}

void Connection::on_wal_commit(std::function<void(int pages)> fn) {
  wal_hook_ = std::move(fn);
  sqlite3_wal_hook(
      db_,
      [](void* self, sqlite3*, const char*, int pages) {
        static_cast<Connection*>(self)->wal_hook_(pages);
        return SQLITE_OK;
      },
      this);
}

Connection::~Connection() {
  cache_.clear();  // statements must be finalised before the connection closes
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Statement Connection::prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, "prepare " + std::string(sql));
    it = cache_.emplace(std::string(sql), std::unique_ptr<sqlite3_stmt, StmtDeleter>(stmt)).first;
  }
  return Statement(db_, it->second.get());
}

void Connection::exec(std::string_view sql) {
  std::string owned(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw StorageError(rc, "sqlite: " + text);
  }
}

int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

int Connection::changes() const { return sqlite3_changes(db_); }

int64_t Connection::pragma_int(std::string_view pragma) {
  auto stmt = prepare("PRAGMA " + std::string(pragma));
  return stmt.step() ? stmt.int64(0) : 0;
}

Transaction::Transaction(Connection& connection, Mode mode) : connection_(connection) {
  connection_.exec(mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (...) {
    // Nothing sensible to do: SQLite already rolled back (e.g. after SQLITE_FULL).
  }
}

void Transaction::commit() {
  connection_.exec("COMMIT");
  done_ = true;
}

}  // namespace tsunagu::storage
