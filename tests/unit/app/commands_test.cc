#include "app/commands.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/audit/audit.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::app {
namespace {

class AuditVerifyCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.db_path = dir_.file("t.db");
    config_.audit_key = testing::kTestAuditKey;
    auto db = storage::Database::open({config_.db_path});
    ASSERT_OK(db);
    FakeClock clock(testing::test_epoch());
    for (int i = 0; i < 3; ++i) {
      ASSERT_OK((*db)->write([&](storage::Connection& c) -> Status {
        domain::audit::append(c, clock, nullptr, {},
                              {"user.create", "user", "u-" + std::to_string(i), {}, {}, {}});
        return Status::Ok();
      }));
    }
  }
  int run() { return audit_verify_command(config_, out_, err_); }

  testing::TempDir dir_;
  Config config_;
  std::ostringstream out_, err_;
};

TEST_F(AuditVerifyCommandTest, IntactLogExitsZero) {
  EXPECT_EQ(run(), 0);
  EXPECT_NE(out_.str().find("3 entries"), std::string::npos) << out_.str();
}

TEST_F(AuditVerifyCommandTest, EditedRowExitsOneAndNamesIt) {
  storage::Connection raw({config_.db_path});
  raw.exec(
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET resource_id = 'u-9' WHERE seq = 2;");
  EXPECT_EQ(run(), 1);
  EXPECT_NE(out_.str().find("BROKEN at entry 2"), std::string::npos) << out_.str();
}

TEST_F(AuditVerifyCommandTest, WithoutAKeyItCannotCheck) {
  config_.audit_key.clear();
  EXPECT_EQ(run(), 3);
  EXPECT_NE(err_.str().find("audit-keygen"), std::string::npos) << err_.str();
}

TEST_F(AuditVerifyCommandTest, SignedCheckpointsFindACutTail) {
  std::ostringstream out, err;
  config_.signing_key_file = dir_.file("sign.key");
  config_.public_key_file = dir_.file("sign.pub");
  ASSERT_EQ(checkpoint_keygen_command(config_, out, err), 0) << err.str();
  EXPECT_EQ(
      std::filesystem::status(config_.signing_key_file).permissions() & std::filesystem::perms::all,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  config_.out_file = dir_.file("cp.txt");
  ASSERT_EQ(audit_checkpoint_command(config_, out, err), 0) << err.str();
  config_.checkpoint_file = config_.out_file;
  EXPECT_EQ(run(), 0) << out_.str() << err_.str();
  EXPECT_NE(out_.str().find("checkpoint of"), std::string::npos) << out_.str();

  {
    storage::Connection raw({config_.db_path});
    raw.exec("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3;");
  }
  out_.str("");
  EXPECT_EQ(run(), 1) << out_.str() << err_.str();
  EXPECT_NE(out_.str().find("audit log intact"), std::string::npos) << "the chain alone links";
  EXPECT_NE(out_.str().find("tail was cut"), std::string::npos) << out_.str();
}

TEST_F(AuditVerifyCommandTest, AForgedCheckpointIsRefused) {
  std::ostringstream out, err;
  config_.signing_key_file = dir_.file("sign.key");
  config_.public_key_file = dir_.file("sign.pub");
  ASSERT_EQ(checkpoint_keygen_command(config_, out, err), 0) << err.str();
  config_.out_file = dir_.file("cp.txt");
  ASSERT_EQ(audit_checkpoint_command(config_, out, err), 0) << err.str();
  std::ifstream in(config_.out_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("entries: 3"), 10, "entries: 2");
  std::ofstream(dir_.file("forged.txt")) << text;
  config_.checkpoint_file = dir_.file("forged.txt");
  EXPECT_EQ(run(), 1);
  EXPECT_NE(out_.str().find("REFUSED"), std::string::npos) << out_.str();
}

TEST(AuditKeyTest, ServingNeedsAKeyAndTheDemoMakesOneBesideItsDatabase) {
  testing::TempDir dir;
  Config config;
  EXPECT_EQ(load_audit_key(config).error().kind(), ErrorKind::kFailedPrecondition);
  config.audit_key = "short";
  EXPECT_FALSE(load_audit_key(config).ok());
  config.audit_key.clear();
  auto made = load_audit_key(config, dir.file("demo.db"));
  ASSERT_OK(made);
  EXPECT_EQ(std::filesystem::status(dir.file("demo.db.audit-key")).permissions() &
                std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_EQ(*load_audit_key(config, dir.file("demo.db")), *made) << "kept across restarts";
  std::ofstream(dir.file("key")) << "  " << std::string(40, 'k') << "\n";
  config.audit_key_file = dir.file("key");
  EXPECT_EQ(*load_audit_key(config), std::string(40, 'k'));
}

TEST(ConfigHardeningTest, TrustedProxiesAreRepeatableOrACommaList) {
  auto none = [](const char*) -> std::optional<std::string> { return std::nullopt; };
  auto inv = parse_invocation(
      {"--trusted-proxy", "10.0.0.1", "--trusted-proxy=10.0.0.2, ::1", "--audit-key-file", "k"},
      none);
  ASSERT_TRUE(inv.ok()) << inv.error().message();
  EXPECT_EQ(inv->config.trusted_proxies, (std::vector<std::string>{"10.0.0.1", "10.0.0.2", "::1"}));
  EXPECT_EQ(inv->config.audit_key_file, "k");
  EXPECT_FALSE(parse_invocation({"--trusted-proxy", "10.0.0.0/8"}, none).ok());
  EXPECT_FALSE(parse_invocation({"--trusted-proxy", "a,,b"}, none).ok());
  auto env = [](const char* name) -> std::optional<std::string> {
    if (std::string(name) == "TSUNAGU_AUDIT_KEY") return std::string(40, 'x');
    return std::nullopt;
  };
  EXPECT_EQ(parse_invocation({}, env)->config.audit_key, std::string(40, 'x'));
}

// The evidence an auditor checks is not changed by the check: no migration, no ANALYZE, no
// checkpoint writes the file.
TEST_F(AuditVerifyCommandTest, TheDatabaseFileIsNotWritten) {
  auto bytes = [&] {
    std::ifstream in(config_.db_path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string before = bytes();
  ASSERT_FALSE(before.empty());
  EXPECT_EQ(run(), 0) << err_.str();
  EXPECT_EQ(bytes(), before) << "audit-verify changed the database file";
  const std::string wal = config_.db_path + "-wal";
  EXPECT_TRUE(!std::filesystem::exists(wal) || std::filesystem::file_size(wal) == 0)
      << "audit-verify wrote to the write-ahead log";
}

TEST_F(AuditVerifyCommandTest, MissingDatabaseIsNotCreated) {
  config_.db_path = dir_.file("absent.db");
  EXPECT_EQ(run(), 3);
  EXPECT_FALSE(std::filesystem::exists(config_.db_path));
  EXPECT_NE(err_.str().find("no database"), std::string::npos);
}

TEST(ConfigAccountsTest, CommandsAndSessionAndTlsFlags) {
  auto none = [](const char*) -> std::optional<std::string> { return std::nullopt; };
  auto inv = parse_invocation({"audit-verify", "--db", "x.db"}, none);
  ASSERT_TRUE(inv.ok()) << inv.error().message();
  EXPECT_EQ(inv->config.command, "audit-verify");
  EXPECT_EQ(parse_invocation({}, none)->config.session_idle_minutes, 30);
  EXPECT_EQ(parse_invocation({}, none)->config.session_max_hours, 12);
  auto s = parse_invocation({"--session-idle-minutes", "10", "--session-max-hours=8"}, none);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->config.session_idle_minutes, 10);
  EXPECT_EQ(s->config.session_max_hours, 8);
  auto half = parse_invocation({"--tls-cert", "c.pem"}, none);
  ASSERT_FALSE(half.ok());
  EXPECT_NE(half.error().message().find("--tls-key"), std::string::npos);
  EXPECT_FALSE(parse_invocation({"--session-idle-minutes", "0"}, none).ok());
  EXPECT_FALSE(
      parse_invocation({"--session-idle-minutes", "120", "--session-max-hours", "1"}, none).ok());
  EXPECT_FALSE(parse_invocation({"serve", "audit-verify"}, none).ok());
}

}  // namespace
}  // namespace tsunagu::app
