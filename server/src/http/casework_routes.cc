// The casework of a case (assessments and the 特定妊婦 determination, contacts, the timeline), the
// assessment forms, and transfers between wards.
#include "domain/access/authorization.h"
#include "domain/base/choices.h"
#include "domain/cases/assessment_forms.h"
#include "domain/cases/casework.h"
#include "domain/cases/transfers.h"
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

Json form_json(const domain::AssessmentForm& f) {
  Json items = Json::array();
  for (const auto& i : f.items) {
    items.push_back(
        {{"code", i.code}, {"text", i.text}, {"answer_type", i.answer_type}, {"weight", i.weight}});
  }
  return {{"form", f.form},
          {"version", f.version},
          {"title", f.title},
          {"items", std::move(items)},
          {"thresholds", {{"medium", f.medium_at}, {"high", f.high_at}}}};
}

Json assessment_json(const domain::Assessment& a) {
  Json drivers = Json::array();
  for (const auto& d : a.score.drivers) drivers.push_back({{"code", d.code}, {"weight", d.weight}});
  Json determination = nullptr;
  if (const auto& d = a.determination) {
    determination = {{"specified_pregnancy", d->specified_pregnancy},
                     {"risk_level", domain::to_string(d->risk_level)},
                     {"note", optional_json(d->note)},
                     {"determined_by", d->determined_by},
                     {"determined_at", format_rfc3339(d->determined_at)}};
  }
  return {{"id", a.id},
          {"case_id", a.case_id},
          {"ward", a.ward},
          {"form", a.form},
          {"form_version", a.form_version},
          {"assessed_on", a.assessed_on},
          {"answers", a.answers},
          {"score", a.score.score},
          {"suggested_risk_level", a.score.suggested_risk_level},
          {"drivers", std::move(drivers)},
          {"note", optional_json(a.note)},
          {"created_by", a.created_by},
          {"created_at", format_rfc3339(a.created_at)},
          {"determination", std::move(determination)}};
}

Json contact_json(const domain::Contact& c) {
  return {{"id", c.id},
          {"case_id", c.case_id},
          {"ward", c.ward},
          {"kind", domain::to_string(c.kind)},
          {"on", c.on},
          {"by_user_ids", c.by_user_ids},
          {"with_organization_id", optional_json(c.with_organization_id)},
          {"summary", c.summary},
          {"next_step", optional_json(c.next_step)},
          {"created_by", c.created_by},
          {"created_at", format_rfc3339(c.created_at)}};
}

Json timeline_json(const domain::TimelineEntry& e) {
  return {{"at", format_rfc3339(e.at)},
          {"type", e.type},
          {"kind", e.kind},
          {"ref_id", optional_json(e.ref_id)},
          {"actor_id", optional_json(e.actor_id)},
          {"summary", optional_json(e.summary)}};
}

Json transfer_json(const domain::Transfer& t) {
  Json moved = nullptr;
  if (t.moved) {
    moved = {{"referrals", t.moved->referrals},
             {"agenda_items", t.moved->agenda_items},
             {"lead_cleared", t.moved->lead_cleared}};
  }
  return {{"id", t.id},
          {"case_id", t.case_id},
          {"case_ref", t.case_ref},
          {"household_label", t.household_label},
          {"from_ward", t.from_ward},
          {"to_ward", t.to_ward},
          {"status", domain::to_string(t.status)},
          {"reason", t.reason},
          {"response_note", optional_json(t.response_note)},
          {"version", t.version},
          {"requested_by", t.requested_by},
          {"requested_at", format_rfc3339(t.requested_at)},
          {"decided_by", optional_json(t.decided_by)},
          {"decided_at", t.decided_at ? Json(format_rfc3339(*t.decided_at)) : Json(nullptr)},
          {"moved", std::move(moved)}};
}

// The transfer with its direction for the caller's wards.
Json transfer_for(const domain::Actor& actor, const domain::Transfer& t) {
  Json j = transfer_json(t);
  j["direction"] = actor.has_ward(t.to_ward) ? "incoming" : "outgoing";
  return j;
}

void write_transfer(httplib::Response& res, int status, const domain::Actor& actor,
                    const domain::Transfer& t) {
  set_etag(res, t.version);
  write_json(res, status, transfer_for(actor, t));
}

// A body that is not a JSON object is refused before its fields are read.
Status require_object(const Json& body) {
  if (body.is_object()) return Status::Ok();
  FieldReader r(body);
  return r.finish();
}

// POST of a record under a case (an assessment, a contact): the body a JSON object, the record
// made once per Idempotency-Key by `create(actor, meta, case_id, body, key)`, answered 201 at its
// Location — a retry with the key gets the first answer again.
template <typename Create, typename ToJson>
Status create_case_record(const Services& s, const httplib::Request& req, httplib::Response& res,
                          const char* collection, Create create, ToJson to_json) {
  TRY_ASSIGN(auto actor, signed_in_caller(req, s));
  TRY_ASSIGN(auto key, idempotency_key(req));
  TRY_ASSIGN(Json body, parse_json_body(req));
  TRY(require_object(body));
  TRY_ASSIGN(auto created, create(actor, request_meta(req), req.matches[1].str(), body, key));
  const auto& r = created.resource;
  mark_created(res, "/api/v1/cases/" + r.case_id + "/" + collection + "/" + r.id, created.replayed);
  write_json(res, 201, to_json(r));
  return Status::Ok();
}

}  // namespace

