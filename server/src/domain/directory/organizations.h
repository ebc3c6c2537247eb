// Organizations of the directory: read one, create, edit, archive, report capacity. Every
// function takes the caller (nullptr = anonymous) and applies the authorisation table and the
// privacy rules itself, so no endpoint or export can forget them; every change bumps `version`,
// re-indexes the search text and appends an audit entry in the same write transaction.
//
// Failures: NotFound for an unknown id or one the caller may not see; Unauthenticated,
// PermissionDenied as authorize(); InvalidArgument with field errors for broken rules;
// Aborted when `expected_version` (If-Match) is stale.
//
// Thread-safety: all functions may be called from any thread (they go through Database).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/base/idempotency.h"
#include "domain/directory/directory.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

// The organization as the caller may see it (redacted), or NotFound.
Result<Organization> get_organization(storage::Database& db, const Actor* actor,
                                      const std::string& id);

Result<Organization> create_organization(storage::Database& db, const Clock& clock,
                                         const Actor* actor, const RequestMeta& meta,
                                         const OrganizationFields& fields);
// The same with an Idempotency-Key: a repeated key answers the organization it created first.
Result<Creation<Organization>> create_organization(storage::Database& db, const Clock& clock,
                                                   const Actor* actor, const RequestMeta& meta,
                                                   const OrganizationFields& fields,
                                                   const std::optional<IdempotencyKey>& key);

// The new fields given the current record; runs inside the write transaction, so the edit and
// the version check see the same state. The HTTP layer applies a JSON merge patch here.
using OrganizationEdit = std::function<Result<OrganizationFields>(const Organization& current)>;

// Partners may edit their own organization but not its category, council membership or status.
Result<Organization> update_organization(storage::Database& db, const Clock& clock,
                                         const Actor* actor, const RequestMeta& meta,
                                         const std::string& id,
                                         std::optional<int64_t> expected_version,
                                         const OrganizationEdit& edit);

// DELETE: status inactive; the record and its history stay.
Result<Organization> archive_organization(storage::Database& db, const Clock& clock,
                                          const Actor* actor, const RequestMeta& meta,
                                          const std::string& id,
                                          std::optional<int64_t> expected_version);

Result<Organization> update_capacity(storage::Database& db, const Clock& clock, const Actor* actor,
                                     const RequestMeta& meta, const std::string& id,
                                     std::optional<int64_t> expected_version, CapacityStatus status,
                                     const std::string& note);

// For the seed loader and the benchmark's generator: inserts a checked organization with a
// given id (new_uuid() when empty) on the caller's write transaction, with an audit entry for
// `actor`. Does not authorize.
Result<Organization> insert_organization(storage::Connection& c, const Clock& clock,
                                         const Actor* actor, const RequestMeta& meta,
                                         const OrganizationFields& fields, std::string id = "");

// Within a transaction, for a request that names an organization in `field` (a referral's
// partner, a partner account's, a meeting's invitee): it must be an active organization of the
// directory. Adds "is not an organization in the directory" or "is archived" to `errors`; a
// stored status that does not decode is an internal error.
Status check_active_organization(storage::Connection& c, const std::string& organization_id,
                                 const std::string& field, std::vector<FieldError>& errors);

// Minutes since the capacity was reported, and whether that is older than kCapacityStaleDays.
int64_t capacity_age_minutes(const Capacity& capacity, TimePoint now);
bool capacity_is_stale(const Capacity& capacity, TimePoint now);

}  // namespace tsunagu::domain
