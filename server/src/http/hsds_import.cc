#include "http/hsds_import.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <span>

namespace tsunagu::http::hsds {
namespace {

using domain::ImportProblem;

constexpr std::array<std::string_view, 7> kDays = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

int line_at(std::string_view text, size_t byte) {
  byte = std::min(byte, text.size());
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + byte, '\n'));
}

// What an import says about text that is not JSON, `byte` being where the parser stopped: the
// column on that line (in characters, as an editor counts them), or that the file ends early.
std::string invalid_json_message(std::string_view text, size_t byte) {
  if (byte >= text.size()) return "invalid JSON: the file ends too early";
  const size_t line_start = text.rfind('\n', byte == 0 ? 0 : byte - 1);
  const size_t from = line_start == std::string_view::npos || byte == 0 ? 0 : line_start + 1;
  // UTF-8: count the bytes that start a character.
  const auto column =
      1 + std::count_if(text.begin() + static_cast<std::ptrdiff_t>(from),
                        text.begin() + static_cast<std::ptrdiff_t>(byte),
                        [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  return "invalid JSON at column " + std::to_string(column);
}

// The line each object of the top-level array ("/3") and each of their services
// ("/3/services/1") starts on. `text` is valid JSON (it parsed).
std::map<std::string, int> record_lines(std::string_view text) {
  struct Frame {
    bool array;
    std::string path;
    size_t index = 0;
    std::string key;
    bool expect_key = false;
  };
  std::vector<Frame> stack;
  std::map<std::string, int> out;
  int line = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '\n') {
      ++line;
    } else if (ch == '"') {
      std::string s;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;  // keys that matter here have no escapes
        if (i < text.size()) s.push_back(text[i]);
      }
      if (!stack.empty() && !stack.back().array && stack.back().expect_key) {
        stack.back().key = std::move(s);
        stack.back().expect_key = false;
      }
    } else if (ch == '{' || ch == '[') {
      std::string path;
      if (!stack.empty()) {
        const Frame& f = stack.back();
        path = f.path + "/" + (f.array ? std::to_string(f.index) : f.key);
      }
      if (ch == '{' && std::count(path.begin(), path.end(), '/') <= 3) out[path] = line;
      stack.push_back({ch == '[', std::move(path), 0, "", ch == '{'});
    } else if (ch == '}' || ch == ']') {
      if (!stack.empty()) stack.pop_back();
    } else if (ch == ',' && !stack.empty()) {
      if (stack.back().array) {
        ++stack.back().index;
      } else {
        stack.back().expect_key = true;
      }
    }
  }
  return out;
}

// Reads one record's fields, collecting what is wrong with them.
class Fields {
 public:
  Fields(const Json& j, std::vector<ImportProblem>& problems, ImportProblem where)
      : j_(j), problems_(problems), where_(std::move(where)) {}

  void problem(std::string field, std::string what) {
    ImportProblem p = where_;
    p.field = std::move(field);
    p.problem = std::move(what);
    problems_.push_back(std::move(p));
  }
  // A string member ("" when absent or null).
  std::string text(const Json& j, const std::string& key, const std::string& field) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return "";
    if (!it->is_string()) {
      problem(field, "must be a string");
      return "";
    }
    return it->get<std::string>();
  }
  std::string text(const std::string& key) { return text(j_, key, key); }
  // An array member's objects (none when absent or null).
  std::vector<const Json*> objects(const Json& j, const std::string& key,
                                   const std::string& field) {
    std::vector<const Json*> out;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_array()) {
      problem(field, "must be an array");
      return out;
    }
    for (size_t i = 0; i < it->size(); ++i) {
      if ((*it)[i].is_object()) {
        out.push_back(&(*it)[i]);
      } else {
        problem(field + "[" + std::to_string(i) + "]", "must be an object");
      }
    }
    return out;
  }
  std::vector<const Json*> objects(const std::string& key) { return objects(j_, key, key); }
  std::optional<double> number(const Json& j, const std::string& key, const std::string& field) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (!it->is_number()) {
      problem(field, "must be a number");
      return std::nullopt;
    }
    return it->get<double>();
  }
  std::optional<int> whole(const std::string& key) {
    auto n = number(j_, key, key);
    if (!n) return std::nullopt;
    if (*n != std::floor(*n) || std::abs(*n) > 1e6) {
      problem(key, "must be a whole number");
      return std::nullopt;
    }
    return static_cast<int>(*n);
  }

 private:
  const Json& j_;
  std::vector<ImportProblem>& problems_;
  ImportProblem where_;
};

