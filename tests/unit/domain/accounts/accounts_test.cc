// Accounts and sessions as domain functions, without HTTP: validation, authorisation, audit
// entries, revocation and expiry on an injectable clock.
#include "domain/accounts/accounts.h"

#include <gtest/gtest.h>

#include "common/hash.h"
#include "domain/accounts/sessions.h"
#include "domain/audit/audit.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::domain {
namespace {

using std::chrono::minutes;

constexpr char kPassword[] = "a long enough phrase";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::Database::open({dir_.file("a.db")});
    ASSERT_OK(db);
    db_ = std::move(db).value();
    auto admin = db_->write([&](storage::Connection& c) {
      return Accounts::insert(c, clock_, {"admin", "Admin", Role::kAdmin, {}, {}, kPassword, {}},
                              hasher_.hash(kPassword));
    });
    ASSERT_OK(admin);
    admin_ = actor_of(*admin);
  }

  NewUser coordinator(std::string name = "coord.chuo") {
    return {std::move(name), "中央区 係長", Role::kCoordinator, {"chuo"}, {}, kPassword, {}};
  }

  int64_t audit_entries() { return audit::verify(*db_)->entries; }

  testing::TempDir dir_;
  FakeClock clock_{testing::test_epoch()};
  PasswordHasher hasher_{PasswordParams::cheap_for_tests()};
  LoginThrottle throttle_;
  std::unique_ptr<storage::Database> db_;
  Actor admin_;
  RequestMeta meta_{"req-1", "127.0.0.1"};
  std::unique_ptr<Accounts> accounts_;
  Accounts& accounts() {
    if (!accounts_) accounts_ = std::make_unique<Accounts>(*db_, clock_, hasher_);
    return *accounts_;
  }
  Sessions sessions() { return Sessions(*db_, clock_, hasher_, throttle_); }
};

TEST_F(AccountsTest, CreateIsAuditedInTheSameTransaction) {
  int64_t before = audit_entries();
  auto user = accounts().create(admin_, meta_, coordinator());
  ASSERT_OK(user);
  EXPECT_EQ(user->resource.wards, std::vector<std::string>{"chuo"});
  EXPECT_EQ(audit_entries(), before + 1);
}

TEST_F(AccountsTest, EveryBadFieldIsNamed) {
  NewUser bad{"X", "", Role::kPartner, {"chuo"}, {}, "short", {}};
  auto r = accounts().create(admin_, meta_, bad);
  ASSERT_FALSE(r.ok());
  std::set<std::string> fields;
  for (const auto& f : r.error().fields()) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"username", "display_name", "wards", "organization_id",
                                           "password"}));
}

TEST_F(AccountsTest, UnknownWardIsNamedByIndex) {
  NewUser u = coordinator();
  u.wards = {"chuo", "atlantis"};
  auto r = accounts().create(admin_, meta_, u);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields().size(), 1u);
  EXPECT_EQ(r.error().fields()[0].field, "wards[1]");
}

TEST_F(AccountsTest, OnlyAdminsManageAccounts) {
  auto created = accounts().create(admin_, meta_, coordinator());
  ASSERT_OK(created);
  Actor coord = actor_of(created->resource);
  EXPECT_EQ(accounts().create(coord, meta_, coordinator("x.y")).error().kind(),
            ErrorKind::kPermissionDenied);
  EXPECT_EQ(accounts().update(coord, meta_, coord.user_id, {.role = Role::kAdmin}).error().kind(),
            ErrorKind::kPermissionDenied);
}

TEST_F(AccountsTest, TakenUsernameIsAConflict) {
  ASSERT_OK(accounts().create(admin_, meta_, coordinator()));
  auto again = accounts().create(admin_, meta_, coordinator());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind(), ErrorKind::kAlreadyExists);
}

TEST_F(AccountsTest, TheLastAdminCannotBeDisabledOrDemoted) {
  EXPECT_EQ(accounts().update(admin_, meta_, admin_.user_id, {.disabled = true}).error().kind(),
            ErrorKind::kFailedPrecondition);
  EXPECT_EQ(
      accounts().update(admin_, meta_, admin_.user_id, {.role = Role::kAuditor}).error().kind(),
      ErrorKind::kFailedPrecondition);
}

TEST_F(AccountsTest, StaleVersionIsAborted) {
  auto user = accounts().create(admin_, meta_, coordinator());
  ASSERT_OK(user);
  ASSERT_OK(accounts().update(admin_, meta_, user->resource.id, {.display_name = "新しい名前"}));
  auto stale =
      accounts().update(admin_, meta_, user->resource.id,
                        {.display_name = "古い", .if_match_version = user->resource.version});
  EXPECT_EQ(stale.error().kind(), ErrorKind::kAborted);
}

