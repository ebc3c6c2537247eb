#include "domain/directory/directory.h"

#include <iterator>

#include "domain/base/vocabulary.h"

namespace tsunagu::domain {
namespace {

// Each enum indexes its word table (vocabulary.h) in order: the enum's last value must be the
// table's last entry.
static_assert(std::size(words::kCategories) == static_cast<size_t>(Category::kOther) + 1);
static_assert(std::size(words::kVisibilities) == static_cast<size_t>(Visibility::kNetwork) + 1);
static_assert(std::size(words::kAddressVisibilities) ==
              static_cast<size_t>(AddressVisibility::kHidden) + 1);
static_assert(std::size(words::kCapacityStatuses) ==
              static_cast<size_t>(CapacityStatus::kFull) + 1);

constexpr std::string_view kEntryStatuses[] = {"active", "inactive"};  // not shown to clients

template <typename E>
const char* name_of(Words table, E v) {
  auto i = static_cast<size_t>(v);
  return i < table.size() ? table[i].value.data() : "unknown";  // NUL-terminated literals
}

template <typename E>
std::optional<E> parse(Words table, std::string_view s) {
  for (size_t i = 0; i < table.size(); ++i) {
    if (table[i].value == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

std::vector<std::string_view> names(Words table) {
  std::vector<std::string_view> out;
  for (const Word& w : table) out.push_back(w.value);
  return out;
}

}  // namespace

const char* to_string(Category v) { return name_of(words::kCategories, v); }
const char* to_string(Visibility v) { return name_of(words::kVisibilities, v); }
const char* to_string(AddressVisibility v) { return name_of(words::kAddressVisibilities, v); }
const char* to_string(CapacityStatus v) { return name_of(words::kCapacityStatuses, v); }
const char* to_string(EntryStatus v) {
  auto i = static_cast<size_t>(v);
  return i < std::size(kEntryStatuses) ? kEntryStatuses[i].data() : "unknown";
}

std::optional<Category> parse_category(std::string_view s) {
  return parse<Category>(words::kCategories, s);
}
std::optional<Visibility> parse_visibility(std::string_view s) {
  return parse<Visibility>(words::kVisibilities, s);
}
std::optional<AddressVisibility> parse_address_visibility(std::string_view s) {
  return parse<AddressVisibility>(words::kAddressVisibilities, s);
}
std::optional<CapacityStatus> parse_capacity_status(std::string_view s) {
  return parse<CapacityStatus>(words::kCapacityStatuses, s);
}
std::optional<EntryStatus> parse_entry_status(std::string_view s) {
  for (size_t i = 0; i < std::size(kEntryStatuses); ++i) {
    if (kEntryStatuses[i] == s) return static_cast<EntryStatus>(i);
  }
  return std::nullopt;
}

const std::vector<std::string_view>& category_names() {
  static const std::vector<std::string_view> all = names(words::kCategories);
  return all;
}
const std::vector<std::string_view>& capacity_status_names() {
  static const std::vector<std::string_view> all = names(words::kCapacityStatuses);
  return all;
}

int slot_end(int opens, int closes) { return closes <= opens ? closes + 1440 : closes; }

}  // namespace tsunagu::domain
