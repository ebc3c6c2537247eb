#include "domain/directory/organizations.h"

#include "common/ids.h"
#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/audit/audit.h"
#include "domain/base/if_match.h"
#include "domain/directory/directory_index.h"
#include "domain/directory/directory_privacy.h"
#include "domain/directory/directory_rules.h"
#include "domain/directory/directory_store.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

std::string changed_fields(const OrganizationFields& a, const OrganizationFields& b) {
  std::string out;
  auto add = [&out](const char* name, bool differs) {
    if (differs) out += (out.empty() ? "" : ", ") + std::string(name);
  };
  add("name", a.name != b.name);
  add("name_kana", a.name_kana != b.name_kana);
  add("description", a.description != b.description);
  add("category", a.category != b.category);
  add("wards", a.wards != b.wards);
  add("district", a.district != b.district);
  add("address", a.address != b.address);
  add("address_visibility", a.address_visibility != b.address_visibility);
  add("lat", a.lat != b.lat);
  add("lon", a.lon != b.lon);
  add("phone", a.phone != b.phone);
  add("email", a.email != b.email);
  add("website", a.website != b.website);
  add("council_member", a.council_member != b.council_member);
  add("visibility", a.visibility != b.visibility);
  add("hours", a.hours != b.hours);
  add("tags", a.tags != b.tags);
  add("languages", a.languages != b.languages);
  add("status", a.status != b.status);
  return out.empty() ? "no changes" : "fields: " + out;
}

// What only an administrator may change: the network's own classification of the entry.
Status check_partner_limits(const Actor* actor, const OrganizationFields& before,
                            const OrganizationFields& after) {
  if (actor == nullptr || access::administers_directory(*actor)) return Status::Ok();
  std::string fields;
  auto add = [&fields](const char* name, bool differs) {
    if (differs) fields += (fields.empty() ? "" : ", ") + std::string(name);
  };
  add("category", before.category != after.category);
  add("council_member", before.council_member != after.council_member);
  add("status", before.status != after.status);
  if (fields.empty()) return Status::Ok();
  return Error::PermissionDenied("Only an administrator may change: " + fields + ".");
}

Status check_all(storage::Connection& c, const OrganizationFields& fields) {
  std::vector<FieldError> errors = check_organization(fields);
  for (auto& e : check_wards(c, fields.wards)) errors.push_back(std::move(e));
  return field_errors(std::move(errors));
}

void record(storage::Connection& c, const Clock& clock, const Actor* actor, const RequestMeta& meta,
            const char* action, const std::string& id, std::string detail) {
  audit::append(c, clock, actor, meta,
                {action, "organization", id, std::nullopt, id, std::move(detail)});
}

// Loads the organization for a change: NotFound when unknown, Aborted when stale.
Result<Organization> load_for_change(storage::Connection& c, const std::string& id,
                                     std::optional<int64_t> expected_version) {
  TRY_ASSIGN(std::optional<Organization> current, store::load_organization(c, id));
  if (!current) return Error::NotFound("No organization " + id + ".");
  TRY(check_if_match(expected_version, current->version, "organization"));
  return std::move(*current);
}

Organization visible_copy(const Actor* actor, Organization o) {
  redact_for(actor, o);
  return o;
}

}  // namespace

Result<Organization> get_organization(storage::Database& db, const Actor* actor,
                                      const std::string& id) {
  TRY(authorize(actor, Action::kOrganizationRead));
  return db.read([&](storage::Connection& c) -> Result<Organization> {
    TRY_ASSIGN(std::optional<Organization> o, store::load_organization(c, id));
    if (!o || !may_see_organization(actor, o->fields.visibility, o->fields.status)) {
      return Error::NotFound("No organization " + id + ".");
    }
    return visible_copy(actor, std::move(*o));
  });
}

Result<Organization> insert_organization(storage::Connection& c, const Clock& clock,
                                         const Actor* actor, const RequestMeta& meta,
                                         const OrganizationFields& fields, std::string id) {
  TRY(check_all(c, fields));
  Organization o;
  o.id = id.empty() ? new_uuid() : std::move(id);
  o.fields = fields;
  o.version = 1;
  o.created_at = o.updated_at = clock.now();
  store::insert_organization(c, o);
  TRY(store::reindex_organization(c, o.id));
  record(c, clock, actor, meta, "organization.create", o.id, "created");
  return o;
}

Result<Organization> create_organization(storage::Database& db, const Clock& clock,
                                         const Actor* actor, const RequestMeta& meta,
                                         const OrganizationFields& fields) {
  TRY_ASSIGN(auto made, create_organization(db, clock, actor, meta, fields, std::nullopt));
  return std::move(made.resource);
}

