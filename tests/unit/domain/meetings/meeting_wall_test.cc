#include "domain/meetings/meeting_wall.h"

#include <gtest/gtest.h>

#include "common/text.h"

namespace tsunagu::domain {
namespace {

CaseTerm term(const std::string& written, bool ref = true) {
  return {written, *fold_for_search(written), ref};
}

// The written forms `text` quotes, joined with "|" ("" for none).
std::string quoted(std::string_view text, const std::vector<CaseTerm>& terms) {
  std::string out;
  for (const CaseTerm& t : find_case_terms(text, terms))
    out += (out.empty() ? "" : "|") + t.written;
  return out;
}

TEST(MeetingWallTest, FindsTermsInAnyWidthCaseAndKana) {
  std::vector<CaseTerm> terms = {term("C-12"), term("さくら家", false)};
  EXPECT_EQ(quoted("c-12 の件", terms), "C-12");
  EXPECT_EQ(quoted("Ｃ－１２の件", terms), "C-12");
  EXPECT_EQ(quoted("サクラ家の母", terms), "さくら家");
  EXPECT_EQ(quoted("ｻｸﾗ家", terms), "さくら家");
  EXPECT_EQ(quoted("地域の見守り", terms), "");
}

TEST(MeetingWallTest, LatinTermsMustStandApart) {
  std::vector<CaseTerm> terms = {term("AK", false), term("C-12")};
  EXPECT_EQ(quoted("BAKERY の前で", terms), "");
  EXPECT_EQ(quoted("C-123", terms), "");
  EXPECT_EQ(quoted("XC-12", terms), "");
  EXPECT_NE(quoted("AKさん", terms), "");
  EXPECT_NE(quoted("(AK)", terms), "");
  EXPECT_NE(quoted("番号C-12。", terms), "");
  // A later occurrence that stands apart still counts.
  EXPECT_NE(quoted("BAKERY と AK", terms), "");
}

TEST(MeetingWallTest, OneCharacterTermsAreNotMatched) {
  std::vector<CaseTerm> terms = {term("A", false), term("桜", false)};
  EXPECT_EQ(quoted("A さんと桜の木", terms), "");
}

TEST(MeetingWallTest, EveryQuotedTermIsFoundEachOnce) {
  std::vector<CaseTerm> terms = {term("C-12"), term("さくら家", false), term("C-7"),
                                 term("C-12")};  // a label equal to a case_ref
  EXPECT_EQ(quoted("C-7 と さくら家、それに c-12 と C-12", terms), "C-12|さくら家|C-7");
}

}  // namespace
}  // namespace tsunagu::domain
