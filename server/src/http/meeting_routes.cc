// /api/v1/meetings: roundtables, case conferences and practitioners' meetings; their
// decisions, the suggested agenda, the network memory and each user's iCalendar feed.
#include "domain/accounts/calendar_links.h"
#include "domain/meetings/meeting_input.h"
#include "domain/meetings/meetings.h"
#include "http/auth.h"
#include "http/etag.h"
#include "http/icalendar.h"
#include "http/idempotency_key.h"
#include "http/meeting_json.h"
#include "http/query_params.h"
#include "http/response_headers.h"
#include "http/routes.h"

namespace tsunagu::http {
namespace {

constexpr char kId[] = "([0-9a-fA-F-]{1,64})";
const std::string kMeeting = std::string("/api/v1/meetings/") + kId;

void write_meeting(httplib::Response& res, int status, const domain::Meeting& m) {
  set_etag(res, m.version);
  write_json(res, status, meeting_json(m));
}

Result<domain::MeetingFilter> read_filter(const httplib::Request& req) {
  TRY(only_params(req, {"from", "to", "ward", "kind", "status", kPage, kPerPage}));
  domain::MeetingFilter f;
  TRY_ASSIGN(f.from, time_param(req, "from", false));
  TRY_ASSIGN(f.to, time_param(req, "to", true));
  f.ward = query(req, "ward");
  f.kind = query(req, "kind");
  f.status = query(req, "status");
  return f;
}

Status list_meetings(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(auto actor, signed_in_caller(req, s));
  TRY_ASSIGN(auto paging, parse_paging(req));
  TRY_ASSIGN(auto filter, read_filter(req));
  TRY_ASSIGN(auto page, s.meetings->list(actor, filter, {paging.page, paging.per_page}));
  Json items = Json::array();
  for (const auto& m : page.items) items.push_back(meeting_summary_json(m));
  write_json(res, 200, page_envelope(std::move(items), page.total, paging));
  return Status::Ok();
}

Status create_meeting(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(auto actor, signed_in_caller(req, s));
  TRY_ASSIGN(auto key, idempotency_key(req));
  TRY_ASSIGN(Json body, parse_json_body(req));
  TRY_ASSIGN(auto fields, domain::read_meeting_fields(body, true));
  TRY_ASSIGN(auto created, s.meetings->create(actor, request_meta(req), fields, key));
  mark_created(res, "/api/v1/meetings/" + created.resource.id, created.replayed);
  write_meeting(res, 201, created.resource);
  return Status::Ok();
}

Status update_meeting(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(auto actor, signed_in_caller(req, s));
  TRY_ASSIGN(auto version, if_match_version(req));
  TRY_ASSIGN(Json body, parse_json_body(req));
  TRY_ASSIGN(auto fields, domain::read_meeting_fields(body, false));
  TRY_ASSIGN(auto updated,
             s.meetings->update(actor, request_meta(req), req.matches[1], fields, version));
  write_meeting(res, 200, updated);
  return Status::Ok();
}

Status record_decision(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(auto actor, signed_in_caller(req, s));
  TRY_ASSIGN(auto version, if_match_version(req));
  TRY_ASSIGN(auto key, idempotency_key(req));
  TRY_ASSIGN(Json body, parse_json_body(req));
  TRY_ASSIGN(auto decision, domain::read_decision(body));
  TRY_ASSIGN(auto recorded,
             s.meetings->decide(actor, request_meta(req), req.matches[1], decision, version, key));
  // The decision belongs to its meeting, which the answer shows whole.
  mark_created(res, "/api/v1/meetings/" + recorded.resource.id, recorded.replayed);
  write_meeting(res, 201, recorded.resource);
  return Status::Ok();
}

// The feed of `actor`, whether signed in or named by a subscription link. Calendar apps poll
// it; an unchanged feed is 304 without its body. The feed is made to be kept on the user's own
// device, so it may be stored there ("private", never by a shared cache) but is revalidated on
// every use ("no-cache"), so a cancelled meeting does not linger.
Status write_calendar(const Services& s, const domain::Actor& actor, const httplib::Request& req,
                      httplib::Response& res) {
  TRY(only_params(req, {}));
  TRY_ASSIGN(auto meetings, s.meetings->calendar(actor));
  std::string body = render_calendar(meetings, "Tsunagu 会議（" + actor.username + "）");
  const std::string etag = etag_of_content(body);
  replace_header(res, "Cache-Control", "private, no-cache");
  res.set_header("ETag", etag);
  if (if_none_match(req, etag)) {
    res.status = 304;
    return Status::Ok();
  }
  res.status = 200;
  res.set_content(body, "text/calendar; charset=utf-8");
  return Status::Ok();
}

void register_calendar_routes(Router& router, const Services& s) {
  router.get("/api/v1/me/calendar.ics", "calendar",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               return write_calendar(s, actor, req, res);
             });
  router.post("/api/v1/me/calendar-link", "calendar_link",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                TRY_ASSIGN(auto token, s.calendar_links->issue(actor, request_meta(req)));
                const std::string url = "/api/v1/calendar/" + token + ".ics";
                res.set_header("Location", url);
                write_json(res, 201, {{"token", token}, {"url", url}});
                return Status::Ok();
              });
  router.del("/api/v1/me/calendar-link", "calendar_link",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY(s.calendar_links->revoke(actor, request_meta(req)));
               res.status = 204;
               return Status::Ok();
             });
  // No sign-in: the token in the path is the credential (calendar apps send no headers).
  router.get("/api/v1/calendar/([0-9a-f]{64})\\.ics", "calendar_subscription",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto actor, s.calendar_links->resolve(req.matches[1].str()));
               return write_calendar(s, actor, req, res);
             });
}

}  // namespace

