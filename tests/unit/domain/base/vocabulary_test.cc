// The labelled word sets: every value the server accepts has a Japanese and an English label,
// and the tables GET /api/v1/reference shows are the ones the domain validates with.
#include "domain/base/vocabulary.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/access/actor.h"
#include "domain/base/choices.h"
#include "domain/directory/directory.h"
#include "domain/referrals/referral_states.h"

namespace tsunagu::domain {
namespace {

TEST(VocabularyTest, EveryWordHasBothLabelsAndEverySetItsOwnValues) {
  std::set<std::string_view> names;
  for (const WordSet& set : word_sets()) {
    EXPECT_TRUE(names.insert(set.name).second) << "two sets named " << set.name;
    EXPECT_FALSE(set.words.empty()) << set.name;
    std::set<std::string_view> values;
    for (const Word& w : set.words) {
      EXPECT_FALSE(w.value.empty()) << set.name;
      EXPECT_FALSE(w.ja.empty()) << set.name << "." << w.value << " has no Japanese label";
      EXPECT_FALSE(w.en.empty()) << set.name << "." << w.value << " has no English label";
      EXPECT_TRUE(values.insert(w.value).second) << set.name << "." << w.value << " twice";
    }
  }
}

// The domain's parsers accept exactly the values of their tables.
TEST(VocabularyTest, TheDomainAcceptsExactlyTheTablesValues) {
  for (const Word& w : words::kCategories) {
    ASSERT_TRUE(parse_category(w.value)) << w.value;
    EXPECT_EQ(to_string(*parse_category(w.value)), w.value);
  }
  EXPECT_EQ(category_names().size(), std::size(words::kCategories));
  for (const Word& w : words::kCapacityStatuses) {
    ASSERT_TRUE(parse_capacity_status(w.value)) << w.value;
    EXPECT_EQ(to_string(*parse_capacity_status(w.value)), w.value);
  }
  for (const Word& w : words::kAddressVisibilities) {
    ASSERT_TRUE(parse_address_visibility(w.value)) << w.value;
  }
  for (const Word& w : words::kVisibilities) ASSERT_TRUE(parse_visibility(w.value)) << w.value;
  EXPECT_EQ(all_referral_statuses().size(), std::size(words::kReferralStatuses));
  for (ReferralStatus s : all_referral_statuses()) {
    EXPECT_NE(find_word(words::kReferralStatuses, to_string(s)), nullptr) << to_string(s);
  }
  for (const Word& w : words::kReferralStatuses) {
    EXPECT_TRUE(parse_referral_status(w.value)) << w.value;
  }
  for (const Word& w : words::kDeclineReasons) EXPECT_TRUE(is_reason_code(w.value)) << w.value;
  for (const Word& w : words::kOutcomes) EXPECT_TRUE(is_outcome(w.value)) << w.value;
  EXPECT_FALSE(is_reason_code("because"));
  EXPECT_FALSE(is_outcome("fine"));
  for (const Word& w : words::kRoles) EXPECT_TRUE(parse_role(w.value)) << w.value;
  for (Role r :
       {Role::kAdmin, Role::kCoordinator, Role::kWardStaff, Role::kPartner, Role::kAuditor}) {
    EXPECT_NE(find_word(words::kRoles, to_string(r)), nullptr) << to_string(r);
  }
}

TEST(VocabularyTest, AValueOutsideASetIsAnInvalidChoiceListingTheSet) {
  EXPECT_TRUE(is_one_of(words::kUrgencies, "urgent"));
  EXPECT_FALSE(is_one_of(words::kUrgencies, "asap"));
  FieldError e = invalid_choice("urgency", words::kUrgencies);
  EXPECT_EQ(e.field, "urgency");
  EXPECT_EQ(e.code, "field.invalid_choice");
  EXPECT_EQ(e.message, "must be one of: routine, urgent");
  EXPECT_EQ(e.params, (ErrorParams{{"allowed", "routine, urgent"}}));
}

}  // namespace
}  // namespace tsunagu::domain
