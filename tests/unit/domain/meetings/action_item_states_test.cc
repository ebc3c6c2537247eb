#include "domain/meetings/action_item_states.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

using S = ActionItemStatus;

TEST(ActionItemStates, EveryPairIsDecidedByTheTable) {
  const S all[] = {S::kOpen, S::kDone, S::kDropped};
  int steps = 0;
  for (S from : all) {
    for (S to : all) {
      auto step = action_item_step(from, to);
      const bool expected = (from == S::kOpen) != (to == S::kOpen);  // into or out of open
      EXPECT_EQ(step.has_value(), expected) << to_string(from) << " → " << to_string(to);
      if (step) {
        ++steps;
        EXPECT_EQ(step->ward_only, to == S::kOpen) << to_string(from) << " → " << to_string(to);
      }
    }
  }
  EXPECT_EQ(steps, 4);
}

TEST(ActionItemStates, NamesRoundTrip) {
  for (S s : {S::kOpen, S::kDone, S::kDropped}) {
    EXPECT_EQ(parse_action_item_status(to_string(s)), s);
  }
  EXPECT_EQ(parse_action_item_status("closed"), std::nullopt);
}

}  // namespace
}  // namespace tsunagu::domain
