// /api/v1/referrals and /api/v1/notifications: the closed loop between a ward and a partner.
#include "common/merge_patch.h"
#include "domain/access/policy.h"
#include "domain/base/choices.h"
#include "domain/referrals/notifications.h"
#include "domain/referrals/referrals.h"
#include "http/auth.h"
#include "http/etag.h"
#include "http/idempotency_key.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

constexpr char kId[] = "([0-9a-fA-F-]{1,64})";

Json opt(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }
Json opt_time(const std::optional<TimePoint>& t) {
  return t ? Json(format_rfc3339(*t)) : Json(nullptr);
}

// Fields a partner may not see are left out of its view entirely (see domain::view).
Json referral_json(const domain::Referral& r, bool partner) {
  Json j = {{"id", r.id},
            {"ward", r.ward},
            {"organization_id", r.organization_id},
            {"organization_name", r.organization_name},
            {"service_name", opt(r.service_name)},
            {"status", domain::to_string(r.status)},
            {"urgency", domain::to_string(r.urgency)},
            {"reason_code", opt(r.reason_code)},
            {"response_note", opt(r.response_note)},
            {"outcome", opt(r.outcome)},
            {"overdue", r.overdue},
            {"version", r.version},
            {"created_at", format_rfc3339(r.created_at)},
            {"updated_at", format_rfc3339(r.updated_at)},
            {"sent_at", opt_time(r.sent_at)},
            {"responded_at", opt_time(r.responded_at)},
            {"closed_at", opt_time(r.closed_at)}};
  auto put = [&](const char* key, const std::optional<std::string>& v) {
    if (v || !partner) j[key] = opt(v);
  };
  put("case_id", r.case_id);
  put("service_id", r.service_id);
  put("legal_basis", domain::optional_word(r.legal_basis));
  put("summary", r.summary);
  put("intake_note", r.intake_note);
  put("household_label", r.household_label);
  put("internal_note", r.internal_note);
  put("due_by", r.due_by);
  put("created_by", r.created_by);
  if (r.consent) {
    j["consent"] = {{"obtained_on", r.consent->obtained_on},
                    {"obtained_by", r.consent->obtained_by},
                    {"scope", r.consent->scope}};
  } else if (!partner) {
    j["consent"] = nullptr;
  }
  j["ward_contact"] = nullptr;
  if (const auto& w = r.ward_contact) {
    j["ward_contact"] = {
        {"ward", w->ward}, {"ward_name", w->ward_name}, {"organization_id", w->organization_id},
        {"name", w->name}, {"phone", w->phone},         {"sent_by_name", opt(w->sent_by_name)}};
  }
  return j;
}

void write_referral(httplib::Response& res, int status, const domain::Referral& r, bool partner) {
  set_etag(res, r.version);
  write_json(res, status, referral_json(r, partner));
}

domain::Consent read_consent(FieldReader& r, const Json& consent) {
  FieldReader c(consent, "consent.");
  domain::Consent k;
  k.obtained_on = c.string("obtained_on", Need::kRequired, 10).value_or("");
  k.obtained_by = c.string("obtained_by", Need::kRequired, 100).value_or("");
  k.scope = c.string("scope", Need::kRequired, 500).value_or("");
  r.absorb(c);
  return k;
}

Result<domain::NewReferral> read_new_referral(const Json& body) {
  FieldReader r(body);
  domain::NewReferral in;
  in.case_id = r.string("case_id", Need::kRequired, 64).value_or("");
  in.organization_id = r.string("organization_id", Need::kRequired, 64).value_or("");
  in.service_id = r.string("service_id", Need::kOptional, 64);
  in.urgency =
      r.one_of("urgency", domain::values_of(domain::words::kUrgencies)).value_or("routine");
  in.legal_basis = r.one_of("legal_basis", domain::values_of(domain::words::kLegalBases));
  in.summary = r.string("summary", Need::kRequired, 2000).value_or("");
  in.intake_note = r.string("intake_note", Need::kOptional, 4000);
  in.internal_note = r.string("internal_note", Need::kOptional, 4000);
  in.due_by = r.string("due_by", Need::kOptional, 10);
  in.send = r.boolean("send").value_or(false);
  if (const Json* consent = r.raw("consent")) in.consent = read_consent(r, *consent);
  if (!body.is_object()) TRY(r.finish());
  in.input_errors = r.take_errors();
  return in;
}

