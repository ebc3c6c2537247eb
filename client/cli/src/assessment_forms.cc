#include "assessment_forms.h"

#include <algorithm>

namespace tsunagu::cli {
namespace {

const Json& items_of(const Json& forms) {
  static const Json kNone = Json::array();
  if (forms.is_array()) return forms;
  if (auto it = forms.find("items"); forms.is_object() && it != forms.end() && it->is_array())
    return *it;
  return kNone;
}

std::string string_field(const Json& j, const char* key) {
  auto it = j.find(key);
  return j.is_object() && it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

const Json* newest_form_version(const Json& forms, const std::string& form) {
  const Json* newest = nullptr;
  for (const auto& f : items_of(forms)) {
    if (string_field(f, "form") != form || !f.contains("version") || !f["version"].is_number())
      continue;
    if (newest == nullptr || f["version"].get<long long>() > (*newest)["version"].get<long long>())
      newest = &f;
  }
  return newest;
}

std::vector<std::string> form_names(const Json& forms) {
  std::vector<std::string> out;
  for (const auto& f : items_of(forms)) {
    std::string name = string_field(f, "form");
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

std::vector<std::string> item_codes(const Json& form_version) {
  std::vector<std::string> out;
  if (!form_version.is_object()) return out;
  for (const auto& i : form_version.value("items", Json::array()))
    if (std::string code = string_field(i, "code"); !code.empty()) out.push_back(code);
  return out;
}

std::vector<std::string> unknown_items(const Json& form_version,
                                       const std::vector<std::string>& items) {
  const std::vector<std::string> known = item_codes(form_version);
  std::vector<std::string> out;
  for (const auto& code : items)
    if (std::find(known.begin(), known.end(), code) == known.end() &&
        std::find(out.begin(), out.end(), code) == out.end())
      out.push_back(code);
  return out;
}

std::string item_text(const Json& form_version, const std::string& code) {
  if (form_version.is_object())
    for (const auto& i : form_version.value("items", Json::array()))
      if (string_field(i, "code") == code) {
        std::string t = string_field(i, "text");
        return t.empty() ? code : t;
      }
  return code;
}

}  // namespace tsunagu::cli
