#include "domain/directory/directory_rules.h"

#include <map>

#include "common/text.h"
#include "domain/base/wards.h"

namespace tsunagu::domain {
namespace {

// Code points of valid UTF-8.
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += static_cast<size_t>(n);
  }
  return out;
}

bool is_ideograph(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool plausible_phone(const std::string& p) {
  int digits = 0;
  for (char ch : p) {
    if (ch >= '0' && ch <= '9') {
      ++digits;
    } else if (ch != '-' && ch != '+' && ch != '(' && ch != ')' && ch != ' ') {
      return false;
    }
  }
  return digits >= 6 && digits <= 15;
}

bool plausible_email(const std::string& e) {
  size_t at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return false;
  std::string_view domain = std::string_view(e).substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.') {
    return false;
  }
  for (char ch : e) {
    if (ch == ' ' || ch == ',' || ch == '<' || ch == '>') return false;
  }
  return e.size() <= 254;
}

bool plausible_website(const std::string& w) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (w.starts_with(scheme) && w.size() > scheme.size() + 2 && w.find(' ') == std::string::npos) {
      return true;
    }
  }
  return false;
}

bool plausible_language(const std::string& tag) {
  // BCP 47 in the common shapes: "ja", "en", "zh-Hans", "pt-BR".
  size_t first = tag.find('-');
  std::string_view primary = std::string_view(tag).substr(0, first);
  if (primary.size() < 2 || primary.size() > 3) return false;
  for (char ch : tag) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-';
    if (!ok) return false;
  }
  return tag.back() != '-' && tag.size() <= 35;
}

void check_languages(const std::vector<std::string>& languages, std::vector<FieldError>& errors) {
  for (size_t i = 0; i < languages.size(); ++i) {
    if (!plausible_language(languages[i])) {
      errors.push_back({"languages[" + std::to_string(i) + "]",
                        "must be a language tag such as ja, en or zh-Hans"});
    }
  }
}

}  // namespace

std::vector<FieldError> check_hours(const std::vector<HoursEntry>& hours,
                                    const std::string& field) {
  std::vector<FieldError> errors;
  if (hours.size() > 200) errors.push_back({field, "must have at most 200 entries"});
  std::map<std::string, std::pair<bool, bool>> per_date;  // date → (closed seen, slot seen)
  for (size_t i = 0; i < hours.size(); ++i) {
    const HoursEntry& h = hours[i];
    std::string at = field + "[" + std::to_string(i) + "]";
    if (h.weekday.has_value() == h.date.has_value()) {
      errors.push_back({at, "must give either weekday or date"});
      continue;
    }
    if (h.weekday && (*h.weekday < 0 || *h.weekday > 6)) {
      errors.push_back({at + ".weekday", "must be between 0 (Sunday) and 6 (Saturday)"});
    }
    if (h.closed && h.weekday) {
      errors.push_back({at + ".closed", "is only for dated exceptions; leave the weekday out"});
    }
    if (!h.closed) {
      if (h.opens < 0 || h.opens > 1439) errors.push_back({at + ".opens", "must be 00:00–23:59"});
      if (h.closes < 0 || h.closes > 1439) {
        errors.push_back({at + ".closes", "must be 00:00–23:59"});
      }
    }
    if (utf8_length(h.note) > 200) errors.push_back({at + ".note", "must be at most 200 chars"});
    if (h.date) {
      auto& [closed_seen, slot_seen] = per_date[format_date(*h.date)];
      (h.closed ? closed_seen : slot_seen) = true;
      if (closed_seen && slot_seen) {
        errors.push_back({at, "a date is either closed or has hours, not both"});
      }
    }
  }
  return errors;
}

std::vector<FieldError> check_organization(const OrganizationFields& f) {
  std::vector<FieldError> errors;
  if (f.name.empty()) errors.push_back({"name", "must not be empty"});
  for (char32_t cp : code_points(f.name_kana)) {
    if (is_ideograph(cp)) {
      errors.push_back({"name_kana", "must be written in kana (no kanji)"});
      break;
    }
  }
  if (f.wards.empty()) errors.push_back({"wards", "must name at least one ward"});
  if (f.lat.has_value() != f.lon.has_value()) {
    errors.push_back({f.lat ? "lon" : "lat", "lat and lon go together"});
  }
  if (f.lat && !(*f.lat >= -90 && *f.lat <= 90)) {
    errors.push_back({"lat", "must be between -90 and 90"});
  }
  if (f.lon && !(*f.lon >= -180 && *f.lon <= 180)) {
    errors.push_back({"lon", "must be between -180 and 180"});
  }
  if (!f.phone.empty() && !plausible_phone(f.phone)) {
    errors.push_back({"phone", "must be a phone number such as 011-555-0123"});
  }
  if (!f.email.empty() && !plausible_email(f.email)) {
    errors.push_back({"email", "must be an e-mail address"});
  }
  if (!f.website.empty() && !plausible_website(f.website)) {
    errors.push_back({"website", "must be an http:// or https:// address"});
  }
  check_languages(f.languages, errors);
  for (auto& e : check_hours(f.hours)) errors.push_back(std::move(e));
  return errors;
}

std::vector<FieldError> check_service(const ServiceFields& f) {
  std::vector<FieldError> errors;
  if (f.name.empty()) errors.push_back({"name", "must not be empty"});
  if (f.age_min && (*f.age_min < 0 || *f.age_min > 120)) {
    errors.push_back({"age_min", "must be between 0 and 120"});
  }
  if (f.age_max && (*f.age_max < 0 || *f.age_max > 120)) {
    errors.push_back({"age_max", "must be between 0 and 120"});
  }
  if (f.age_min && f.age_max && *f.age_min > *f.age_max) {
    errors.push_back({"age_max", "must not be below age_min"});
  }
  check_languages(f.languages, errors);
  for (auto& e : check_hours(f.hours)) errors.push_back(std::move(e));
  return errors;
}

std::vector<FieldError> check_wards(storage::Connection& c, const std::vector<std::string>& wards) {
  std::vector<FieldError> errors;
  for (size_t i = 0; i < wards.size(); ++i) {
    if (!is_ward(c, wards[i])) {
      errors.push_back({"wards[" + std::to_string(i) + "]",
                        "must be a ward code (chuo, kita, higashi, shiroishi, atsubetsu, "
                        "toyohira, kiyota, minami, nishi, teine)"});
    }
  }
  return errors;
}

}  // namespace tsunagu::domain
