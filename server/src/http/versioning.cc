#include "http/versioning.h"

#include <charconv>

#include "common/text.h"

namespace tsunagu::http {

void set_etag(httplib::Response& res, int64_t version) {
  res.set_header("ETag", "\"" + std::to_string(version) + "\"");
}

Result<std::optional<int64_t>> if_match_version(const httplib::Request& req) {
  if (!req.has_header("If-Match")) return std::optional<int64_t>();
  std::string value(trim(req.get_header_value("If-Match")));
  if (value == "*") return std::optional<int64_t>();
  std::string_view v = value;
  if (v.substr(0, 2) == "W/") v.remove_prefix(2);  // weak tags compare on their value
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size() || n < 1) {
    return Error::Malformed("If-Match must be an ETag this server sent, such as \"3\".");
  }
  return std::optional<int64_t>(n);
}

}  // namespace tsunagu::http
