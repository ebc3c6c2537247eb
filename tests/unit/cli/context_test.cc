// Cell text of JSON values and short times, as the command-line client's tables show them.
#include "context.h"

#include <gtest/gtest.h>

namespace tsunagu::cli {
namespace {

TEST(CellText, EachJsonKind) {
  Json j = Json::parse(R"({"s":"夜間保育","n":3,"f":0.5,"t":true,"no":false,"null":null,
                           "a":["chuo","kita"],"o":{"name":"中央区 家庭児童相談","phone":"011-555-0100"}})");
  EXPECT_EQ(text(j, "s"), "夜間保育");
  EXPECT_EQ(text(j, "n"), "3");
  EXPECT_EQ(text(j, "f"), "0.5");
  EXPECT_EQ(text(j, "t"), "✓");
  EXPECT_EQ(text(j, "no"), "");
  EXPECT_EQ(text(j, "null"), "");
  EXPECT_EQ(text(j, "missing"), "");
  EXPECT_EQ(text(j, "a"), "chuo, kita");
  EXPECT_EQ(text(j, "o"), "中央区 家庭児童相談 011-555-0100");
  EXPECT_EQ(text(Json("x"), "s"), "");  // not an object
}

TEST(ShortTime, TokyoTimesLoseTheirOffset) {
  EXPECT_EQ(short_time("2026-12-01T23:30:00+09:00"), "2026-12-01 23:30");
  EXPECT_EQ(short_time("2026-12-01T12:36:41.858+09:00"), "2026-12-01 12:36");
  EXPECT_EQ(short_time("2026-12-01T14:30:00Z"), "2026-12-01 14:30 Z");
  EXPECT_EQ(short_time("2026-12-01T09:00:00.5-05:00"), "2026-12-01 09:00 -05:00");
  EXPECT_EQ(short_time("2026-12-01"), "2026-12-01");
  EXPECT_EQ(short_time(""), "");
}

}  // namespace
}  // namespace tsunagu::cli
