#include "domain/directory.h"

#include <array>
#include <utility>

namespace tsunagu::domain {
namespace {

template <typename E, size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

constexpr NameTable<Category, 13> kCategories = {{
    {Category::kYouthSpace, "youth_space"},
    {Category::kNightNursery, "night_nursery"},
    {Category::kFamilySupportCenter, "family_support_center"},
    {Category::kChildGuidanceCenter, "child_guidance_center"},
    {Category::kMedical, "medical"},
    {Category::kMidwife, "midwife"},
    {Category::kHealthCenter, "health_center"},
    {Category::kSchool, "school"},
    {Category::kNursery, "nursery"},
    {Category::kResidentGroup, "resident_group"},
    {Category::kNpo, "npo"},
    {Category::kWardOffice, "ward_office"},
    {Category::kOther, "other"},
}};
constexpr NameTable<Visibility, 2> kVisibilities = {{
    {Visibility::kPublic, "public"},
    {Visibility::kNetwork, "network"},
}};
constexpr NameTable<AddressVisibility, 3> kAddressVisibilities = {{
    {AddressVisibility::kPublic, "public"},
    {AddressVisibility::kNetwork, "network"},
    {AddressVisibility::kHidden, "hidden"},
}};
constexpr NameTable<CapacityStatus, 4> kCapacityStatuses = {{
    {CapacityStatus::kOpen, "open"},
    {CapacityStatus::kLimited, "limited"},
    {CapacityStatus::kWaitlist, "waitlist"},
    {CapacityStatus::kFull, "full"},
}};
constexpr NameTable<EntryStatus, 2> kEntryStatuses = {{
    {EntryStatus::kActive, "active"},
    {EntryStatus::kInactive, "inactive"},
}};

template <typename E, size_t N>
const char* name_of(const NameTable<E, N>& table, E v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name.data();  // the literals are NUL-terminated
  }
  return "unknown";
}

template <typename E, size_t N>
std::optional<E> parse(const NameTable<E, N>& table, std::string_view s) {
  for (const auto& [value, name] : table) {
    if (name == s) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::vector<std::string_view> names(const NameTable<E, N>& table) {
  std::vector<std::string_view> out;
  for (const auto& entry : table) out.push_back(entry.second);
  return out;
}

}  // namespace

const char* to_string(Category v) { return name_of(kCategories, v); }
const char* to_string(Visibility v) { return name_of(kVisibilities, v); }
const char* to_string(AddressVisibility v) { return name_of(kAddressVisibilities, v); }
const char* to_string(CapacityStatus v) { return name_of(kCapacityStatuses, v); }
const char* to_string(EntryStatus v) { return name_of(kEntryStatuses, v); }

std::optional<Category> parse_category(std::string_view s) { return parse(kCategories, s); }
std::optional<Visibility> parse_visibility(std::string_view s) { return parse(kVisibilities, s); }
std::optional<AddressVisibility> parse_address_visibility(std::string_view s) {
  return parse(kAddressVisibilities, s);
}
std::optional<CapacityStatus> parse_capacity_status(std::string_view s) {
  return parse(kCapacityStatuses, s);
}
std::optional<EntryStatus> parse_entry_status(std::string_view s) {
  return parse(kEntryStatuses, s);
}

const std::vector<std::string_view>& category_names() {
  static const std::vector<std::string_view> all = names(kCategories);
  return all;
}
const std::vector<std::string_view>& capacity_status_names() {
  static const std::vector<std::string_view> all = names(kCapacityStatuses);
  return all;
}

int slot_end(int opens, int closes) { return closes <= opens ? closes + 1440 : closes; }

}  // namespace tsunagu::domain