Result<Creation<Organization>> create_organization(storage::Database& db, const Clock& clock,
                                                   const Actor* actor, const RequestMeta& meta,
                                                   const OrganizationFields& fields,
                                                   const std::optional<IdempotencyKey>& key) {
  TRY(authorize(actor, Action::kOrganizationCreate));
  TRY_ASSIGN(
      auto made, write_directory(db, [&](storage::Connection& c) -> Result<Creation<Organization>> {
        return idempotency::create_once<Organization>(
            c, clock, actor->user_id, key,
            [&](const std::string& first_id) -> Result<Organization> {
              TRY_ASSIGN(std::optional<Organization> o, store::load_organization(c, first_id));
              if (!o) return Error::NotFound("No such organization.");
              return std::move(*o);
            },
            [&] { return insert_organization(c, clock, actor, meta, fields); });
      }));
  made.resource = visible_copy(actor, std::move(made.resource));
  return made;
}

Result<Organization> update_organization(storage::Database& db, const Clock& clock,
                                         const Actor* actor, const RequestMeta& meta,
                                         const std::string& id,
                                         std::optional<int64_t> expected_version,
                                         const OrganizationEdit& edit) {
  TRY(authorize(actor, Action::kOrganizationUpdate, {std::nullopt, id}));
  TRY_ASSIGN(Organization o,
             write_directory(db, [&](storage::Connection& c) -> Result<Organization> {
               TRY_ASSIGN(Organization current, load_for_change(c, id, expected_version));
               TRY_ASSIGN(OrganizationFields fields, edit(current));
               TRY(check_all(c, fields));
               TRY(check_partner_limits(actor, current.fields, fields));
               std::string detail = changed_fields(current.fields, fields);
               current.fields = std::move(fields);
               current.version += 1;
               current.updated_at = clock.now();
               store::update_organization(c, current);
               TRY(store::reindex_organization(c, id));
               record(c, clock, actor, meta, "organization.update", id, detail);
               return current;
             }));
  return visible_copy(actor, std::move(o));
}

Result<Organization> archive_organization(storage::Database& db, const Clock& clock,
                                          const Actor* actor, const RequestMeta& meta,
                                          const std::string& id,
                                          std::optional<int64_t> expected_version) {
  TRY(authorize(actor, Action::kOrganizationArchive, {std::nullopt, id}));
  TRY_ASSIGN(Organization o,
             write_directory(db, [&](storage::Connection& c) -> Result<Organization> {
               TRY_ASSIGN(Organization current, load_for_change(c, id, expected_version));
               if (current.fields.status == EntryStatus::kInactive) return current;
               current.fields.status = EntryStatus::kInactive;
               current.version += 1;
               current.updated_at = clock.now();
               store::update_organization(c, current);
               record(c, clock, actor, meta, "organization.archive", id, "status: inactive");
               return current;
             }));
  return visible_copy(actor, std::move(o));
}

Result<Organization> update_capacity(storage::Database& db, const Clock& clock, const Actor* actor,
                                     const RequestMeta& meta, const std::string& id,
                                     std::optional<int64_t> expected_version, CapacityStatus status,
                                     const std::string& note) {
  TRY(authorize(actor, Action::kCapacityUpdate, {std::nullopt, id}));
  TRY_ASSIGN(Organization o,
             write_directory(db, [&](storage::Connection& c) -> Result<Organization> {
               TRY_ASSIGN(Organization current, load_for_change(c, id, expected_version));
               if (current.fields.status == EntryStatus::kInactive) {
                 return Error::FailedPrecondition("The organization is archived.");
               }
               current.capacity = Capacity{status, note, clock.now()};
               current.version += 1;
               current.updated_at = clock.now();
               store::update_capacity(c, current);
               record(c, clock, actor, meta, "capacity.update", id,
                      std::string("capacity: ") + to_string(status));
               return current;
             }));
  return visible_copy(actor, std::move(o));
}

Status check_active_organization(storage::Connection& c, const std::string& organization_id,
                                 const std::string& field, std::vector<FieldError>& errors) {
  auto s = c.prepare("SELECT status FROM organizations WHERE id = ?1");
  s.bind(1, organization_id);
  if (!s.step()) {
    errors.push_back({field, "is not an organization in the directory"});
    return Status::Ok();
  }
  TRY_ASSIGN(const EntryStatus status, decode_word<EntryStatus>(s.text(0)));
  if (status != EntryStatus::kActive) errors.push_back({field, "is archived"});
  return Status::Ok();
}

int64_t capacity_age_minutes(const Capacity& capacity, TimePoint now) {
  auto age = std::chrono::duration_cast<std::chrono::minutes>(now - capacity.updated_at).count();
  return age < 0 ? 0 : age;
}

bool capacity_is_stale(const Capacity& capacity, TimePoint now) {
  return capacity_age_minutes(capacity, now) > int64_t{kCapacityStaleDays} * 24 * 60;
}

}  // namespace tsunagu::domain
