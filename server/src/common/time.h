// Time for a Sapporo service: RFC 3339 on the wire, UTC in storage, Asia/Tokyo for people.
// Japan has kept UTC+09:00 without daylight saving since 1952, so Asia/Tokyo is a fixed offset
// here; no time-zone database is needed. Clock is injectable so tests can move time (token
// expiry, overdue referrals) without sleeping.
//
// Thread-safety: free functions are pure. SystemClock is stateless; FakeClock is safe to read
// and move from several threads.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace tsunagu {

using TimePoint = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;
using Date = std::chrono::year_month_day;

inline constexpr std::chrono::minutes kTokyoOffset{9 * 60};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override;
};

// A clock that stands still until a test moves it, or that moves on by a step at every reading
// (set_step), for a test that one change takes one instant rather than reading the clock twice.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : ms_(start.time_since_epoch().count()) {}
  TimePoint now() const override {
    return TimePoint(std::chrono::milliseconds(ms_.fetch_add(step_.load())));
  }
  void set(TimePoint t) { ms_ = t.time_since_epoch().count(); }
  void advance(std::chrono::milliseconds d) { ms_ += d.count(); }
  void set_step(std::chrono::milliseconds step) { step_ = step.count(); }

 private:
  mutable std::atomic<int64_t> ms_;
  std::atomic<int64_t> step_{0};
};

// "2026-04-01T09:00:00+09:00" (seconds precision; milliseconds are shown only when non-zero).
std::string format_rfc3339(TimePoint t, std::chrono::minutes offset = kTokyoOffset);

// The storage form: UTC with milliseconds, fixed width so text order is time order,
// e.g. "2026-04-01T00:00:00.000Z".
std::string format_utc(TimePoint t);

// A time this server stored (format_utc). A value that does not parse — never written by this
// server — reads as the epoch: long past, so it counts as expired rather than as fresh.
TimePoint parse_stored_time(std::string_view text);

// Parses RFC 3339 date-time with a mandatory offset ("Z" or ±HH:MM) and optional fraction.
// Fails with InvalidArgument naming no field (callers attach the field name).
Result<TimePoint> parse_rfc3339(std::string_view text);

// "YYYY-MM-DD" with a real calendar date (2026-02-30 fails).
Result<Date> parse_date(std::string_view text);
std::string format_date(Date d);
// The date `n` days after `d` (before it, for negative n).
Date add_days(Date d, int64_t n);

// "HH:MM" with 00 ≤ HH ≤ 23 and 00 ≤ MM ≤ 59, as minutes since midnight.
Result<int> parse_clock_time(std::string_view text);
std::string format_clock_time(int minutes_since_midnight);

// The wall-clock reading in Asia/Tokyo of an instant.
struct TokyoTime {
  Date date;
  unsigned weekday;   // 0 = Sunday … 6 = Saturday (as in api.md's hours[])
  int minute_of_day;  // 0 … 1439
};
TokyoTime to_tokyo(TimePoint t);

// The calendar date in Asia/Tokyo of an instant ("today" for people in Sapporo).
Date tokyo_date(TimePoint t);

}  // namespace tsunagu