// "HH:MM" or "HH:MM:SS" (seconds :00) as minutes since midnight.
std::optional<int> clock_time(Fields& r, const std::string& value, const std::string& field) {
  std::string_view v = value;
  if (v.size() == 8 && v.ends_with(":00")) v.remove_suffix(3);
  auto t = parse_clock_time(v);
  if (!t.ok()) {
    r.problem(field, "must be a time of day HH:MM, not '" + value + "'");
    return std::nullopt;
  }
  return *t;
}

std::vector<domain::HoursEntry> hours_of(Fields& r) {
  std::vector<domain::HoursEntry> out;
  size_t i = 0;
  for (const Json* s : r.objects("schedules")) {
    const std::string at = "schedules[" + std::to_string(i++) + "]";
    domain::HoursEntry h;
    h.note = r.text(*s, "notes", at + ".notes");
    const std::string opens = r.text(*s, "opens_at", at + ".opens_at");
    const std::string closes = r.text(*s, "closes_at", at + ".closes_at");
    if (opens.empty() != closes.empty()) {
      r.problem(at, "opens_at and closes_at go together");
      continue;
    }
    if (!opens.empty()) {
      auto o = clock_time(r, opens, at + ".opens_at");
      auto c = clock_time(r, closes, at + ".closes_at");
      if (!o || !c) continue;
      h.opens = *o;
      h.closes = *c;
    }
    const std::string from = r.text(*s, "valid_from", at + ".valid_from");
    const std::string byday = r.text(*s, "byday", at + ".byday");
    if (!from.empty()) {
      const std::string to = r.text(*s, "valid_to", at + ".valid_to");
      auto d = parse_date(from);
      if (!d.ok()) {
        r.problem(at + ".valid_from", "must be a date YYYY-MM-DD");
      } else if (!byday.empty() || (!to.empty() && to != from)) {
        r.problem(at,
                  "Tsunagu keeps a dated schedule for one day (valid_to = valid_from, no byday)");
      } else {
        h.date = *d;
        h.closed = opens.empty();
        out.push_back(h);
      }
      continue;
    }
    if (byday.empty() || opens.empty()) {
      r.problem(at, "needs byday with opens_at and closes_at, or valid_from (a dated exception)");
      continue;
    }
    for (size_t start = 0; start <= byday.size();) {  // "MO" or "MO,TU"
      size_t comma = std::min(byday.find(',', start), byday.size());
      std::string_view day = std::string_view(byday).substr(start, comma - start);
      auto found = std::find(kDays.begin(), kDays.end(), day);
      if (found == kDays.end()) {
        r.problem(at + ".byday", "must be SU, MO, TU, WE, TH, FR or SA, not '" + byday + "'");
        break;
      }
      h.weekday = static_cast<int>(found - kDays.begin());
      out.push_back(h);
      start = comma + 1;
    }
  }
  return out;
}

std::string ward_code(const WardNames& wards, const std::string& name) {
  for (const auto& [code, ward] : wards) {
    if (ward.name == name || code == name) return code;
  }
  return name;  // check_wards names it
}