// PATCH of a draft: a merge patch; the summary, the urgency and the organization cannot be
// removed, the rest can.
Result<domain::DraftChanges> read_draft_changes(const Json& body) {
  FieldReader r(body);
  domain::DraftChanges ch;
  auto value = [&](const char* key, size_t max_chars) -> Patch<std::string> {
    if (auto v = r.string(key, Need::kOptional, max_chars)) return std::optional(*v);
    return std::nullopt;
  };
  ch.organization_id = r.string("organization_id", Need::kOptional, 64);
  ch.service_id = value("service_id", 64);
  ch.urgency = r.one_of("urgency", domain::values_of(domain::words::kUrgencies));
  if (auto basis = r.one_of("legal_basis", domain::values_of(domain::words::kLegalBases))) {
    ch.legal_basis = std::optional(*basis);
  }
  ch.summary = r.string("summary", Need::kOptional, 2000);
  ch.intake_note = value("intake_note", 4000);
  ch.internal_note = value("internal_note", 4000);
  ch.due_by = value("due_by", 10);
  if (const Json* consent = r.raw("consent")) ch.consent = std::optional(read_consent(r, *consent));
  const auto removed = read_patch_nulls(
      r, body, {"organization_id", "urgency", "summary"},
      {"service_id", "legal_basis", "consent", "intake_note", "internal_note", "due_by"});
  for (const auto& key : removed) {
    if (key == "service_id") ch.service_id = std::optional<std::string>();
    if (key == "legal_basis") ch.legal_basis = std::optional<std::string>();
    if (key == "consent") ch.consent = std::optional<domain::Consent>();
    if (key == "intake_note") ch.intake_note = std::optional<std::string>();
    if (key == "internal_note") ch.internal_note = std::optional<std::string>();
    if (key == "due_by") ch.due_by = std::optional<std::string>();
  }
  if (!body.is_object()) TRY(r.finish());
  ch.input_errors = r.take_errors();
  return ch;
}

Json event_json(const domain::ReferralEvent& e) {
  return {{"seq", e.seq},
          {"at", format_rfc3339(e.at)},
          {"actor_id", opt(e.actor_id)},
          {"actor_role", e.actor_role},
          {"from", opt(domain::optional_word(e.from))},
          {"to", domain::to_string(e.to)},
          {"reason_code", opt(e.reason_code)},
          {"note", opt(e.note)}};
}

Json notification_json(const domain::Notification& n) {
  return {{"id", n.id},
          {"kind", n.note.kind},
          {"referral_id", opt(n.note.referral_id)},
          {"meeting_id", opt(n.note.meeting_id)},
          {"action_item_id", opt(n.note.action_item_id)},
          {"urgency", opt(n.note.urgency)},
          {"organization_name", opt(n.note.organization_name)},
          {"status", opt(n.note.status)},
          {"meeting_kind", opt(n.note.meeting_kind)},
          {"starts_at", opt(n.note.starts_at)},
          {"link", n.note.link},
          {"created_at", format_rfc3339(n.created_at)},
          {"read", n.read}};
}

void register_notification_routes(Router& router, const Services& s) {
  router.get("/api/v1/notifications", "notifications",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {"unread", kPage, kPerPage}));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto paging, parse_paging(req));
               TRY_ASSIGN(bool unread, bool_param(req, "unread"));
               TRY_ASSIGN(auto found,
                          s.notifications->list(actor, unread, {paging.page, paging.per_page}));
               Json items = Json::array();
               for (const auto& n : found.page.items) items.push_back(notification_json(n));
               Json body = page_envelope(std::move(items), found.page.total, paging);
               body["unread"] = found.unread;
               write_json(res, 200, body);
               return Status::Ok();
             });
  // A UUID v4; notifications written by earlier versions keep the 32 hex digits they were given.
  router.post("/api/v1/notifications/([0-9a-fA-F-]{1,64})/read", "notification_read",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                TRY(s.notifications->mark_read(actor, req.matches[1]));
                res.status = 204;
                return Status::Ok();
              });
  router.post("/api/v1/notifications/read-all", "notifications_read_all",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                TRY_ASSIGN(auto marked, s.notifications->mark_all_read(actor));
                write_json(res, 200, {{"marked", marked}});
                return Status::Ok();
              });
}

}  // namespace

