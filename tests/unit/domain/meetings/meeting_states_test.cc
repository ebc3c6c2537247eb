// The meeting's lifecycle table, pair by pair: every (from, to) — from nullopt for a new
// meeting — against the steps written out here once more.
#include "domain/meetings/meeting_states.h"

#include <gtest/gtest.h>

#include <string>

namespace tsunagu::domain {
namespace {

using S = MeetingStatus;

struct Expected {
  std::optional<S> from;
  S to;
  bool once_started;
  bool without_decisions;
};

std::string name(std::optional<S> s) { return s ? to_string(*s) : "(new)"; }

TEST(MeetingStates, EveryPairIsDecidedByTheTable) {
  const Expected steps[] = {
      {std::nullopt, S::kPlanned, false, false},  // a meeting is planned
      {std::nullopt, S::kHeld, true, false},      // or recorded once it took place
      {S::kPlanned, S::kHeld, true, false},
      {S::kPlanned, S::kCancelled, false, true},
  };
  const std::optional<S> froms[] = {std::nullopt, S::kPlanned, S::kHeld, S::kCancelled};
  int found = 0;
  for (std::optional<S> from : froms) {
    for (S to : all_of<S>()) {
      const Expected* expected = nullptr;
      for (const Expected& e : steps) {
        if (e.from == from && e.to == to) expected = &e;
      }
      auto step = meeting_step(from, to);
      ASSERT_EQ(step.has_value(), expected != nullptr) << name(from) << " → " << name(to);
      if (!step) continue;
      ++found;
      EXPECT_EQ(step->from, from);
      EXPECT_EQ(step->to, to);
      EXPECT_EQ(step->once_started, expected->once_started) << name(from) << " → " << name(to);
      EXPECT_EQ(step->without_decisions, expected->without_decisions)
          << name(from) << " → " << name(to);
    }
  }
  EXPECT_EQ(found, 4);
}

TEST(MeetingStates, HeldAndCancelledAreTerminal) {
  for (S to : all_of<S>()) {
    EXPECT_FALSE(meeting_step(S::kHeld, to)) << to_string(to);
    EXPECT_FALSE(meeting_step(S::kCancelled, to)) << to_string(to);
  }
}

TEST(MeetingStates, OnlyACancelledMeetingRefusesChanges) {
  ASSERT_TRUE(check_not_cancelled("planned").ok());
  EXPECT_EQ(*check_not_cancelled("planned"), S::kPlanned);
  ASSERT_TRUE(check_not_cancelled("held").ok());
  EXPECT_EQ(*check_not_cancelled("held"), S::kHeld);
  auto cancelled = check_not_cancelled("cancelled");
  ASSERT_FALSE(cancelled.ok());
  EXPECT_EQ(cancelled.error().kind(), ErrorKind::kFailedPrecondition);
  auto unknown = check_not_cancelled("postponed");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind(), ErrorKind::kInternal);
}

}  // namespace
}  // namespace tsunagu::domain
