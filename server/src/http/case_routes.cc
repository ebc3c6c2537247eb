// /api/v1/cases: the minimum of a ward's case that the network needs, scoped by ward.
#include "domain/cases/cases.h"
#include "domain/meetings/meeting_input.h"
#include "http/auth.h"
#include "http/etag.h"
#include "http/idempotency_key.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

constexpr char kId[] = "([0-9a-fA-F-]{1,64})";

Json optional_json(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

Json case_json(const domain::Case& c) {
  return {{"id", c.id},
          {"ward", c.ward},
          {"case_ref", c.case_ref},
          {"household_label", c.household_label},
          {"risk_categories", c.risk_categories},
          {"risk_level", domain::to_string(c.risk_level)},
          {"sections", c.sections},
          {"lead_user_id", optional_json(c.lead_user_id)},
          {"status", domain::to_string(c.status)},
          {"close_reason", optional_json(c.close_reason)},
          {"support_plan",
           {{"goals", c.support_plan.goals},
            {"family_voice", c.support_plan.family_voice},
            {"services", c.support_plan.services},
            {"review_by", optional_json(c.support_plan.review_by)}}},
          {"next_review_on", optional_json(c.next_review_on)},
          {"last_reviewed_on", optional_json(c.last_reviewed_on)},
          {"version", c.version},
          {"created_at", format_rfc3339(c.created_at)},
          {"updated_at", format_rfc3339(c.updated_at)},
          {"closed_at", c.closed_at ? Json(format_rfc3339(*c.closed_at)) : Json(nullptr)},
          // Only in the view of a ward the case moved away from: read-only, as it left.
          {"transferred_to", optional_json(c.transferred_to)},
          {"transferred_at",
           c.transferred_at ? Json(format_rfc3339(*c.transferred_at)) : Json(nullptr)}};
}

// An edit's and a determination's from/to are objects of the changed fields; the other kinds' a
// single value.
Json event_value(const domain::CaseEvent& e, const std::optional<std::string>& v) {
  if (!v) return nullptr;
  if (e.kind == "edited" || e.kind == "determined") return Json::parse(*v, nullptr, false);
  return *v;
}

Json event_json(const domain::CaseEvent& e) {
  return {{"seq", e.seq},
          {"at", format_rfc3339(e.at)},
          {"actor_id", e.actor_id},
          {"kind", e.kind},
          {"from", event_value(e, e.from)},
          {"to", event_value(e, e.to)},
          {"reason", optional_json(e.reason)},
          {"meeting_id", optional_json(e.meeting_id)},
          {"decision_id", optional_json(e.decision_id)}};
}

void write_case(httplib::Response& res, int status, const domain::Case& c) {
  set_etag(res, c.version);
  write_json(res, status, case_json(c));
}

}  // namespace

void register_case_routes(Router& router, const Services& s) {
  router.get("/api/v1/cases", "cases",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY(only_params(req, {"ward", "status", "risk_level", "q", "risk_category",
                                     "section", "lead", kPage, kPerPage}));
               TRY_ASSIGN(auto paging, parse_paging(req));
               domain::CaseFilter filter;
               filter.ward = query(req, "ward");
               filter.status = query(req, "status");
               filter.risk_level = query(req, "risk_level");
               filter.q = query(req, "q");
               filter.risk_category = query(req, "risk_category");
               filter.section = query(req, "section");
               filter.lead = query(req, "lead");
               TRY_ASSIGN(auto page, s.cases->list(actor, request_meta(req), filter,
                                                   {paging.page, paging.per_page}));
               Json items = Json::array();
               for (const auto& c : page.items) items.push_back(case_json(c));
               write_json(res, 200, page_envelope(std::move(items), page.total, paging));
               return Status::Ok();
             });
  router.post("/api/v1/cases", "cases",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                TRY_ASSIGN(auto key, idempotency_key(req));
                TRY_ASSIGN(Json body, parse_json_body(req));
                TRY_ASSIGN(auto fields, domain::read_case_fields(body, true));
                TRY_ASSIGN(auto created, s.cases->create(actor, request_meta(req), fields, key));
                mark_created(res, "/api/v1/cases/" + created.resource.id, created.replayed);
                write_case(res, 201, created.resource);
                return Status::Ok();
              });
  router.get(std::string("/api/v1/cases/") + kId, "case",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto found, s.cases->get(actor, request_meta(req), req.matches[1]));
               write_case(res, 200, found);
               return Status::Ok();
             });
  router.patch(std::string("/api/v1/cases/") + kId, "case",
               [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                 TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                 TRY_ASSIGN(auto version, if_match_version(req));
                 TRY_ASSIGN(Json body, parse_json_body(req));
                 TRY_ASSIGN(auto fields, domain::read_case_fields(body, false));
                 TRY_ASSIGN(auto updated, s.cases->update(actor, request_meta(req), req.matches[1],
                                                          fields, version));
                 write_case(res, 200, updated);
                 return Status::Ok();
               });
  router.get(std::string("/api/v1/cases/") + kId + "/events", "case_events",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto paging, list_paging(req));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto events, s.cases->events(actor, request_meta(req), req.matches[1]));
               Json items = Json::array();
               for (const auto& e : events) items.push_back(event_json(e));
               write_json(res, 200, page_of(std::move(items), paging));
               return Status::Ok();
             });
  // Closing and reopening take the same body, {"reason"}, and differ in the call only.
  using StatusChange = Result<domain::Case> (domain::Cases::*)(
      const domain::Actor&, const domain::RequestMeta&, const std::string&, const std::string&,
      std::optional<int64_t>);
  auto status_change = [&s](StatusChange change) {
    return [&s, change](const httplib::Request& req, httplib::Response& res) -> Status {
      TRY_ASSIGN(auto actor, signed_in_caller(req, s));
      TRY_ASSIGN(auto version, if_match_version(req));
      TRY_ASSIGN(Json body, parse_json_body(req));
      FieldReader r(body);
      auto reason = r.string("reason", Need::kRequired, 500);
      TRY(r.finish());
      TRY_ASSIGN(auto changed,
                 (s.cases->*change)(actor, request_meta(req), req.matches[1], *reason, version));
      write_case(res, 200, changed);
      return Status::Ok();
    };
  };
  router.post(std::string("/api/v1/cases/") + kId + "/close", "case_close",
              status_change(&domain::Cases::close));
  router.post(std::string("/api/v1/cases/") + kId + "/reopen", "case_reopen",
              status_change(&domain::Cases::reopen));
}

}  // namespace tsunagu::http
