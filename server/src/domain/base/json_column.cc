#include "domain/base/json_column.h"

#include <nlohmann/json.hpp>

namespace tsunagu::domain {

std::string strings_to_json(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump();
}

std::vector<std::string> strings_from_json(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& item : j) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace tsunagu::domain
