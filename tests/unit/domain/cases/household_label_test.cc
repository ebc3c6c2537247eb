#include "domain/cases/household_label.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(HouseholdLabel, InitialsAndPseudonymsPass) {
  for (const char* label : {"A.K.", "Ｓ・Ｍ", "A K", "さくら家", "もみじ", "山田家", "北区世帯",
                            "佐藤宅", "K", "Y.T.", "中央-A", "ひまわり 2"}) {
    EXPECT_EQ(household_label_problem(label), std::nullopt) << label;
  }
}

TEST(HouseholdLabel, NamesAreRefused) {
  for (const char* label : {"山田 花子", "山田　花子", "やまだ はなこ", "ヤマダ ハナコ",
                            "Hanako Yamada", "山田花子", "佐々木太郎", "山田さん", "田中様"}) {
    auto problem = household_label_problem(label);
    ASSERT_TRUE(problem.has_value()) << label;
    EXPECT_NE(problem->find("full name"), std::string::npos) << label;
  }
}

TEST(HouseholdLabel, PhoneNumbersAreRefused) {
  for (const char* label :
       {"090-1234-5678", "011 222 3333", "０１１２２２３３３３", "A.K. 09012345678"}) {
    auto problem = household_label_problem(label);
    ASSERT_TRUE(problem.has_value()) << label;
    EXPECT_NE(problem->find("phone"), std::string::npos) << label;
  }
}

}  // namespace
}  // namespace tsunagu::domain
