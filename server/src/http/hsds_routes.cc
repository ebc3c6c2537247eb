// The HSDS 3.0 (Open Referral) read API under /hsds/: the public directory as open data, with
// every path of HSDS's openapi.json and its query parameters (hsds_params.h), HSDS's Page
// envelope or ndjson. Always anonymous: the domain's public view (directory_public.h, and
// nullptr as the caller elsewhere) is asked whoever calls, so a token changes nothing and
// network-only entries and non-public addresses never appear here. docs/hsds.md is the mapping.
#include <string>

#include "common/text.h"
#include "domain/directory/directory_facade.h"
#include "http/hsds_documents.h"
#include "http/hsds_json.h"
#include "http/hsds_params.h"
#include "http/query_params.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

using hsds::Fetch;
using hsds::Slice;

// Where this API's profile is described: the base HSDS 3.0 schemas, unextended.
constexpr char kProfile[] = "https://docs.openreferral.org/en/3.0/";
constexpr char kOpenApiUrl[] =
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json";
constexpr char kNoPostcodes[] =
    "Tsunagu records no postcodes; service areas are Sapporo's wards (see service_areas)";

Result<hsds::WardNames> ward_names(const Services& services) {
  return hsds::ward_names(*services.directory);
}

// Public services (with_public_location for services at locations) rendered by `render`.
template <typename Render>
Fetch public_services(const Services& services, domain::PublicServiceQuery q, Render render) {
  return [&services, q = std::move(q), render](int64_t offset, int limit) -> Result<Slice> {
    domain::PublicServiceQuery page_q = q;
    page_q.offset = offset;
    page_q.limit = limit;
    TRY_ASSIGN(auto found, services.directory->public_services(page_q));
    Slice slice;
    slice.total = found.total;
    for (const auto& item : found.items) {
      slice.items.push_back(render(item.service, item.organization));
    }
    return slice;
  };
}

Status list_services(const Services& services, const httplib::Request& req,
                     httplib::Response& res) {
  TRY(only_params(req, {"search", kPage, kPerPage, "format", "taxonomy_term_id", "taxonomy_id",
                        "organization_id", "modified_after", "minimal", "full"}));
  TRY_ASSIGN(auto params, hsds::list_params(req));
  TRY_ASSIGN(auto q, hsds::service_query(req));
  TRY_ASSIGN(bool minimal, bool_param(req, "minimal"));
  if (minimal && params.full) {
    return hsds::bad_param("minimal", "cannot be combined with full=true");
  }
  TRY_ASSIGN(auto wards, ward_names(services));
  return hsds::write_list(
      res, params,
      public_services(services, std::move(q),
                      [full = params.full, minimal, wards = std::move(wards)](
                          const domain::Service& s, const domain::Organization& o) {
                        if (full) return hsds::service(s, o, wards);
                        return minimal ? hsds::service_minimal(s) : hsds::service_item(s, o);
                      }));
}

Status list_service_at_locations(const Services& services, const httplib::Request& req,
                                 httplib::Response& res) {
  TRY(only_params(req,
                  {"search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after",
                   "full", kPage, kPerPage, "format", "postcode", "proximity"}));
  TRY(hsds::refuse_unsupported(req, "postcode", kNoPostcodes));
  TRY(hsds::refuse_unsupported(req, "proximity", kNoPostcodes));
  TRY_ASSIGN(auto params, hsds::list_params(req));
  TRY_ASSIGN(auto q, hsds::service_query(req));
  q.with_public_location = true;
  TRY_ASSIGN(auto wards, ward_names(services));
  return hsds::write_list(
      res, params,
      public_services(services, std::move(q),
                      [full = params.full, wards = std::move(wards)](
                          const domain::Service& s, const domain::Organization& o) {
                        return full ? hsds::service_at_location(s, o, wards)
                                    : hsds::service_at_location_item(s, o);
                      }));
}

Status get_service_at_location(const Services& services, const httplib::Request& req,
                               httplib::Response& res) {
  TRY(only_params(req, {}));
  std::string id = req.matches[1];
  auto service_id = hsds::service_of_service_at_location(id);
  auto not_found = Error::NotFound("No public service_at_location " + id + ".");
  if (!service_id) return not_found;
  auto item = services.directory->public_service(*service_id);
  if (!item.ok()) return item.error().kind() == ErrorKind::kNotFound ? not_found : item.error();
  if (!domain::has_public_location(item->organization)) return not_found;
  TRY_ASSIGN(auto wards, ward_names(services));
  write_json(res, 200, hsds::service_at_location(item->service, item->organization, wards));
  return Status::Ok();
}

Status list_organizations(const Services& services, const httplib::Request& req,
                          httplib::Response& res) {
  TRY(only_params(req, {"search", "full_service", "full", kPage, kPerPage, "format"}));
  TRY_ASSIGN(auto params, hsds::list_params(req));
  TRY_ASSIGN(bool full_services, bool_param(req, "full_service"));
  bool full = params.full || full_services;
  TRY_ASSIGN(auto wards, ward_names(services));
  std::string search = query(req, "search").value_or("");
  return hsds::write_list(res, params, [&](int64_t offset, int limit) -> Result<Slice> {
    domain::OrganizationQuery q;
    q.q = search;
    q.offset = offset;
    q.limit = limit;
    TRY_ASSIGN(auto found, services.directory->search(nullptr, q));
    Slice slice;
    slice.total = found.total;
    for (const auto& o : found.items) {
      if (!full) {
        slice.items.push_back(hsds::organization_item(o));
        continue;
      }
      TRY_ASSIGN(Json item, hsds::full_organization(*services.directory, o, full_services, wards));
      slice.items.push_back(std::move(item));
    }
    return slice;
  });
}

