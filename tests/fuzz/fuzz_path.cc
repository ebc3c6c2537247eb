// libFuzzer: a request path as the library percent-decodes it, written into a JSON answer the way
// a problem detail would be: invalid UTF-8 must never make the writer throw.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "http/json_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tsunagu::http::Json;
  std::string raw(reinterpret_cast<const char*>(data), size);
  std::string path = httplib::decode_path_component(raw);
  httplib::Response res;
  tsunagu::http::write_json(res, 404, {{"detail", path}, {"raw", raw}});
  return 0;
}
