// libFuzzer: the one JSON body reader (depth and duplicate-key checks), then what handlers do
// with its result: copy, merge-patch and write it back. Nothing may crash or throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/json_io.h"
#include "http/problem.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tsunagu::http::Json;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto body = tsunagu::http::parse_json_text(text);
  if (body.ok()) {
    Json copy = *body;
    Json doc = Json::object();
    doc.merge_patch(copy);
    (void)doc.dump(-1, ' ', false, Json::error_handler_t::replace);
  } else {
    (void)tsunagu::http::problem_json(body.error())
        .dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return 0;
}
