#include "domain/login_throttle.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace tsunagu::domain {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class LoginThrottleTest : public ::testing::Test {
 protected:
  void fail(const std::string& user, const std::string& addr = "10.0.0.1") {
    throttle_.record_failure(user, addr, now_);
  }
  LoginThrottle throttle_;
  TimePoint now_ = testing::test_epoch();
};

TEST_F(LoginThrottleTest, FifthFailureLocksTheUsernameUntilTheWindowPasses) {
  for (int i = 0; i < 4; ++i) {
    fail("coord.chuo");
    now_ += minutes(1);
  }
  EXPECT_EQ(throttle_.retry_after("coord.chuo", "10.0.0.2", now_), std::nullopt);
  fail("coord.chuo");
  auto wait = throttle_.retry_after("coord.chuo", "10.0.0.2", now_);
  ASSERT_TRUE(wait.has_value());
  // The first failure was 4 minutes ago: it ages out 11 minutes from now.
  EXPECT_EQ(*wait, 11 * 60);
  EXPECT_EQ(throttle_.retry_after("staff.chuo", "10.0.0.2", now_), std::nullopt)
      << "other users are not affected";
  now_ += seconds(*wait);
  EXPECT_EQ(throttle_.retry_after("coord.chuo", "10.0.0.2", now_), std::nullopt);
}

TEST_F(LoginThrottleTest, SuccessClearsTheUsername) {
  for (int i = 0; i < 4; ++i) fail("coord.chuo");
  throttle_.record_success("coord.chuo");
  fail("coord.chuo");
  EXPECT_EQ(throttle_.retry_after("coord.chuo", "10.0.0.1", now_), std::nullopt);
}

TEST_F(LoginThrottleTest, ManyUsernamesFromOneAddressBlockTheAddress) {
  for (int i = 0; i < 20; ++i) fail("guess" + std::to_string(i), "203.0.113.9");
  EXPECT_TRUE(throttle_.retry_after("somebody.new", "203.0.113.9", now_).has_value());
  EXPECT_EQ(throttle_.retry_after("somebody.new", "203.0.113.10", now_), std::nullopt);
}

TEST_F(LoginThrottleTest, PruneForgetsOnlyAgedOutKeys) {
  for (int i = 0; i < 5; ++i) fail("old.user");
  now_ += minutes(10);
  for (int i = 0; i < 5; ++i) fail("new.user");
  now_ += minutes(6);
  throttle_.prune(now_);
  EXPECT_EQ(throttle_.retry_after("old.user", "x", now_), std::nullopt);
  EXPECT_TRUE(throttle_.retry_after("new.user", "x", now_).has_value());
}

}  // namespace
}  // namespace tsunagu::domain
