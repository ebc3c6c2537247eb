// Schema migrations: schema/NNNN_<what>.sql files, embedded into the binary at build time and
// applied in order, each in its own transaction together with `PRAGMA user_version = NNNN`.
// A database whose user_version is above the newest known migration was written by a newer
// server: it is refused, never touched.
//
// Thread-safety: runs on one connection before the database is shared.
#pragma once

#include <vector>

#include "common/embedded_file.h"
#include "common/result.h"
#include "storage/connection.h"

namespace tsunagu::storage {

// The migrations compiled from schema/ (generated source, sorted by name).
const std::vector<EmbeddedFile>& embedded_migrations();

// Applies the migrations newer than the connection's user_version and returns the resulting
// version. Fails with FailedPrecondition for a database newer than `migrations`, and with
// Internal for a malformed list (names must be NNNN_*.sql numbered 1, 2, 3, … without gaps) or a
// migration that SQLite rejects; the failed migration leaves nothing behind.
Result<int> migrate(Connection& connection, const std::vector<EmbeddedFile>& migrations);

// The connection's user_version when it is exactly the newest of `migrations`, for a database
// opened read-only (nothing is applied). FailedPrecondition for an older or a newer one.
Result<int> check_current(Connection& connection, const std::vector<EmbeddedFile>& migrations);

}  // namespace tsunagu::storage
