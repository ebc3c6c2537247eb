#include "domain/audit.h"

#include <gtest/gtest.h>

#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::domain::audit {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::Database::open({dir_.file("a.db")});
    ASSERT_OK(db);
    db_ = std::move(db).value();
  }

  void append_n(int n) {
    Actor coordinator{"u-1", "coord.chuo", Role::kCoordinator, {"chuo"}, std::nullopt};
    for (int i = 0; i < n; ++i) {
      ASSERT_OK(db_->write([&](storage::Connection& c) -> Status {
        append(c, clock_, &coordinator, {"req-" + std::to_string(i), "127.0.0.1"},
               {"referral.read", "referral", "r-" + std::to_string(i), "case-7", "org-1",
                std::nullopt});
        return Status::Ok();
      }));
      clock_.advance(std::chrono::seconds(1));
    }
  }

  // Edits the log the way an intruder with file access would: around the triggers.
  void tamper(const std::string& sql) {
    storage::Connection raw({dir_.file("a.db")});
    raw.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
    raw.exec(sql);
  }

  testing::TempDir dir_;
  FakeClock clock_{testing::test_epoch()};
  std::unique_ptr<storage::Database> db_;
};

TEST_F(AuditTest, EmptyLogVerifies) {
  auto v = verify(*db_);
  ASSERT_OK(v);
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->entries, 0);
}

TEST_F(AuditTest, AppendedEntriesChainAndVerify) {
  append_n(5);
  auto v = verify(*db_);
  ASSERT_OK(v);
  EXPECT_TRUE(v->ok) << v->reason;
  EXPECT_EQ(v->entries, 5);
}

TEST_F(AuditTest, EditedRowBreaksTheChainThere) {
  append_n(5);
  tamper("UPDATE audit_log SET actor_username = 'someone.else' WHERE seq = 3");
  auto v = verify(*db_);
  ASSERT_OK(v);
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->broken_at, 3);
}

TEST_F(AuditTest, DeletedRowIsDetected) {
  append_n(5);
  tamper("DELETE FROM audit_log WHERE seq = 2");
  auto v = verify(*db_);
  ASSERT_OK(v);
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->broken_at, 3);
}

TEST_F(AuditTest, RehashedRowStillBreaksTheNextLink) {
  append_n(4);
  // An intruder who recomputes the edited row's own hash still breaks the link after it.
  tamper("UPDATE audit_log SET case_id = 'case-8', hash = 'f00d' WHERE seq = 2");
  auto v = verify(*db_);
  ASSERT_OK(v);
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->broken_at, 2);
}

TEST_F(AuditTest, TheApplicationCannotRewriteTheLog) {
  append_n(1);
  Status s = db_->write([](storage::Connection& c) -> Status {
    c.prepare("UPDATE audit_log SET detail = 'x'").run();
    return Status::Ok();
  });
  EXPECT_FALSE(s.ok());
}

TEST_F(AuditTest, EntryIsPartOfTheCallersTransaction) {
  Status s = db_->write([&](storage::Connection& c) -> Status {
    append(c, clock_, nullptr, {},
           {"organization.update", "organization", "o-1", std::nullopt, "o-1", std::nullopt});
    return Error::InvalidArgument("the change failed");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(verify(*db_)->entries, 0);  // rolled back with the change
}

}  // namespace
}  // namespace tsunagu::domain::audit
