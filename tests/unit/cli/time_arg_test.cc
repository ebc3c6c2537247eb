// Times typed on the command line: "today 23:30" and friends become RFC 3339 in Asia/Tokyo,
// whatever the machine's zone, and anything else is refused naming the option.
#include "time_arg.h"

#include <gtest/gtest.h>

#include "errors.h"

namespace tsunagu::cli {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

// 2026-12-01 16:00 UTC is 2026-12-02 01:00 in Tokyo: the Tokyo date differs from the UTC one.
const auto kLateUtc = sys_days{std::chrono::year{2026} / 12 / 1} + 16h;
// 2026-12-01 03:00 UTC is 12:00 the same day in Tokyo.
const auto kNoonTokyo = sys_days{std::chrono::year{2026} / 12 / 1} + 3h;

TEST(ParseTimeOption, TodayAndTomorrowAreTokyoDays) {
  EXPECT_EQ(parse_time_option("--open-at", "today 23:30", kNoonTokyo), "2026-12-01T23:30:00+09:00");
  EXPECT_EQ(parse_time_option("--open-at", "tomorrow 08:00", kNoonTokyo),
            "2026-12-02T08:00:00+09:00");
  EXPECT_EQ(parse_time_option("--open-at", "today 23:30", kLateUtc), "2026-12-02T23:30:00+09:00");
  EXPECT_EQ(parse_time_option("--open-at", "tomorrow 8:05", kLateUtc), "2026-12-03T08:05:00+09:00");
}

TEST(ParseTimeOption, ClockAloneIsToday) {
  EXPECT_EQ(parse_time_option("--open-at", "23:30", kNoonTokyo), "2026-12-01T23:30:00+09:00");
  EXPECT_EQ(parse_time_option("--open-at", "00:00", kLateUtc), "2026-12-02T00:00:00+09:00");
}

TEST(ParseTimeOption, MonthAndYearRollOver) {
  auto new_year_eve = sys_days{std::chrono::year{2026} / 12 / 31} + 3h;
  EXPECT_EQ(parse_time_option("--open-at", "tomorrow 09:00", new_year_eve),
            "2027-01-01T09:00:00+09:00");
}

TEST(ParseTimeOption, DateAndClockAndNow) {
  EXPECT_EQ(parse_time_option("--starts-at", "2026-12-10 14:00", kNoonTokyo),
            "2026-12-10T14:00:00+09:00");
  EXPECT_EQ(parse_time_option("--open-at", "now", kLateUtc + 7s), "2026-12-02T01:00:07+09:00");
}

TEST(ParseTimeOption, Rfc3339PassesAsGiven) {
  for (const char* t : {"2026-12-01T23:30:00+09:00", "2026-12-01T14:30:00Z",
                        "2026-12-01T23:30+09:00", "2026-12-01T23:30:00.250-05:00"})
    EXPECT_EQ(parse_time_option("--open-at", t, kNoonTokyo), t);
}

TEST(ParseTimeOption, RejectsAnythingElseNamingTheOption) {
  for (const char* bad : {"", "tonight", "today", "today 24:00", "today 23:60", "23", "23:3",
                          "yesterday 10:00", "2026-02-30 10:00", "2026-12-01T25:00:00+09:00",
                          "2026-12-01T23:30:00", "2026-13-01T10:00:00Z", "today 23:30 extra"}) {
    try {
      parse_time_option("--open-at", bad, kNoonTokyo);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const UsageError& e) {
      EXPECT_EQ(std::string(e.what()).rfind("--open-at: ", 0), 0u) << e.what();
      EXPECT_NE(std::string(e.what()).find("today 23:30"), std::string::npos) << e.what();
    }
  }
}

TEST(ParseDateOption, WordsAndDates) {
  EXPECT_EQ(parse_date_option("--from", "today", kLateUtc), "2026-12-02");
  EXPECT_EQ(parse_date_option("--from", "yesterday", kNoonTokyo), "2026-11-30");
  EXPECT_EQ(parse_date_option("--to", "tomorrow", kNoonTokyo), "2026-12-02");
  EXPECT_EQ(parse_date_option("--to", "2024-02-29", kNoonTokyo), "2024-02-29");
  EXPECT_THROW(parse_date_option("--to", "2026-02-29", kNoonTokyo), UsageError);
  EXPECT_THROW(parse_date_option("--to", "12/01", kNoonTokyo), UsageError);
}

}  // namespace
}  // namespace tsunagu::cli
