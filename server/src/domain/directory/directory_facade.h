// The directory's service object: every read and write of organizations, their services, the
// public (HSDS) view and the search that the HTTP layer and the export commands make, in one
// place that holds the database. Each call is one domain function (organizations.h,
// directory_services.h, directory_public.h, directory_search.h), which authorises, applies the
// privacy rules and owns its transaction; every write goes through write_directory(), so the
// search index (directory_index.h, "Coherence") is current when the write returns.
//
// Thread-safety: a Directory object may be shared by all request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/base/idempotency.h"
#include "domain/base/wards.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_public.h"
#include "domain/directory/directory_search.h"
#include "domain/directory/directory_services.h"
#include "domain/directory/organizations.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain {

class Directory {
 public:
  Directory(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Reads. `actor` nullptr: anonymous.
  Result<OrganizationPage> search(const Actor* actor, const OrganizationQuery& query);
  Result<OrganizationPageJson> search_json(const Actor* actor, const OrganizationQuery& query,
                                           TimePoint now);
  Result<Organization> organization(const Actor* actor, const std::string& id);
  Result<std::vector<Service>> services_of(const Actor* actor, const std::string& organization_id);
  Result<Service> service(const Actor* actor, const std::string& id);
  Result<PublicServicePage> public_services(const PublicServiceQuery& query);
  Result<PublicService> public_service(const std::string& id);
  // The wards services are listed under (service areas).
  Result<std::vector<Ward>> wards();

  // Writes, each audited in its own transaction. `expected`: the version the caller read.
  Result<Creation<Organization>> create_organization(const Actor* actor, const RequestMeta& meta,
                                                     const OrganizationFields& fields,
                                                     const std::optional<IdempotencyKey>& key);
  Result<Organization> update_organization(const Actor* actor, const RequestMeta& meta,
                                           const std::string& id, std::optional<int64_t> expected,
                                           const OrganizationEdit& edit);
  Result<Organization> archive_organization(const Actor* actor, const RequestMeta& meta,
                                            const std::string& id, std::optional<int64_t> expected);
  Result<Organization> update_capacity(const Actor* actor, const RequestMeta& meta,
                                       const std::string& id, std::optional<int64_t> expected,
                                       CapacityStatus status, const std::string& note);
  Result<Creation<Service>> create_service(const Actor* actor, const RequestMeta& meta,
                                           const std::string& organization_id,
                                           const ServiceFields& fields,
                                           const std::optional<IdempotencyKey>& key);
  Result<Service> update_service(const Actor* actor, const RequestMeta& meta, const std::string& id,
                                 std::optional<int64_t> expected, const ServiceEdit& edit);
  Result<Service> archive_service(const Actor* actor, const RequestMeta& meta,
                                  const std::string& id, std::optional<int64_t> expected);

  // The search index (directory_index.h): built whole now (the server does so at start), and
  // caught up with directory changes another process made (the server calls it every second).
  Status build_index();
  void catch_up_index() noexcept;

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace tsunagu::domain
