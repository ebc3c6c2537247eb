// What the web client needs beyond the resources: a browser's sign-in as a cookie session with a
// CSRF token (POST, GET and DELETE /api/v1/auth/session; see http/auth.h for the checks), and
// the labelled word sets every screen takes its labels from (GET /api/v1/reference).
#include <algorithm>
#include <chrono>

#include "domain/accounts/csrf.h"
#include "domain/accounts/sessions.h"
#include "domain/base/system.h"
#include "domain/base/vocabulary.h"
#include "domain/base/wards.h"
#include "http/auth.h"
#include "http/etag.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/response_headers.h"
#include "http/routes.h"
#include "http/user_json.h"

namespace tsunagu::http {
namespace {

using std::chrono::duration_cast;
using std::chrono::seconds;

Json session_json(const Services& s, const std::string& token, TimePoint expires_at,
                  const domain::User& user) {
  return {{"csrf_token", domain::csrf_token_for(token)},
          {"expires_at", format_rfc3339(expires_at)},
          {"idle_timeout_seconds", duration_cast<seconds>(s.sessions->policy().idle).count()},
          {"user", user_json(user)}};
}

// POST /auth/session: the same sign-in as /auth/login (throttle, audit, expiry), but the token
// goes only into an HttpOnly cookie; the page gets the CSRF token instead.
Status sign_in(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(domain::SignIn in, sign_in(req, s));
  auto max_age = duration_cast<seconds>(in.expires_at - s.clock->now()).count();
  res.set_header("Set-Cookie", session_cookie_header(req, in.token, std::max<int64_t>(max_age, 0)));
  write_json(res, 200, session_json(s, in.token, in.expires_at, in.user));
  return Status::Ok();
}

// GET /auth/session: the cookie session's CSRF token again (after a reload of the page).
Status current_session(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY(only_params(req, {}));
  auto token = session_cookie(req);
  if (!token || req.has_header("Authorization")) {
    return Error::Unauthenticated("Sign in first.");
  }
  TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
  TRY_ASSIGN(domain::User user, s.accounts->self(actor));
  TRY_ASSIGN(TimePoint expires_at, s.sessions->expires_at(*token));
  write_json(res, 200, session_json(s, *token, expires_at, user));
  return Status::Ok();
}

// DELETE /auth/session: revokes the session and clears the cookie.
Status sign_out(const Services& s, const httplib::Request& req, httplib::Response& res) {
  auto token = session_cookie(req);
  if (!token || req.has_header("Authorization")) {
    return Error::Unauthenticated("Sign in first.");
  }
  TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));  // checks the CSRF token too
  TRY(s.sessions->logout(actor, request_meta(req), *token));
  res.set_header("Set-Cookie", cleared_session_cookie_header(req));
  res.status = 204;
  return Status::Ok();
}

Json words_json(domain::Words words) {
  Json out = Json::array();
  for (const domain::Word& w : words)
    out.push_back({{"value", w.value}, {"ja", w.ja}, {"en", w.en}});
  return out;
}

Status reference(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY(only_params(req, {}));
  TRY(signed_in_caller(req, s));
  Json body = Json::object();
  for (const domain::WordSet& set : domain::word_sets()) body[set.name] = words_json(set.words);
  TRY_ASSIGN(auto wards, s.system->wards());
  Json ward_list = Json::array();
  for (const auto& w : wards) {
    ward_list.push_back({{"value", w.code},
                         {"ja", w.name},
                         {"en", domain::english_name(w)},
                         {"kana", w.name_kana}});
  }
  body["wards"] = std::move(ward_list);
  std::string text = body.dump();
  std::string etag = etag_of_content(text);
  res.set_header("ETag", etag);
  replace_header(res, "Cache-Control", "private, no-cache");
  if (if_none_match(req, etag)) {
    res.status = 304;
    return Status::Ok();
  }
  res.status = 200;
  res.set_content(text, "application/json; charset=utf-8");
  return Status::Ok();
}

}  // namespace

void register_browser_routes(Router& router, const Services& services) {
  const Services& s = services;
  router.post(
      "/api/v1/auth/session", "auth.session.create",
      [&s](const httplib::Request& req, httplib::Response& res) { return sign_in(s, req, res); });
  router.get("/api/v1/auth/session", "auth.session.get",
             [&s](const httplib::Request& req, httplib::Response& res) {
               return current_session(s, req, res);
             });
  router.del(
      "/api/v1/auth/session", "auth.session.delete",
      [&s](const httplib::Request& req, httplib::Response& res) { return sign_out(s, req, res); });
  router.get(
      "/api/v1/reference", "reference",
      [&s](const httplib::Request& req, httplib::Response& res) { return reference(s, req, res); });
}

}  // namespace tsunagu::http
