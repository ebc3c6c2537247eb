// The command-line client's tables: display width by East Asian Width, truncation with an
// ellipsis, and columns that line up when cells mix Japanese and ASCII.
#include "table.h"

#include <sstream>

#include <gtest/gtest.h>

namespace tsunagu::cli {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The display column where `needle` starts in `line`.
std::size_t column_of(const std::string& line, const std::string& needle) {
  auto at = line.find(needle);
  EXPECT_NE(at, std::string::npos) << needle << " not in " << line;
  return display_width(line.substr(0, at));
}

TEST(DisplayWidth, CountsWideCharactersTwice) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("夜間保育"), 8u);        // CJK ideographs: Wide
  EXPECT_EQ(display_width("いとこんち"), 10u);     // hiragana: Wide
  EXPECT_EQ(display_width("ｶﾀｶﾅ"), 4u);            // halfwidth katakana: Narrow
  EXPECT_EQ(display_width("ＡＢ"), 4u);            // fullwidth Latin: Fullwidth
  EXPECT_EQ(display_width("中央-2026-017"), 13u);  // mixed
  EXPECT_EQ(display_width("　"), 2u);              // ideographic space
  EXPECT_EQ(display_width("が"), 2u);              // precomposed
  EXPECT_EQ(display_width("か\u3099"), 2u);        // combining voiced mark takes no column
  EXPECT_EQ(display_width("é"), 1u);
  EXPECT_EQ(display_width(""), 0u);
}

TEST(DisplayWidth, InvalidUtf8CountsOneColumnPerByte) {
  EXPECT_EQ(display_width(std::string("a\xff"
                                      "b")),
            3u);
}

TEST(TruncateToWidth, CutsAtCharacterBoundariesWithAnEllipsis) {
  EXPECT_EQ(truncate_to_width("abcdef", 6), "abcdef");
  EXPECT_EQ(truncate_to_width("abcdef", 4), "abc…");
  EXPECT_EQ(truncate_to_width("夜間保育所", 10), "夜間保育所");
  EXPECT_EQ(truncate_to_width("夜間保育所", 9), "夜間保育…");
  // A wide character that would straddle the limit is left out: 7 columns hold 3 wide + "…".
  EXPECT_EQ(truncate_to_width("夜間保育所", 7), "夜間保…");
  EXPECT_EQ(truncate_to_width("夜間保育所", 6), "夜間…");
  EXPECT_EQ(display_width(truncate_to_width("夜間保育所", 6)), 5u);
  EXPECT_EQ(truncate_to_width("abc", 0), "");
}

TEST(PadToWidth, PadsByDisplayColumns) {
  EXPECT_EQ(pad_to_width("夜間", 6), "夜間  ");
  EXPECT_EQ(pad_to_width("ab", 2), "ab");
  EXPECT_EQ(pad_to_width("toolong", 3), "toolong");
}

TEST(Table, ColumnsLineUpWithJapaneseCells) {
  Table t({"ID", "名称", "区"});
  t.add_row({"a1", "すすきの夜間保育園ほしぞら", "中央区"});
  t.add_row({"b22", "いとこんち", "北区"});
  t.add_row({"c333", "Youth space ABC", "豊平区"});
  auto out = lines(t.render(100));
  ASSERT_EQ(out.size(), 4u);
  // Every row's third column starts at the same display column as its header.
  std::size_t ward_col = column_of(out[0], "区");
  EXPECT_EQ(column_of(out[1], "中央区"), ward_col);
  EXPECT_EQ(column_of(out[2], "北区"), ward_col);
  EXPECT_EQ(column_of(out[3], "豊平区"), ward_col);
  // Widest name is 26 columns; the first column is 4 wide, two spaces between.
  EXPECT_EQ(column_of(out[0], "名称"), 6u);
  EXPECT_EQ(ward_col, 6u + 26u + 2u);
  for (const auto& line : out) EXPECT_NE(line.back(), ' ');
}

TEST(Table, ShrinksTheWidestColumnToFitWithAnEllipsis) {
  Table t({"ID", "名称", "区"});
  t.keep_whole(0);
  t.add_row({"a0000000-0000-4000-8000-000000000002", "すすきの夜間保育園ほしぞら", "中央区"});
  auto out = lines(t.render(60));
  for (const auto& line : out) EXPECT_LE(display_width(line), 60u) << line;
  EXPECT_NE(out[1].find("a0000000-0000-4000-8000-000000000002"), std::string::npos);
  EXPECT_NE(out[1].find("…"), std::string::npos);
  EXPECT_NE(out[1].find("すすきの"), std::string::npos);
  EXPECT_EQ(column_of(out[1], "中央区"), column_of(out[0], "区"));
}

TEST(Table, FreeTextGivesWayFirstButKeepsTwentyColumns) {
  Table t({"期限", "内容", "担当"});
  t.shrink_first(1);
  t.add_row(
      {"2026-12-08", "夜の居場所マップ（すすきの版）の原稿をつくる", "すすきの夜間保育園ほしぞら"});
  // 10 + 2 + 44 + 2 + 26 = 84 columns; at 70 only 内容 gives way (to 30).
  auto out = lines(t.render(70));
  EXPECT_NE(out[1].find("すすきの夜間保育園ほしぞら"), std::string::npos) << out[1];
  EXPECT_EQ(display_width(out[1]), 70u);
  // At 50 内容 gives way alone down to 20 columns, then both do, widest first (18 each).
  out = lines(t.render(50));
  EXPECT_EQ(column_of(out[1], "すすきの"), 10u + 2u + 18u + 2u) << out[1];
  EXPECT_LE(display_width(out[1]), 50u);
  EXPECT_NE(out[1].find("…"), out[1].rfind("…")) << "both cut: " << out[1];
}

TEST(Table, ControlCharactersInCellsBecomeSpaces) {
  Table t({"メモ"});
  t.add_row({"一行目\n二行目\tタブ"});
  auto out = lines(t.render(100));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1], "一行目 二行目 タブ");
}

TEST(Table, BoldHeaderOnlyWhenAsked) {
  Table t({"A"});
  t.add_row({"x"});
  EXPECT_EQ(t.render(100), "A\nx\n");
  EXPECT_EQ(t.render(100, true), "\x1b[1mA\x1b[0m\nx\n");
}

}  // namespace
}  // namespace tsunagu::cli
