#include "http/auth.h"

#include "http/request_context.h"

namespace tsunagu::http {

Result<std::optional<domain::Actor>> caller(const httplib::Request& req, const Services&) {
  if (!req.has_header("Authorization")) return std::optional<domain::Actor>();
  // There are no accounts before issue 4 lands, so no token can be valid yet.
  return Error::Unauthenticated("The token is not valid.");
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