TEST_F(AccountsTest, DisablingAndNewPasswordRevokeTokens) {
  auto user = accounts().create(admin_, meta_, coordinator());
  ASSERT_OK(user);
  Sessions s = sessions();
  auto first = s.login("coord.chuo", kPassword, meta_);
  ASSERT_OK(first);
  ASSERT_OK(s.resolve(first->token));
  ASSERT_OK(
      accounts().update(admin_, meta_, user->resource.id, {.password = "another long phrase"}));
  EXPECT_EQ(s.resolve(first->token).error().kind(), ErrorKind::kUnauthenticated);

  auto second = s.login("coord.chuo", "another long phrase", meta_);
  ASSERT_OK(second);
  ASSERT_OK(accounts().update(admin_, meta_, user->resource.id, {.disabled = true}));
  EXPECT_EQ(s.resolve(second->token).error().kind(), ErrorKind::kUnauthenticated);
  EXPECT_EQ(s.login("coord.chuo", "another long phrase", meta_).error().kind(),
            ErrorKind::kUnauthenticated);
}

TEST_F(AccountsTest, IdleAndAbsoluteExpiry) {
  ASSERT_OK(accounts().create(admin_, meta_, coordinator()));
  Sessions s = sessions();
  auto in = s.login("coord.chuo", kPassword, meta_);
  ASSERT_OK(in);
  // Used every 25 minutes, the token lives until its absolute expiry (12 h).
  for (int i = 0; i < 28; ++i) {
    clock_.advance(minutes(25));
    SCOPED_TRACE("after " + std::to_string((i + 1) * 25) + " minutes");
    ASSERT_OK(s.resolve(in->token));
  }
  clock_.advance(minutes(20));  // 12 h 00 min since sign-in
  EXPECT_EQ(s.resolve(in->token).error().kind(), ErrorKind::kUnauthenticated);

  auto idle = s.login("coord.chuo", kPassword, meta_);
  ASSERT_OK(idle);
  clock_.advance(minutes(30));
  EXPECT_EQ(s.resolve(idle->token).error().kind(), ErrorKind::kUnauthenticated);
  EXPECT_EQ(s.purge_expired(), 2);
}

TEST_F(AccountsTest, TokensAreStoredOnlyAsHashes) {
  ASSERT_OK(accounts().create(admin_, meta_, coordinator()));
  auto in = sessions().login("coord.chuo", kPassword, meta_);
  ASSERT_OK(in);
  EXPECT_EQ(in->token.size(), 64u);  // 256 bits in hex
  auto found = db_->read([&](storage::Connection& c) -> Result<int64_t> {
    auto st = c.prepare("SELECT count(*) FROM sessions WHERE token_hash = ?1 OR token_hash = ?2");
    st.bind(1, in->token).bind(2, sha256_hex(in->token));
    st.step();
    return st.int64(0);
  });
  EXPECT_EQ(*found, 1);
  auto raw = db_->read([&](storage::Connection& c) -> Result<int64_t> {
    auto st = c.prepare("SELECT count(*) FROM sessions WHERE token_hash = ?1");
    st.bind(1, in->token);
    st.step();
    return st.int64(0);
  });
  EXPECT_EQ(*raw, 0);
}

// A colleague whose stored role does not decode fails the list; it never shows as another role.
TEST_F(AccountsTest, AColleagueWhoseStoredRoleDoesNotDecodeIsAnInternalError) {
  auto coord = accounts().create(admin_, meta_, coordinator());
  ASSERT_OK(coord);
  auto staff = accounts().create(admin_, meta_, coordinator("staff.chuo"));
  ASSERT_OK(staff);
  const Actor coord_actor = actor_of(coord->resource);
  ASSERT_OK(accounts().colleagues(coord_actor, "chuo", 0, 50));
  {
    storage::Connection raw({dir_.file("a.db")});
    raw.exec("PRAGMA ignore_check_constraints = ON;");
    raw.prepare("UPDATE users SET role = 'superuser' WHERE id = ?1")
        .bind(1, staff->resource.id)
        .run();
  }
  auto page = accounts().colleagues(coord_actor, "chuo", 0, 50);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().kind(), ErrorKind::kInternal);
}

}  // namespace
}  // namespace tsunagu::domain
