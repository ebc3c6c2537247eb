// Reading a JSON object field by field the same way everywhere (requests, seed files): one
// pass that collects every field error (422 with all of them, not just the first), normalises
// text to NFC and trims it, limits lengths in characters people understand, and rejects unknown
// fields, so nobody can mass-assign `role`. Moved here from http/json_io.h so the domain's seed
// loader reads the same shapes through the same code as the API.
//
// Thread-safety: a FieldReader is a short-lived local of one thread.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace tsunagu {

using Json = nlohmann::json;

enum class Need { kOptional, kRequired };

class FieldReader {
 public:
  // `prefix` is prepended to field names in errors, e.g. "hours[2]." for nested objects.
  explicit FieldReader(const Json& object, std::string prefix = "");

  // Each accessor marks the key as known. A missing optional key gives nullopt; a missing
  // required key, a wrong type or a broken rule records an error and gives nullopt. JSON null
  // counts as missing.
  std::optional<std::string> string(std::string_view key, Need need = Need::kOptional,
                                    size_t max_chars = 2000);
  std::optional<std::string> one_of(std::string_view key,
                                    std::initializer_list<std::string_view> allowed,
                                    Need need = Need::kOptional);
  std::optional<std::string> one_of(std::string_view key,
                                    const std::vector<std::string_view>& allowed,
                                    Need need = Need::kOptional);
  std::optional<int64_t> integer(std::string_view key, Need need = Need::kOptional,
                                 int64_t min = INT64_MIN, int64_t max = INT64_MAX);
  std::optional<double> number(std::string_view key, Need need = Need::kOptional,
                               double min = -1e308, double max = 1e308);
  std::optional<bool> boolean(std::string_view key, Need need = Need::kOptional);
  std::optional<std::vector<std::string>> strings(std::string_view key, Need need = Need::kOptional,
                                                  size_t max_items = 200, size_t max_chars = 200);
  // The raw value for nested objects and arrays (nullptr when absent); marks the key known.
  const Json* raw(std::string_view key, Need need = Need::kOptional);

  // Records a rule broken by `key` (the prefix is added).
  void fail(std::string_view key, std::string message);
  // Records `error`, whose field is a key of this object (the prefix is added).
  void fail(FieldError error);
  bool has(std::string_view key) const;
  const std::string& prefix() const { return prefix_; }

  // Adds the errors of a nested reader (already prefixed) to this one.
  void absorb(FieldReader& nested);

  // Every recorded error plus one per unknown key; ok when there are none. Call once, last.
  Status finish();
  std::vector<FieldError> take_errors();

 private:
  const Json* lookup(std::string_view key, Need need, bool& failed);
  const Json& object_;
  std::string prefix_;
  std::set<std::string, std::less<>> known_;
  std::vector<FieldError> errors_;
  bool not_an_object_ = false;
};

}  // namespace tsunagu
