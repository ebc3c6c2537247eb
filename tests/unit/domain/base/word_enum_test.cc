// Every closed word set that is an enum takes its names from one table: each value's name is
// the table's word at its place, each word parses back to its value, a word outside the set
// parses to nothing, and a stored word outside the set is an internal error, never a default.
#include "domain/base/word_enum.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/cases/case_states.h"
#include "domain/cases/case_words.h"
#include "domain/cases/transfer_states.h"
#include "domain/directory/directory.h"
#include "domain/meetings/action_item_states.h"
#include "domain/meetings/meeting_states.h"
#include "domain/referrals/referral_states.h"

namespace tsunagu::domain {
namespace {

template <typename E>
class WordEnumTest : public ::testing::Test {};

using Enums = ::testing::Types<ReferralStatus, Urgency, LegalBasis, TransferStatus,
                               ActionItemStatus, MeetingStatus, CaseStatus, RiskLevel, Category,
                               Visibility, AddressVisibility, CapacityStatus, EntryStatus>;
TYPED_TEST_SUITE(WordEnumTest, Enums);

TYPED_TEST(WordEnumTest, EveryValueIsNamedByItsPlaceInTheTable) {
  using E = TypeParam;
  const Words table = words_of<E>();
  const auto all = all_of<E>();
  ASSERT_EQ(all.size(), table.size());
  std::set<std::string> names;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(all[i]), i);
    EXPECT_EQ(to_string(all[i]), table[i].value);
    EXPECT_TRUE(names.insert(to_string(all[i])).second) << to_string(all[i]) << " twice";
  }
}

TYPED_TEST(WordEnumTest, EveryWordParsesBackAndNoOtherDoes) {
  using E = TypeParam;
  for (E v : all_of<E>()) {
    EXPECT_EQ(parse_word<E>(to_string(v)), v) << to_string(v);
    auto decoded = decode_word<E>(to_string(v));
    ASSERT_TRUE(decoded.ok()) << to_string(v);
    EXPECT_EQ(*decoded, v);
  }
  for (const char* other : {"", "unknown", "Open", " open", "open ", "DRAFT"}) {
    EXPECT_EQ(parse_word<E>(other), std::nullopt) << other;
  }
}

TYPED_TEST(WordEnumTest, AStoredWordOutsideTheSetIsAnInternalError) {
  using E = TypeParam;
  auto decoded = decode_word<E>("no-such-word");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().kind(), ErrorKind::kInternal);
  EXPECT_NE(decoded.error().message().find("no-such-word"), std::string::npos);
  EXPECT_NE(decoded.error().message().find(WordTable<E>::kWhat), std::string::npos);
}

// The generic names are the ones the API had before: the words of vocabulary.h's tables.
TEST(WordEnumNames, AreTheWordsOfTheApi) {
  EXPECT_STREQ(to_string(ReferralStatus::kCompleted), "completed");
  EXPECT_STREQ(to_string(TransferStatus::kWithdrawn), "withdrawn");
  EXPECT_STREQ(to_string(ActionItemStatus::kDropped), "dropped");
  EXPECT_STREQ(to_string(MeetingStatus::kCancelled), "cancelled");
  EXPECT_STREQ(to_string(CaseStatus::kClosed), "closed");
  EXPECT_STREQ(to_string(Category::kYouthSpace), "youth_space");
  EXPECT_STREQ(to_string(AddressVisibility::kHidden), "hidden");
  EXPECT_STREQ(to_string(CapacityStatus::kWaitlist), "waitlist");
  EXPECT_STREQ(to_string(EntryStatus::kInactive), "inactive");
  EXPECT_STREQ(to_string(Urgency::kUrgent), "urgent");
  EXPECT_STREQ(to_string(LegalBasis::kCouncil), "council");
  EXPECT_STREQ(to_string(RiskLevel::kMedium), "medium");
}

TEST(WordEnumNames, LabelsComeFromTheSameTable) {
  EXPECT_EQ(japanese_label(RiskLevel::kHigh), "高");
  EXPECT_EQ(japanese_label(MeetingStatus::kHeld), "開催済み");
  EXPECT_LT(RiskLevel::kMedium, RiskLevel::kHigh);  // the enum rises with the risk
  EXPECT_EQ(days_to_answer(Urgency::kUrgent), 1);
  EXPECT_EQ(days_to_answer(Urgency::kRoutine), 7);
}

}  // namespace
}  // namespace tsunagu::domain
