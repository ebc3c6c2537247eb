#include "domain/meeting_wall.h"

#include <gtest/gtest.h>

#include "common/text.h"

namespace tsunagu::domain {
namespace {

CaseTerm term(const std::string& written, bool ref = true) {
  return {written, *fold_for_search(written), ref};
}

TEST(MeetingWallTest, FindsTermsInAnyWidthCaseAndKana) {
  std::vector<CaseTerm> terms = {term("C-12"), term("さくら家", false)};
  EXPECT_EQ(find_case_term("c-12 の件", terms)->written, "C-12");
  EXPECT_EQ(find_case_term("Ｃ－１２の件", terms)->written, "C-12");
  EXPECT_EQ(find_case_term("サクラ家の母", terms)->written, "さくら家");
  EXPECT_EQ(find_case_term("ｻｸﾗ家", terms)->written, "さくら家");
  EXPECT_FALSE(find_case_term("地域の見守り", terms));
}

TEST(MeetingWallTest, LatinTermsMustStandApart) {
  std::vector<CaseTerm> terms = {term("AK", false), term("C-12")};
  EXPECT_FALSE(find_case_term("BAKERY の前で", terms));
  EXPECT_FALSE(find_case_term("C-123", terms));
  EXPECT_FALSE(find_case_term("XC-12", terms));
  EXPECT_TRUE(find_case_term("AKさん", terms));
  EXPECT_TRUE(find_case_term("(AK)", terms));
  EXPECT_TRUE(find_case_term("番号C-12。", terms));
  // A later occurrence that stands apart still counts.
  EXPECT_TRUE(find_case_term("BAKERY と AK", terms));
}

TEST(MeetingWallTest, OneCharacterTermsAreNotMatched) {
  std::vector<CaseTerm> terms = {term("A", false), term("桜", false)};
  EXPECT_FALSE(find_case_term("A さんと桜の木", terms));
}

}  // namespace
}  // namespace tsunagu::domain
