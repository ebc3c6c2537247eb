// The audit log for admin and auditor: GET /api/v1/audit (filters actor=, case_id=,
// organization_id=, case_ref= with ward=, from=, to=, paging; format=csv exports) and
// GET /api/v1/audit/verify.
#include "common/csv.h"
#include "domain/audit/audit_log.h"
#include "http/auth.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/report_params.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

Json optional_json(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

Json record_json(const domain::audit::Record& r) {
  return {
      {"seq", r.seq},
      {"at", format_rfc3339(r.at)},
      {"actor", r.actor_id || r.actor_username ? Json{{"id", optional_json(r.actor_id)},
                                                      {"username", optional_json(r.actor_username)},
                                                      {"role", optional_json(r.actor_role)}}
                                               : Json(nullptr)},
      {"action", r.action},
      {"resource_type", r.resource_type},
      {"resource_id", optional_json(r.resource_id)},
      {"case_id", optional_json(r.case_id)},
      {"organization_id", optional_json(r.organization_id)},
      {"request_id", optional_json(r.request_id)},
      {"source_address", optional_json(r.source_address)},
      {"detail", optional_json(r.detail)},
      {"prev_hash", r.prev_hash},
      {"hash", r.hash},
      // The stored text, as hashed: a copy is checked against these bytes, not a re-encoding.
      {"listed", optional_json(r.listed)}};
}

// Rows an export holds at most; narrow the filter (from/to) for more.
constexpr int64_t kCsvExportLimit = 10000;

std::string records_csv(const std::vector<domain::audit::Record>& records) {
  CsvWriter csv;
  csv.row({"seq", "at", "actor_id", "actor_username", "actor_role", "action", "resource_type",
           "resource_id", "case_id", "organization_id", "request_id", "source_address", "detail",
           "prev_hash", "hash", "listed"});
  for (const auto& r : records) {
    csv.row({std::to_string(r.seq), format_rfc3339(r.at), r.actor_id.value_or(""),
             r.actor_username.value_or(""), r.actor_role.value_or(""), r.action, r.resource_type,
             r.resource_id.value_or(""), r.case_id.value_or(""), r.organization_id.value_or(""),
             r.request_id.value_or(""), r.source_address.value_or(""), r.detail.value_or(""),
             r.prev_hash, r.hash, r.listed.value_or("")});
  }
  return csv.take();
}

Result<std::optional<std::string>> id_param(const httplib::Request& req, const char* name) {
  auto v = query(req, name);
  if (v && v->size() > 100) {
    return Error::Malformed(std::string("The parameter ") + name + " is too long.")
        .add_field(name, "must be at most 100 characters");
  }
  return v;
}

Status list_audit(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
  TRY(only_params(req, {"actor", "case_id", "organization_id", "case_ref", "ward", "from", "to",
                        "page", "per_page", "format"}));
  TRY_ASSIGN(std::string format, output_format(req, {"json", "csv"}));
  TRY_ASSIGN(PageRequest paging, parse_paging(req));
  domain::audit::Filter f;
  TRY_ASSIGN(f.actor, id_param(req, "actor"));
  TRY_ASSIGN(f.case_id, id_param(req, "case_id"));
  TRY_ASSIGN(f.organization_id, id_param(req, "organization_id"));
  TRY_ASSIGN(f.case_ref, id_param(req, "case_ref"));
  TRY_ASSIGN(f.ward, id_param(req, "ward"));
  TRY_ASSIGN(f.from, time_param(req, "from", false));
  TRY_ASSIGN(f.to, time_param(req, "to", true));
  if (f.from && f.to && *f.from >= *f.to) {
    return Error::Malformed("The parameter from must be before to.")
        .add_field("from", "must be before to");
  }
  f.offset = format == "csv" ? 0 : paging.offset();
  f.limit = format == "csv" ? kCsvExportLimit : paging.per_page;
  TRY_ASSIGN(domain::audit::Page page, s.audit_log->search(actor, request_meta(req), f));
  if (format == "csv") {
    res.set_header("X-Total-Count", std::to_string(page.total));
    write_csv(res, records_csv(page.items),
              "audit_" + format_date(tokyo_date(s.clock->now())) + ".csv");
    return Status::Ok();
  }
  Json items = Json::array();
  for (const auto& r : page.items) items.push_back(record_json(r));
  write_json(res, 200, page_envelope(std::move(items), page.total, paging));
  return Status::Ok();
}

}  // namespace

void register_audit_routes(Router& router, const Services& services) {
  const Services& s = services;
  router.get("/api/v1/audit", "audit.list",
             [&s](const httplib::Request& req, httplib::Response& res) {
               return list_audit(s, req, res);
             });
  router.get("/api/v1/audit/verify", "audit.verify",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
               TRY_ASSIGN(domain::audit::Verification v,
                          s.audit_log->verify(actor, request_meta(req)));
               Json body = {{"ok", v.ok}, {"entries", v.entries}};
               body["unkeyed_entries"] = v.unkeyed_entries;
               if (!v.ok) {
                 body["broken_at"] = v.broken_at.value_or(0);
                 body["reason"] = v.reason;
               }
               write_json(res, 200, body);
               return Status::Ok();
             });
}

}  // namespace tsunagu::http