void register_meeting_routes(Router& router, const Services& s) {
  router.get("/api/v1/meetings", "meetings",
             [&s](const httplib::Request& req, httplib::Response& res) {
               return list_meetings(s, req, res);
             });
  router.post("/api/v1/meetings", "meetings",
              [&s](const httplib::Request& req, httplib::Response& res) {
                return create_meeting(s, req, res);
              });
  router.get(kMeeting, "meeting",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto m, s.meetings->get(actor, request_meta(req), req.matches[1]));
               write_meeting(res, 200, m);
               return Status::Ok();
             });
  router.patch(kMeeting, "meeting", [&s](const httplib::Request& req, httplib::Response& res) {
    return update_meeting(s, req, res);
  });
  router.post(kMeeting + "/decisions", "meeting_decisions",
              [&s](const httplib::Request& req, httplib::Response& res) {
                return record_decision(s, req, res);
              });
  router.get(kMeeting + "/suggested-agenda", "meeting_suggested_agenda",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(auto paging, list_paging(req));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               TRY_ASSIGN(auto items,
                          s.meetings->suggested_agenda(actor, request_meta(req), req.matches[1]));
               write_json(res, 200, page_of(suggested_agenda_json(items), paging));
               return Status::Ok();
             });
  router.post(kMeeting + "/suggested-agenda/adopt", "meeting_adopt_agenda",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(auto actor, signed_in_caller(req, s));
                TRY_ASSIGN(auto version, if_match_version(req));
                TRY_ASSIGN(auto m, s.meetings->adopt_suggested_agenda(actor, request_meta(req),
                                                                      req.matches[1], version));
                write_meeting(res, 200, m);
                return Status::Ok();
              });
  router.get("/api/v1/meetings/network", "meeting_network",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {"ward", "district"}));
               TRY_ASSIGN(auto actor, signed_in_caller(req, s));
               auto ward = query(req, "ward");
               if (!ward) {
                 return Error::Malformed("The parameter ward is required.")
                     .add_field("ward", "is required");
               }
               TRY_ASSIGN(auto memory,
                          s.meetings->network_memory(actor, *ward, query(req, "district")));
               write_json(res, 200, network_memory_json(memory));
               return Status::Ok();
             });
  register_calendar_routes(router, s);
}

}  // namespace tsunagu::http
