#include "common/time.h"

#include <gtest/gtest.h>

namespace tsunagu {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TimePoint at(const char* text) {
  auto t = parse_rfc3339(text);
  EXPECT_TRUE(t.ok()) << text;
  return t.ok() ? *t : TimePoint{};
}

TEST(TimeTest, ParsesOffsetsToTheSameInstant) {
  EXPECT_EQ(at("2026-04-01T09:00:00+09:00"), at("2026-04-01T00:00:00Z"));
  EXPECT_EQ(at("2026-04-01T09:00:00+09:00"), at("2026-03-31T19:00:00-05:00"));
  EXPECT_EQ(at("2026-04-01T00:00:00.250Z") - at("2026-04-01T00:00:00Z"),
            std::chrono::milliseconds(250));
}

TEST(TimeTest, RejectsMalformedDateTimes) {
  for (const char* bad : {"2026-04-01T09:00:00", "2026-04-01", "2026-02-30T00:00:00Z",
                          "2026-04-01T24:00:00Z", "2026-04-01T09:00:00+9:00", "yesterday",
                          "2026-04-01T09:00:00+09:00x", "2026-04-01T09:60:00Z", ""}) {
    EXPECT_FALSE(parse_rfc3339(bad).ok()) << bad;
  }
}

TEST(TimeTest, FormatsInTokyoByDefault) {
  EXPECT_EQ(format_rfc3339(at("2026-04-01T00:00:00Z")), "2026-04-01T09:00:00+09:00");
  EXPECT_EQ(format_rfc3339(at("2026-04-01T00:00:00.5Z")), "2026-04-01T09:00:00.500+09:00");
  EXPECT_EQ(format_rfc3339(at("2026-04-01T00:00:00Z"), minutes(0)), "2026-04-01T00:00:00Z");
}

TEST(TimeTest, StorageFormIsFixedWidthUtc) {
  EXPECT_EQ(format_utc(at("2026-04-01T09:00:00+09:00")), "2026-04-01T00:00:00.000Z");
  // Text order is time order.
  EXPECT_LT(format_utc(at("2026-04-01T09:00:00Z")), format_utc(at("2026-04-01T10:00:00Z")));
}

TEST(TimeTest, RoundTripsThroughText) {
  TimePoint t = at("2027-12-31T23:59:59.999+09:00");
  EXPECT_EQ(at(format_rfc3339(t).c_str()), t);
  EXPECT_EQ(at(format_utc(t).c_str()), t);
}

TEST(TimeTest, TokyoWallClockCrossesMidnightAndWeekday) {
  // 2026-04-03 is a Friday. 15:10 UTC is 00:10 on Saturday in Sapporo.
  TokyoTime t = to_tokyo(at("2026-04-03T15:10:00Z"));
  EXPECT_EQ(format_date(t.date), "2026-04-04");
  EXPECT_EQ(t.weekday, 6u);
  EXPECT_EQ(t.minute_of_day, 10);
  EXPECT_EQ(to_tokyo(at("2026-04-05T09:00:00+09:00")).weekday, 0u);  // Sunday
}

TEST(TimeTest, DatesMustBeOnTheCalendar) {
  EXPECT_TRUE(parse_date("2028-02-29").ok());
  EXPECT_FALSE(parse_date("2027-02-29").ok());
  EXPECT_FALSE(parse_date("2027-13-01").ok());
  EXPECT_FALSE(parse_date("27-01-01").ok());
  EXPECT_EQ(format_date(*parse_date("2026-04-01")), "2026-04-01");
}

TEST(TimeTest, ClockTimes) {
  EXPECT_EQ(*parse_clock_time("00:00"), 0);
  EXPECT_EQ(*parse_clock_time("23:59"), 1439);
  EXPECT_EQ(*parse_clock_time("02:00"), 120);
  for (const char* bad : {"25:00", "24:00", "12:60", "9:00", "12-00", "", "ab:cd"}) {
    EXPECT_FALSE(parse_clock_time(bad).ok()) << bad;
  }
  EXPECT_EQ(format_clock_time(1439), "23:59");
}

TEST(TimeTest, FakeClockMovesOnlyWhenTold) {
  FakeClock clock(at("2026-04-01T09:00:00+09:00"));
  TimePoint start = clock.now();
  EXPECT_EQ(clock.now(), start);
  clock.advance(hours(13));
  EXPECT_EQ(clock.now() - start, hours(13));
}

}  // namespace
}  // namespace tsunagu

namespace tsunagu {
namespace {

TEST(TimeTest, StoredTimesReadBackAndGarbageIsLongPast) {
  TimePoint t = *parse_rfc3339("2026-04-01T09:00:00.250+09:00");
  EXPECT_EQ(parse_stored_time(format_utc(t)), t);
  EXPECT_EQ(parse_stored_time("not a time"), TimePoint{});
}

}  // namespace
}  // namespace tsunagu
