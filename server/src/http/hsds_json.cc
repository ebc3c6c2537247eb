#include "http/hsds_json.h"

#include <array>
#include <cmath>

#include "common/hash.h"
#include "domain/directory_privacy.h"

namespace tsunagu::http::hsds {
namespace {

constexpr std::array<const char*, 13> kCategoryLabels = {
    "居場所 (youth space)",
    "夜間保育所 (night nursery)",
    "児童家庭支援センター (family support centre)",
    "児童相談所 (child guidance centre)",
    "医療機関 (medical)",
    "助産所 (midwife)",
    "保健センター (health centre)",
    "学校 (school)",
    "保育所 (nursery)",
    "町内会・民生委員 (resident group)",
    "NPO",
    "区役所 (ward office)",
    "その他 (other)",
};
constexpr std::array<const char*, 7> kDays = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

void put(Json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
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
    if (h.closed) {
      j["description"] = "closed";
    } else {
      j["opens_at"] = format_clock_time(h.opens);
      j["closes_at"] = format_clock_time(h.closes);
      if (h.closes <= h.opens) j["description"] = "closes after midnight";
    }
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

Json full_service(const domain::Service& s, const domain::Organization& o) {
  Json j = service_item(s, o);
  j.erase("organization");
  j["phones"] = phones("service_id", s.id, o.fields.phone);
  j["schedules"] = schedules(s);
  Json languages = Json::array();
  for (const auto& code : s.fields.languages) {
    languages.push_back(
        {{"id", derived_id(s.id + ":language:" + code)}, {"service_id", s.id}, {"code", code}});
  }
  j["languages"] = std::move(languages);
  Json areas = Json::array();
  for (const auto& ward : o.fields.wards) {
    areas.push_back({{"id", derived_id(s.id + ":area:" + ward)},
                     {"service_id", s.id},
                     {"name", ward},
                     {"description", "Sapporo ward " + ward}});
  }
  j["service_areas"] = std::move(areas);
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

Json organization_item(const domain::Organization& o) {
  Json j = {{"id", o.id}, {"name", o.fields.name}, {"description", o.fields.description}};
  put(j, "alternate_name", o.fields.name_kana);
  put(j, "email", o.fields.email);
  put(j, "website", o.fields.website);
  return j;
}

Json organization(const domain::Organization& o, const std::vector<domain::Service>& services) {
  Json j = organization_item(o);
  j["phones"] = phones("organization_id", o.id, o.fields.phone);
  Json locations = Json::array();
  if (!o.address_withheld && (!o.fields.address.empty() || o.fields.lat)) {
    Json l = {{"id", derived_id(o.id + ":location")},
              {"location_type", "physical"},
              {"organization_id", o.id},
              {"name", o.fields.name}};
    put(l, "description", o.fields.address);
    if (o.fields.lat && o.fields.lon) {
      l["latitude"] = *o.fields.lat;
      l["longitude"] = *o.fields.lon;
    }
    locations.push_back(std::move(l));
  }
  j["locations"] = std::move(locations);
  Json nested = Json::array();
  for (const auto& s : services) nested.push_back(full_service(s, o));
  j["services"] = std::move(nested);
  return j;
}

Json service_item(const domain::Service& s, const domain::Organization& o) {
  Json j = {{"id", s.id},
            {"organization_id", o.id},
            {"name", s.fields.name},
            {"status", domain::to_string(s.fields.status)},
            {"last_modified", format_rfc3339(s.updated_at)},
            {"organization", organization_item(o)}};
  put(j, "alternate_name", "");
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

Json service(const domain::Service& s, const domain::Organization& o) {
  Json j = full_service(s, o);
  j["organization"] = organization_item(o);
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
  std::snprintf(buf, sizeof buf, "c0000000-0000-4000-8000-%012d", static_cast<int>(category) + 1);
  return buf;
}

std::optional<domain::Category> category_of_term(std::string_view term_id) {
  for (size_t i = 0; i < domain::category_names().size(); ++i) {
    auto c = static_cast<domain::Category>(i);
    if (taxonomy_term_id(c) == term_id) return c;
  }
  return std::nullopt;
}

Json taxonomy_term(domain::Category category) {
  return {{"id", taxonomy_term_id(category)},
          {"code", domain::to_string(category)},
          {"name", kCategoryLabels[static_cast<size_t>(category)]},
          {"description", kCategoryLabels[static_cast<size_t>(category)]},
          {"taxonomy", "Tsunagu categories"},
          {"taxonomy_id", kTaxonomyId},
          {"language", "ja"}};
}

Json page(Json contents, int64_t total, const Paging& paging) {
  int64_t pages = (total + paging.per_page - 1) / paging.per_page;
  return {{"total_items", total},           {"total_pages", pages},
          {"page_number", paging.page},     {"size", contents.size()},
          {"first_page", paging.page == 1}, {"last_page", paging.page >= pages},
          {"empty", contents.empty()},      {"contents", std::move(contents)}};
}

}  // namespace tsunagu::http::hsds
