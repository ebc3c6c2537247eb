#include "storage/migrator.h"

#include <string>

#include "common/log.h"

namespace tsunagu::storage {
namespace {
// "0007_referrals.sql" → 7; -1 when the name is not of that shape.
int version_of(std::string_view name) {
  if (name.size() < 10 || name[4] != '_' || name.substr(name.size() - 4) != ".sql") return -1;
  int v = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (name[i] < '0' || name[i] > '9') return -1;
    v = v * 10 + (name[i] - '0');
  }
  return v;
}

Error too_new(int current, int newest) {
  return Error::FailedPrecondition(
      "The database has schema version " + std::to_string(current) +
      ", newer than this server understands (" + std::to_string(newest) +
      "). Run a newer tsunagu-server, or restore a backup made by this version.");
}

}  // namespace

Result<int> check_current(Connection& connection, const std::vector<EmbeddedFile>& migrations) {
  const int newest = static_cast<int>(migrations.size());
  const int current = static_cast<int>(connection.pragma_int("user_version"));
  if (current > newest) return too_new(current, newest);
  if (current < newest) {
    return Error::FailedPrecondition(
        "The database has schema version " + std::to_string(current) +
        ", older than this "
        "server's (" +
        std::to_string(newest) +
        "), and it is opened read-only, so it is not "
        "migrated. Check it with the tsunagu-server that wrote it, or migrate a copy first.");
  }
  return current;
}

Result<int> migrate(Connection& connection, const std::vector<EmbeddedFile>& migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (version_of(migrations[i].name) != static_cast<int>(i) + 1) {
      return Error::Internal("migration " + std::string(migrations[i].name) +
                             " should be numbered " + std::to_string(i + 1));
    }
  }
  const int newest = static_cast<int>(migrations.size());
  int current = static_cast<int>(connection.pragma_int("user_version"));
  if (current > newest) return too_new(current, newest);
  for (int v = current + 1; v <= newest; ++v) {
    const EmbeddedFile& m = migrations[static_cast<size_t>(v - 1)];
    try {
      Transaction tx(connection, Transaction::Mode::kImmediate);
      connection.exec(m.data);
      connection.exec("PRAGMA user_version = " + std::to_string(v));
      tx.commit();
    } catch (const StorageError& e) {
      return Error::Internal("migration " + std::string(m.name) + " failed: " + e.what());
    }
    LOG(kInfo) << "applied migration " << m.name;
  }
  return newest;
}

}  // namespace tsunagu::storage
