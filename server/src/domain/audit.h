// The audit trail that answers "who saw this family's data" (APPI). Every change, and every read
// of case or referral content, appends an entry inside the same write transaction as the change
// (or the read): if the entry cannot be written, the transaction — and so the request — fails.
// Entries are hash-chained: hash = SHA-256(prev_hash || canonical content).
//
// Thread-safety: append() runs on the caller's write transaction (the single writer), which
// serialises the chain; verify() reads one snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "common/time.h"
#include "domain/actor.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain::audit {

struct Entry {
  std::string action;         // "<resource>.<verb>": "referral.read", "organization.update"
  std::string resource_type;  // "referral", "case", "organization", "user", …
  std::optional<std::string> resource_id;
  std::optional<std::string> case_id;
  std::optional<std::string> organization_id;
  std::optional<std::string> detail;  // short and free of case content
};

// Appends `entry` for `actor` (nullptr: the system or an anonymous caller) at clock.now().
// Must be called inside a write transaction; throws StorageError on failure so the whole
// transaction rolls back.
void append(storage::Connection& c, const Clock& clock, const Actor* actor, const RequestMeta& meta,
            const Entry& entry);

struct Verification {
  bool ok = true;
  int64_t entries = 0;
  std::optional<int64_t> broken_at;  // seq of the first entry whose link does not hold
  std::string reason;                // why, when broken
};

// Recomputes the whole chain in order.
Result<Verification> verify(storage::Database& db);

// The hash an entry must have; exposed for tests.
std::string chain_hash(const std::string& prev_hash, const std::string& canonical_content);

inline constexpr char kGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace tsunagu::domain::audit
