// The keyed audit chain and signed checkpoints against an intruder who can write the database
// file: a rewrite with recomputed hashes, a cut tail, a moved keying boundary, a forged
// checkpoint; and a database whose oldest entries predate the key.
#include <gtest/gtest.h>

#include "domain/audit/audit.h"
#include "domain/audit/audit_checkpoint.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::domain::audit {
namespace {

class KeyedAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    set_chain_key(testing::kTestAuditKey);
    auto db = storage::Database::open({path_});
    ASSERT_OK(db);
    db_ = std::move(db).value();
    ASSERT_OK(bind_chain_key(*db_));
  }

  void append_n(int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_OK(db_->write([&](storage::Connection& c) -> Status {
        append(c, clock_, nullptr, {"req", "127.0.0.1"},
               {"case.read", "case", "c-" + std::to_string(i), "c-1", std::nullopt, std::nullopt});
        return Status::Ok();
      }));
      clock_.advance(std::chrono::seconds(1));
    }
  }

  // What an intruder with the file does: edit around the triggers, then recompute every hash
  // from `from` on with `hash` (prev_hash, canonical content) so the chain links again.
  template <typename Hash>
  void rewrite(const std::string& sql, int64_t from, Hash hash) {
    storage::Connection raw({path_});
    raw.exec(
        "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;");
    if (!sql.empty()) raw.exec(sql);
    std::string prev = kGenesisHash;
    auto rows = raw.prepare(
        "SELECT seq, at, actor_id, actor_username, actor_role, action, resource_type, resource_id,"
        " case_id, organization_id, request_id, source_address, detail, hash FROM audit_log"
        " ORDER BY seq");
    std::vector<std::pair<int64_t, std::string>> updates;
    while (rows.step()) {
      std::vector<std::optional<std::string>> fields;
      for (int i = 0; i < 13; ++i) fields.push_back(rows.optional_text(i));
      fields[0] = std::to_string(rows.int64(0));
      std::string h = rows.int64(0) >= from ? hash(prev, canonical_content(fields)) : rows.text(13);
      updates.emplace_back(rows.int64(0), h);
      prev = h;
    }
    std::string p = kGenesisHash;
    for (const auto& [seq, h] : updates) {
      raw.prepare("UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE seq = ?1")
          .bind(1, seq)
          .bind(2, p)
          .bind(3, h)
          .run();
      p = h;
    }
  }

  Checkpoint checkpoint(const SigningKeys& keys) {
    auto cp = make_checkpoint(*db_, clock_, keys.secret_hex);
    EXPECT_OK(cp);
    return *cp;
  }

  testing::TempDir dir_;
  std::string path_ = dir_.file("a.db");
  FakeClock clock_{testing::test_epoch()};
  std::unique_ptr<storage::Database> db_;
};

// Regression: editing an entry and recomputing the (unkeyed) chain passed verification.
TEST_F(KeyedAuditTest, ARewriteWithRecomputedUnkeyedHashesIsFound) {
  append_n(5);
  ASSERT_TRUE(verify(*db_)->ok);
  rewrite("UPDATE audit_log SET resource_id = 'c-other' WHERE seq = 3", 1, chain_hash);
  auto v = verify(*db_);
  ASSERT_OK(v);
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->broken_at, 1);
}

TEST_F(KeyedAuditTest, AnotherKeyCannotExtendOrVerifyTheChain) {
  append_n(2);
  set_chain_key("another key that is long enough 0123456789");
  EXPECT_EQ(bind_chain_key(*db_).error().kind(), ErrorKind::kFailedPrecondition);
  EXPECT_FALSE(verify(*db_)->ok);
  set_chain_key(testing::kTestAuditKey);
}

TEST_F(KeyedAuditTest, AValidCheckpointVerifies) {
  append_n(4);
  auto keys = generate_signing_keys();
  Checkpoint cp = checkpoint(keys);
  EXPECT_EQ(cp.entries, 4);
  auto parsed = parse_checkpoint(format_checkpoint(cp));
  ASSERT_OK(parsed);
  EXPECT_OK(check_signature(*parsed, keys.public_hex));
  append_n(3);  // the log goes on growing
  auto check = compare_with_checkpoint(*db_, *parsed);
  ASSERT_OK(check);
  EXPECT_TRUE(check->ok) << check->reason;
}

// A cut tail leaves a chain that links: only the checkpoint can tell.
TEST_F(KeyedAuditTest, ACutTailIsFoundByTheCheckpoint) {
  append_n(6);
  Checkpoint cp = checkpoint(generate_signing_keys());
  rewrite("DELETE FROM audit_log WHERE seq > 4", 99, chain_hash);
  ASSERT_TRUE(verify(*db_)->ok) << "the shorter chain still links";
  auto check = compare_with_checkpoint(*db_, cp);
  ASSERT_OK(check);
  EXPECT_FALSE(check->ok);
  EXPECT_NE(check->reason.find("tail was cut"), std::string::npos) << check->reason;
}

