#include "domain/audit/audit.h"

#include <gtest/gtest.h>

#include "domain/audit/audited_read.h"

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

TEST_F(AuditTest, AppendAllChainsItsEntriesAfterTheLog) {
  append_n(2);
  std::vector<Entry> page;
  for (int i = 0; i < 3; ++i) {
    page.push_back(
        {"referral.list", "referral", "r-" + std::to_string(i), "case-7", "org-1", std::nullopt});
  }
  ASSERT_OK(db_->write([&](storage::Connection& c) -> Status {
    append_all(c, clock_, nullptr, {}, page);
    append_all(c, clock_, nullptr, {}, {});  // nothing to write
    return Status::Ok();
  }));
  auto v = verify(*db_);
  ASSERT_OK(v);
  EXPECT_TRUE(v->ok) << v->reason;
  EXPECT_EQ(v->entries, 5);
  auto ids = db_->read([](storage::Connection& c) -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    auto s = c.prepare("SELECT resource_id FROM audit_log WHERE seq > 2 ORDER BY seq");
    while (s.step()) out.push_back(s.text(0));
    return out;
  });
  ASSERT_OK(ids);
  EXPECT_EQ(*ids, (std::vector<std::string>{"r-0", "r-1", "r-2"}));
}

TEST_F(AuditTest, AListPageEntryIsChainedWithItsRows) {
  append_n(1);
  ASSERT_OK(db_->write([&](storage::Connection& c) -> Status {
    append(c, clock_, nullptr, {},
           list_page("referral.list", "referral", "org-1",
                     {{"r-1", "case-7", "chuo"}, {"r-2", "case-8", "kita"}}));
    return Status::Ok();
  }));
  append_n(1);
  auto listed = db_->read([](storage::Connection& c) -> Result<std::string> {
    auto s = c.prepare(
        "SELECT listed, case_id IS NULL, organization_id FROM audit_log"
        " WHERE seq = 2");
    if (!s.step()) return Error::NotFound("no entry 2");
    EXPECT_EQ(s.int64(1), 1);
    EXPECT_EQ(s.text(2), "org-1");
    return s.text(0);
  });
  ASSERT_OK(listed);
  EXPECT_EQ(*listed, R"([{"case_id":"case-7","id":"r-1","ward":"chuo"},)"
                     R"({"case_id":"case-8","id":"r-2","ward":"kita"}])");
  auto v = verify(*db_);
  ASSERT_OK(v);
  EXPECT_TRUE(v->ok) << v->reason;
  EXPECT_EQ(v->entries, 3);

  // A row taken off the page breaks the chain at that entry.
  tamper(R"(UPDATE audit_log SET listed = '[{"case_id":"case-8","id":"r-2","ward":"kita"}]')"
         " WHERE seq = 2");
  v = verify(*db_);
  ASSERT_OK(v);
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->broken_at, 2);
}

TEST_F(AuditTest, AnEntryWithoutRowsHashesAsBeforeTheColumnExisted) {
  append_n(1);
  struct Stored {
    std::vector<std::optional<std::string>> fields;  // seq … detail
    std::string prev_hash, hash;
    bool listed_is_null = false;
  };
  auto stored = db_->read([](storage::Connection& c) -> Result<Stored> {
    auto s = c.prepare(
        "SELECT seq, at, actor_id, actor_username, actor_role, action, resource_type,"
        " resource_id, case_id, organization_id, request_id, source_address, detail, prev_hash,"
        " hash, listed IS NULL FROM audit_log WHERE seq = 1");
    if (!s.step()) return Error::NotFound("no entry 1");
    Stored out;
    for (int i = 0; i < 13; ++i) out.fields.push_back(s.optional_text(i));
    out.prev_hash = s.text(13);
    out.hash = s.text(14);
    out.listed_is_null = s.int64(15) == 1;
    return out;
  });
  ASSERT_OK(stored);
  EXPECT_TRUE(stored->listed_is_null);
  EXPECT_EQ(keyed_chain_hash(stored->prev_hash, canonical_content(stored->fields)), stored->hash);
}

class AuditedReadTest : public AuditTest {
 protected:
  Actor coordinator_{"u-1", "coord.chuo", Role::kCoordinator, {"chuo"}, std::nullopt};
  int64_t entries() { return verify(*db_)->entries; }
};

TEST_F(AuditedReadTest, ReadsOnASnapshotAndRecordsWhatItReadBeforeAnswering) {
  auto r = audited_read(
      *db_, clock_, coordinator_, {"req-1", "127.0.0.1"},
      [](storage::Connection& c, AuditedReads& reads) -> Result<int> {
        // A reader connection: it may not write.
        EXPECT_THROW(c.exec("CREATE TABLE t (x)"), storage::StorageError);
        reads.push_back({"case.read", "case", "c-1", "c-1", std::nullopt, std::nullopt});
        reads.push_back({"case.read", "case", "c-2", "c-2", std::nullopt, std::nullopt});
        return 7;
      });
  ASSERT_OK(r);
  EXPECT_EQ(*r, 7);
  EXPECT_EQ(entries(), 2);  // committed when the answer is returned
}

TEST_F(AuditedReadTest, AFailedReadRecordsNothing) {
  Status s = audited_read(
      *db_, clock_, coordinator_, {}, [](storage::Connection&, AuditedReads& reads) -> Status {
        reads.push_back({"case.read", "case", "c-1", "c-1", std::nullopt, std::nullopt});
        return Error::NotFound("No such case.");
      });
  EXPECT_EQ(s.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(entries(), 0);
}

TEST_F(AuditedReadTest, AnEntryThatCannotBeStoredFailsTheRead) {
  // A log the writer cannot append to (its insert trigger refuses): the data read must not leave.
  storage::Connection raw({dir_.file("a.db")});
  raw.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no'); END;");
  auto r = audited_read(
      *db_, clock_, coordinator_, {}, [](storage::Connection&, AuditedReads& reads) -> Result<int> {
        reads.push_back({"case.read", "case", "c-1", "c-1", std::nullopt, std::nullopt});
        return 7;
      });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kInternal);
  EXPECT_EQ(entries(), 0);
}

}  // namespace
}  // namespace tsunagu::domain::audit
