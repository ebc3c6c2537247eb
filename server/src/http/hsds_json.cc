#include "http/hsds_json.h"

#include <array>
#include <cctype>
#include <cstdio>

#include "common/hash.h"

namespace tsunagu::http::hsds {
namespace {

// The taxonomy's terms: each category's term number is fixed here, not taken from the enum's
// order, so a term id never changes meaning (docs/hsds.md).
struct Term {
  domain::Category category;
  int number;
  const char* label;
};
constexpr std::array<Term, 13> kTerms = {{
    {domain::Category::kYouthSpace, 1, "居場所 (youth space)"},
    {domain::Category::kNightNursery, 2, "夜間保育所 (night nursery)"},
    {domain::Category::kFamilySupportCenter, 3, "児童家庭支援センター (family support centre)"},
    {domain::Category::kChildGuidanceCenter, 4, "児童相談所 (child guidance centre)"},
    {domain::Category::kMedical, 5, "医療機関 (medical)"},
    {domain::Category::kMidwife, 6, "助産所 (midwife)"},
    {domain::Category::kHealthCenter, 7, "保健センター (health centre)"},
    {domain::Category::kSchool, 8, "学校 (school)"},
    {domain::Category::kNursery, 9, "保育所 (nursery)"},
    {domain::Category::kResidentGroup, 10, "町内会・民生委員 (resident group)"},
    {domain::Category::kNpo, 11, "NPO"},
    {domain::Category::kWardOffice, 12, "区役所 (ward office)"},
    {domain::Category::kOther, 13, "その他 (other)"},
}};
constexpr std::array<const char*, 7> kDays = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
// XORed onto the first group of a service id to make its service_at_location id.
constexpr unsigned long kServiceAtLocationMask = 0x5a1c0ca7UL;

// `id` with its first group (8 hex digits) XORed with kServiceAtLocationMask; nullopt when it
// has no such group.
std::optional<std::string> flip_first_group(std::string_view id) {
  if (id.size() < 9 || id[8] != '-') return std::nullopt;
  unsigned long first = 0;
  for (size_t i = 0; i < 8; ++i) {
    auto ch = static_cast<unsigned char>(id[i]);
    if (!std::isxdigit(ch)) return std::nullopt;
    first = first * 16 +
            static_cast<unsigned long>(std::isdigit(ch) ? ch - '0' : (ch | 0x20) - 'a' + 10);
  }
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08lx", first ^ kServiceAtLocationMask);
  return buf + std::string(id.substr(8));
}

const Term& term_of(domain::Category category) {
  for (const Term& t : kTerms) {
    if (t.category == category) return t;
  }
  return kTerms.back();
}

void put(Json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

// What an overnight or 24-hour slot means, since HSDS's opens_at/closes_at cannot say it.
std::string slot_description(const domain::HoursEntry& h) {
  if (h.closed) return "closed";
  if (h.closes == h.opens) return "open 24 hours from opens_at";
  if (h.closes < h.opens) {
    return "overnight: opens " + format_clock_time(h.opens) + ", closes " +
           format_clock_time(h.closes) + " the next day (翌" + format_clock_time(h.closes) + ")";
  }
  return "";
}

Json schedules(const domain::Service& s) {
  Json out = Json::array();
  int n = 0;
  for (const domain::HoursEntry& h : s.fields.hours) {
    Json j = {{"id", derived_id(s.id + ":schedule:" + std::to_string(n++))},
              {"service_id", s.id},
              {"timezone", 9}};
    if (h.weekday) {
      j["freq"] = "WEEKLY";
      j["wkst"] = "SU";
      j["byday"] = kDays[static_cast<size_t>(*h.weekday)];
    } else {
      j["valid_from"] = j["valid_to"] = format_date(*h.date);
    }
    if (!h.closed) {
      j["opens_at"] = format_clock_time(h.opens);
      j["closes_at"] = format_clock_time(h.closes);
    }
    put(j, "description", slot_description(h));
    put(j, "notes", h.note);
    out.push_back(std::move(j));
  }
  return out;
}

Json phones(const std::string& owner_key, const std::string& owner_id, const std::string& number) {
  Json out = Json::array();
  if (!number.empty()) {
    out.push_back(
        {{"id", derived_id(owner_id + ":phone")}, {owner_key, owner_id}, {"number", number}});
  }
  return out;
}

std::string location_id(const domain::Organization& o) { return derived_id(o.id + ":location"); }

// location.json's one-to-one fields: the organization's public address as text (Tsunagu stores
// no postcode, so no HSDS address record) and its coordinates.
Json location(const domain::Organization& o) {
  Json l = {{"id", location_id(o)},
            {"location_type", "physical"},
            {"organization_id", o.id},
            {"name", o.fields.name}};
  put(l, "description", o.fields.address);
  if (o.fields.lat && o.fields.lon) {
    l["latitude"] = *o.fields.lat;
    l["longitude"] = *o.fields.lon;
  }
  return l;
}

// service_at_location's own fields, without the nested service or location.
Json service_at_location_fields(const domain::Service& s, const domain::Organization& o) {
  return {{"id", service_at_location_id(s.id)},
          {"service_id", s.id},
          {"location_id", location_id(o)},
          {"description", s.fields.name + " @ " + o.fields.name}};
}

// A service's one-to-one fields (no organization).
Json service_fields(const domain::Service& s, const domain::Organization& o) {
  Json j = {{"id", s.id},
            {"organization_id", o.id},
            {"name", s.fields.name},
            {"status", domain::to_string(s.fields.status)},
            {"last_modified", format_rfc3339(s.updated_at)}};
  put(j, "description", s.fields.description);
  put(j, "email", o.fields.email);
  put(j, "url", o.fields.website);
  put(j, "application_process", s.fields.how_to_apply);
  put(j, "fees_description", s.fields.fee);
  put(j, "eligibility_description", s.fields.eligibility);
  if (s.fields.age_min) j["minimum_age"] = *s.fields.age_min;
  if (s.fields.age_max) j["maximum_age"] = *s.fields.age_max;
  return j;
}

// A service with every nested list except its organization; service_at_locations only when
// `with_places` (a service nested in its own service_at_location does not repeat it).
Json full_service(const domain::Service& s, const domain::Organization& o, const WardNames& wards,
                  bool with_places) {
  Json j = service_fields(s, o);
  j["phones"] = phones("service_id", s.id, o.fields.phone);
  j["schedules"] = schedules(s);
  Json languages = Json::array();
  for (const auto& code : s.fields.languages) {
    languages.push_back(
        {{"id", derived_id(s.id + ":language:" + code)}, {"service_id", s.id}, {"code", code}});
  }
  j["languages"] = std::move(languages);
  Json areas = Json::array();
  for (const auto& code : o.fields.wards) {
    auto ward = wards.find(code);
    Json area = {{"id", derived_id(s.id + ":area:" + code)}, {"service_id", s.id}};
    if (ward != wards.end()) {
      area["name"] = ward->second.name;
      area["description"] =
          "札幌市" + ward->second.name + " (" + domain::english_name(ward->second) + ", Sapporo)";
    } else {
      area["name"] = code;
    }
    areas.push_back(std::move(area));
  }
  j["service_areas"] = std::move(areas);
  if (with_places) {
    Json places = Json::array();
    if (domain::has_public_location(o)) places.push_back(service_at_location_item(s, o));
    j["service_at_locations"] = std::move(places);
  }
  j["attributes"] = Json::array({{{"id", derived_id(s.id + ":category")},
                                  {"link_id", s.id},
                                  {"link_type", "category"},
                                  {"link_entity", "service"},
                                  {"taxonomy_term_id", taxonomy_term_id(o.fields.category)},
                                  {"taxonomy_term", taxonomy_term(o.fields.category)}}});
  return j;
}

}  // namespace

const char* const kTaxonomyId = "c0000000-0000-4000-8000-000000000000";

std::string derived_id(std::string_view seed) {
  std::string h = sha256_hex(seed);
  h[12] = '4';                                                  // version 4 shape
  h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) % 4];  // RFC 4122 variant
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

std::string service_at_location_id(std::string_view service_id) {
  // Service ids are UUIDs (ids.h); anything else keeps its id, which no lookup inverts.
  return flip_first_group(service_id).value_or(std::string(service_id));
}

std::optional<std::string> service_of_service_at_location(std::string_view id) {
  if (id.size() != 36) return std::nullopt;
  return flip_first_group(id);  // XOR is its own inverse
}

Json organization_item(const domain::Organization& o) {
  Json j = {{"id", o.id}, {"name", o.fields.name}, {"description", o.fields.description}};
  put(j, "alternate_name", o.fields.name_kana);
  put(j, "email", o.fields.email);
  put(j, "website", o.fields.website);
  return j;
}

Json organization(const domain::Organization& o, const std::vector<domain::Service>& services,
                  bool full_services, const WardNames& wards) {
  Json j = organization_item(o);
  j["phones"] = phones("organization_id", o.id, o.fields.phone);
  Json locations = Json::array();
  if (domain::has_public_location(o)) locations.push_back(location(o));
  j["locations"] = std::move(locations);
  Json nested = Json::array();
  for (const auto& s : services) {
    nested.push_back(full_services ? full_service(s, o, wards, true) : service_fields(s, o));
  }
  j["services"] = std::move(nested);
  return j;
}

Json service_item(const domain::Service& s, const domain::Organization& o) {
  Json j = service_fields(s, o);
  j["organization"] = organization_item(o);
  return j;
}

Json service_minimal(const domain::Service& s) {
  return {{"id", s.id},
          {"name", s.fields.name},
          {"status", domain::to_string(s.fields.status)},
          {"last_modified", format_rfc3339(s.updated_at)}};
}

Json service(const domain::Service& s, const domain::Organization& o, const WardNames& wards) {
  Json j = full_service(s, o, wards, true);
  j["organization"] = organization_item(o);
  return j;
}

Json service_at_location_item(const domain::Service& s, const domain::Organization& o) {
  Json j = service_at_location_fields(s, o);
  j["location"] = location(o);
  j["service"] = service_item(s, o);
  return j;
}

Json service_at_location(const domain::Service& s, const domain::Organization& o,
                         const WardNames& wards) {
  Json j = service_at_location_fields(s, o);
  Json place = location(o);
  place["phones"] = phones("location_id", place["id"].get<std::string>(), o.fields.phone);
  j["location"] = std::move(place);
  Json nested = full_service(s, o, wards, false);
  nested["organization"] = organization_item(o);
  j["service"] = std::move(nested);
  j["schedules"] = schedules(s);
  return j;
}

Json taxonomy() {
  return {{"id", kTaxonomyId},
          {"name", "Tsunagu categories"},
          {"description", "Kinds of partner in Sapporo's child-abuse prevention network."},
          {"version", "1"}};
}

std::string taxonomy_term_id(domain::Category category) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "c0000000-0000-4000-8000-%012d", term_of(category).number);
  return buf;
}

std::optional<domain::Category> category_of_term(std::string_view term_id) {
  for (const Term& t : kTerms) {
    if (taxonomy_term_id(t.category) == term_id) return t.category;
  }
  return std::nullopt;
}

Json taxonomy_term(domain::Category category) {
  const Term& t = term_of(category);
  return {{"id", taxonomy_term_id(category)},
          {"code", domain::to_string(category)},
          {"name", t.label},
          {"description", t.label},
          {"taxonomy", "Tsunagu categories"},
          {"taxonomy_id", kTaxonomyId},
          {"language", "ja"}};
}

Json page(Json contents, int64_t total, const PageRequest& paging) {
  int64_t pages = (total + paging.per_page - 1) / paging.per_page;
  return {{"total_items", total},           {"total_pages", pages},
          {"page_number", paging.page},     {"size", contents.size()},
          {"first_page", paging.page == 1}, {"last_page", paging.page >= pages},
          {"empty", contents.empty()},      {"contents", std::move(contents)}};
}

}  // namespace tsunagu::http::hsds
