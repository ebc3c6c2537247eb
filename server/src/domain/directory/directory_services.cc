#include "domain/directory/directory_services.h"

#include "common/ids.h"
#include "domain/access/authorization.h"
#include "domain/audit/audit.h"
#include "domain/base/if_match.h"
#include "domain/directory/directory_index.h"
#include "domain/directory/directory_privacy.h"
#include "domain/directory/directory_rules.h"
#include "domain/directory/directory_store.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

// The organization when the caller may see it.
Result<std::optional<Organization>> visible_organization(storage::Connection& c, const Actor* actor,
                                                         const std::string& organization_id) {
  TRY_ASSIGN(std::optional<Organization> o, store::load_organization(c, organization_id));
  if (!o || !may_see_organization(actor, o->fields.visibility, o->fields.status)) {
    return std::optional<Organization>();
  }
  return o;
}

bool may_see_service(const Actor* actor, const Service& s) {
  return actor != nullptr || s.fields.status == EntryStatus::kActive;
}

Error no_service(const std::string& id) { return Error::NotFound("No service " + id + "."); }

// Stores `s` (new or changed), re-indexes its organization, audits, and returns it as read back
// (hours filled in from the organization when it has none).
Result<Service> save(storage::Connection& c, const Clock& clock, const Actor* actor,
                     const RequestMeta& meta, Service s, bool is_new, const char* action,
                     std::string detail) {
  s.hours_inherited = s.fields.hours.empty();
  if (is_new) {
    store::insert_service(c, s);
  } else {
    store::update_service(c, s);
  }
  TRY(store::reindex_organization(c, s.organization_id));
  audit::append(c, clock, actor, meta,
                {action, "service", s.id, std::nullopt, s.organization_id, std::move(detail)});
  TRY_ASSIGN(std::optional<Service> saved, store::load_service(c, s.id));
  return std::move(*saved);
}

// Loads a service for a change after checking the caller may manage its organization.
Result<Service> load_for_change(storage::Connection& c, const Actor* actor, const std::string& id,
                                std::optional<int64_t> expected_version) {
  TRY(authorize_role(actor, Action::kServiceManage));  // 403 before a lookup that could say 404
  TRY_ASSIGN(std::optional<Service> s, store::load_service(c, id));
  if (!s) return no_service(id);
  TRY(authorize(actor, Action::kServiceManage, {std::nullopt, s->organization_id}));
  TRY(check_if_match(expected_version, s->version, "service"));
  if (s->hours_inherited) s->fields.hours.clear();
  return std::move(*s);
}

}  // namespace

Result<std::vector<Service>> list_services(storage::Database& db, const Actor* actor,
                                           const std::string& organization_id) {
  TRY(authorize(actor, Action::kOrganizationRead));
  return db.read([&](storage::Connection& c) -> Result<std::vector<Service>> {
    TRY_ASSIGN(std::optional<Organization> o, visible_organization(c, actor, organization_id));
    if (!o) return Error::NotFound("No organization " + organization_id + ".");
    return store::load_services(c, organization_id, o->fields.hours, actor == nullptr);
  });
}

Result<Service> get_service(storage::Database& db, const Actor* actor, const std::string& id) {
  TRY(authorize(actor, Action::kOrganizationRead));
  return db.read([&](storage::Connection& c) -> Result<Service> {
    TRY_ASSIGN(std::optional<Service> s, store::load_service(c, id));
    if (!s || !may_see_service(actor, *s)) return no_service(id);
    TRY_ASSIGN(std::optional<Organization> o, visible_organization(c, actor, s->organization_id));
    if (!o) return no_service(id);
    return std::move(*s);
  });
}

Result<Service> insert_service(storage::Connection& c, const Clock& clock, const Actor* actor,
                               const RequestMeta& meta, const std::string& organization_id,
                               const ServiceFields& fields, std::string id) {
  TRY(field_errors(check_service(fields)));
  TRY_ASSIGN(std::optional<Organization> o, store::load_organization(c, organization_id));
  if (!o) return Error::NotFound("No organization " + organization_id + ".");
  Service s;
  s.id = id.empty() ? new_uuid() : std::move(id);
  s.organization_id = organization_id;
  s.fields = fields;
  s.created_at = s.updated_at = clock.now();
  return save(c, clock, actor, meta, std::move(s), true, "service.create", "created");
}

Result<Service> create_service(storage::Database& db, const Clock& clock, const Actor* actor,
                               const RequestMeta& meta, const std::string& organization_id,
                               const ServiceFields& fields) {
  TRY_ASSIGN(auto made,
             create_service(db, clock, actor, meta, organization_id, fields, std::nullopt));
  return std::move(made.resource);
}

Result<Creation<Service>> create_service(storage::Database& db, const Clock& clock,
                                         const Actor* actor, const RequestMeta& meta,
                                         const std::string& organization_id,
                                         const ServiceFields& fields,
                                         const std::optional<IdempotencyKey>& key) {
  TRY(authorize(actor, Action::kServiceManage, {std::nullopt, organization_id}));
  return write_directory(db, [&](storage::Connection& c) -> Result<Creation<Service>> {
    return idempotency::create_once<Service>(
        c, clock, actor->user_id, key,
        [&](const std::string& first_id) -> Result<Service> {
          TRY_ASSIGN(std::optional<Service> s, store::load_service(c, first_id));
          if (!s) return Error::NotFound("No such service.");
          return std::move(*s);
        },
        [&] { return insert_service(c, clock, actor, meta, organization_id, fields); });
  });
}

Result<Service> update_service(storage::Database& db, const Clock& clock, const Actor* actor,
                               const RequestMeta& meta, const std::string& id,
                               std::optional<int64_t> expected_version, const ServiceEdit& edit) {
  if (actor == nullptr) return Error::Unauthenticated("Sign in first.");
  return write_directory(db, [&](storage::Connection& c) -> Result<Service> {
    TRY_ASSIGN(Service s, load_for_change(c, actor, id, expected_version));
    TRY_ASSIGN(ServiceFields fields, edit(s));
    TRY(field_errors(check_service(fields)));
    s.fields = std::move(fields);
    s.version += 1;
    s.updated_at = clock.now();
    return save(c, clock, actor, meta, std::move(s), false, "service.update", "edited");
  });
}

Result<Service> archive_service(storage::Database& db, const Clock& clock, const Actor* actor,
                                const RequestMeta& meta, const std::string& id,
                                std::optional<int64_t> expected_version) {
  if (actor == nullptr) return Error::Unauthenticated("Sign in first.");
  return write_directory(db, [&](storage::Connection& c) -> Result<Service> {
    TRY_ASSIGN(Service s, load_for_change(c, actor, id, expected_version));
    if (s.fields.status == EntryStatus::kInactive) {
      TRY_ASSIGN(std::optional<Service> stored, store::load_service(c, id));
      return std::move(*stored);
    }
    s.fields.status = EntryStatus::kInactive;
    s.version += 1;
    s.updated_at = clock.now();
    return save(c, clock, actor, meta, std::move(s), false, "service.archive", "status: inactive");
  });
}

}  // namespace tsunagu::domain
