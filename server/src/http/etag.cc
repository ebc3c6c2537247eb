#include "http/etag.h"

#include <charconv>

#include "common/hash.h"
#include "common/text.h"

namespace tsunagu::http {

std::string etag_for(int64_t version) { return "\"" + std::to_string(version) + "\""; }

Result<std::optional<int64_t>> if_match_version(const httplib::Request& req) {
  if (!req.has_header("If-Match")) return std::optional<int64_t>();
  std::string header = req.get_header_value("If-Match");
  std::string_view v = trim(header);
  if (v == "*") return std::optional<int64_t>();
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 3 && v.front() == '"' && v.back() == '"') {
    v = v.substr(1, v.size() - 2);
    int64_t version = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
    if (ec == std::errc() && ptr == v.data() + v.size() && version > 0) return {version};
  }
  return Error::Aborted("If-Match does not name a current version (expected \"<version>\").");
}

void set_etag(httplib::Response& res, int64_t version) {
  res.set_header("ETag", etag_for(version));
}

std::string etag_of_content(const std::string& body) {
  return "\"" + sha256_hex(body).substr(0, 32) + "\"";
}

bool if_none_match(const httplib::Request& req, const std::string& etag) {
  if (!req.has_header("If-None-Match")) return false;
  const std::string header = req.get_header_value("If-None-Match");
  std::string_view rest = header;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    std::string_view tag = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

}  // namespace tsunagu::http
