#include "common/merge_patch.h"

#include <algorithm>

namespace tsunagu {

bool sent_null(const Json& object, std::string_view key) {
  if (!object.is_object()) return false;
  auto it = object.find(key);
  return it != object.end() && it->is_null();
}

std::vector<std::string> read_patch_nulls(FieldReader& r, const Json& body,
                                          std::initializer_list<std::string_view> fixed,
                                          std::initializer_list<std::string_view> removable) {
  for (std::string_view key : fixed) {
    if (!sent_null(body, key)) continue;
    r.raw(key);
    r.fail(key, "cannot be removed");
  }
  std::vector<std::string> removed;
  for (std::string_view key : removable) {
    if (!sent_null(body, key)) continue;
    r.raw(key);
    removed.emplace_back(key);
  }
  return removed;
}

bool contains_key(const std::vector<std::string>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace tsunagu
