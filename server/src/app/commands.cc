#include "app/commands.h"

#include <filesystem>

#include "domain/audit.h"
#include "storage/database.h"

namespace tsunagu::app {

int audit_verify_command(const Config& config, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(config.db_path, ec)) {
    err << "tsunagu-server: no database at " << config.db_path << "\n";
    return kExitCannotCheck;
  }
  storage::DatabaseOptions options;
  options.path = config.db_path;
  options.readers = 1;
  auto db = storage::Database::open(options);
  if (!db.ok()) {
    err << "tsunagu-server: " << db.error().message() << "\n";
    return kExitCannotCheck;
  }
  auto v = domain::audit::verify(**db);
  if (!v.ok()) {
    err << "tsunagu-server: " << v.error().message() << "\n";
    return kExitCannotCheck;
  }
  if (v->ok) {
    out << "audit log intact: " << v->entries << " entries\n";
    return kExitAuditIntact;
  }
  out << "audit log BROKEN at entry " << v->broken_at.value_or(0) << ": " << v->reason << " ("
      << v->entries << " entries before it are intact)\n";
  return kExitAuditBroken;
}

}  // namespace tsunagu::app