// Even with the audit key (stolen from the server), a rewritten history is found.
TEST_F(KeyedAuditTest, ARewrittenHistoryIsFoundByTheCheckpoint) {
  append_n(5);
  Checkpoint cp = checkpoint(generate_signing_keys());
  rewrite("UPDATE audit_log SET resource_id = 'c-other' WHERE seq = 2", 1, keyed_chain_hash);
  ASSERT_TRUE(verify(*db_)->ok) << "whoever holds the key can recompute the chain";
  auto check = compare_with_checkpoint(*db_, cp);
  ASSERT_OK(check);
  EXPECT_FALSE(check->ok);
  EXPECT_NE(check->reason.find("rewritten"), std::string::npos) << check->reason;
}

TEST_F(KeyedAuditTest, AForgedCheckpointIsRefused) {
  append_n(5);
  auto keys = generate_signing_keys();
  Checkpoint cp = checkpoint(keys);
  Checkpoint smaller = cp;
  smaller.entries = 3;  // to hide a cut tail
  EXPECT_EQ(check_signature(smaller, keys.public_hex).error().kind(), ErrorKind::kPermissionDenied);
  auto other = generate_signing_keys();
  EXPECT_EQ(check_signature(cp, other.public_hex).error().kind(), ErrorKind::kPermissionDenied);
  Checkpoint self_signed = checkpoint(other);
  EXPECT_EQ(check_signature(self_signed, keys.public_hex).error().kind(),
            ErrorKind::kPermissionDenied);
  EXPECT_FALSE(parse_checkpoint("tsunagu-audit-checkpoint 1\nentries: x\n").ok());
}

// A database from before the key: its old entries keep their SHA-256 chain and are reported
// apart; they are still protected, because the first keyed entry links to their head.
TEST_F(KeyedAuditTest, EntriesFromBeforeTheKeyAreReportedApartAndStillProtected) {
  testing::TempDir dir;
  const std::string path = dir.file("old.db");
  {
    auto db = storage::Database::open({path});
    ASSERT_OK(db);
  }
  {
    // As migration 0008 finds a database with two entries: unkeyed, keyed_from 3, no MAC yet.
    storage::Connection raw({path});
    std::string prev = kGenesisHash;
    for (int seq = 1; seq <= 2; ++seq) {
      std::vector<std::optional<std::string>> f = {std::to_string(seq),
                                                   "2026-03-01T00:00:00.000Z",
                                                   std::nullopt,
                                                   std::nullopt,
                                                   std::nullopt,
                                                   "user.create",
                                                   "user",
                                                   "u-1",
                                                   std::nullopt,
                                                   std::nullopt,
                                                   std::nullopt,
                                                   std::nullopt,
                                                   std::nullopt};
      std::string h = chain_hash(prev, canonical_content(f));
      raw.prepare(
             "INSERT INTO audit_log (seq, at, action, resource_type, resource_id, prev_hash,"
             " hash) VALUES (?1, ?2, 'user.create', 'user', 'u-1', ?3, ?4)")
          .bind(1, static_cast<int64_t>(seq))
          .bind(2, *f[1])
          .bind(3, prev)
          .bind(4, h)
          .run();
      prev = h;
    }
    raw.exec("UPDATE audit_keying SET keyed_from = 3, mac = NULL");
  }
  auto opened = storage::Database::open({path});
  ASSERT_OK(opened);
  auto& db = **opened;
  ASSERT_OK(bind_chain_key(db));
  ASSERT_OK(db.write([&](storage::Connection& c) -> Status {
    append(c, clock_, nullptr, {}, {"user.update", "user", "u-1", {}, {}, {}});
    return Status::Ok();
  }));
  auto v = verify(db);
  ASSERT_OK(v);
  EXPECT_TRUE(v->ok) << v->reason;
  EXPECT_EQ(v->entries, 3);
  EXPECT_EQ(v->unkeyed_entries, 2);

  // Moving the boundary to pass keyed entries off as unkeyed is found.
  {
    storage::Connection raw({path});
    raw.exec("UPDATE audit_keying SET keyed_from = 4");
  }
  EXPECT_FALSE(verify(db)->ok);
  {
    storage::Connection raw({path});
    raw.exec("UPDATE audit_keying SET keyed_from = 3");
  }
  // Rewriting an old entry with recomputed SHA-256 hashes breaks the first keyed link.
  {
    storage::Connection raw({path});
    raw.exec("DROP TRIGGER audit_log_no_update");
    std::vector<std::optional<std::string>> f = {"1",          "2026-03-01T00:00:00.000Z",
                                                 std::nullopt, std::nullopt,
                                                 std::nullopt, "user.create",
                                                 "user",       "u-2",
                                                 std::nullopt, std::nullopt,
                                                 std::nullopt, std::nullopt,
                                                 std::nullopt};
    std::string h1 = chain_hash(kGenesisHash, canonical_content(f));
    raw.prepare("UPDATE audit_log SET resource_id = 'u-2', hash = ?1 WHERE seq = 1")
        .bind(1, h1)
        .run();
    f[0] = "2";
    f[7] = "u-1";
    std::string h2 = chain_hash(h1, canonical_content(f));
    raw.prepare("UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE seq = 2")
        .bind(1, h1)
        .bind(2, h2)
        .run();
  }
  auto after = verify(db);
  ASSERT_OK(after);
  EXPECT_FALSE(after->ok);
  EXPECT_EQ(after->broken_at, 3);
}

}  // namespace
}  // namespace tsunagu::domain::audit
