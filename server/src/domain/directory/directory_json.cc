#include "domain/directory/directory_json.h"

#include <cmath>

#include "domain/base/choices.h"
#include "domain/directory/directory_rules.h"
#include "domain/directory/organizations.h"

namespace tsunagu::domain {
namespace {

constexpr size_t kShort = 200, kLong = 4000;

// Reads a word of E's set; records "must be one of" with the set's words on a bad value.
template <WordEnum E>
std::optional<E> read_enum(FieldReader& r, std::string_view key, Need need) {
  auto text = r.raw(key, need);
  if (text == nullptr) return std::nullopt;
  if (text->is_string()) {
    if (auto v = parse_word<E>(text->get<std::string>())) return v;
  }
  r.fail(key, must_be_one_of(words_of<E>()));
  return std::nullopt;
}

std::optional<int> read_clock(FieldReader& r, std::string_view key, Need need) {
  auto text = r.string(key, need, 5);
  if (!text) return std::nullopt;
  auto minutes = parse_clock_time(*text);
  if (!minutes.ok()) {
    r.fail(key, "must be a time HH:MM between 00:00 and 23:59");
    return std::nullopt;
  }
  return *minutes;
}

HoursEntry read_hours_entry(const Json& item, const std::string& prefix, FieldReader& parent) {
  FieldReader r(item, prefix);
  HoursEntry h;
  if (auto w = r.integer("weekday", Need::kOptional, 0, 6)) h.weekday = static_cast<int>(*w);
  if (auto d = r.string("date", Need::kOptional, 10)) {
    auto date = parse_date(*d);
    if (date.ok()) {
      h.date = *date;
    } else {
      r.fail("date", "must be a calendar date YYYY-MM-DD");
    }
  }
  h.closed = r.boolean("closed").value_or(false);
  Need times = h.closed ? Need::kOptional : Need::kRequired;
  if (h.closed && (r.has("opens") || r.has("closes"))) {
    r.fail("closed", "a closed day has no opens/closes");
  }
  h.opens = read_clock(r, "opens", times).value_or(0);
  h.closes = read_clock(r, "closes", times).value_or(0);
  h.note = r.string("note", Need::kOptional, kShort).value_or("");
  if (!r.has("weekday") && !r.has("date")) r.fail("weekday", "give either weekday or date");
  parent.absorb(r);
  return h;
}

std::vector<HoursEntry> read_hours(FieldReader& r) {
  std::vector<HoursEntry> out;
  const Json* hours = r.raw("hours");
  if (hours == nullptr) return out;
  if (!hours->is_array()) {
    r.fail("hours", "must be an array");
    return out;
  }
  for (size_t i = 0; i < hours->size(); ++i) {
    out.push_back(
        read_hours_entry((*hours)[i], r.prefix() + "hours[" + std::to_string(i) + "].", r));
  }
  return out;
}

// FieldReader's errors plus the domain rules, all in one InvalidArgument; a field already
// reported for its type is not reported again for a rule.
Status finish(FieldReader& r, std::vector<FieldError> rule_errors) {
  std::vector<FieldError> errors = r.take_errors();
  size_t typed = errors.size();
  for (auto& e : rule_errors) {
    bool seen = false;
    for (size_t i = 0; i < typed; ++i) {
      const std::string& f = errors[i].field;
      seen = seen || f == e.field || f.starts_with(e.field + ".") || f.starts_with(e.field + "[");
    }
    if (!seen) errors.push_back(std::move(e));
  }
  return field_errors(std::move(errors));
}

void put(Json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

// As the HTTP layer writes every JSON body (json_io.cc's write_json).
std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

void append_member(std::string& out, bool& first, const std::string& key) {
  if (!first) out += ',';
  first = false;
  out += dump(Json(key));
  out += ':';
}

}  // namespace

Result<OrganizationFields> parse_organization_fields(const Json& body) {
  FieldReader r(body);
  OrganizationFields f;
  f.name = r.string("name", Need::kRequired, kShort).value_or("");
  f.name_kana = r.string("name_kana", Need::kOptional, kShort).value_or("");
  f.description = r.string("description", Need::kOptional, kLong).value_or("");
  f.category = read_enum<Category>(r, "category", Need::kRequired).value_or(Category::kOther);
  f.wards = r.strings("wards", Need::kRequired, 10, 20).value_or(std::vector<std::string>{});
  f.district = r.string("district", Need::kOptional, 100).value_or("");
  f.address = r.string("address", Need::kOptional, 300).value_or("");
  f.address_visibility = read_enum<AddressVisibility>(r, "address_visibility", Need::kOptional)
                             .value_or(AddressVisibility::kNetwork);
  f.lat = r.number("lat", Need::kOptional, -90, 90);
  f.lon = r.number("lon", Need::kOptional, -180, 180);
  f.phone = r.string("phone", Need::kOptional, 30).value_or("");
  f.email = r.string("email", Need::kOptional, 254).value_or("");
  f.website = r.string("website", Need::kOptional, 500).value_or("");
  f.council_member = r.boolean("council_member").value_or(false);
  f.visibility =
      read_enum<Visibility>(r, "visibility", Need::kOptional).value_or(Visibility::kNetwork);
  f.hours = read_hours(r);
  f.tags = r.strings("tags", Need::kOptional, 30, 50).value_or(std::vector<std::string>{});
  f.languages =
      r.strings("languages", Need::kOptional, 20, 35).value_or(std::vector<std::string>{});
  f.status = read_enum<EntryStatus>(r, "status", Need::kOptional).value_or(EntryStatus::kActive);
  TRY(finish(r, check_organization(f)));
  return f;
}

Result<ServiceFields> parse_service_fields(const Json& body) {
  FieldReader r(body);
  ServiceFields f;
  f.name = r.string("name", Need::kRequired, kShort).value_or("");
  f.description = r.string("description", Need::kOptional, kLong).value_or("");
  f.eligibility = r.string("eligibility", Need::kOptional, kLong).value_or("");
  if (auto a = r.integer("age_min", Need::kOptional, 0, 120)) f.age_min = static_cast<int>(*a);
  if (auto a = r.integer("age_max", Need::kOptional, 0, 120)) f.age_max = static_cast<int>(*a);
  f.fee = r.string("fee", Need::kOptional, 500).value_or("");
  f.how_to_apply = r.string("how_to_apply", Need::kOptional, kLong).value_or("");
  f.languages =
      r.strings("languages", Need::kOptional, 20, 35).value_or(std::vector<std::string>{});
  f.status = read_enum<EntryStatus>(r, "status", Need::kOptional).value_or(EntryStatus::kActive);
  f.hours = read_hours(r);
  TRY(finish(r, check_service(f)));
  return f;
}

Json hours_json(const std::vector<HoursEntry>& hours) {
  Json out = Json::array();
  for (const HoursEntry& h : hours) {
    Json j;
    if (h.weekday) j["weekday"] = *h.weekday;
    if (h.date) j["date"] = format_date(*h.date);
    if (h.closed) {
      j["closed"] = true;
    } else {
      j["opens"] = format_clock_time(h.opens);
      j["closes"] = format_clock_time(h.closes);
    }
    put(j, "note", h.note);
    out.push_back(std::move(j));
  }
  return out;
}

Json fields_json(const OrganizationFields& f) {
  Json j = {{"name", f.name},
            {"name_kana", f.name_kana},
            {"description", f.description},
            {"category", to_string(f.category)},
            {"wards", f.wards},
            {"district", f.district},
            {"address", f.address},
            {"address_visibility", to_string(f.address_visibility)},
            {"phone", f.phone},
            {"email", f.email},
            {"website", f.website},
            {"council_member", f.council_member},
            {"visibility", to_string(f.visibility)},
            {"hours", hours_json(f.hours)},
            {"tags", f.tags},
            {"languages", f.languages},
            {"status", to_string(f.status)}};
  if (f.lat) j["lat"] = *f.lat;
  if (f.lon) j["lon"] = *f.lon;
  return j;
}

Json fields_json(const ServiceFields& f) {
  Json j = {{"name", f.name},
            {"description", f.description},
            {"eligibility", f.eligibility},
            {"fee", f.fee},
            {"how_to_apply", f.how_to_apply},
            {"languages", f.languages},
            {"status", to_string(f.status)},
            {"hours", hours_json(f.hours)}};
  if (f.age_min) j["age_min"] = *f.age_min;
  if (f.age_max) j["age_max"] = *f.age_max;
  return j;
}

}  // namespace tsunagu::domain

namespace tsunagu::domain {

Json organization_json(const Organization& o, TimePoint now) {
  Json j = fields_json(o.fields);
  j["id"] = o.id;
  if (o.address_withheld) {
    j.erase("address");
    j.erase("lat");
    j.erase("lon");
  }
  if (o.capacity) {
    j["capacity"] = {{"status", to_string(o.capacity->status)},
                     {"note", o.capacity->note},
                     {"updated_at", format_rfc3339(o.capacity->updated_at)},
                     {"age_minutes", capacity_age_minutes(*o.capacity, now)},
                     {"stale", capacity_is_stale(*o.capacity, now)}};
  } else {
    j["capacity"] = nullptr;
  }
  if (o.distance_km) j["distance_km"] = std::round(*o.distance_km * 100) / 100;
  j["version"] = o.version;
  j["created_at"] = format_rfc3339(o.created_at);
  j["updated_at"] = format_rfc3339(o.updated_at);
  return j;
}

// Walks the object's members in the order dump() writes them (nlohmann's object is a sorted
// map) and cuts at age_minutes, stale and where distance_km would go.
RenderedJson render_organization(const Organization& o) {
  Organization plain = o;
  plain.distance_km.reset();
  Json j = organization_json(plain, o.capacity ? o.capacity->updated_at : TimePoint{});
  RenderedJson r;
  std::string cur = "{";
  bool first = true;
  bool before_distance_done = false;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    if (!before_distance_done && key > "distance_km") {
      r.before_distance = std::move(cur);
      cur.clear();
      before_distance_done = true;
    }
    append_member(cur, first, key);
    if (key == "capacity" && it->is_object()) {
      cur += '{';
      bool first_inner = true;
      for (auto in = it->begin(); in != it->end(); ++in) {
        append_member(cur, first_inner, in.key());
        if (in.key() == "age_minutes") {
          r.head = std::move(cur);
          cur.clear();
        } else if (in.key() == "stale") {
          r.before_stale = std::move(cur);
          cur.clear();
        } else {
          cur += dump(*in);
        }
      }
      cur += '}';
    } else {
      cur += dump(*it);
    }
  }
  if (before_distance_done) {
    r.tail = std::move(cur) + "}";
  } else {
    r.before_distance = std::move(cur);
    r.tail = "}";
  }
  return r;
}

void append_organization(std::string& out, const RenderedJson& rendered,
                         const std::optional<Capacity>& capacity, TimePoint now,
                         std::optional<double> distance_km) {
  if (capacity) {
    out += rendered.head;
    out += std::to_string(capacity_age_minutes(*capacity, now));
    out += rendered.before_stale;
    out += capacity_is_stale(*capacity, now) ? "true" : "false";
  }
  out += rendered.before_distance;
  if (distance_km) {
    out += ",\"distance_km\":";
    out += dump(Json(std::round(*distance_km * 100) / 100));
  }
  out += rendered.tail;
}

}  // namespace tsunagu::domain
