// The directory's routes (api.md, "Directory"): /api/v1/organizations, their capacity and
// services, /api/v1/services/{id}. Each handler parses, calls one domain function (which
// authorises and applies the privacy rules) and renders; changes answer with the new ETag.
#include "domain/access/authorization.h"
#include "domain/base/choices.h"
#include "domain/directory/directory_facade.h"
#include "domain/directory/directory_json.h"
#include "http/auth.h"
#include "http/directory_json.h"
#include "http/etag.h"
#include "http/idempotency_key.h"
#include "http/query_params.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

constexpr char kOrganization[] = R"(/api/v1/organizations/([^/]+))";
constexpr char kService[] = R"(/api/v1/services/([^/]+))";

const domain::Actor* ptr(const std::optional<domain::Actor>& actor) {
  return actor ? &*actor : nullptr;
}

void respond(httplib::Response& res, int status, const domain::Organization& o, TimePoint now) {
  set_etag(res, o.version);
  write_json(res, status, domain::organization_json(o, now));
}

void respond(httplib::Response& res, int status, const domain::Service& s) {
  set_etag(res, s.version);
  write_json(res, status, service_json(s));
}

// The edit a PATCH makes: its body as a JSON merge patch (RFC 7396) over the current fields,
// read back through the same parser as POST, so every rule and error is the same.
template <typename Record, typename Fields>
auto merge_patch_edit(const Json& patch, Result<Fields> (*parse)(const Json&)) {
  return [&patch, parse](const Record& current) -> Result<Fields> {
    if (!patch.is_object()) return Error::Field("", "the body must be a JSON object");
    Json merged = domain::fields_json(current.fields);
    merged.merge_patch(patch);
    return parse(merged);
  };
}

// The search page as JSON: the domain answers with the items' JSON from the directory index
// (rendered once per organization and view, completed for `now`); the envelope is written
// here as page_envelope() would serialise it.
Status list_organizations(httplib::Response& res, const Services& services,
                          const domain::Actor* actor, const domain::OrganizationQuery& query,
                          const PageRequest& paging, TimePoint now) {
  TRY_ASSIGN(auto page, services.directory->search_json(actor, query, now));
  res.status = 200;
  res.set_content(page_envelope_json(page.items, page.total, paging), kJsonContentType);
  return Status::Ok();
}

Result<std::pair<domain::CapacityStatus, std::string>> parse_capacity(const Json& body) {
  FieldReader r(body);
  auto status =
      r.one_of("status", domain::values_of(domain::words::kCapacityStatuses), Need::kRequired);
  auto note = r.string("note", Need::kOptional, 500);
  TRY(r.finish());
  return std::make_pair(*domain::parse_capacity_status(*status), note.value_or(""));
}

