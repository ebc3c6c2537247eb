#include "common/csv.h"

#include <gtest/gtest.h>

#include "support/csv_reader.h"

namespace tsunagu {
namespace {

TEST(CsvCell, PlainTextIsUnchanged) {
  EXPECT_EQ(csv_cell("いとこんち"), "いとこんち");
  EXPECT_EQ(csv_cell(""), "");
  EXPECT_EQ(csv_cell("12"), "12");
}

TEST(CsvCell, QuotesCommasQuotesAndLineBreaks) {
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_cell("line\nbreak"), "\"line\nbreak\"");
}

TEST(CsvCell, DefusesFormulaStarts) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_cell("+1"), "'+1");
  EXPECT_EQ(csv_cell("-1"), "'-1");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
  EXPECT_EQ(csv_cell("\rx"), "\"'\rx\"");
  EXPECT_EQ(csv_cell("a=b"), "a=b");  // only the first character matters
}

TEST(CsvWriter, WritesBomAndCrlfAndReadsBack) {
  CsvWriter w;
  w.row({"name", "note"});
  w.row({"夜の居場所", "=1+2, \"quoted\"\nnext"});
  auto parsed = testing::parse_csv(w.str());
  EXPECT_TRUE(parsed.bom);
  EXPECT_TRUE(parsed.crlf);
  EXPECT_TRUE(parsed.well_formed);
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_EQ(parsed.rows[1][0], "夜の居場所");
  EXPECT_EQ(parsed.rows[1][1], "'=1+2, \"quoted\"\nnext");
}

TEST(ContentDisposition, GivesAnAsciiFallbackAndTheUtf8Name) {
  EXPECT_EQ(content_disposition("referrals_2026-11_中央区.csv"),
            "attachment; filename=\"referrals_2026-11_.csv\"; "
            "filename*=UTF-8''referrals_2026-11_%E4%B8%AD%E5%A4%AE%E5%8C%BA.csv");
  EXPECT_EQ(content_disposition("a\"b;c.csv"),
            "attachment; filename=\"a_b_c.csv\"; filename*=UTF-8''a%22b%3Bc.csv");
}

}  // namespace
}  // namespace tsunagu
