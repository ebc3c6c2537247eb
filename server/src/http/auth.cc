#include "http/auth.h"

#include <algorithm>

#include "common/text.h"
#include "domain/accounts/csrf.h"
#include "domain/accounts/passwords.h"
#include "domain/accounts/sessions.h"
#include "http/json_io.h"
#include "http/request_context.h"

namespace tsunagu::http {
namespace {

constexpr char kInvalidToken[] = "The token is not valid; sign in again.";

bool is_token_shape(std::string_view t) {
  return t.size() == 64 && std::all_of(t.begin(), t.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

bool changes_state(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool over_tls(const httplib::Request& req) {
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  return req.ssl != nullptr;
#else
  (void)req;
  return false;
#endif
}

std::string cookie_attributes(const httplib::Request& req) {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (over_tls(req) ? "; Secure" : "");
}

// The cookie request's own CSRF check (see auth.h).
Status check_csrf(const httplib::Request& req, std::string_view token) {
  if (!changes_state(req.method)) return Status::Ok();
  std::string presented = req.get_header_value("X-CSRF-Token");
  if (presented.empty()) {
    return Error::PermissionDenied("This change needs the X-CSRF-Token header of your session.")
        .with_code("csrf.missing");
  }
  if (!domain::csrf_token_matches(token, trim(presented))) {
    return Error::PermissionDenied("The X-CSRF-Token header does not belong to this session.")
        .with_code("csrf.mismatch");
  }
  return Status::Ok();
}

}  // namespace

std::optional<std::string> session_cookie(const httplib::Request& req) {
  // Every Cookie header, each a list "a=1; b=2"; the first cookie of our name counts.
  for (size_t i = 0; i < req.get_header_value_count("Cookie"); ++i) {
    std::string header = req.get_header_value("Cookie", "", i);
    std::string_view rest = header;
    while (!rest.empty()) {
      size_t end = rest.find(';');
      std::string_view pair = trim(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != kSessionCookie) continue;
      std::string_view value = trim(pair.substr(eq + 1));
      if (!is_token_shape(value)) return std::nullopt;
      return std::string(value);
    }
  }
  return std::nullopt;
}

std::optional<std::string> session_token(const httplib::Request& req) {
  if (req.has_header("Authorization")) return bearer_token(req);
  return session_cookie(req);
}

std::string session_cookie_header(const httplib::Request& req, const std::string& token,
                                  int64_t max_age_seconds) {
  return std::string(kSessionCookie) + "=" + token +
         "; Max-Age=" + std::to_string(max_age_seconds) + cookie_attributes(req);
}

std::string cleared_session_cookie_header(const httplib::Request& req) {
  return std::string(kSessionCookie) + "=; Max-Age=0" + cookie_attributes(req);
}

std::optional<std::string> bearer_token(const httplib::Request& req) {
  std::string header = req.get_header_value("Authorization");
  std::string_view v = trim(header);
  constexpr std::string_view kScheme = "bearer ";
  if (v.size() <= kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(v[i])) != kScheme[i]) return std::nullopt;
  }
  std::string_view token = trim(v.substr(kScheme.size()));
  if (!is_token_shape(token)) return std::nullopt;
  return std::string(token);
}

Result<std::optional<domain::Actor>> caller(const httplib::Request& req, const Services& services) {
  if (!req.has_header("Authorization")) {
    auto cookie = session_cookie(req);
    if (!cookie) return std::optional<domain::Actor>();  // no cookie of ours, or not a token
    if (services.sessions == nullptr) return Error::Unauthenticated(kInvalidToken);
    TRY_ASSIGN(domain::Actor actor, services.sessions->resolve(*cookie));
    TRY(check_csrf(req, *cookie));
    return std::optional<domain::Actor>(std::move(actor));
  }
  auto token = bearer_token(req);
  if (!token || services.sessions == nullptr) return Error::Unauthenticated(kInvalidToken);
  TRY_ASSIGN(domain::Actor actor, services.sessions->resolve(*token));
  return std::optional<domain::Actor>(std::move(actor));
}

Result<domain::Actor> signed_in_caller(const httplib::Request& req, const Services& services) {
  TRY_ASSIGN(auto actor, caller(req, services));
  if (!actor) return Error::Unauthenticated("Sign in first.");
  return std::move(*actor);
}

Result<domain::SignIn> sign_in(const httplib::Request& req, const Services& services) {
  TRY_ASSIGN(Json body, parse_json_body(req));
  FieldReader r(body);
  auto username = r.string("username", Need::kRequired, 64);
  auto password = r.string("password", Need::kRequired, domain::kMaxPasswordChars);
  TRY(r.finish());
  auto in = services.sessions->login(*username, *password, request_meta(req));
  if (!in.ok() && in.error().kind() == ErrorKind::kUnauthenticated) {
    return Error(in.error()).with_code("auth.bad_credentials");
  }
  return in;
}

domain::RequestMeta request_meta(const httplib::Request& req) {
  const std::string& client = current_request().client_address;
  return {current_request().id, client.empty() ? req.remote_addr : client};
}

namespace {

bool is_trusted(std::string_view address, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

// An IPv4 or IPv6 address as proxies write them: hex digits, '.', ':' (no ports, no names).
bool looks_like_address(std::string_view s) {
  return !s.empty() && s.size() <= 45 && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':';
  });
}

}  // namespace

std::string client_address(const std::string& peer, const std::string& forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  if (!is_trusted(peer, trusted_proxies)) return peer;
  std::string current = peer;
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    size_t comma = rest.rfind(',');
    std::string_view hop = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (!looks_like_address(hop)) return current;
    current = std::string(hop);
    if (!is_trusted(current, trusted_proxies)) return current;
  }
  return current;
}

std::string client_address(const httplib::Request& req,
                           const std::vector<std::string>& trusted_proxies) {
  if (trusted_proxies.empty()) return req.remote_addr;
  std::string forwarded;
  const size_t n = req.get_header_value_count("X-Forwarded-For");
  for (size_t i = 0; i < n; ++i) {
    if (!forwarded.empty()) forwarded += ",";
    forwarded += req.get_header_value("X-Forwarded-For", "", i);
  }
  return client_address(req.remote_addr, forwarded, trusted_proxies);
}

}  // namespace tsunagu::http
