// One SQLite connection with the house settings (WAL, foreign_keys=ON, busy_timeout, the chosen
// synchronous level) and a cache of prepared statements keyed by SQL text.
//
// Thread-safety: a Connection is used by one thread at a time; Database hands them out so.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/statement.h"

namespace tsunagu::storage {

enum class Synchronous { kOff, kNormal, kFull };

struct ConnectionOptions {
  std::string path;
  Synchronous synchronous = Synchronous::kFull;  // an acknowledged referral survives a power cut
  int busy_timeout_ms = 5000;
  bool read_only = false;  // query_only: a reader connection can never write
  // The file itself is opened read-only and must exist (SQLITE_OPEN_READONLY); with read_only.
  bool open_read_only = false;
  // A writer copies the WAL back into the main file (a PASSIVE checkpoint, with an fsync of the
  // main file under synchronous=FULL) inside the commit that takes the WAL past this many pages.
  // SQLite's default of 1000 pages is 70 referral create+sends at ~14 pages each; the hot
  // pages (the right edges of the tables and indexes) are copied once per checkpoint however
  // often they were rewritten, so a larger window copies and fsyncs far less per commit. The
  // WAL file then stays at about this size (4 KiB pages: 16 MiB) and is overwritten in place.
  // 0: no checkpoint inside commits; the owner checkpoints (Database's background checkpointer).
  int wal_autocheckpoint_pages = 4000;
  // How much of the file is read through a memory map instead of pread() into the page cache.
  // None by default: when another connection has committed since a connection's last read
  // transaction, SQLite drops both its page cache and its whole mapping (pager.c,
  // pagerBeginReadTransaction: pager_reset and sqlite3OsUnfetch(fd, 0, 0)), so under a steady
  // stream of commits a mapped reader unmaps and maps again and takes a page fault for every page
  // it touches, which costs more than a pread() of the page (the inbox page on the benchmark city:
  // 1 609–1 856 µs of CPU mapped 256 MiB, 1 277 µs not; docs/performance.md). The pages the
  // writer passes through, mapped, would also count in the server's resident memory.
  int64_t mmap_bytes = 0;
};

class Connection {
 public:
  // Opens (creating the file if needed) and applies the settings. Throws StorageError.
  explicit Connection(const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached, reset prepared statement for `sql` (one statement, bound with ?1, ?2, …).
  Statement prepare(std::string_view sql);
  // Runs one or more statements without parameters (migrations, pragmas).
  void exec(std::string_view sql);

  int64_t last_insert_rowid() const;
  int changes() const;  // rows changed by the most recent INSERT/UPDATE/DELETE
  int64_t pragma_int(std::string_view pragma);  // e.g. pragma_int("user_version")

  // Calls `fn` with the WAL's length in pages after each commit of this connection
  // (sqlite3_wal_hook), on the committing thread; `fn` must not use this connection. Replaces
  // the automatic checkpoint: with a hook, wal_autocheckpoint_pages no longer applies.
  void on_wal_commit(std::function<void(int pages)> fn);

 private:
  struct StmtDeleter {
    void operator()(sqlite3_stmt* s) const;
  };
  sqlite3* db_ = nullptr;
  std::function<void(int)> wal_hook_;
  std::unordered_map<std::string, std::unique_ptr<sqlite3_stmt, StmtDeleter>> cache_;
};

// Begins in its constructor, rolls back in its destructor unless commit() was called; never
// throws from the destructor. kImmediate takes the write lock at once (no upgrade deadlocks).
class Transaction {
 public:
  enum class Mode { kDeferred, kImmediate };
  explicit Transaction(Connection& connection, Mode mode = Mode::kImmediate);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();  // throws StorageError (e.g. disk full); the destructor then rolls back

 private:
  Connection& connection_;
  bool done_ = false;
};

}  // namespace tsunagu::storage