domain::ImportedService read_service(const Json& j, const std::string& org_id, int line,
                                     const WardNames& wards, domain::ImportedOrganization& org,
                                     std::vector<ImportProblem>& problems, const std::string& file,
                                     const std::string& first_category_at) {
  domain::ImportedService out;
  out.line = line;
  Fields r(j, problems, {file, line, "", true, "", ""});
  out.service.id = r.text("id");
  if (out.service.id.empty()) r.problem("id", "must be given (a UUID)");
  // Problems found from here on name the record.
  Fields rec(j, problems, {file, line, out.service.id, true, "", ""});
  const std::string owner = rec.text("organization_id");
  if (!owner.empty() && owner != org_id) {
    rec.problem("organization_id", "must be the id of the organization it is nested in");
  }
  domain::ServiceFields& f = out.service.fields;
  f.name = rec.text("name");
  f.description = rec.text("description");
  f.eligibility = rec.text("eligibility_description");
  f.fee = rec.text("fees_description");
  f.how_to_apply = rec.text("application_process");
  f.age_min = rec.whole("minimum_age");
  f.age_max = rec.whole("maximum_age");
  const std::string status = rec.text("status");
  if (status == "active") {
    f.status = domain::EntryStatus::kActive;
  } else if (status == "inactive" || status == "defunct" || status == "temporarily closed") {
    f.status = domain::EntryStatus::kInactive;
  } else {
    rec.problem("status", "must be active, inactive, defunct or temporarily closed");
  }
  const std::string modified = rec.text("last_modified");
  if (!modified.empty()) {
    auto t = parse_rfc3339(modified);
    if (t.ok()) {
      out.last_modified = *t;
    } else {
      rec.problem("last_modified", "must be an RFC 3339 time with an offset");
    }
  }
  size_t i = 0;
  for (const Json* l : rec.objects("languages")) {
    std::string code = rec.text(*l, "code", "languages[" + std::to_string(i++) + "].code");
    if (!code.empty()) f.languages.push_back(std::move(code));
  }
  f.hours = hours_of(rec);
  i = 0;
  for (const Json* area : rec.objects("service_areas")) {
    std::string name = rec.text(*area, "name", "service_areas[" + std::to_string(i++) + "].name");
    if (name.empty()) continue;
    org.has_wards = true;
    std::string code = ward_code(wards, name);
    if (std::find(org.fields.wards.begin(), org.fields.wards.end(), code) ==
        org.fields.wards.end()) {
      org.fields.wards.push_back(std::move(code));
    }
  }
  i = 0;
  for (const Json* a : rec.objects("attributes")) {
    const std::string at = "attributes[" + std::to_string(i++) + "]";
    const std::string term = rec.text(*a, "taxonomy_term_id", at + ".taxonomy_term_id");
    if (rec.text(*a, "link_type", at + ".link_type") != "category") continue;
    auto category = category_of_term(term);
    if (!category) {
      rec.problem(at + ".taxonomy_term_id", "'" + term +
                                                "' is not a term of the Tsunagu categories "
                                                "taxonomy (" +
                                                std::string(kTaxonomyId) + ")");
    } else if (org.has_category && org.fields.category != *category) {
      rec.problem(at + ".taxonomy_term_id", "Tsunagu keeps one category per organization, and " +
                                                first_category_at + " gives " +
                                                domain::to_string(org.fields.category));
    } else {
      org.has_category = true;
      org.fields.category = *category;
    }
  }
  return out;
}

}  // namespace

