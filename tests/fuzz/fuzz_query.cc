// libFuzzer: a query string as the library decodes it, then every query check the handlers use
// (control characters, paging, booleans, dates). Nothing may crash or throw.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "http/json_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  httplib::Request req;
  httplib::detail::parse_query_text(std::string(reinterpret_cast<const char*>(data), size),
                                    req.params);
  (void)tsunagu::http::check_query_params(req);
  (void)tsunagu::http::parse_paging(req);
  (void)tsunagu::http::bool_param(req, "archived");
  (void)tsunagu::http::time_param(req, "from", false);
  (void)tsunagu::http::time_param(req, "to", true);
  return 0;
}
