// The partner directory's vocabulary: organizations of Sapporo's prevention network, the services
// they offer, their opening hours and their capacity tonight. Plain values shared by the domain
// functions (organizations.h, directory_services.h, directory_search.h) and the HTTP layer's JSON
// mapping; the rules about who may see what live in directory_privacy.h.
//
// Hours: a weekly slot {weekday, opens, closes} runs past midnight when closes <= opens (closes ==
// opens is a 24-hour slot); a dated entry replaces the weekly slots that *start* on that date —
// {date, closed: true} closes the day, {date, opens, closes} gives it special hours.
//
// Thread-safety: values; the enum functions are pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "domain/base/word_enum.h"

namespace tsunagu::domain {

enum class Category {
  kYouthSpace,           // 居場所 (いとこんち)
  kNightNursery,         // 夜間保育所
  kFamilySupportCenter,  // 児童家庭支援センター
  kChildGuidanceCenter,  // 児童相談所
  kMedical,              // 医療機関
  kMidwife,              // 助産所
  kHealthCenter,         // 保健センター
  kSchool,               // 学校
  kNursery,              // 保育所
  kResidentGroup,        // 町内会・民生委員
  kNpo,                  // NPO
  kWardOffice,           // 区役所
  kOther,
};
enum class Visibility { kPublic, kNetwork };                  // who may see the entry
enum class AddressVisibility { kPublic, kNetwork, kHidden };  // who may see where it is
enum class CapacityStatus { kOpen, kLimited, kWaitlist, kFull };
enum class EntryStatus { kActive, kInactive };  // inactive = archived (DELETE)

// Each enum names the entries of its word table (vocabulary.h) in order.
template <>
struct WordTable<Category> {
  static constexpr Words kWords = words::kCategories;
  static constexpr Category kLast = Category::kOther;
  static constexpr std::string_view kWhat = "category";
};
template <>
struct WordTable<Visibility> {
  static constexpr Words kWords = words::kVisibilities;
  static constexpr Visibility kLast = Visibility::kNetwork;
  static constexpr std::string_view kWhat = "visibility";
};
template <>
struct WordTable<AddressVisibility> {
  static constexpr Words kWords = words::kAddressVisibilities;
  static constexpr AddressVisibility kLast = AddressVisibility::kHidden;
  static constexpr std::string_view kWhat = "address visibility";
};
template <>
struct WordTable<CapacityStatus> {
  static constexpr Words kWords = words::kCapacityStatuses;
  static constexpr CapacityStatus kLast = CapacityStatus::kFull;
  static constexpr std::string_view kWhat = "capacity status";
};
template <>
struct WordTable<EntryStatus> {
  static constexpr Words kWords = words::kEntryStatuses;
  static constexpr EntryStatus kLast = EntryStatus::kInactive;
  static constexpr std::string_view kWhat = "entry status";
};

// Wire names ("youth_space", "network", …) are to_string (word_enum.h); their inverses
// (nullopt for unknown names):
inline std::optional<Category> parse_category(std::string_view s) {
  return parse_word<Category>(s);
}
inline std::optional<Visibility> parse_visibility(std::string_view s) {
  return parse_word<Visibility>(s);
}
inline std::optional<AddressVisibility> parse_address_visibility(std::string_view s) {
  return parse_word<AddressVisibility>(s);
}
inline std::optional<CapacityStatus> parse_capacity_status(std::string_view s) {
  return parse_word<CapacityStatus>(s);
}
inline std::optional<EntryStatus> parse_entry_status(std::string_view s) {
  return parse_word<EntryStatus>(s);
}
const std::vector<std::string_view>& category_names();
const std::vector<std::string_view>& capacity_status_names();

// One line of hours[]: weekly (weekday set) or dated (date set).
struct HoursEntry {
  std::optional<int> weekday;  // 0 = Sunday … 6 = Saturday
  std::optional<Date> date;    // an exception for one day
  bool closed = false;         // only with date: closed all day
  int opens = 0;               // minutes since midnight (not used when closed)
  int closes = 0;
  std::string note;
  bool operator==(const HoursEntry&) const = default;
};

// The end of a slot in minutes after the start of its day: past 1440 when it runs overnight.
int slot_end(int opens, int closes);

struct Capacity {
  CapacityStatus status = CapacityStatus::kOpen;
  std::string note;
  TimePoint updated_at;
};

// Everything a client sets on an organization (POST, PATCH).
struct OrganizationFields {
  std::string name;
  std::string name_kana;
  std::string description;
  Category category = Category::kOther;
  std::vector<std::string> wards;  // ward codes (domain/base/wards.h)
  std::string district;            // e.g. すすきの
  std::string address;
  AddressVisibility address_visibility = AddressVisibility::kNetwork;
  std::optional<double> lat, lon;
  std::string phone, email, website;
  bool council_member = false;
  Visibility visibility = Visibility::kNetwork;
  std::vector<HoursEntry> hours;
  std::vector<std::string> tags;
  std::vector<std::string> languages;
  EntryStatus status = EntryStatus::kActive;
  bool operator==(const OrganizationFields&) const = default;
};

struct Organization {
  std::string id;
  OrganizationFields fields;
  std::optional<Capacity> capacity;  // nullopt until the organization first reports it
  int64_t version = 1;
  TimePoint created_at, updated_at;
  // Set when the address, lat and lon were withheld from this caller (directory_privacy.h).
  bool address_withheld = false;
  std::optional<double> distance_km;  // set by a search with `near`
};

// Everything a client sets on a service.
struct ServiceFields {
  std::string name;
  std::string description;
  std::string eligibility;
  std::optional<int> age_min, age_max;
  std::string fee;
  std::string how_to_apply;
  std::vector<std::string> languages;
  EntryStatus status = EntryStatus::kActive;
  std::vector<HoursEntry> hours;  // empty: the organization's hours apply
  bool operator==(const ServiceFields&) const = default;
};

struct Service {
  std::string id;
  std::string organization_id;
  ServiceFields fields;
  bool hours_inherited = false;  // fields.hours were copied from the organization
  int64_t version = 1;
  TimePoint created_at, updated_at;
};

// A capacity report is considered stale after this many days (the gaps report uses the same).
inline constexpr int kCapacityStaleDays = 30;

}  // namespace tsunagu::domain
