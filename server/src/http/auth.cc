#include "http/auth.h"

#include <algorithm>

#include "common/text.h"
#include "domain/sessions.h"
#include "http/request_context.h"

namespace tsunagu::http {
namespace {

constexpr char kInvalidToken[] = "The token is not valid; sign in again.";

bool is_token_shape(std::string_view t) {
  return t.size() == 64 && std::all_of(t.begin(), t.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

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
  if (!req.has_header("Authorization")) return std::optional<domain::Actor>();
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

domain::RequestMeta request_meta(const httplib::Request& req) {
  return {current_request().id, req.remote_addr};
}

}  // namespace tsunagu::http
