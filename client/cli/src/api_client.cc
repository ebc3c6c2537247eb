#include "api_client.h"

#include <httplib.h>

#include <array>
#include <cstdint>
#include <random>

#include "errors.h"
#include "terminal.h"

namespace tsunagu::cli {
namespace {

std::string without_trailing_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

ApiError::ApiError(int status, std::string code, std::string title, std::string detail,
                   std::vector<FieldError> errors)
    : std::runtime_error(title),
      status_(status),
      code_(std::move(code)),
      title_(std::move(title)),
      detail_(std::move(detail)),
      errors_(std::move(errors)) {}

std::string ApiError::line() const {
  std::string out = title_;
  if (!detail_.empty() && detail_ != title_) out += out.empty() ? detail_ : ": " + detail_;
  if (!errors_.empty()) {
    out += " (";
    for (std::size_t i = 0; i < errors_.size(); ++i) {
      if (i > 0) out += "; ";
      out += errors_[i].field.empty() ? errors_[i].message
                                      : errors_[i].field + ": " + errors_[i].message;
    }
    out += ")";
  }
  out += " [HTTP " + std::to_string(status_) + (code_.empty() ? "" : " " + code_) + "]";
  return out;
}

std::string new_idempotency_key() {
  std::random_device random;
  std::array<unsigned char, 16> b{};
  for (std::size_t i = 0; i < b.size(); i += 4) {
    const auto r = static_cast<std::uint32_t>(random());
    for (std::size_t k = 0; k < 4; ++k) b[i + k] = static_cast<unsigned char>(r >> (8 * k));
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 15];
  }
  return out;
}

std::string url_encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string with_query(const std::string& path, const Query& query) {
  std::string out = path;
  char sep = path.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [key, value] : query) {
    if (value.empty()) continue;
    out += sep + url_encode(key) + "=" + url_encode(value);
    sep = '&';
  }
  return out;
}

void throw_problem(int status, const std::string& content_type, const std::string& body) {
  if (content_type.find("json") != std::string::npos) {
    Json problem = Json::parse(body, nullptr, false);
    if (problem.is_object() && (problem.contains("title") || problem.contains("detail"))) {
      auto text = [&](const Json& j, const char* key) {
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
      };
      std::vector<FieldError> errors;
      if (auto it = problem.find("errors"); it != problem.end() && it->is_array())
        for (const auto& e : *it)
          if (e.is_object()) errors.push_back({text(e, "field"), text(e, "message")});
      throw ApiError(status, text(problem, "code"), text(problem, "title"), text(problem, "detail"),
                     std::move(errors));
    }
  }
  std::string start = body.substr(0, std::min<std::size_t>(body.find('\n'), 200));
  throw ApiError(status, "", "HTTP " + std::to_string(status), start, {});
}

ApiClient::ApiClient(ApiClientOptions options) : options_(std::move(options)) {
  options_.server = without_trailing_slash(options_.server);
  http_ = std::make_unique<httplib::Client>(options_.server);
  if (!http_->is_valid())
    throw UsageError("--server: \"" + options_.server +
                     "\" is not a server address (expected e.g. http://127.0.0.1:8080)");
  http_->set_connection_timeout(5);
  http_->set_read_timeout(60);
  http_->set_write_timeout(30);
}

ApiClient::~ApiClient() = default;

ApiResponse ApiClient::send(const std::string& method, const std::string& path, const Query& query,
                            const std::optional<Json>& body,
                            const std::map<std::string, std::string>& extra_headers) {
  httplib::Headers headers;
  if (!options_.token.empty()) headers.emplace("Authorization", "Bearer " + options_.token);
  if (!options_.language.empty()) headers.emplace("Accept-Language", options_.language);
  bool has_accept = false;
  for (const auto& [k, v] : extra_headers) {
    headers.emplace(k, v);
    has_accept = has_accept || k == "Accept";
  }
  if (!has_accept) headers.emplace("Accept", "application/json");
  const std::string target = with_query(path, query);
  const std::string payload = body ? body->dump() : std::string();
  const char* type = "application/json; charset=utf-8";

  httplib::Result result;
  {
    Spinner spinner(method + " " + path, options_.progress);
    if (method == "GET") {
      result = http_->Get(target, headers);
    } else if (method == "POST") {
      result = http_->Post(target, headers, payload, type);
    } else if (method == "PUT") {
      result = http_->Put(target, headers, payload, type);
    } else if (method == "PATCH") {
      result = http_->Patch(target, headers, payload, type);
    } else if (method == "DELETE") {
      result = http_->Delete(target, headers);
    } else {
      throw std::logic_error("unsupported method " + method);
    }
  }
  if (!result)
    throw ConnectionError("cannot reach the server at " + options_.server + " (" +
                          httplib::to_string(result.error()) + ")");
  ApiResponse response{result->status, result->body, result->get_header_value("Content-Type"),
                       result->get_header_value("ETag")};
  if (response.status < 200 || response.status >= 300)
    throw_problem(response.status, response.content_type, response.body);
  return response;
}

namespace {

Json parse_body(const ApiResponse& r) {
  if (r.body.empty()) return Json();
  Json j = Json::parse(r.body, nullptr, false);
  if (j.is_discarded())
    throw ApiError(r.status, "", "The server's answer is not JSON", r.body.substr(0, 200), {});
  return j;
}

std::map<std::string, std::string> if_match_header(const std::optional<std::string>& etag) {
  if (!etag || etag->empty()) return {};
  return {{"If-Match", *etag}};
}

}  // namespace

Json ApiClient::get(const std::string& path, const Query& query) {
  return parse_body(send("GET", path, query, std::nullopt, {}));
}

std::string ApiClient::get_text(const std::string& path, const Query& query,
                                const std::string& accept) {
  return send("GET", path, query, std::nullopt, {{"Accept", accept}}).body;
}

Json ApiClient::post(const std::string& path, const Json& body,
                     const std::optional<std::string>& if_match) {
  return parse_body(send("POST", path, {}, body, if_match_header(if_match)));
}

Json ApiClient::create(const std::string& path, const Json& body) {
  const std::map<std::string, std::string> headers{{"Idempotency-Key", new_idempotency_key()}};
  try {
    return parse_body(send("POST", path, {}, body, headers));
  } catch (const ConnectionError&) {
    // Sent but unanswered, or never sent: either way the same key cannot record it twice.
    return parse_body(send("POST", path, {}, body, headers));
  }
}

Json ApiClient::put(const std::string& path, const Json& body) {
  return parse_body(send("PUT", path, {}, body, {}));
}

Json ApiClient::patch(const std::string& path, const Json& body,
                      const std::optional<std::string>& if_match) {
  return parse_body(send("PATCH", path, {}, body, if_match_header(if_match)));
}

}  // namespace tsunagu::cli