void register_casework_routes(Router& router, const Services& s) {
  router.get("/api/v1/assessment-forms", "assessment_forms",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto paging, list_paging(req));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY(domain::authorize_role(&actor, domain::Action::kCaseRead));
               Json items = Json::array();
               for (const auto& f : domain::assessment_forms()) items.push_back(form_json(f));
               write_json(res, 200, page_of(std::move(items), paging));
               return Status::Ok();
             });
  const std::string kCase = std::string("/api/v1/cases/") + kId;
  router.get(kCase + "/assessments", "case_assessments",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto paging, list_paging(req));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto page,
                          s.casework->assessments(actor, request_meta(req), req.matches[1],
                                                  {paging.page, paging.per_page}));
               Json items = Json::array();
               for (const auto& a : page.items) items.push_back(assessment_json(a));
               write_json(res, 200, page_envelope(std::move(items), page.total, paging));
               return Status::Ok();
             });
  router.post(kCase + "/assessments", "case_assessments",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                return create_case_record(
                    s, req, res, "assessments",
                    [&s](const auto& actor, const auto& meta, const std::string& case_id,
                         const Json& body, const auto& key) {
                      return s.casework->assess(actor, meta, case_id,
                                                domain::read_new_assessment(body), key);
                    },
                    [](const auto& a) { return assessment_json(a); });
              });
  router.get(kCase + "/assessments/" + kId, "case_assessment",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto found, s.casework->assessment(actor, request_meta(req),
                                                             req.matches[1], req.matches[2]));
               write_json(res, 200, assessment_json(found));
               return Status::Ok();
             });
  router.post(kCase + "/assessments/" + kId + "/determination", "case_assessment_determination",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                TRY_ASSIGN(Json body, parse_json_body(req));
                TRY(require_object(body));
                TRY_ASSIGN(
                    auto determined,
                    s.casework->determine(actor, request_meta(req), req.matches[1], req.matches[2],
                                          domain::read_new_determination(body)));
                write_json(res, 200, assessment_json(determined));
                return Status::Ok();
              });
  router.get(kCase + "/contacts", "case_contacts",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto paging, list_paging(req));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto page, s.casework->contacts(actor, request_meta(req), req.matches[1],
                                                          {paging.page, paging.per_page}));
               Json items = Json::array();
               for (const auto& c : page.items) items.push_back(contact_json(c));
               write_json(res, 200, page_envelope(std::move(items), page.total, paging));
               return Status::Ok();
             });
  router.post(kCase + "/contacts", "case_contacts",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                return create_case_record(
                    s, req, res, "contacts",
                    [&s](const auto& actor, const auto& meta, const std::string& case_id,
                         const Json& body, const auto& key) {
                      return s.casework->add_contact(actor, meta, case_id,
                                                     domain::read_new_contact(body), key);
                    },
                    [](const auto& c) { return contact_json(c); });
              });
  router.get(kCase + "/contacts/" + kId, "case_contact",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto found, s.casework->contact(actor, request_meta(req), req.matches[1],
                                                          req.matches[2]));
               write_json(res, 200, contact_json(found));
               return Status::Ok();
             });
  router.get(kCase + "/timeline", "case_timeline",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto paging, list_paging(req));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto page, s.casework->timeline(actor, request_meta(req), req.matches[1],
                                                          {paging.page, paging.per_page}));
               Json items = Json::array();
               for (const auto& e : page.items) items.push_back(timeline_json(e));
               write_json(res, 200, page_envelope(std::move(items), page.total, paging));
               return Status::Ok();
             });

  router.post(kCase + "/transfers", "case_transfers",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                TRY_ASSIGN(auto key, idempotency_key(req));
                TRY_ASSIGN(Json body, parse_json_body(req));
                TRY(require_object(body));
                TRY_ASSIGN(auto created,
                           s.transfers->request(actor, request_meta(req), req.matches[1],
                                                domain::read_new_transfer(body), key));
                mark_created(res, "/api/v1/transfers/" + created.resource.id, created.replayed);
                write_transfer(res, 201, actor, created.resource);
                return Status::Ok();
              });
  router.get("/api/v1/transfers", "transfers",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY(only_params(req, {"ward", "status", kPage, kPerPage}));
               TRY_ASSIGN(auto paging, parse_paging(req));
               domain::TransferFilter filter;
               filter.ward = query(req, "ward");
               filter.status = query(req, "status");
               TRY_ASSIGN(auto page, s.transfers->list(actor, request_meta(req), filter,
                                                       {paging.page, paging.per_page}));
               Json items = Json::array();
               for (const auto& t : page.items) items.push_back(transfer_for(actor, t));
               write_json(res, 200, page_envelope(std::move(items), page.total, paging));
               return Status::Ok();
             });
  router.get(std::string("/api/v1/transfers/") + kId, "transfer",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto found, s.transfers->get(actor, request_meta(req), req.matches[1]));
               write_transfer(res, 200, actor, found);
               return Status::Ok();
             });
  router.post(std::string("/api/v1/transfers/") + kId + "/transitions", "transfer_transition",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                TRY_ASSIGN(auto version, if_match_version(req));
                TRY_ASSIGN(Json body, parse_json_body(req));
                TRY(require_object(body));
                FieldReader r(body);
                domain::TransferStep step;
                step.to = r.string("to", Need::kRequired, 20);
                step.reason = r.string("reason", Need::kOptional, 2000);
                step.input_errors = r.take_errors();
                TRY_ASSIGN(auto updated, s.transfers->transition(actor, request_meta(req),
                                                                 req.matches[1], step, version));
                write_transfer(res, 200, actor, updated);
                return Status::Ok();
              });
}

}  // namespace tsunagu::http
