#include "domain/directory/directory_facade.h"

#include "domain/directory/directory_index.h"

namespace tsunagu::domain {

Result<OrganizationPage> Directory::search(const Actor* actor, const OrganizationQuery& query) {
  return search_organizations(db_, actor, query);
}

Result<OrganizationPageJson> Directory::search_json(const Actor* actor,
                                                    const OrganizationQuery& query, TimePoint now) {
  return search_organizations_json(db_, actor, query, now);
}

Result<Organization> Directory::organization(const Actor* actor, const std::string& id) {
  return get_organization(db_, actor, id);
}

Result<std::vector<Service>> Directory::services_of(const Actor* actor,
                                                    const std::string& organization_id) {
  return list_services(db_, actor, organization_id);
}

Result<Service> Directory::service(const Actor* actor, const std::string& id) {
  return get_service(db_, actor, id);
}

Result<PublicServicePage> Directory::public_services(const PublicServiceQuery& query) {
  return list_public_services(db_, query);
}

Result<PublicService> Directory::public_service(const std::string& id) {
  return get_public_service(db_, id);
}

Result<std::vector<Ward>> Directory::wards() { return list_wards(db_); }

Result<Creation<Organization>> Directory::create_organization(
    const Actor* actor, const RequestMeta& meta, const OrganizationFields& fields,
    const std::optional<IdempotencyKey>& key) {
  return domain::create_organization(db_, clock_, actor, meta, fields, key);
}

Result<Organization> Directory::update_organization(const Actor* actor, const RequestMeta& meta,
                                                    const std::string& id,
                                                    std::optional<int64_t> expected,
                                                    const OrganizationEdit& edit) {
  return domain::update_organization(db_, clock_, actor, meta, id, expected, edit);
}

Result<Organization> Directory::archive_organization(const Actor* actor, const RequestMeta& meta,
                                                     const std::string& id,
                                                     std::optional<int64_t> expected) {
  return domain::archive_organization(db_, clock_, actor, meta, id, expected);
}

Result<Organization> Directory::update_capacity(const Actor* actor, const RequestMeta& meta,
                                                const std::string& id,
                                                std::optional<int64_t> expected,
                                                CapacityStatus status, const std::string& note) {
  return domain::update_capacity(db_, clock_, actor, meta, id, expected, status, note);
}

Result<Creation<Service>> Directory::create_service(const Actor* actor, const RequestMeta& meta,
                                                    const std::string& organization_id,
                                                    const ServiceFields& fields,
                                                    const std::optional<IdempotencyKey>& key) {
  return domain::create_service(db_, clock_, actor, meta, organization_id, fields, key);
}

Result<Service> Directory::update_service(const Actor* actor, const RequestMeta& meta,
                                          const std::string& id, std::optional<int64_t> expected,
                                          const ServiceEdit& edit) {
  return domain::update_service(db_, clock_, actor, meta, id, expected, edit);
}

Result<Service> Directory::archive_service(const Actor* actor, const RequestMeta& meta,
                                           const std::string& id, std::optional<int64_t> expected) {
  return domain::archive_service(db_, clock_, actor, meta, id, expected);
}

Status Directory::build_index() { return DirectoryIndex::of(db_).rebuild(); }

void Directory::catch_up_index() noexcept { DirectoryIndex::of(db_).catch_up(); }

}  // namespace tsunagu::domain
