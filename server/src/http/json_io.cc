#include "http/json_io.h"

#include <charconv>

#include "common/text.h"

namespace tsunagu::http {

Result<Json> parse_json_body(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  std::string_view media = std::string_view(type).substr(0, type.find(';'));
  media = trim(media);
  bool is_json = media == "application/json" ||
                 (media.size() > 5 && media.substr(media.size() - 5) == "+json");
  if (!is_json) {
    return Error::UnsupportedFormat("The body must be JSON (Content-Type: application/json).");
  }
  Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Error::Malformed("The body is not valid JSON (UTF-8).");
  return body;
}

void write_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), kJsonContentType);
}

namespace {
Result<int> int_param(const httplib::Request& req, const char* name, int def, int min, int max) {
  auto v = query(req, name);
  if (!v) return def;
  int n = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || ptr != v->data() + v->size() || n < min || n > max) {
    return Error::Malformed(std::string("The parameter ") + name + " must be an integer from " +
                            std::to_string(min) + " to " + std::to_string(max) + ".")
        .add_field(name,
                   "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return n;
}
}  // namespace

Result<Paging> parse_paging(const httplib::Request& req) {
  Paging p;
  TRY_ASSIGN(p.page, int_param(req, "page", 1, 1, 1'000'000));
  TRY_ASSIGN(p.per_page, int_param(req, "per_page", 50, 1, 200));
  return p;
}

Json list_envelope(Json items) {
  const size_t total = items.size();
  return {{"items", std::move(items)}, {"total", total}};
}

Json page_envelope(Json items, int64_t total, const Paging& paging) {
  return {{"items", std::move(items)},
          {"total", total},
          {"page", paging.page},
          {"per_page", paging.per_page}};
}

std::optional<std::string> query(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  std::string v = req.get_param_value(name);
  if (v.empty()) return std::nullopt;
  return v;
}

Result<bool> bool_param(const httplib::Request& req, const char* name) {
  auto v = query(req, name);
  if (!v || *v == "false") return false;
  if (*v == "true") return true;
  return Error::Malformed(std::string("The parameter ") + name + " must be true or false.")
      .add_field(name, "must be true or false");
}

Result<std::optional<TimePoint>> time_param(const httplib::Request& req, const char* name,
                                            bool end_of_day) {
  auto v = query(req, name);
  if (!v) return std::optional<TimePoint>();
  if (auto t = parse_rfc3339(*v); t.ok()) return std::optional<TimePoint>(*t);
  if (auto d = parse_date(*v); d.ok()) {
    auto day =
        std::chrono::sys_days(*d) + (end_of_day ? std::chrono::days(1) : std::chrono::days(0));
    return std::optional<TimePoint>(TimePoint(day) - kTokyoOffset);
  }
  return Error::Malformed(std::string("The parameter ") + name + " must be a date or time.")
      .add_field(name, "must be RFC 3339 (2026-04-01T09:00:00+09:00) or a date (2026-04-01)");
}

}  // namespace tsunagu::http
