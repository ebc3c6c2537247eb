#include "domain/directory/directory.h"

#include "domain/base/choices.h"

namespace tsunagu::domain {

const std::vector<std::string_view>& category_names() {
  static const std::vector<std::string_view> all = values_of(words::kCategories);
  return all;
}
const std::vector<std::string_view>& capacity_status_names() {
  static const std::vector<std::string_view> all = values_of(words::kCapacityStatuses);
  return all;
}

int slot_end(int opens, int closes) { return closes <= opens ? closes + 1440 : closes; }

}  // namespace tsunagu::domain
