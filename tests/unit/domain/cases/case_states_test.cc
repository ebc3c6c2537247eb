// The case's lifecycle table, pair by pair, and the one question the other features ask: does
// the case take changes?
#include "domain/cases/case_states.h"

#include <gtest/gtest.h>

#include <string>

namespace tsunagu::domain {
namespace {

using S = CaseStatus;

TEST(CaseStates, EveryPairIsDecidedByTheTable) {
  int found = 0;
  for (S from : all_of<S>()) {
    for (S to : all_of<S>()) {
      auto step = case_step(from, to);
      const std::string pair = std::string(to_string(from)) + " → " + to_string(to);
      ASSERT_EQ(step.has_value(), from != to) << pair;  // open ↔ closed, nothing else
      if (!step) continue;
      ++found;
      const bool closing = to == S::kClosed;
      EXPECT_STREQ(step->event, closing ? "closed" : "reopened") << pair;
      EXPECT_STREQ(step->audit_action, closing ? "case.close" : "case.reopen") << pair;
      EXPECT_EQ(step->records_close, closing) << pair;
    }
  }
  EXPECT_EQ(found, 2);
}

TEST(CaseStates, OnlyAnOpenCaseTakesChangesAndAnUnknownWordIsInternal) {
  ASSERT_TRUE(case_is_open("open").ok());
  EXPECT_TRUE(*case_is_open("open"));
  ASSERT_TRUE(case_is_open("closed").ok());
  EXPECT_FALSE(*case_is_open("closed"));
  auto unknown = case_is_open("archived");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind(), ErrorKind::kInternal);
}

}  // namespace
}  // namespace tsunagu::domain
