// Reading the audit log, for the two APPI questions: "who accessed this household"
// (case_id=, or the ward's own number: case_ref= with ward=, so an auditor finds a household's
// entries without opening its record; list pages that showed it included) and "what did this user
// access" (actor=), narrowed by organization, ward and time. Only admin and auditor may read it
// (the authorisation table's audit.read). Reading the log is itself recorded: the query and its
// audit entry run in one write transaction, so a search that cannot be recorded is not answered.
//
// Thread-safety: free functions; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/audit/audit.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain::audit {

struct Filter {
  std::optional<std::string> actor;  // a user id or a username
  std::optional<std::string> case_id;
  std::optional<std::string> organization_id;
  std::optional<std::string> case_ref;  // the ward's own number; needs `ward`
  std::optional<std::string> ward;      // entries about the ward's cases
  std::optional<TimePoint> from;        // inclusive
  std::optional<TimePoint> to;          // exclusive
  int64_t offset = 0;
  int64_t limit = 50;
};

struct Record {
  int64_t seq = 0;
  TimePoint at;
  std::optional<std::string> actor_id, actor_username, actor_role;
  std::string action, resource_type;
  std::optional<std::string> resource_id, case_id, organization_id;
  std::optional<std::string> request_id, source_address, detail;
  std::string prev_hash, hash;        // the chain link as stored, for checking a copy elsewhere
  std::optional<std::string> listed;  // a list page's rows, the JSON array as stored and hashed
};

struct Page {
  std::vector<Record> items;  // newest first
  int64_t total = 0;
};

// The WHERE clause search() runs for `filter` (with the actor already resolved to a user id, if
// one matched) and its parameters in order: only the filters that are set, so SQLite can use
// the index of each. Exposed so a test can check the plan.
struct SearchQuery {
  std::string where;  // "" or " WHERE … AND …" with ? parameters
  std::vector<std::string> params;
};
SearchQuery search_query(const Filter& filter, const std::optional<std::string>& actor_id);

// The entries matching `filter`; appends an "audit.search" entry naming the filter. A case_ref
// without a ward, or a ward that is no ward code, is Malformed naming it; one that names no case
// finds nothing.
Result<Page> search(storage::Database& db, const Clock& clock, const Actor& actor,
                    const RequestMeta& meta, const Filter& filter);

// verify() for a caller, recorded as "audit.verify" with its outcome.
Result<Verification> verify_for(storage::Database& db, const Clock& clock, const Actor& actor,
                                const RequestMeta& meta);

}  // namespace tsunagu::domain::audit
