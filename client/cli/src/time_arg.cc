#include "time_arg.h"

#include <cstdio>
#include <regex>

#include "errors.h"

namespace tsunagu::cli {
namespace {

using std::chrono::days;
using std::chrono::year_month_day;

year_month_day tokyo_day(std::chrono::system_clock::time_point now, int offset_days) {
  auto local = std::chrono::floor<days>(now + std::chrono::hours(9));
  return year_month_day{local + days(offset_days)};
}

std::string format_date(const year_month_day& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

bool valid_date(int y, int m, int d) {
  return year_month_day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                        std::chrono::day{static_cast<unsigned>(d)}}
      .ok();
}

// "HH:MM" with 00 ≤ HH ≤ 23 and 00 ≤ MM ≤ 59, else empty.
std::string clock(std::string_view text) {
  static const std::regex re(R"(([01]?[0-9]|2[0-3]):([0-5][0-9]))");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, re)) return "";
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%s", std::stoi(m[1].str()), m[2].str().c_str());
  return buf;
}

std::string tokyo_time(const std::string& date, const std::string& hhmm) {
  return date + "T" + hhmm + ":00+09:00";
}

[[noreturn]] void reject(std::string_view option, std::string_view text, std::string_view forms) {
  throw UsageError(std::string(option) + ": cannot read \"" + std::string(text) + "\" (expected " +
                   std::string(forms) + ")");
}

}  // namespace

std::string parse_time_option(std::string_view option, std::string_view text,
                              std::chrono::system_clock::time_point now) {
  constexpr std::string_view forms =
      "\"today 23:30\", \"tomorrow 08:00\", \"23:30\", \"2026-12-01 23:30\", \"now\" or RFC 3339 "
      "such as 2026-12-01T23:30:00+09:00";
  if (text == "now") {
    auto t = std::chrono::floor<std::chrono::seconds>(now + std::chrono::hours(9));
    auto day = std::chrono::floor<days>(t);
    std::chrono::hh_mm_ss hms{t - day};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return format_date(year_month_day{day}) + "T" + buf + "+09:00";
  }
  static const std::regex rfc3339(
      R"((\d{4})-(\d{2})-(\d{2})[Tt]([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d|60)(\.\d+)?)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d))");
  static const std::regex date_clock(R"((\d{4})-(\d{2})-(\d{2}) +(\S+))");
  static const std::regex word_clock(R"((today|tomorrow) +(\S+))");
  std::match_results<std::string_view::const_iterator> m;
  if (std::regex_match(text.begin(), text.end(), m, rfc3339)) {
    if (!valid_date(std::stoi(m[1].str()), std::stoi(m[2].str()), std::stoi(m[3].str())))
      reject(option, text, forms);
    return std::string(text);
  }
  if (std::regex_match(text.begin(), text.end(), m, date_clock)) {
    std::string hhmm = clock(m[4].str());
    int y = std::stoi(m[1].str()), mo = std::stoi(m[2].str()), d = std::stoi(m[3].str());
    if (hhmm.empty() || !valid_date(y, mo, d)) reject(option, text, forms);
    return tokyo_time(m[1].str() + "-" + m[2].str() + "-" + m[3].str(), hhmm);
  }
  if (std::regex_match(text.begin(), text.end(), m, word_clock)) {
    std::string hhmm = clock(m[2].str());
    if (hhmm.empty()) reject(option, text, forms);
    return tokyo_time(format_date(tokyo_day(now, m[1].str() == "tomorrow" ? 1 : 0)), hhmm);
  }
  if (std::string hhmm = clock(text); !hhmm.empty())
    return tokyo_time(format_date(tokyo_day(now, 0)), hhmm);
  reject(option, text, forms);
}

std::string parse_date_option(std::string_view option, std::string_view text,
                              std::chrono::system_clock::time_point now) {
  constexpr std::string_view forms = "YYYY-MM-DD, \"today\", \"yesterday\" or \"tomorrow\"";
  if (text == "today") return format_date(tokyo_day(now, 0));
  if (text == "tomorrow") return format_date(tokyo_day(now, 1));
  if (text == "yesterday") return format_date(tokyo_day(now, -1));
  static const std::regex re(R"((\d{4})-(\d{2})-(\d{2}))");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, re) ||
      !valid_date(std::stoi(m[1].str()), std::stoi(m[2].str()), std::stoi(m[3].str())))
    reject(option, text, forms);
  return std::string(text);
}

}  // namespace tsunagu::cli
