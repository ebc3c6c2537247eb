// The client's reading of GET /api/v1/assessment-forms: the newest version of a form, and the
// --item codes a version does not have (refused before an assessment is sent).
#include "assessment_forms.h"

#include <gtest/gtest.h>

namespace tsunagu::cli {
namespace {

const Json kForms = Json::parse(R"({"items":[
  {"form":"specified_pregnancy","version":1,"title":"妊娠届出時の詳細アセスメント（特定妊婦）",
   "items":[{"code":"young_mother","text":"出産時に20歳未満である（若年妊娠）","weight":2},
            {"code":"no_prenatal_checkups","text":"妊婦健康診査を受けていない","weight":3}]},
  {"form":"specified_pregnancy","version":2,"title":"妊娠届出時の詳細アセスメント（特定妊婦）",
   "items":[{"code":"young_mother","text":"出産時に20歳未満である（若年妊娠）","weight":2},
            {"code":"no_prenatal_checkups","text":"妊婦健康診査を受けていない","weight":4}]},
  {"form":"infant_home","version":1,"title":"乳児家庭","items":[{"code":"crying","weight":1}]}
],"total":3,"page":1,"per_page":200})");

TEST(AssessmentForms, NewestVersionOfAForm) {
  const Json* v = newest_form_version(kForms, "specified_pregnancy");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ((*v)["version"], 2);
  EXPECT_EQ((*v)["items"][1]["weight"], 4);
  EXPECT_EQ(newest_form_version(kForms, "nothing"), nullptr);
  EXPECT_EQ(newest_form_version(Json::object(), "specified_pregnancy"), nullptr);
  // The bare array (the page's items) reads the same.
  EXPECT_EQ((*newest_form_version(kForms["items"], "infant_home"))["version"], 1);
}

TEST(AssessmentForms, NamesOnceInTheServersOrder) {
  EXPECT_EQ(form_names(kForms), (std::vector<std::string>{"specified_pregnancy", "infant_home"}));
}

TEST(AssessmentForms, UnknownItemsEachOnceInTheOrderGiven) {
  const Json& v2 = *newest_form_version(kForms, "specified_pregnancy");
  EXPECT_EQ(item_codes(v2), (std::vector<std::string>{"young_mother", "no_prenatal_checkups"}));
  EXPECT_TRUE(unknown_items(v2, {"young_mother", "no_prenatal_checkups"}).empty());
  EXPECT_EQ(unknown_items(v2, {"typo", "young_mother", "Young_Mother", "typo"}),
            (std::vector<std::string>{"typo", "Young_Mother"}));
  EXPECT_TRUE(unknown_items(v2, {}).empty());
}

TEST(AssessmentForms, ItemTextOrTheCode) {
  const Json& v2 = *newest_form_version(kForms, "specified_pregnancy");
  EXPECT_EQ(item_text(v2, "young_mother"), "出産時に20歳未満である（若年妊娠）");
  EXPECT_EQ(item_text(v2, "gone"), "gone");
  EXPECT_EQ(item_text(*newest_form_version(kForms, "infant_home"), "crying"), "crying");
  EXPECT_EQ(item_text(Json(), "young_mother"), "young_mother");
}

}  // namespace
}  // namespace tsunagu::cli
