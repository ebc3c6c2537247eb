#include "app/commands.h"

#include <gtest/gtest.h>

#include <sstream>

#include "domain/audit.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::app {
namespace {

class AuditVerifyCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.db_path = dir_.file("t.db");
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
