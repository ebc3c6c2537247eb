#include "domain/directory/directory_public.h"

#include "domain/directory/directory_privacy.h"
#include "domain/directory/directory_search.h"
#include "domain/directory/directory_store.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

constexpr char kPublic[] =
    " FROM services s JOIN organizations o ON o.id = s.organization_id"
    " WHERE s.status = 'active' AND o.status = 'active' AND o.visibility = 'public'"
    " AND (?1 = '' OR o.id = ?1) AND (?2 = '' OR o.category = ?2) AND (?3 = '' OR "
    "s.updated_at >= ?3)";

// The organizations whose location an anonymous caller sees: the address levels of
// visible_address_levels(nullptr), with an address or coordinates to show.
std::string public_location_condition() {
  std::string levels;
  for (AddressVisibility v : visible_address_levels(nullptr)) {
    levels += std::string(levels.empty() ? "'" : ", '") + to_string(v) + "'";
  }
  return " AND o.address_visibility IN (" + levels + ") AND (o.address <> '' OR o.lat IS NOT NULL)";
}

// Every folded word must occur in the organization's search text (names, kana, services).
std::string terms_condition(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += " AND instr(o.search_text, ?" + std::to_string(6 + i) + ") > 0";
  }
  return out;
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
  std::string where = std::string(kPublic) + terms_condition(terms.size());
  if (query.with_public_location) where += public_location_condition();
  std::string category = query.category ? to_string(*query.category) : "";
  std::string after = query.modified_after ? format_utc(*query.modified_after) : "";
  auto bind = [&](storage::Statement& s) {
    s.bind(1, query.organization_id).bind(2, category).bind(3, after);
    s.bind(4, int64_t{query.limit}).bind(5, query.offset);
    for (size_t i = 0; i < terms.size(); ++i) s.bind(static_cast<int>(6 + i), terms[i]);
  };
  return db.read([&](storage::Connection& c) -> Result<PublicServicePage> {
    PublicServicePage page;
    // ?4 and ?5 appear in both statements so the two bind the same parameters.
    auto count = c.prepare("SELECT count(*)" + where + " AND ?4 >= 0 AND ?5 >= 0");
    bind(count);
    if (count.step()) page.total = count.int64(0);
    auto ids = c.prepare("SELECT s.id" + where + " ORDER BY s.name, s.id LIMIT ?4 OFFSET ?5");
    bind(ids);
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
    auto exists = c.prepare("SELECT s.id" + std::string(kPublic) + " AND s.id = ?4");
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
