#include "domain/referrals/referral_states.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace tsunagu::domain {
namespace {

using S = ReferralStatus;

// The contract's state machine, written out independently of the implementation's table.
const std::map<std::pair<S, S>, Party>& contract() {
  static const std::map<std::pair<S, S>, Party> legal = {
      {{S::kDraft, S::kSent}, Party::kSender},
      {{S::kDraft, S::kWithdrawn}, Party::kSender},  // extension: a draft is discarded
      {{S::kSent, S::kAccepted}, Party::kReceiver},
      {{S::kSent, S::kDeclined}, Party::kReceiver},
      {{S::kSent, S::kWithdrawn}, Party::kSender},
      {{S::kSent, S::kExpired}, Party::kSystem},
      {{S::kAccepted, S::kCompleted}, Party::kReceiver},
      {{S::kAccepted, S::kWithdrawn}, Party::kSender},
  };
  return legal;
}

TEST(ReferralStatesTest, EveryPairOfStatesMatchesTheContract) {
  int legal = 0;
  for (S from : all_referral_statuses()) {
    for (S to : all_referral_statuses()) {
      auto rule = transition_rule(from, to);
      auto expected = contract().find({from, to});
      if (expected == contract().end()) {
        EXPECT_FALSE(rule.has_value()) << to_string(from) << " → " << to_string(to);
      } else {
        ASSERT_TRUE(rule.has_value()) << to_string(from) << " → " << to_string(to);
        EXPECT_EQ(rule->by, expected->second) << to_string(from) << " → " << to_string(to);
        ++legal;
      }
    }
  }
  EXPECT_EQ(legal, 8);
  EXPECT_EQ(all_referral_statuses().size(), 7u);
}

TEST(ReferralStatesTest, TerminalStatesHaveNoWayOut) {
  for (S from : all_referral_statuses()) {
    bool has_exit = false;
    for (S to : all_referral_statuses()) has_exit |= transition_rule(from, to).has_value();
    EXPECT_EQ(is_terminal(from), !has_exit) << to_string(from);
  }
}

TEST(ReferralStatesTest, ReasonsAndOutcomesAreRequiredWhereTheContractSays) {
  EXPECT_TRUE(transition_rule(S::kSent, S::kDeclined)->needs_reason);
  EXPECT_TRUE(transition_rule(S::kSent, S::kWithdrawn)->needs_reason);
  EXPECT_TRUE(transition_rule(S::kAccepted, S::kWithdrawn)->needs_reason);
  EXPECT_FALSE(transition_rule(S::kSent, S::kAccepted)->needs_reason);
  EXPECT_TRUE(transition_rule(S::kAccepted, S::kCompleted)->needs_outcome);
  EXPECT_FALSE(transition_rule(S::kSent, S::kDeclined)->needs_outcome);
}

TEST(ReferralStatesTest, NamesRoundTrip) {
  std::set<std::string> names;
  for (S s : all_referral_statuses()) {
    EXPECT_EQ(parse_referral_status(to_string(s)), s);
    names.insert(to_string(s));
  }
  EXPECT_EQ(names.size(), 7u);
  EXPECT_FALSE(parse_referral_status("pending").has_value());
}

TEST(ReferralStatesTest, PartiesByRole) {
  EXPECT_EQ(party_of(Role::kCoordinator), Party::kSender);
  EXPECT_EQ(party_of(Role::kWardStaff), Party::kSender);
  EXPECT_EQ(party_of(Role::kPartner), Party::kReceiver);
  EXPECT_FALSE(party_of(Role::kAdmin).has_value());
  EXPECT_FALSE(party_of(Role::kAuditor).has_value());
}

TEST(ReferralStatesTest, ContractReasonCodesAndOutcomes) {
  for (const char* code :
       {"no_capacity", "not_eligible", "service_not_provided", "out_of_area", "could_not_contact",
        "family_declined", "referred_elsewhere", "duplicate", "other"}) {
    EXPECT_TRUE(is_reason_code(code)) << code;
  }
  EXPECT_FALSE(is_reason_code("busy"));
  for (const char* o : {"enrolled", "got_help", "not_enrolled", "waitlisted", "unknown"}) {
    EXPECT_TRUE(is_outcome(o)) << o;
  }
  EXPECT_FALSE(is_outcome("done"));
}

}  // namespace
}  // namespace tsunagu::domain
