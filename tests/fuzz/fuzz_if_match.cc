// libFuzzer: If-Match and If-None-Match header values through the ETag parsers.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "http/etag.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string value(reinterpret_cast<const char*>(data), size);
  httplib::Request req;
  req.headers.emplace("If-Match", value);
  req.headers.emplace("If-None-Match", value);
  (void)tsunagu::http::if_match_version(req);
  (void)tsunagu::http::if_none_match(req, tsunagu::http::etag_for(7));
  return 0;
}
