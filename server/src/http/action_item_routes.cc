// /api/v1/action-items and POST /api/v1/meetings/{id}/action-items: what meetings hand out, and
// each owner's list of them.
#include "domain/meetings/action_items.h"
#include "domain/meetings/meeting_input.h"
#include "http/auth.h"
#include "http/etag.h"
#include "http/idempotency_key.h"
#include "http/meeting_json.h"
#include "http/query_params.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

constexpr char kId[] = "([0-9a-fA-F-]{1,64})";

void write_item(httplib::Response& res, int status, const domain::ActionItem& a) {
  set_etag(res, a.version);
  write_json(res, status, action_item_json(a));
}

Result<domain::ActionItemFilter> read_filter(const httplib::Request& req) {
  TRY(only_params(req, {"owner", "status", "overdue", "ward", "meeting_id", kPage, kPerPage}));
  domain::ActionItemFilter f;
  if (auto owner = query(req, "owner")) {
    if (*owner != "me") {
      return Error::Malformed("The parameter owner must be me.").add_field("owner", "must be me");
    }
    f.mine = true;
  }
  f.status = query(req, "status");
  TRY_ASSIGN(f.overdue_only, bool_param(req, "overdue"));
  f.ward = query(req, "ward");
  f.meeting_id = query(req, "meeting_id");
  return f;
}

Status list_items(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(auto actor, signed_in_caller(req, s));
  TRY_ASSIGN(auto paging, parse_paging(req));
  TRY_ASSIGN(auto filter, read_filter(req));
  TRY_ASSIGN(auto page, s.action_items->list(actor, filter, {paging.page, paging.per_page}));
  Json items = Json::array();
  for (const auto& a : page.items) items.push_back(action_item_json(a));
  write_json(res, 200, page_envelope(std::move(items), page.total, paging));
  return Status::Ok();
}

Status create_item(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(auto actor, signed_in_caller(req, s));
  TRY_ASSIGN(auto key, idempotency_key(req));
  TRY_ASSIGN(Json body, parse_json_body(req));
  TRY_ASSIGN(auto fields, domain::read_action_item_fields(body, true));
  TRY_ASSIGN(auto created,
             s.action_items->create(actor, request_meta(req), req.matches[1], fields, key));
  mark_created(res, "/api/v1/action-items/" + created.resource.id, created.replayed);
  write_item(res, 201, created.resource);
  return Status::Ok();
}

Status get_item(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY(only_params(req, {}));
  TRY_ASSIGN(auto actor, signed_in_caller(req, s));
  TRY_ASSIGN(auto found, s.action_items->get(actor, req.matches[1]));
  write_item(res, 200, found);
  return Status::Ok();
}

Status update_item(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(auto actor, signed_in_caller(req, s));
  TRY_ASSIGN(auto version, if_match_version(req));
  TRY_ASSIGN(Json body, parse_json_body(req));
  TRY_ASSIGN(auto fields, domain::read_action_item_fields(body, false));
  TRY_ASSIGN(auto updated,
             s.action_items->update(actor, request_meta(req), req.matches[1], fields, version));
  write_item(res, 200, updated);
  return Status::Ok();
}

}  // namespace

void register_action_item_routes(Router& router, const Services& s) {
  router.get("/api/v1/action-items", "action_items",
             [&s](const httplib::Request& req, httplib::Response& res) {
               return list_items(s, req, res);
             });
  router.post(std::string("/api/v1/meetings/") + kId + "/action-items", "meeting_action_items",
              [&s](const httplib::Request& req, httplib::Response& res) {
                return create_item(s, req, res);
              });
  router.get(
      std::string("/api/v1/action-items/") + kId, "action_item",
      [&s](const httplib::Request& req, httplib::Response& res) { return get_item(s, req, res); });
  router.patch(std::string("/api/v1/action-items/") + kId, "action_item",
               [&s](const httplib::Request& req, httplib::Response& res) {
                 return update_item(s, req, res);
               });
}

}  // namespace tsunagu::http
