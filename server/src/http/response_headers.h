// The headers every response carries, whoever produced it (a route, the router's 405, the
// library's own 404/400/413): what browsers need to keep an answer of this server from being
// sniffed into a script, framed by another site or leaked through a Referer, and HSTS when the
// server speaks TLS. Kept in one place so the static web client's routes can call the same
// function and then replace (not duplicate) the Content-Security-Policy with a fuller one.
//
// Thread-safety: pure functions on the response they are given.
#pragma once

#include <string>

#include <httplib.h>

namespace tsunagu::http {

// X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer, X-Frame-Options: DENY,
// Content-Security-Policy: frame-ancestors 'none' (unless a policy is set already: the web
// client's own), Accept-Ranges: none, and with `tls` Strict-Transport-Security (one year,
// subdomains). Replaces earlier values of these headers.
void set_security_headers(httplib::Response& res, bool tls);

// Sets `name` to `value`, removing every earlier value (httplib's set_header adds a second one).
void replace_header(httplib::Response& res, const std::string& name, const std::string& value);

}  // namespace tsunagu::http
