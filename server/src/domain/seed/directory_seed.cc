#include "domain/seed/directory_seed.h"

#include "domain/directory/directory_json.h"
#include "domain/directory/directory_services.h"
#include "domain/directory/directory_store.h"
#include "domain/directory/organizations.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

// Removes `key` from `object` and returns its value (null when absent).
Json take(Json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return nullptr;
  Json v = std::move(object[key]);
  object.erase(key);
  return v;
}

Error in_item(const std::string& where, const Error& e) {
  return Error::InvalidArgument(where + ": " + e.to_string());
}

Status set_capacity(storage::Connection& c, const Clock& clock, const std::string& id,
                    const Json& capacity) {
  if (capacity.is_null()) return Status::Ok();
  auto status = capacity.is_object() && capacity.value("status", Json()).is_string()
                    ? parse_capacity_status(capacity["status"].get<std::string>())
                    : std::nullopt;
  if (!status) return Error::InvalidArgument("capacity.status must be open|limited|waitlist|full");
  TRY_ASSIGN(std::optional<Organization> o, store::load_organization(c, id));
  o->capacity = Capacity{*status, capacity.value("note", std::string()), clock.now()};
  store::update_capacity(c, *o);
  return Status::Ok();
}

}  // namespace

Status load_directory_seed(storage::Connection& c, const Clock& clock, const Json& items) {
  const RequestMeta meta{"demo-seed", ""};
  for (size_t i = 0; i < items.size(); ++i) {
    Json item = items[i];
    std::string where = "organizations[" + std::to_string(i) + "]";
    Json id = take(item, "id");
    Json capacity = take(item, "capacity");
    Json services = take(item, "services");
    auto fields = parse_organization_fields(item);
    if (!fields.ok()) return in_item(where, fields.error());
    auto o = insert_organization(c, clock, nullptr, meta, *fields,
                                 id.is_string() ? id.get<std::string>() : "");
    if (!o.ok()) return in_item(where, o.error());
    TRY(set_capacity(c, clock, o->id, capacity));
    for (size_t k = 0; services.is_array() && k < services.size(); ++k) {
      Json service = services[k];
      Json service_id = take(service, "id");
      auto sf = parse_service_fields(service);
      if (!sf.ok()) return in_item(where + ".services[" + std::to_string(k) + "]", sf.error());
      auto s = insert_service(c, clock, nullptr, meta, o->id, *sf,
                              service_id.is_string() ? service_id.get<std::string>() : "");
      if (!s.ok()) return in_item(where + ".services[" + std::to_string(k) + "]", s.error());
    }
  }
  return Status::Ok();
}

}  // namespace tsunagu::domain
