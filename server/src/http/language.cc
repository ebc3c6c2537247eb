#include "http/language.h"

#include <cctype>
#include <cstdlib>
#include <string>

#include "common/text.h"

namespace tsunagu::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool matches(const std::string& range, std::string_view language) {
  return range == language || (range.size() > language.size() && range.starts_with(language) &&
                               range[language.size()] == '-');
}

// The q of one "range;q=0.8" item's parameters (1 without one; 0 for a broken one).
double quality(std::string_view params) {
  while (!params.empty()) {
    size_t end = params.find(';');
    std::string_view p = trim(params.substr(0, end));
    params = end == std::string_view::npos ? std::string_view() : params.substr(end + 1);
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string value(trim(p.substr(2)));
      char* stop = nullptr;
      double q = std::strtod(value.c_str(), &stop);
      if (stop == value.c_str() || *stop != '\0' || q < 0 || q > 1) return 0;
      return q;
    }
  }
  return 1;
}

}  // namespace

Language preferred_language(std::string_view header) {
  double ja = -1, en = -1, any = -1;    // the q each was given; -1: not named
  int index = 0, ja_at = 0, en_at = 0;  // where each was named
  while (!header.empty()) {
    ++index;
    size_t end = header.find(',');
    std::string_view item = trim(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    size_t semi = item.find(';');
    std::string range = lower(trim(item.substr(0, semi)));
    double q = semi == std::string_view::npos ? 1 : quality(item.substr(semi + 1));
    // The first range that names a language gives its q.
    if (matches(range, "ja") && ja < 0) {
      ja = q;
      ja_at = index;
    }
    if (matches(range, "en") && en < 0) {
      en = q;
      en_at = index;
    }
    if (range == "*" && any < 0) any = q;
  }
  // "*" covers a language not named otherwise, as if listed last.
  if (ja < 0) {
    ja = any;
    ja_at = index + 1;
  }
  if (en < 0) {
    en = any;
    en_at = index + 1;
  }
  if (ja > 0 && (ja > en || (ja == en && ja_at < en_at))) return Language::kJapanese;
  return Language::kEnglish;
}

}  // namespace tsunagu::http
