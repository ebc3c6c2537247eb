// Services that partner organizations offer (a night nursery's 夜間保育, a youth space's evening
// meal): read, add, edit, archive. A service is visible exactly when its organization is
// (directory_privacy.h); its hours fall back to the organization's when it has none of its own.
// Changes bump `version`, re-index the organization's search text and append an audit entry in
// the same write transaction. Failures as in organizations.h.
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

// The services of a visible organization (archived ones only for signed-in callers).
Result<std::vector<Service>> list_services(storage::Database& db, const Actor* actor,
                                           const std::string& organization_id);

Result<Service> get_service(storage::Database& db, const Actor* actor, const std::string& id);

Result<Service> create_service(storage::Database& db, const Clock& clock, const Actor* actor,
                               const RequestMeta& meta, const std::string& organization_id,
                               const ServiceFields& fields);
// The same with an Idempotency-Key: a repeated key answers the service it created first.
Result<Creation<Service>> create_service(storage::Database& db, const Clock& clock,
                                         const Actor* actor, const RequestMeta& meta,
                                         const std::string& organization_id,
                                         const ServiceFields& fields,
                                         const std::optional<IdempotencyKey>& key);

using ServiceEdit = std::function<Result<ServiceFields>(const Service& current)>;

Result<Service> update_service(storage::Database& db, const Clock& clock, const Actor* actor,
                               const RequestMeta& meta, const std::string& id,
                               std::optional<int64_t> expected_version, const ServiceEdit& edit);

Result<Service> archive_service(storage::Database& db, const Clock& clock, const Actor* actor,
                                const RequestMeta& meta, const std::string& id,
                                std::optional<int64_t> expected_version);

// For the seed loader and the benchmark's generator; see insert_organization().
Result<Service> insert_service(storage::Connection& c, const Clock& clock, const Actor* actor,
                               const RequestMeta& meta, const std::string& organization_id,
                               const ServiceFields& fields, std::string id = "");

}  // namespace tsunagu::domain