domain::DirectoryImport read_organizations(std::string_view file, std::string_view text,
                                           const WardNames& wards) {
  domain::DirectoryImport out;
  out.file = std::string(file);
  Json items;
  try {
    items = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // The parser's own message names its library and error codes; the operator gets the place.
    const size_t at = e.byte == 0 ? 0 : e.byte - 1;
    out.problems.push_back(
        {out.file, line_at(text, at), "", false, "", invalid_json_message(text, at)});
    return out;
  }
  if (!items.is_array()) {
    out.problems.push_back({out.file, 1, "", false, "", "must be a JSON array of organizations"});
    return out;
  }
  const auto lines = record_lines(text);
  auto line_of = [&](const std::string& path) {
    auto it = lines.find(path);
    return it == lines.end() ? 0 : it->second;
  };
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string path = "/" + std::to_string(i);
    const int line = line_of(path);
    if (!items[i].is_object()) {
      out.problems.push_back({out.file, line, "", false, "", "must be an organization object"});
      continue;
    }
    const Json& j = items[i];
    domain::ImportedOrganization org;
    org.line = line;
    Fields first(j, out.problems, {out.file, line, "", false, "", ""});
    org.id = first.text("id");
    if (org.id.empty()) first.problem("id", "must be given (a UUID)");
    Fields r(j, out.problems, {out.file, line, org.id, false, "", ""});
    org.fields.name = r.text("name");
    org.fields.name_kana = r.text("alternate_name");
    org.fields.description = r.text("description");
    org.fields.email = r.text("email");
    org.fields.website = r.text("website");
    auto phones = r.objects("phones");
    if (phones.size() > 1) r.problem("phones", "Tsunagu keeps one phone per organization");
    if (!phones.empty()) org.fields.phone = r.text(*phones[0], "number", "phones[0].number");
    auto locations = r.objects("locations");
    if (locations.size() > 1) r.problem("locations", "Tsunagu keeps one place per organization");
    if (!locations.empty()) {
      org.has_location = true;
      org.fields.address = r.text(*locations[0], "description", "locations[0].description");
      org.fields.lat = r.number(*locations[0], "latitude", "locations[0].latitude");
      org.fields.lon = r.number(*locations[0], "longitude", "locations[0].longitude");
    }
    size_t k = 0;
    std::string first_category_at;
    for (const Json* s : r.objects("services")) {
      const std::string service_path = path + "/services/" + std::to_string(k++);
      const int service_line = line_of(service_path);
      if (first_category_at.empty()) first_category_at = "line " + std::to_string(service_line);
      org.services.push_back(read_service(*s, org.id, service_line, wards, org, out.problems,
                                          out.file, first_category_at));
    }
    out.organizations.push_back(std::move(org));
  }
  return out;
}

std::string hsds_field(bool is_service, std::string_view field) {
  struct Rename {
    std::string_view from, to;
  };
  static constexpr Rename kOrganization[] = {
      {"name_kana", "alternate_name"},         {"phone", "phones[0].number"},
      {"lat", "locations[0].latitude"},        {"lon", "locations[0].longitude"},
      {"address", "locations[0].description"}, {"wards", "services[].service_areas"},
      {"category", "services[].attributes"},
  };
  static constexpr Rename kService[] = {
      {"age_min", "minimum_age"},
      {"age_max", "maximum_age"},
      {"fee", "fees_description"},
      {"how_to_apply", "application_process"},
      {"eligibility", "eligibility_description"},
  };
  std::string_view base = field.substr(0, field.find_first_of("[."));
  for (const Rename& r :
       is_service ? std::span<const Rename>(kService) : std::span<const Rename>(kOrganization)) {
    if (base == r.from) return std::string(r.to);
  }
  if (is_service && base == "hours") {  // hours[2].opens → schedules[2].opens_at
    std::string out = "schedules" + std::string(field.substr(5));
    for (auto [from, to] : {std::pair{".opens", ".opens_at"}, std::pair{".closes", ".closes_at"},
                            std::pair{".note", ".notes"}, std::pair{".weekday", ".byday"}}) {
      if (out.ends_with(from)) out = out.substr(0, out.size() - std::strlen(from)) + to;
    }
    return out;
  }
  if (is_service && base == "languages" && field.find('[') != std::string_view::npos &&
      field.find('.') == std::string_view::npos) {
    return std::string(field) + ".code";
  }
  return std::string(field);
}

std::string format_problem(const domain::ImportProblem& p) {
  std::string out = p.file + ":" + std::to_string(p.line) + ": ";
  if (!p.record_id.empty()) out += p.record_id + ": ";
  if (!p.field.empty()) out += hsds_field(p.is_service, p.field) + ": ";
  return out + p.problem;
}

}  // namespace tsunagu::http::hsds
