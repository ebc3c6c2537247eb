// Who is calling: resolves "Authorization: Bearer <token>" into a domain Actor (through
// domain::Sessions: the token's hash, its idle and absolute expiry, the user's current role and
// scope), and the request facts audit entries record. Every route that needs a caller starts here.
//
// Thread-safety: pure functions of the request and the (thread-safe) services.
#pragma once

#include <optional>
#include <string>

#include <httplib.h>

#include "common/result.h"
#include "domain/actor.h"
#include "http/services.h"

namespace tsunagu::http {

// nullopt for a request without credentials; 401 for a missing, malformed, unknown, expired or
// revoked token.
Result<std::optional<domain::Actor>> caller(const httplib::Request& req, const Services& services);

// The token of "Authorization: Bearer <token>" when it has the shape of one (64 hex digits).
std::optional<std::string> bearer_token(const httplib::Request& req);

// Like caller(), but anonymous is 401 too.
Result<domain::Actor> signed_in_caller(const httplib::Request& req, const Services& services);

// The request id (X-Request-Id of this request) and the peer address.
domain::RequestMeta request_meta(const httplib::Request& req);

}  // namespace tsunagu::http
