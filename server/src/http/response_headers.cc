#include "http/response_headers.h"

namespace tsunagu::http {

void replace_header(httplib::Response& res, const std::string& name, const std::string& value) {
  res.headers.erase(name);
  res.set_header(name, value);
}

void set_security_headers(httplib::Response& res, bool tls) {
  replace_header(res, "X-Content-Type-Options", "nosniff");
  replace_header(res, "Referrer-Policy", "no-referrer");
  replace_header(res, "X-Frame-Options", "DENY");
  // The client's files set a policy of their own (static_files.cc), which an error answer on
  // their paths keeps.
  if (!res.has_header("Content-Security-Policy")) {
    res.set_header("Content-Security-Policy", "frame-ancestors 'none'");
  }
  // The API's answers are small and generated: a Range request gets the whole answer.
  replace_header(res, "Accept-Ranges", "none");
  if (tls) replace_header(res, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

}  // namespace tsunagu::http
