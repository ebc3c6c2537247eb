#include "domain/accounts/login_throttle.h"

#include <gtest/gtest.h>

#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::domain {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class LoginThrottleTest : public ::testing::Test {
 protected:
  // One attempt that fails; false when it was refused before being evaluated.
  bool fail(const std::string& user, const std::string& addr = "10.0.0.1") {
    auto a = throttle_.begin(user, addr, now_);
    if (!a.ok()) return false;
    throttle_.failed(*a, now_, nullptr);
    return true;
  }
  std::optional<int> wait(const std::string& user, const std::string& addr = "10.0.0.1") {
    auto a = throttle_.begin(user, addr, now_);
    if (a.ok()) return std::nullopt;
    EXPECT_EQ(a.error().kind(), ErrorKind::kResourceExhausted);
    return a.error().retry_after_seconds();
  }
  LoginThrottle throttle_;
  TimePoint now_ = testing::test_epoch();
};

TEST_F(LoginThrottleTest, FiveFreeFailuresThenDelaysThatDouble) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(fail("coord.chuo"));
  EXPECT_EQ(wait("coord.chuo"), 30);
  now_ += seconds(30);
  ASSERT_TRUE(fail("coord.chuo"));
  EXPECT_EQ(wait("coord.chuo"), 60);
  now_ += seconds(60);
  ASSERT_TRUE(fail("coord.chuo"));
  EXPECT_EQ(wait("coord.chuo"), 120);
  // The ceiling: 15 minutes.
  for (int i = 0; i < 10; ++i) {
    now_ += minutes(15);
    ASSERT_TRUE(fail("coord.chuo"));
  }
  EXPECT_EQ(wait("coord.chuo"), 15 * 60);
}

TEST_F(LoginThrottleTest, AnotherAddressIsNotLockedOut) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(fail("admin", "203.0.113.9"));
  EXPECT_TRUE(wait("admin", "203.0.113.9").has_value());
  EXPECT_EQ(wait("admin", "10.0.0.2"), std::nullopt) << "the admin's own desk still gets in";
}

TEST_F(LoginThrottleTest, SuccessClearsTheUserFromThatAddressOnly) {
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(fail("coord.chuo"));
  auto ok = throttle_.begin("coord.chuo", "10.0.0.1", now_);
  ASSERT_OK(ok);
  throttle_.succeeded(*ok, nullptr);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(fail("coord.chuo"));
  EXPECT_TRUE(wait("coord.chuo").has_value());
}

TEST_F(LoginThrottleTest, ManyUsernamesFromOneAddressBlockTheAddress) {
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(fail("guess" + std::to_string(i), "203.0.113.9"));
  EXPECT_TRUE(wait("somebody.new", "203.0.113.9").has_value());
  EXPECT_EQ(wait("somebody.new", "203.0.113.10"), std::nullopt);
}

TEST_F(LoginThrottleTest, InFlightAttemptsAreCountedBeforeTheyFail) {
  std::vector<Attempt> pending;
  for (int i = 0; i < 5; ++i) {
    auto a = throttle_.begin("coord.chuo", "10.0.0.1", now_);
    ASSERT_OK(a);
    pending.push_back(std::move(a).value());
  }
  EXPECT_TRUE(wait("coord.chuo").has_value()) << "a sixth concurrent guess is refused";
  pending.pop_back();  // an attempt abandoned on an error counts nothing
  EXPECT_EQ(wait("coord.chuo"), std::nullopt);
}

TEST_F(LoginThrottleTest, FailuresAreForgottenAnHourAfterTheLast) {
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(fail("coord.chuo"));
    now_ += minutes(2);
  }
  now_ += minutes(60);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(fail("coord.chuo")) << i;
}

TEST_F(LoginThrottleTest, CountersSurviveARestart) {
  testing::TempDir dir;
  auto db = storage::Database::open({dir.file("t.db")});
  ASSERT_OK(db);
  for (int i = 0; i < 5; ++i) {
    auto a = throttle_.begin("admin", "203.0.113.9", now_);
    ASSERT_OK(a);
    ASSERT_OK((*db)->write([&](storage::Connection& c) -> Status {
      throttle_.failed(*a, now_, &c);
      return Status::Ok();
    }));
  }
  LoginThrottle restarted;
  ASSERT_OK(restarted.load(**db));
  auto refused = restarted.begin("admin", "203.0.113.9", now_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().retry_after_seconds(), 30);
  EXPECT_OK(restarted.begin("admin", "10.0.0.2", now_));
  // Pruned an hour after the last failure, in the table too.
  ASSERT_OK((*db)->write([&](storage::Connection& c) -> Status {
    restarted.prune(now_ + minutes(61), &c);
    return Status::Ok();
  }));
  LoginThrottle later;
  ASSERT_OK(later.load(**db));
  EXPECT_OK(later.begin("admin", "203.0.113.9", now_));
}

}  // namespace
}  // namespace tsunagu::domain
