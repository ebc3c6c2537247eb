// Facts about the running system for /healthz and /metrics: no user data.
// Thread-safety: health() may be called from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "storage/database.h"

namespace tsunagu::domain {

struct Health {
  std::string version;
  int schema_version = 0;
};

struct StorageStats {
  int64_t db_bytes = 0;
  int64_t wal_bytes = 0;
  storage::Database::WriteStats writes;
};

// Cheap (no I/O): safe on the /healthz hot path.
Health health(const storage::Database& db);
// Asks the file system for the database's size; the writer's counters.
StorageStats storage_stats(const storage::Database& db);

}  // namespace tsunagu::domain
