// The rules of the casework that need no database: the assessment forms as data and their
// scoring by version, and the transfer state table.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "domain/cases/assessment_forms.h"
#include "domain/cases/transfer_states.h"

namespace tsunagu::domain {
namespace {

using Json = nlohmann::json;

TEST(AssessmentFormsTest, TheEmbeddedFormsParseAndEachVersionIsComplete) {
  const auto& forms = assessment_forms();
  ASSERT_EQ(forms.size(), 2u);  // a broken file would leave this empty
  for (const AssessmentForm& f : forms) {
    EXPECT_EQ(f.form, "specified_pregnancy");
    EXPECT_GE(f.items.size(), 10u);
    EXPECT_LT(f.medium_at, f.high_at);
    for (const FormItem& i : f.items) {
      EXPECT_FALSE(i.text.empty()) << i.code;
      EXPECT_GT(i.weight, 0) << i.code;
    }
  }
  for (const char* code :
       {"young_mother", "unplanned_or_unwanted", "late_registration", "no_prenatal_checkups",
        "no_partner_or_support", "economic_hardship", "mental_illness_or_disability",
        "domestic_violence", "abuse_or_care_history", "substance_use", "multiple_pregnancy"}) {
    EXPECT_TRUE(score_answers(forms[0], {{code, true}}).ok()) << code;
  }
  EXPECT_EQ(find_form("specified_pregnancy", std::nullopt)->version, 2);
  EXPECT_EQ(find_form("specified_pregnancy", 1)->version, 1);
  EXPECT_EQ(find_form("specified_pregnancy", 3), nullptr);
  EXPECT_EQ(find_form("other", std::nullopt), nullptr);
}

TEST(AssessmentFormsTest, TheScoreIsTheVersionsWeightsAndItsThresholds) {
  const AssessmentForm* v1 = find_form("specified_pregnancy", 1);
  const AssessmentForm* v2 = find_form("specified_pregnancy", 2);
  Json answers = {{"no_prenatal_checkups", true}, {"multiple_pregnancy", false}};
  auto one = score_answers(*v1, answers);
  auto two = score_answers(*v2, answers);
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_EQ(one->score, 3);
  EXPECT_EQ(one->suggested_risk_level, "low");
  EXPECT_EQ(two->score, 4);
  EXPECT_EQ(two->suggested_risk_level, "medium");
  // Heaviest first, equal weights in the form's order, whatever order the answers came in.
  auto drivers = score_answers(*v1, {{"multiple_pregnancy", true},
                                     {"no_partner_or_support", true},
                                     {"young_mother", true},
                                     {"abuse_or_care_history", true}});
  ASSERT_TRUE(drivers.ok());
  std::vector<std::string> codes;
  for (const auto& d : drivers->drivers) codes.push_back(d.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"abuse_or_care_history", "young_mother",
                                             "no_partner_or_support", "multiple_pregnancy"}));
  EXPECT_EQ(drivers->score, 9);
  EXPECT_EQ(drivers->suggested_risk_level, "high");
}

TEST(AssessmentFormsTest, BadAnswersAreEachNamed) {
  auto bad = score_answers(*find_form("specified_pregnancy", 1),
                           {{"young_mother", 1}, {"nope", true}, {"domestic_violence", true}});
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields()) fields.push_back(f.field);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"answers.nope", "answers.young_mother"}));
}

TEST(AssessmentFormsTest, ABrokenFormsFileIsRefusedWithItsReason) {
  EXPECT_FALSE(parse_assessment_forms("[]").ok());
  auto twice = parse_assessment_forms(R"({"forms": [
    {"form": "f", "version": 1, "thresholds": {"medium": 1, "high": 2},
     "items": [{"code": "a", "text": "あ", "answer_type": "boolean", "weight": 1}]},
    {"form": "f", "version": 1, "thresholds": {"medium": 1, "high": 2},
     "items": [{"code": "a", "text": "あ", "answer_type": "boolean", "weight": 1}]}]})");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().message().find("twice"), std::string::npos);
  auto no_weight = parse_assessment_forms(R"({"forms": [
    {"form": "f", "version": 1, "thresholds": {"medium": 1, "high": 2},
     "items": [{"code": "a", "text": "あ"}]}]})");
  EXPECT_FALSE(no_weight.ok());
}

using S = TransferStatus;

TEST(TransferStatesTest, EveryPairOfStatesMatchesTheTable) {
  const std::map<std::pair<S, S>, TransferSide> legal = {
      {{S::kPending, S::kAccepted}, TransferSide::kReceiving},
      {{S::kPending, S::kDeclined}, TransferSide::kReceiving},
      {{S::kPending, S::kWithdrawn}, TransferSide::kSending},
  };
  const S all[] = {S::kPending, S::kAccepted, S::kDeclined, S::kWithdrawn};
  for (S from : all) {
    EXPECT_EQ(parse_transfer_status(to_string(from)), from);
    for (S to : all) {
      auto rule = transfer_rule(from, to);
      auto expected = legal.find({from, to});
      ASSERT_EQ(rule.has_value(), expected != legal.end())
          << to_string(from) << "→" << to_string(to);
      if (rule) {
        EXPECT_EQ(rule->by, expected->second);
      }
    }
  }
  EXPECT_EQ(parse_transfer_status("moved"), std::nullopt);
}

TEST(TransferStatesTest, TheReceivingCoordinatorDecidesAndTheSendingWardWithdraws) {
  auto accept = *transfer_rule(S::kPending, S::kAccepted);
  EXPECT_TRUE(may_take(accept, TransferSide::kReceiving, Role::kCoordinator));
  EXPECT_FALSE(may_take(accept, TransferSide::kReceiving, Role::kWardStaff));
  EXPECT_FALSE(may_take(accept, TransferSide::kSending, Role::kCoordinator));
  auto decline = *transfer_rule(S::kPending, S::kDeclined);
  EXPECT_TRUE(decline.needs_reason);
  auto withdraw = *transfer_rule(S::kPending, S::kWithdrawn);
  EXPECT_TRUE(may_take(withdraw, TransferSide::kSending, Role::kWardStaff));
  EXPECT_FALSE(may_take(withdraw, TransferSide::kReceiving, Role::kCoordinator));
  EXPECT_FALSE(may_take(withdraw, TransferSide::kSending, Role::kPartner));
}

}  // namespace
}  // namespace tsunagu::domain