void register_referral_routes(Router& router, const Services& s) {
  router.get("/api/v1/referrals", "referrals",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {"status", "organization_id", "case_id", "ward", "overdue",
                                     kPage, kPerPage}));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto paging, parse_paging(req));
               domain::ReferralFilter filter{query(req, "status"), query(req, "organization_id"),
                                             query(req, "case_id"), query(req, "ward"), false};
               TRY_ASSIGN(filter.overdue_only, bool_param(req, "overdue"));
               TRY_ASSIGN(auto page, s.referrals->list(actor, request_meta(req), filter,
                                                       {paging.page, paging.per_page}));
               Json items = Json::array();
               for (const auto& r : page.items)
                 items.push_back(referral_json(r, domain::access::sees_partner_view(actor)));
               write_json(res, 200, page_envelope(std::move(items), page.total, paging));
               return Status::Ok();
             });
  router.post("/api/v1/referrals", "referrals",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                TRY_ASSIGN(auto key, idempotency_key(req));
                TRY_ASSIGN(Json body, parse_json_body(req));
                TRY_ASSIGN(auto input, read_new_referral(body));
                TRY_ASSIGN(auto created, s.referrals->create(actor, request_meta(req), input, key));
                mark_created(res, "/api/v1/referrals/" + created.resource.id, created.replayed);
                write_referral(res, 201, created.resource, false);
                return Status::Ok();
              });
  router.get(std::string("/api/v1/referrals/") + kId, "referral",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto r, s.referrals->get(actor, request_meta(req), req.matches[1]));
               write_referral(res, 200, r, domain::access::sees_partner_view(actor));
               return Status::Ok();
             });
  router.patch(std::string("/api/v1/referrals/") + kId, "referral",
               [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                 TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                 TRY_ASSIGN(auto version, if_match_version(req));
                 TRY_ASSIGN(Json body, parse_json_body(req));
                 TRY_ASSIGN(auto changes, read_draft_changes(body));
                 TRY_ASSIGN(auto updated,
                            s.referrals->edit_draft(actor, request_meta(req), req.matches[1],
                                                    changes, version));
                 write_referral(res, 200, updated, false);
                 return Status::Ok();
               });
  router.post(std::string("/api/v1/referrals/") + kId + "/transitions", "referral_transition",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                TRY_ASSIGN(auto version, if_match_version(req));
                TRY_ASSIGN(Json body, parse_json_body(req));
                FieldReader r(body);
                domain::TransitionRequest t;
                t.to = r.string("to", Need::kRequired, 20).value_or("");
                t.reason_code = r.string("reason_code", Need::kOptional, 40);
                t.note = r.string("note", Need::kOptional, 2000);
                t.outcome = r.string("outcome", Need::kOptional, 40);
                t.input_errors = r.take_errors();
                TRY_ASSIGN(auto updated, s.referrals->transition(actor, request_meta(req),
                                                                 req.matches[1], t, version));
                write_referral(res, 200, updated, domain::access::sees_partner_view(actor));
                return Status::Ok();
              });
  router.get(std::string("/api/v1/referrals/") + kId + "/events", "referral_events",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto paging, list_paging(req));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto events,
                          s.referrals->events(actor, request_meta(req), req.matches[1]));
               Json items = Json::array();
               for (const auto& e : events) items.push_back(event_json(e));
               write_json(res, 200, page_of(std::move(items), paging));
               return Status::Ok();
             });
  register_notification_routes(router, s);
}

}  // namespace tsunagu::http
