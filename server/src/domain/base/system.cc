#include "domain/base/system.h"

#include <filesystem>
#include <system_error>

#include "common/version.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {
int64_t file_size(const std::string& path) {
  std::error_code ec;
  auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<int64_t>(n);
}
}  // namespace

Health health(const storage::Database& db) { return {kVersion, db.schema_version()}; }

StorageStats storage_stats(const storage::Database& db) {
  return {file_size(db.path()), file_size(db.path() + "-wal"), db.write_stats()};
}

}  // namespace tsunagu::domain
