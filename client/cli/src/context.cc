#include "context.h"

#include <cstdlib>
#include <iostream>

#include "errors.h"
#include "terminal.h"

namespace tsunagu::cli {

std::string Context::server() {
  std::string s = options.server;
  if (s.empty())
    if (const char* env = std::getenv("TSUNAGU_SERVER"); env != nullptr) s = env;
  if (s.empty())
    if (auto c = load_credentials(); c && !c->server.empty()) s = c->server;
  if (s.empty()) s = kDefaultServer;
  if (s.find("://") == std::string::npos) s = "http://" + s;
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

std::optional<Credentials> Context::credentials() {
  auto c = load_credentials();
  if (!c || c->server != server()) return std::nullopt;
  return c;
}

ApiClient& Context::api() {
  if (!api_) {
    auto c = credentials();
    api_ = std::make_unique<ApiClient>(
        ApiClientOptions{server(), c ? c->token : "", options.lang, stderr_is_terminal()});
  }
  return *api_;
}

ApiClient& Context::anonymous_api() {
  if (!anonymous_api_)
    anonymous_api_ = std::make_unique<ApiClient>(
        ApiClientOptions{server(), "", options.lang, stderr_is_terminal()});
  return *anonymous_api_;
}

std::string Context::label(const std::string& set, const std::string& value) {
  if (value.empty()) return value;
  if (!reference_) {
    try {
      reference_ = api().get("/api/v1/reference");
    } catch (const std::exception&) {
      reference_ = Json::object();  // labels are a nicety: show the codes instead
    }
  }
  auto list = reference_->find(set);
  if (list == reference_->end() || !list->is_array()) return value;
  for (const auto& entry : *list)
    if (entry.value("value", "") == value) return entry.value(japanese() ? "ja" : "en", value);
  return value;
}

void Context::print_json(const Json& value) { out_ << value.dump(2) << "\n"; }

void Context::print_table(const Table& table) { out_ << table.render(table_width(), colour()); }

void Context::print_line(const std::string& line) { out_ << line << "\n"; }

bool Context::colour() const { return &out_ == &std::cout && colour_wanted(); }
std::string Context::bold(const std::string& s) const { return paint(s, "1", colour()); }
std::string Context::dim(const std::string& s) const { return paint(s, "2", colour()); }

std::string text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "✓" : "";
  if (value.is_number()) return value.dump();
  if (value.is_array() || value.is_object()) {
    std::string out;
    for (const auto& v : value) {
      std::string part = text(v);
      if (part.empty()) continue;
      if (!out.empty()) out += value.is_array() ? ", " : " ";
      out += part;
    }
    return out;
  }
  return "";
}

std::string text(const Json& object, const std::string& key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it == object.end() ? "" : text(*it);
}

std::string short_time(const std::string& t) {
  if (t.size() >= 16 && t[10] == 'T') {
    std::string out = t.substr(0, 10) + " " + t.substr(11, 5);
    auto zone = t.find_first_of("Zz+-", 16);
    if (zone != std::string::npos && t.compare(zone, std::string::npos, "+09:00") != 0)
      out += " " + t.substr(zone);
    return out;
  }
  return t;
}

}  // namespace tsunagu::cli

namespace tsunagu::cli {
void print_fields(Context& ctx, const std::vector<std::pair<std::string, std::string>>& fields) {
  std::size_t width = 0;
  for (const auto& [k, v] : fields)
    if (!v.empty()) width = std::max(width, display_width(k));
  for (const auto& [k, v] : fields)
    if (!v.empty()) ctx.out() << ctx.bold(pad_to_width(k, width)) << "  " << v << "\n";
}
}  // namespace tsunagu::cli
