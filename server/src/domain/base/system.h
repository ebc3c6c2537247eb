// Facts about the running system for /healthz and /metrics, and the wards as reference data: no
// user data.
// Thread-safety: the functions and a System object may be used from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/base/wards.h"
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

// The system's service object for the HTTP layer: health, storage figures and the wards (the
// reference data every other resource's ward codes name).
class System {
 public:
  explicit System(storage::Database& db) : db_(db) {}

  Health health() const { return domain::health(db_); }
  StorageStats storage_stats() const { return domain::storage_stats(db_); }
  Result<std::vector<Ward>> wards() const { return list_wards(db_); }

 private:
  storage::Database& db_;
};

}  // namespace tsunagu::domain
