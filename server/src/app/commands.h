// Operator subcommands of tsunagu-server that run instead of the server and exit:
// `audit-verify --db PATH` recomputes the audit log's hash chain (the same check as
// GET /api/v1/audit/verify) for an operator who suspects tampering, e.g. from cron.
//
// Thread-safety: run from main() alone.
#pragma once

#include <ostream>

#include "app/config.h"

namespace tsunagu::app {

inline constexpr int kExitAuditIntact = 0;
inline constexpr int kExitAuditBroken = 1;
inline constexpr int kExitCannotCheck = 3;

// Prints the outcome to `out` (or why it could not check to `err`) and returns the exit code.
// Refuses a path that does not exist rather than creating an empty database there.
int audit_verify_command(const Config& config, std::ostream& out, std::ostream& err);

}  // namespace tsunagu::app