Status get_organization(const Services& services, const httplib::Request& req,
                        httplib::Response& res) {
  TRY(only_params(req, {"full_service"}));
  TRY_ASSIGN(bool full_services, bool_param(req, "full_service"));
  TRY_ASSIGN(auto o, services.directory->organization(nullptr, req.matches[1]));
  TRY_ASSIGN(auto wards, ward_names(services));
  TRY_ASSIGN(Json body, hsds::full_organization(*services.directory, o, full_services, wards));
  write_json(res, 200, body);
  return Status::Ok();
}

// True when each of `words` (folded by search_terms()) occurs in the folded `text`.
Result<bool> matches(const std::vector<std::string>& words, const std::string& text) {
  TRY_ASSIGN(std::string folded, fold_for_search(text));
  for (const auto& w : words) {
    if (folded.find(w) == std::string::npos) return false;
  }
  return true;
}

Status list_taxonomies(const httplib::Request& req, httplib::Response& res) {
  TRY(only_params(req, {"search", kPage, kPerPage, "format"}));
  TRY_ASSIGN(auto params, hsds::list_params(req));
  TRY_ASSIGN(auto words, domain::search_terms(query(req, "search").value_or("")));
  Json t = hsds::taxonomy();
  TRY_ASSIGN(bool found, matches(words, t["name"].get<std::string>() + " " +
                                            t["description"].get<std::string>()));
  return hsds::write_list(res, params, hsds::fetch_from(found ? Json::array({t}) : Json::array()));
}

Status list_taxonomy_terms(const httplib::Request& req, httplib::Response& res) {
  TRY(only_params(req,
                  {"search", kPage, kPerPage, "format", "taxonomy_id", "top_only", "parent_id"}));
  TRY_ASSIGN(auto params, hsds::list_params(req));
  TRY(hsds::term_filter(req));
  TRY(bool_param(req, "top_only"));  // every term is a top term: the taxonomy is flat
  auto parent = query(req, "parent_id");
  if (parent && !hsds::category_of_term(*parent)) {
    return hsds::bad_param("parent_id", "is not a term of /hsds/taxonomy_terms");
  }
  TRY_ASSIGN(auto words, domain::search_terms(query(req, "search").value_or("")));
  Json all = Json::array();
  for (std::string_view name : domain::category_names()) {
    Json term = hsds::taxonomy_term(*domain::parse_category(name));
    TRY_ASSIGN(bool found, matches(words, term["code"].get<std::string>() + " " +
                                              term["name"].get<std::string>()));
    if (found && !parent) all.push_back(std::move(term));  // no term has a parent
  }
  return hsds::write_list(res, params, hsds::fetch_from(std::move(all)));
}

}  // namespace

void register_hsds_routes(Router& router, const Services& services) {
  router.get(
      "/hsds/?", "hsds.meta", [](const httplib::Request& req, httplib::Response& res) -> Status {
        TRY(only_params(req, {}));
        write_json(res, 200,
                   {{"version", "3.0"}, {"profile", kProfile}, {"openapi_url", kOpenApiUrl}});
        return Status::Ok();
      });
  router.get("/hsds/services", "hsds.services",
             [&services](const httplib::Request& req, httplib::Response& res) {
               return list_services(services, req, res);
             });
  router.get(R"(/hsds/services/([^/]+))", "hsds.service",
             [&services](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               TRY_ASSIGN(auto item, services.directory->public_service(req.matches[1]));
               TRY_ASSIGN(auto wards, ward_names(services));
               write_json(res, 200, hsds::service(item.service, item.organization, wards));
               return Status::Ok();
             });
  router.get("/hsds/service_at_locations", "hsds.service_at_locations",
             [&services](const httplib::Request& req, httplib::Response& res) {
               return list_service_at_locations(services, req, res);
             });
  router.get(R"(/hsds/service_at_locations/([^/]+))", "hsds.service_at_location",
             [&services](const httplib::Request& req, httplib::Response& res) {
               return get_service_at_location(services, req, res);
             });
  router.get("/hsds/organizations", "hsds.organizations",
             [&services](const httplib::Request& req, httplib::Response& res) {
               return list_organizations(services, req, res);
             });
  router.get(R"(/hsds/organizations/([^/]+))", "hsds.organization",
             [&services](const httplib::Request& req, httplib::Response& res) {
               return get_organization(services, req, res);
             });
  router.get("/hsds/taxonomies", "hsds.taxonomies", list_taxonomies);
  router.get(R"(/hsds/taxonomies/([^/]+))", "hsds.taxonomy",
             [](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               if (req.matches[1] != hsds::kTaxonomyId) {
                 return Error::NotFound("No taxonomy " + std::string(req.matches[1]) + ".");
               }
               write_json(res, 200, hsds::taxonomy());
               return Status::Ok();
             });
  router.get("/hsds/taxonomy_terms", "hsds.taxonomy_terms", list_taxonomy_terms);
  router.get(R"(/hsds/taxonomy_terms/([^/]+))", "hsds.taxonomy_term",
             [](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               auto category = hsds::category_of_term(std::string(req.matches[1]));
               if (!category) {
                 return Error::NotFound("No taxonomy term " + std::string(req.matches[1]) + ".");
               }
               write_json(res, 200, hsds::taxonomy_term(*category));
               return Status::Ok();
             });
}

}  // namespace tsunagu::http
