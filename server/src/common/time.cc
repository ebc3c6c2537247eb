#include "common/time.h"

#include <cstdio>
#include <cstdlib>

namespace tsunagu {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::milliseconds;
using std::chrono::sys_days;

bool parse_digits(std::string_view s, size_t pos, size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

Error bad(std::string_view what) { return Error::InvalidArgument(std::string(what)); }

}  // namespace

TimePoint SystemClock::now() const {
  return std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
}

std::string format_date(Date d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::string format_clock_time(int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
  return buf;
}

std::string format_rfc3339(TimePoint t, std::chrono::minutes offset) {
  TimePoint local = t + offset;
  auto day = floor<days>(local);
  Date d{day};
  auto ms_of_day = (local - day).count();
  int secs = static_cast<int>(ms_of_day / 1000);
  int ms = static_cast<int>(ms_of_day % 1000);
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", format_date(d).c_str(), secs / 3600,
                        (secs / 60) % 60, secs % 60);
  std::string out(buf, static_cast<size_t>(n));
  if (ms != 0) {
    std::snprintf(buf, sizeof buf, ".%03d", ms);
    out += buf;
  }
  if (offset.count() == 0) return out + "Z";
  int off = static_cast<int>(offset.count());
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60,
                std::abs(off) % 60);
  return out + buf;
}

std::string format_utc(TimePoint t) {
  auto day = floor<days>(t);
  auto ms_of_day = (t - day).count();
  int secs = static_cast<int>(ms_of_day / 1000);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", format_date(Date{day}).c_str(),
                secs / 3600, (secs / 60) % 60, secs % 60, static_cast<int>(ms_of_day % 1000));
  return buf;
}

Result<Date> parse_date(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !parse_digits(s, 0, 4, y) ||
      !parse_digits(s, 5, 2, m) || !parse_digits(s, 8, 2, d)) {
    return bad("must be a date YYYY-MM-DD");
  }
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return bad("is not a calendar date");
  return date;
}

Result<int> parse_clock_time(std::string_view s) {
  int h, m;
  if (s.size() != 5 || s[2] != ':' || !parse_digits(s, 0, 2, h) || !parse_digits(s, 3, 2, m)) {
    return bad("must be a time HH:MM");
  }
  if (h > 23 || m > 59) return bad("must be a time between 00:00 and 23:59");
  return h * 60 + m;
}

Result<TimePoint> parse_rfc3339(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)
  if (s.size() < 20) return bad("must be an RFC 3339 date-time with offset");
  auto date = parse_date(s.substr(0, 10));
  if (!date.ok()) return date.error();
  int h, mi, sec;
  if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':' ||
      !parse_digits(s, 11, 2, h) || !parse_digits(s, 14, 2, mi) || !parse_digits(s, 17, 2, sec) ||
      h > 23 || mi > 59 || sec > 60) {
    return bad("must be an RFC 3339 date-time with offset");
  }
  size_t pos = 19;
  int ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    size_t start = ++pos;
    int scale = 100;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return bad("must be an RFC 3339 date-time with offset");
  }
  int offset_minutes = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (pos + 6 != s.size() || s[pos + 3] != ':' || !parse_digits(s, pos + 1, 2, oh) ||
        !parse_digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return bad("has an invalid UTC offset");
    }
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad("must include a UTC offset such as +09:00 or Z");
  }
  if (pos != s.size()) return bad("must be an RFC 3339 date-time with offset");
  if (sec == 60) sec = 59;  // leap second: clamp, as most systems do
  TimePoint t = TimePoint(sys_days(*date)) + std::chrono::hours(h) + std::chrono::minutes(mi) +
                std::chrono::seconds(sec) + milliseconds(ms) - std::chrono::minutes(offset_minutes);
  return t;
}

TimePoint parse_stored_time(std::string_view text) {
  auto t = parse_rfc3339(text);
  return t.ok() ? *t : TimePoint{};
}

TokyoTime to_tokyo(TimePoint t) {
  TimePoint local = t + kTokyoOffset;
  auto day = floor<days>(local);
  auto minute = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  return {Date{day}, std::chrono::weekday{day}.c_encoding(), static_cast<int>(minute)};
}

Date tokyo_date(TimePoint t) { return to_tokyo(t).date; }

Date add_days(Date d, int64_t n) { return Date{std::chrono::sys_days(d) + std::chrono::days(n)}; }

}  // namespace tsunagu
