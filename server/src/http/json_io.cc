#include "http/json_io.h"

#include <algorithm>

#include <charconv>
#include <set>

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
  return parse_json_text(req.body);
}

namespace {

// A first, streaming pass over the body: nlohmann's SAX parser keeps its own stack (no
// recursion), so nesting and duplicate keys are found before any tree is built.
class BodyChecker final : public nlohmann::json_sax<Json> {
 public:
  enum class Problem { kNone, kSyntax, kTooDeep, kDuplicateKey };
  Problem problem = Problem::kNone;
  std::string duplicate;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys_.emplace_back();
    return nest();
  }
  bool key(string_t& k) override {
    if (keys_.back().insert(k).second) return true;
    problem = Problem::kDuplicateKey;
    duplicate = k;
    return false;
  }
  bool end_object() override {
    keys_.pop_back();
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    keys_.emplace_back();  // arrays have no keys; keeps keys_ in step with depth_
    return nest();
  }
  bool end_array() override {
    keys_.pop_back();
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    if (problem == Problem::kNone) problem = Problem::kSyntax;
    return false;
  }

 private:
  bool nest() {
    if (++depth_ <= kMaxJsonDepth) return true;
    problem = Problem::kTooDeep;
    return false;
  }
  int depth_ = 0;
  std::vector<std::set<std::string>> keys_;
};

// Whether `s` may be quoted back to the client: short printable ASCII, no quote or backslash.
bool plain_text(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

Result<Json> parse_json_text(std::string_view text) {
  BodyChecker checker;
  bool ok = false;
  try {
    ok = Json::sax_parse(text, &checker, nlohmann::json::input_format_t::json, /*strict=*/true);
  } catch (...) {
    ok = false;
  }
  if (!ok || checker.problem != BodyChecker::Problem::kNone) {
    switch (checker.problem) {
      case BodyChecker::Problem::kTooDeep:
        return Error::Malformed("The body nests arrays and objects deeper than " +
                                std::to_string(kMaxJsonDepth) + " levels.");
      case BodyChecker::Problem::kDuplicateKey:
        if (plain_text(checker.duplicate)) {
          return Error::Malformed("The body has the key \"" + checker.duplicate +
                                  "\" twice in one object.")
              .add_field(checker.duplicate, "appears more than once");
        }
        return Error::Malformed("The body has a key twice in one object.");
      default:
        return Error::Malformed("The body is not valid JSON (UTF-8).");
    }
  }
  Json body = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Error::Malformed("The body is not valid JSON (UTF-8).");
  return body;
}

Status check_query_params(const httplib::Request& req) {
  auto has_control = [](const std::string& s) {
    for (unsigned char c : s) {
      if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
  };
  for (const auto& [name, value] : req.params) {
    if (!has_control(name) && !has_control(value)) continue;
    if (plain_text(name)) {
      return Error::Malformed("The parameter " + name + " holds a control character.")
          .add_field(name, "must not hold control characters");
    }
    return Error::Malformed("A query parameter holds a control character.");
  }
  return Status::Ok();
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

Result<PageRequest> parse_paging(const httplib::Request& req) {
  PageRequest p;
  TRY_ASSIGN(p.page, int_param(req, "page", 1, 1, 1'000'000));
  TRY_ASSIGN(p.per_page, int_param(req, "per_page", 50, 1, 200));
  return p;
}

Json page_of(Json items, const PageRequest& paging) {
  const auto total = static_cast<int64_t>(items.size());
  const int64_t first =
      std::min<int64_t>(static_cast<int64_t>(paging.page - 1) * paging.per_page, total);
  const int64_t last = std::min<int64_t>(first + paging.per_page, total);
  Json page = Json::array();
  for (int64_t i = first; i < last; ++i) page.push_back(std::move(items[static_cast<size_t>(i)]));
  return page_envelope(std::move(page), total, paging);
}

Json page_envelope(Json items, int64_t total, const PageRequest& paging) {
  return {{"items", std::move(items)},
          {"total", total},
          {"page", paging.page},
          {"per_page", paging.per_page}};
}

// The members in the order nlohmann::json's sorted object writes them.
std::string page_envelope_json(std::string_view items_json, int64_t total,
                               const PageRequest& paging) {
  std::string out;
  out.reserve(items_json.size() + 64);
  out += "{\"items\":";
  out += items_json;
  out += ",\"page\":";
  out += std::to_string(paging.page);
  out += ",\"per_page\":";
  out += std::to_string(paging.per_page);
  out += ",\"total\":";
  out += std::to_string(total);
  out += '}';
  return out;
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
