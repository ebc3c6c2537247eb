// The HSDS 3.0 (Open Referral) read API under /hsds/: the public directory as open data, with
// HSDS's own parameters (search, page, per_page, organization_id, taxonomy_term_id,
// taxonomy_id, modified_after) and Page envelope. Always anonymous: a token changes nothing, so
// network entries and non-public addresses never appear here.
#include "domain/directory_public.h"
#include "domain/directory_search.h"
#include "domain/directory_services.h"
#include "domain/organizations.h"
#include "http/hsds_json.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

Error bad_param(const char* name, const std::string& message) {
  return Error::Malformed(std::string("The parameter ") + name + " " + message + ".")
      .add_field(name, message);
}

Result<std::optional<domain::Category>> term_filter(const httplib::Request& req) {
  if (auto taxonomy = query(req, "taxonomy_id"); taxonomy && *taxonomy != hsds::kTaxonomyId) {
    return bad_param("taxonomy_id", "must be " + std::string(hsds::kTaxonomyId));
  }
  auto term = query(req, "taxonomy_term_id");
  if (!term) return std::optional<domain::Category>();
  auto category = hsds::category_of_term(*term);
  if (!category) return bad_param("taxonomy_term_id", "is not a term of /hsds/taxonomy_terms");
  return category;
}

Status list_services(const Services& services, const httplib::Request& req,
                     httplib::Response& res) {
  TRY_ASSIGN(Paging paging, parse_paging(req));
  domain::PublicServiceQuery q;
  q.q = query(req, "search").value_or("");
  q.organization_id = query(req, "organization_id").value_or("");
  TRY_ASSIGN(q.category, term_filter(req));
  if (auto after = query(req, "modified_after")) {
    auto t = parse_rfc3339(*after);
    if (!t.ok()) return bad_param("modified_after", "must be an RFC 3339 time with offset");
    q.modified_after = *t;
  }
  q.offset = paging.offset();
  q.limit = paging.per_page;
  TRY_ASSIGN(auto found, domain::list_public_services(*services.db, q));
  Json contents = Json::array();
  for (const auto& item : found.items) {
    contents.push_back(hsds::service_item(item.service, item.organization));
  }
  write_json(res, 200, hsds::page(std::move(contents), found.total, paging));
  return Status::Ok();
}

Status list_organizations(const Services& services, const httplib::Request& req,
                          httplib::Response& res) {
  TRY_ASSIGN(Paging paging, parse_paging(req));
  domain::OrganizationQuery q;
  q.q = query(req, "search").value_or("");
  q.offset = paging.offset();
  q.limit = paging.per_page;
  TRY_ASSIGN(auto found, domain::search_organizations(*services.db, nullptr, q));
  Json contents = Json::array();
  for (const auto& o : found.items) contents.push_back(hsds::organization_item(o));
  write_json(res, 200, hsds::page(std::move(contents), found.total, paging));
  return Status::Ok();
}

}  // namespace

void register_hsds_routes(Router& router, const Services& services) {
  router.get("/hsds/?", "hsds.meta", [](const httplib::Request&, httplib::Response& res) {
    write_json(res, 200,
               {{"version", "3.0"},
                {"profile", "https://tsunagu.example/hsds-profile"},
                {"openapi_url",
                 "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
                 "openapi.json"}});
    return Status::Ok();
  });
  router.get("/hsds/services", "hsds.services",
             [&services](const httplib::Request& req, httplib::Response& res) {
               return list_services(services, req, res);
             });
  router.get(R"(/hsds/services/([^/]+))", "hsds.service",
             [&services](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto item, domain::get_public_service(*services.db, req.matches[1]));
               write_json(res, 200, hsds::service(item.service, item.organization));
               return Status::Ok();
             });
  router.get("/hsds/organizations", "hsds.organizations",
             [&services](const httplib::Request& req, httplib::Response& res) {
               return list_organizations(services, req, res);
             });
  router.get(R"(/hsds/organizations/([^/]+))", "hsds.organization",
             [&services](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto o, domain::get_organization(*services.db, nullptr, req.matches[1]));
               TRY_ASSIGN(auto list, domain::list_services(*services.db, nullptr, o.id));
               write_json(res, 200, hsds::organization(o, list));
               return Status::Ok();
             });
  router.get("/hsds/taxonomies", "hsds.taxonomies",
             [](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(Paging paging, parse_paging(req));
               Json contents = paging.page == 1 ? Json::array({hsds::taxonomy()}) : Json::array();
               write_json(res, 200, hsds::page(std::move(contents), 1, paging));
               return Status::Ok();
             });
  router.get("/hsds/taxonomy_terms", "hsds.taxonomy_terms",
             [](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(Paging paging, parse_paging(req));
               TRY(term_filter(req));
               auto total = static_cast<int64_t>(domain::category_names().size());
               Json contents = Json::array();
               for (int64_t i = paging.offset(); i < total && i < paging.offset() + paging.per_page;
                    ++i) {
                 contents.push_back(hsds::taxonomy_term(static_cast<domain::Category>(i)));
               }
               write_json(res, 200, hsds::page(std::move(contents), total, paging));
               return Status::Ok();
             });
}

}  // namespace tsunagu::http
