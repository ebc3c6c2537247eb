// Who is calling: resolves "Authorization: Bearer <token>" — or, for a browser, the session
// cookie — into a domain Actor (through domain::Sessions: the token's hash, its idle and
// absolute expiry, the user's current role and scope), and the request facts audit entries
// record. Every route that needs a caller starts here.
//
// A browser's cookie is sent by the browser on its own, so a request it authenticates that
// changes anything (POST, PUT, PATCH, DELETE) must also carry X-CSRF-Token, the session's CSRF
// token (domain/accounts/csrf.h), which only the page that signed in has read: without it 403
// csrf.missing, a wrong one 403 csrf.mismatch. Bearer tokens need no CSRF token (a browser
// never sends them on its own). When both are present, the bearer token is used.
//
// Thread-safety: pure functions of the request and the (thread-safe) services.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

#include "common/result.h"
#include "domain/access/actor.h"
#include "domain/accounts/sessions.h"
#include "http/services.h"

namespace tsunagu::http {

// nullopt for a request without credentials; 401 for a missing, malformed, unknown, expired or
// revoked token.
Result<std::optional<domain::Actor>> caller(const httplib::Request& req, const Services& services);

// The token of "Authorization: Bearer <token>" when it has the shape of one (64 hex digits).
std::optional<std::string> bearer_token(const httplib::Request& req);

// The session token of the cookie (kSessionCookie) when it has the shape of one.
std::optional<std::string> session_cookie(const httplib::Request& req);

// The token this request is authenticated by: the bearer token, else the session cookie's.
std::optional<std::string> session_token(const httplib::Request& req);

// The session cookie's name, and its Set-Cookie values: one that holds `token` until
// `max_age_seconds` pass, and one that clears it. Secure when the request came over TLS.
inline constexpr char kSessionCookie[] = "tsunagu_session";
std::string session_cookie_header(const httplib::Request& req, const std::string& token,
                                  int64_t max_age_seconds);
std::string cleared_session_cookie_header(const httplib::Request& req);

// Like caller(), but anonymous is 401 too.
Result<domain::Actor> signed_in_caller(const httplib::Request& req, const Services& services);

// Signs in with the body's {"username","password"} (Sessions::login: throttle, audit, expiry):
// a wrong username or password is 401 with code auth.bad_credentials.
Result<domain::SignIn> sign_in(const httplib::Request& req, const Services& services);

// The request id (X-Request-Id of this request) and the client's address (client_address(), as
// the router recorded it for this request; the peer address outside a route).
domain::RequestMeta request_meta(const httplib::Request& req);

// The address the throttle and the audit log attribute a request to. The peer address, unless
// the peer is one of `trusted_proxies`: then X-Forwarded-For is read from the right, past every
// trusted proxy, and the first hop that is not one is the client (the hops to its left are
// whatever the client chose to send). A malformed hop stops the walk at the proxy that passed
// it on. Without trusted proxies the header is ignored.
std::string client_address(const httplib::Request& req,
                           const std::vector<std::string>& trusted_proxies);
std::string client_address(const std::string& peer, const std::string& forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace tsunagu::http
