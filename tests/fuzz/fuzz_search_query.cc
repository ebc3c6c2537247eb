// libFuzzer: the directory search's query string (q, category, ward, district, open_at, near …)
// through the HTTP parser and the domain's word splitter.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "domain/directory/directory_search.h"
#include "http/directory_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)tsunagu::domain::search_terms(text);
  httplib::Request req;
  httplib::detail::parse_query_text(text, req.params);
  tsunagu::http::PageRequest paging;
  (void)tsunagu::http::parse_organization_query(req, paging, tsunagu::TimePoint{});
  return 0;
}
