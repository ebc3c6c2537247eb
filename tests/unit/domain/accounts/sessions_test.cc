// Sessions and the sign-in throttle under the conditions that broke them: concurrent guesses,
// idle expiry between two touches, and stored rows that do not decode.
#include "domain/accounts/sessions.h"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>

#include "domain/access/authorization.h"
#include "domain/accounts/accounts.h"
#include "domain/audit/audit.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::domain {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr char kPassword[] = "a long enough phrase";

class SessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::Database::open({dir_.file("s.db")});
    ASSERT_OK(db);
    db_ = std::move(db).value();
    auto user = db_->write([&](storage::Connection& c) {
      return Accounts::insert(
          c, clock_, {"coord.chuo", "中央区 係長", Role::kCoordinator, {"chuo"}, {}, kPassword, {}},
          cheap_.hash(kPassword));
    });
    ASSERT_OK(user);
    user_id_ = user->id;
  }

  int64_t audited(const std::string& action) {
    return *db_->read([&](storage::Connection& c) -> Result<int64_t> {
      auto s = c.prepare("SELECT count(*) FROM audit_log WHERE action = ?1");
      s.bind(1, action);
      s.step();
      return s.int64(0);
    });
  }

  testing::TempDir dir_;
  FakeClock clock_{testing::test_epoch()};
  PasswordHasher cheap_{PasswordParams::cheap_for_tests()};
  LoginThrottle throttle_;
  std::unique_ptr<storage::Database> db_;
  std::string user_id_;
  RequestMeta meta_{"req-1", "203.0.113.9"};
};

// Regression: the limit was checked before Argon2 and counted after it, so ~64 concurrent
// guesses all passed a limit of five.
TEST_F(SessionsTest, ConcurrentGuessesEvaluateAtMostTheFreeFailures) {
  PasswordHasher real{PasswordParams{}, 2};  // production cost: the race window is real
  Sessions sessions(*db_, clock_, real, throttle_);
  constexpr int kGuesses = 48;
  std::barrier start(kGuesses);
  std::atomic<int> evaluated{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kGuesses; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      auto r = sessions.login("coord.chuo", "wrong guess number " + std::to_string(i), meta_);
      if (!r.ok() && r.error().kind() == ErrorKind::kUnauthenticated) ++evaluated;
      if (!r.ok() && r.error().kind() == ErrorKind::kResourceExhausted) ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(evaluated.load(), throttle_.policy().per_user_address);
  EXPECT_EQ(evaluated + refused, kGuesses);
  EXPECT_EQ(audited("auth.login_failed"), evaluated.load());
}

TEST_F(SessionsTest, TheRightPasswordFromAnotherAddressGetsIn) {
  Sessions sessions(*db_, clock_, cheap_, throttle_);
  for (int i = 0; i < 30; ++i) (void)sessions.login("coord.chuo", "wrong guess", meta_);
  EXPECT_EQ(sessions.login("coord.chuo", kPassword, meta_).error().kind(),
            ErrorKind::kResourceExhausted);
  EXPECT_OK(sessions.login("coord.chuo", kPassword, {"req-2", "10.0.0.7"}));
}

// Regression: last_used_at is written once a minute, and idle expiry was measured from it, so
// a token used 59 s after its last write expired 59 s early.
TEST_F(SessionsTest, IdleExpiryIsExactBetweenTouches) {
  Sessions sessions(*db_, clock_, cheap_, throttle_);
  auto in = sessions.login("coord.chuo", kPassword, meta_);
  ASSERT_OK(in);
  clock_.advance(seconds(59));
  ASSERT_OK(sessions.resolve(in->token));  // not written: within the touch step
  clock_.advance(minutes(30) - seconds(1));
  EXPECT_OK(sessions.resolve(in->token));  // 29 min 59 s after its last use
  clock_.advance(minutes(30));
  EXPECT_EQ(sessions.resolve(in->token).error().kind(), ErrorKind::kUnauthenticated);
}

TEST_F(SessionsTest, PurgeKeepsATokenUsedSinceItsLastWrite) {
  Sessions sessions(*db_, clock_, cheap_, throttle_);
  auto in = sessions.login("coord.chuo", kPassword, meta_);
  ASSERT_OK(in);
  clock_.advance(seconds(59));
  ASSERT_OK(sessions.resolve(in->token));
  clock_.advance(minutes(30) - seconds(30));
  EXPECT_EQ(sessions.purge_expired(), 0);
  EXPECT_OK(sessions.resolve(in->token));
}

// Regression: a role that did not decode became "auditor".
TEST_F(SessionsTest, AStoredRoleThatDoesNotDecodeIsAnInternalErrorNotARole) {
  Sessions sessions(*db_, clock_, cheap_, throttle_);
  auto in = sessions.login("coord.chuo", kPassword, meta_);
  ASSERT_OK(in);
  {
    storage::Connection raw({dir_.file("s.db")});
    raw.exec("PRAGMA ignore_check_constraints = ON;");
    raw.prepare("UPDATE users SET role = 'superuser' WHERE id = ?1").bind(1, user_id_).run();
  }
  auto actor = sessions.resolve(in->token);
  ASSERT_FALSE(actor.ok());
  EXPECT_EQ(actor.error().kind(), ErrorKind::kInternal);
  EXPECT_EQ(decode_role("superuser").error().kind(), ErrorKind::kInternal);
  EXPECT_EQ(decode_role("none").error().kind(), ErrorKind::kInternal);
  EXPECT_EQ(*decode_role("auditor"), Role::kAuditor);
}

// Regression: a default-built Actor was an auditor.
TEST(ActorTest, ADefaultActorMayDoNothing) {
  Actor nobody;
  for (Action action : all_actions()) {
    SCOPED_TRACE(to_string(action));
    EXPECT_NE(may(&nobody, action, {"chuo", "org-1"}), Decision::kAllow);
    EXPECT_NE(may_at_all(&nobody, action), Decision::kAllow);
  }
  EXPECT_FALSE(parse_role("none").has_value());
}

}  // namespace
}  // namespace tsunagu::domain
