#include "http/hsds_documents.h"

#include <utility>

namespace tsunagu::http::hsds {
namespace {

constexpr int kBatch = 200;

// Every public service (with a public location when `with_public_location`), rendered.
template <typename Render>
Result<Json> all_public_services(domain::Directory& directory, bool with_public_location,
                                 Render render) {
  Json out = Json::array();
  domain::PublicServiceQuery q;
  q.with_public_location = with_public_location;
  q.limit = kBatch;
  for (;; q.offset += kBatch) {
    TRY_ASSIGN(auto found, directory.public_services(q));
    for (const auto& item : found.items) out.push_back(render(item.service, item.organization));
    if (found.items.empty() || q.offset + kBatch >= found.total) break;
  }
  return out;
}

}  // namespace

Result<WardNames> ward_names(domain::Directory& directory) {
  TRY_ASSIGN(auto wards, directory.wards());
  WardNames out;
  for (auto& w : wards) out.emplace(w.code, std::move(w));
  return out;
}

Result<Json> full_organization(domain::Directory& directory, const domain::Organization& o,
                               bool full_services, const WardNames& wards) {
  TRY_ASSIGN(auto list, directory.services_of(nullptr, o.id));
  return organization(o, list, full_services, wards);
}

Result<std::vector<ExportFile>> export_documents(domain::Directory& directory) {
  TRY_ASSIGN(WardNames wards, ward_names(directory));
  std::vector<ExportFile> files;

  ExportFile organizations{"organizations.json", "compiled/organization_package.json",
                           Json::array()};
  domain::OrganizationQuery q;
  q.limit = kBatch;
  for (;; q.offset += kBatch) {
    TRY_ASSIGN(auto found, directory.search(nullptr, q));
    for (const auto& o : found.items) {
      TRY_ASSIGN(Json item, full_organization(directory, o, true, wards));
      organizations.items.push_back(std::move(item));
    }
    if (found.items.empty() || q.offset + kBatch >= found.total) break;
  }
  files.push_back(std::move(organizations));

  TRY_ASSIGN(Json services,
             all_public_services(directory, false, [&](const auto& s, const auto& o) {
               return service(s, o, wards);
             }));
  files.push_back({"services.json", "compiled/service_package.json", std::move(services)});
  TRY_ASSIGN(Json places, all_public_services(directory, true, [&](const auto& s, const auto& o) {
               return service_at_location(s, o, wards);
             }));
  files.push_back({"service_at_locations.json", "compiled/service_at_location_package.json",
                   std::move(places)});

  files.push_back({"taxonomies.json", "taxonomy.json", Json::array({taxonomy()})});
  Json terms = Json::array();
  for (std::string_view name : domain::category_names()) {
    terms.push_back(taxonomy_term(*domain::parse_category(name)));
  }
  files.push_back({"taxonomy_terms.json", "taxonomy_term.json", std::move(terms)});
  return files;
}

}  // namespace tsunagu::http::hsds