void register_organization_routes(Router& router, const Services& services) {
  const Clock& clock = *services.clock;
  router.get(
      "/api/v1/organizations", "organizations.list",
      [&](const httplib::Request& req, httplib::Response& res) -> Status {
        TRY(only_params(req, {"q", "category", "ward", "district", "open_at", "council_member",
                              "capacity", "near", "within_km", "status", kPage, kPerPage}));
        TRY_ASSIGN(auto actor, caller(req, services));
        TRY_ASSIGN(PageRequest paging, parse_paging(req));
        TimePoint now = clock.now();
        TRY_ASSIGN(auto query, parse_organization_query(req, paging, now));
        return list_organizations(res, services, ptr(actor), query, paging, now);
      });
  router.post("/api/v1/organizations", "organizations.create",
              [&](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, caller(req, services));
                TRY(domain::authorize(ptr(actor), domain::Action::kOrganizationCreate));
                TRY_ASSIGN(auto key, idempotency_key(req));
                TRY_ASSIGN(Json body, parse_json_body(req));
                TRY_ASSIGN(auto fields, domain::parse_organization_fields(body));
                TRY_ASSIGN(auto made, services.directory->create_organization(
                                          ptr(actor), request_meta(req), fields, key));
                mark_created(res, "/api/v1/organizations/" + made.resource.id, made.replayed);
                respond(res, 201, made.resource, clock.now());
                return Status::Ok();
              });
  router.get(kOrganization, "organizations.get",
             [&](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               TRY_ASSIGN(auto actor, caller(req, services));
               TRY_ASSIGN(auto o, services.directory->organization(ptr(actor), req.matches[1]));
               respond(res, 200, o, clock.now());
               return Status::Ok();
             });
  router.patch(
      kOrganization, "organizations.update",
      [&](const httplib::Request& req, httplib::Response& res) -> Status {
        TRY_ASSIGN(auto actor, caller(req, services));
        TRY(domain::authorize(ptr(actor), domain::Action::kOrganizationUpdate,
                              {std::nullopt, req.matches[1]}));
        TRY_ASSIGN(auto expected, if_match_version(req));
        TRY_ASSIGN(Json patch, parse_json_body(req));
        auto edit =
            merge_patch_edit<domain::Organization>(patch, &domain::parse_organization_fields);
        TRY_ASSIGN(auto o, services.directory->update_organization(ptr(actor), request_meta(req),
                                                                   req.matches[1], expected, edit));
        respond(res, 200, o, clock.now());
        return Status::Ok();
      });
  router.del(kOrganization, "organizations.archive",
             [&](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto actor, caller(req, services));
               TRY_ASSIGN(auto expected, if_match_version(req));
               TRY_ASSIGN(auto o, services.directory->archive_organization(
                                      ptr(actor), request_meta(req), req.matches[1], expected));
               respond(res, 200, o, clock.now());
               return Status::Ok();
             });
  router.put(std::string(kOrganization) + "/capacity", "organizations.capacity",
             [&](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto actor, caller(req, services));
               TRY(domain::authorize(ptr(actor), domain::Action::kCapacityUpdate,
                                     {std::nullopt, req.matches[1]}));
               TRY_ASSIGN(auto expected, if_match_version(req));
               TRY_ASSIGN(Json body, parse_json_body(req));
               TRY_ASSIGN(auto capacity, parse_capacity(body));
               TRY_ASSIGN(auto o, services.directory->update_capacity(
                                      ptr(actor), request_meta(req), req.matches[1], expected,
                                      capacity.first, capacity.second));
               respond(res, 200, o, clock.now());
               return Status::Ok();
             });
}

void register_service_routes(Router& router, const Services& services) {
  router.get(std::string(kOrganization) + "/services", "services.list",
             [&](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto paging, list_paging(req));
               TRY_ASSIGN(auto actor, caller(req, services));
               TRY_ASSIGN(auto list, services.directory->services_of(ptr(actor), req.matches[1]));
               Json items = Json::array();
               for (const auto& s : list) items.push_back(service_json(s));
               write_json(res, 200, page_of(std::move(items), paging));
               return Status::Ok();
             });
  router.post(std::string(kOrganization) + "/services", "services.create",
              [&](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, caller(req, services));
                TRY(domain::authorize(ptr(actor), domain::Action::kServiceManage,
                                      {std::nullopt, req.matches[1]}));
                TRY_ASSIGN(auto key, idempotency_key(req));
                TRY_ASSIGN(Json body, parse_json_body(req));
                TRY_ASSIGN(auto fields, domain::parse_service_fields(body));
                TRY_ASSIGN(auto made,
                           services.directory->create_service(ptr(actor), request_meta(req),
                                                              req.matches[1], fields, key));
                mark_created(res, "/api/v1/services/" + made.resource.id, made.replayed);
                respond(res, 201, made.resource);
                return Status::Ok();
              });
  router.get(kService, "services.get",
             [&](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               TRY_ASSIGN(auto actor, caller(req, services));
               TRY_ASSIGN(auto s, services.directory->service(ptr(actor), req.matches[1]));
               respond(res, 200, s);
               return Status::Ok();
             });
  router.patch(
      kService, "services.update",
      [&](const httplib::Request& req, httplib::Response& res) -> Status {
        TRY_ASSIGN(auto actor, caller(req, services));
        TRY_ASSIGN(auto expected, if_match_version(req));
        TRY_ASSIGN(Json patch, parse_json_body(req));
        auto edit = merge_patch_edit<domain::Service>(patch, &domain::parse_service_fields);
        TRY_ASSIGN(auto s, services.directory->update_service(ptr(actor), request_meta(req),
                                                              req.matches[1], expected, edit));
        respond(res, 200, s);
        return Status::Ok();
      });
  router.del(kService, "services.archive",
             [&](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto actor, caller(req, services));
               TRY_ASSIGN(auto expected, if_match_version(req));
               TRY_ASSIGN(auto s, services.directory->archive_service(ptr(actor), request_meta(req),
                                                                      req.matches[1], expected));
               respond(res, 200, s);
               return Status::Ok();
             });
}

}  // namespace

void register_directory_routes(Router& router, const Services& services) {
  register_organization_routes(router, services);
  register_service_routes(router, services);
}

}  // namespace tsunagu::http
