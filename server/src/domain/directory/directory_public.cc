#include "domain/directory/directory_public.h"

#include "domain/base/where.h"
#include "domain/directory/directory_privacy.h"
#include "domain/directory/directory_search.h"
#include "domain/directory/directory_store.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

constexpr char kPublicFrom[] = " FROM services s JOIN organizations o ON o.id = s.organization_id";
// The public services: of ?1 the organization, of ?2 the category, updated since ?3 ('' for any).
constexpr char kPublicRows[] =
    "s.status = 'active' AND o.status = 'active' AND o.visibility = 'public'"
    " AND (?1 = '' OR o.id = ?1) AND (?2 = '' OR o.category = ?2) AND (?3 = '' OR "
    "s.updated_at >= ?3)";

// The organizations whose location an anonymous caller sees: the address levels of
// visible_address_levels(nullptr), with an address or coordinates to show.
std::string public_location_condition() {
  std::string levels;
  for (AddressVisibility v : visible_address_levels(nullptr)) {
    levels += std::string(levels.empty() ? "'" : ", '") + to_string(v) + "'";
  }
  return "o.address_visibility IN (" + levels + ") AND (o.address <> '' OR o.lat IS NOT NULL)";
}

Result<std::optional<PublicService>> load(storage::Connection& c, const std::string& service_id) {
  TRY_ASSIGN(std::optional<Service> s, store::load_service(c, service_id));
  if (!s) return std::optional<PublicService>();
  TRY_ASSIGN(std::optional<Organization> o, store::load_organization(c, s->organization_id));
  if (!o) return std::optional<PublicService>();
  redact_for(nullptr, *o);
  return std::optional(PublicService{std::move(*s), std::move(*o)});
}

}  // namespace

Result<PublicServicePage> list_public_services(storage::Database& db,
                                               const PublicServiceQuery& query) {
  TRY_ASSIGN(std::vector<std::string> terms, search_terms(query.q));
  Where where;
  // kPublicRows's ?1 to ?3, then LIMIT and OFFSET.
  where.param(query.organization_id);
  where.param(query.category ? std::string(to_string(*query.category)) : std::string());
  where.param(query.modified_after ? format_utc(*query.modified_after) : std::string());
  const std::string limit = where.param(int64_t{query.limit});
  const std::string offset = where.param(query.offset);
  where.add(kPublicRows);
  // Every folded word must occur in the organization's search text (names, kana, services).
  for (const std::string& term : terms) {
    where.add("instr(o.search_text, " + where.param(term) + ") > 0");
  }
  if (query.with_public_location) where.add(public_location_condition());
  return db.read([&](storage::Connection& c) -> Result<PublicServicePage> {
    PublicServicePage page;
    // LIMIT and OFFSET appear in both statements so the two bind the same parameters.
    auto count = c.prepare("SELECT count(*)" + std::string(kPublicFrom) + where.sql() + " AND " +
                           limit + " >= 0 AND " + offset + " >= 0");
    where.bind(count);
    if (count.step()) page.total = count.int64(0);
    auto ids = c.prepare("SELECT s.id" + std::string(kPublicFrom) + where.sql() +
                         " ORDER BY s.name, s.id LIMIT " + limit + " OFFSET " + offset);
    where.bind(ids);
    std::vector<std::string> found;
    while (ids.step()) found.push_back(ids.text(0));
    for (const auto& id : found) {
      TRY_ASSIGN(std::optional<PublicService> item, load(c, id));
      if (item) page.items.push_back(std::move(*item));
    }
    return page;
  });
}

Result<PublicService> get_public_service(storage::Database& db, const std::string& id) {
  return db.read([&](storage::Connection& c) -> Result<PublicService> {
    auto exists = c.prepare("SELECT s.id" + std::string(kPublicFrom) + " WHERE " + kPublicRows +
                            " AND s.id = ?4");
    exists.bind(1, "").bind(2, "").bind(3, "").bind(4, id);
    std::optional<PublicService> item;
    if (exists.step()) {
      TRY_ASSIGN(item, load(c, id));
    }
    if (!item) return Error::NotFound("No public service " + id + ".");
    return std::move(*item);
  });
}

bool has_public_location(const Organization& redacted) {
  return !redacted.address_withheld && (!redacted.fields.address.empty() || redacted.fields.lat);
}

}  // namespace tsunagu::domain
