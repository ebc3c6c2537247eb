// The audit log over HTTP: entries for changes and reads, the APPI filters, verification that
// catches an edited row, and a request that fails when its audit entry cannot be written.
#include <gtest/gtest.h>

#include <set>

#include "storage/connection.h"
#include "support/test_support.h"

namespace tsunagu {
namespace {

using testing::bearer;
using testing::body_json;
using testing::post_json;
using testing::TestServer;

class AuditApiTest : public ::testing::Test {
 protected:
  nlohmann::json audit(const std::string& query) {
    auto res = client_.Get(("/api/v1/audit" + query).c_str(), bearer(auditor_));
    EXPECT_EQ(res->status, 200) << res->body;
    return body_json(res);
  }
  // Direct access to the file, as an intruder or a test would have it.
  void raw_sql(const std::string& sql) {
    storage::Connection raw({server_.db_path()});
    raw.exec(sql);
  }

  TestServer server_{testing::auth_config()};
  httplib::Client client_ = server_.client();
  std::string auditor_ = testing::login(client_, "auditor");
};

TEST_F(AuditApiTest, ChangesAndReadsOfTheLogAreRecorded) {
  std::string admin = testing::login(client_, "admin");
  auto created = post_json(client_, "/api/v1/users",
                           {{"username", "staff.kita"},
                            {"display_name", "北区 保健師"},
                            {"role", "ward_staff"},
                            {"wards", {"kita"}},
                            {"password", "a strong enough phrase"}},
                           bearer(admin));
  ASSERT_EQ(created->status, 201) << created->body;
  std::string new_id = body_json(created)["id"];

  auto page = audit("?per_page=5");
  const auto& newest = page["items"][0];
  EXPECT_EQ(newest["action"], "user.create");
  EXPECT_EQ(newest["resource_id"], new_id);
  EXPECT_EQ(newest["actor"]["username"], "admin");
  EXPECT_EQ(newest["actor"]["role"], "admin");
  EXPECT_EQ(newest["source_address"], "127.0.0.1");
  EXPECT_EQ(newest["request_id"], created->get_header_value("X-Request-Id"));
  EXPECT_EQ(newest["at"], "2026-04-01T09:00:00+09:00");
  // The previous search is in the log now: reading the log is itself audited.
  auto again = audit("?per_page=1");
  EXPECT_EQ(again["items"][0]["action"], "audit.search");
  EXPECT_EQ(again["items"][0]["actor"]["username"], "auditor");
}

TEST_F(AuditApiTest, FiltersAnswerWhoAndWhat) {
  testing::login(client_, "partner.itokonchi");
  testing::login(client_, "coord.chuo");
  server_.clock().advance(std::chrono::hours(2));
  testing::login(client_, "coord.chuo");
  auditor_ = testing::login(client_, "auditor");  // the first token has idled out

  auto by_user = audit("?actor=coord.chuo");
  EXPECT_EQ(by_user["total"], 2);
  auto by_id = audit("?actor=b0000000-0000-4000-8000-000000000002");
  EXPECT_EQ(by_id["total"], 2);
  auto by_org = audit("?organization_id=a0000000-0000-4000-8000-000000000001&per_page=200");
  // The seed's entries for the organization and its services, the partner account's creation,
  // and the partner's sign-in, newest first.
  EXPECT_EQ(by_org["items"][0]["action"], "auth.login");
  std::multiset<std::string> actions;
  for (const auto& e : by_org["items"]) {
    actions.insert(e["action"].get<std::string>());
    EXPECT_EQ(e["organization_id"], "a0000000-0000-4000-8000-000000000001");
  }
  EXPECT_EQ(actions.count("auth.login"), 1u);
  EXPECT_EQ(actions.count("user.create"), 1u);
  EXPECT_EQ(by_org["total"], static_cast<int64_t>(by_org["items"].size()));
  auto later = audit("?actor=coord.chuo&from=2026-04-01T10:00:00%2B09:00");
  EXPECT_EQ(later["total"], 1);
  auto day = audit("?actor=coord.chuo&from=2026-04-01&to=2026-04-01");
  EXPECT_EQ(day["total"], 2);
  EXPECT_EQ(audit("?actor=coord.chuo&to=2026-03-31")["total"], 0);
  EXPECT_EQ(audit("?case_id=c-unknown")["total"], 0);
}

TEST_F(AuditApiTest, BadFiltersNameTheParameter) {
  auto res = client_.Get("/api/v1/audit?from=yesterday", bearer(auditor_));
  ASSERT_EQ(res->status, 400);
  EXPECT_EQ(body_json(res)["errors"][0]["field"], "from");
  res = client_.Get("/api/v1/audit?from=2026-04-02&to=2026-04-01", bearer(auditor_));
  EXPECT_EQ(res->status, 400);
  res = client_.Get("/api/v1/audit?per_page=500", bearer(auditor_));
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(body_json(res)["errors"][0]["field"], "per_page");
}

TEST_F(AuditApiTest, VerifyFindsTheEditedRow) {
  auto ok = client_.Get("/api/v1/audit/verify", bearer(auditor_));
  ASSERT_EQ(ok->status, 200);
  EXPECT_EQ(body_json(ok)["ok"], true);
  EXPECT_GE(body_json(ok)["entries"], 8);  // 7 seeded accounts and the auditor's sign-in

  raw_sql(
      "DROP TRIGGER audit_log_no_update;"
      "UPDATE audit_log SET actor_username = 'someone.else' WHERE seq = 4;");
  auto broken = client_.Get("/api/v1/audit/verify", bearer(auditor_));
  ASSERT_EQ(broken->status, 200);
  auto body = body_json(broken);
  EXPECT_EQ(body["ok"], false);
  EXPECT_EQ(body["broken_at"], 4);
  EXPECT_EQ(body["entries"], 3);
  EXPECT_FALSE(body["reason"].get<std::string>().empty());
}

TEST_F(AuditApiTest, ARequestFailsWhenItsAuditEntryCannotBeWritten) {
  std::string admin = testing::login(client_, "admin");
  raw_sql(
      "CREATE TRIGGER audit_log_full BEFORE INSERT ON audit_log "
      "BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
  auto created = post_json(client_, "/api/v1/users",
                           {{"username", "ghost.writer"},
                            {"display_name", "Nobody"},
                            {"role", "auditor"},
                            {"password", "a strong enough phrase"}},
                           bearer(admin));
  ASSERT_EQ(created->status, 500);
  auto body = body_json(created);
  EXPECT_EQ(body["detail"].get<std::string>().find("disk full"), std::string::npos)
      << "no SQL error text on the wire";
  // Nothing half-written: the user does not exist, and cannot sign in.
  raw_sql("DROP TRIGGER audit_log_full;");
  auto list = body_json(client_.Get("/api/v1/users?per_page=200", bearer(admin)));
  for (const auto& u : list["items"]) EXPECT_NE(u["username"], "ghost.writer");
  EXPECT_EQ(post_json(client_, "/api/v1/auth/login",
                      {{"username", "ghost.writer"}, {"password", "a strong enough phrase"}})
                ->status,
            401);
}

TEST_F(AuditApiTest, SignInFailsWhenItCannotBeAudited) {
  raw_sql(
      "CREATE TRIGGER audit_log_full BEFORE INSERT ON audit_log "
      "BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
  auto res = post_json(client_, "/api/v1/auth/login",
                       {{"username", "coord.chuo"}, {"password", testing::kDemoPassword}});
  EXPECT_EQ(res->status, 500);
  EXPECT_FALSE(body_json(res).contains("token"));
  raw_sql("DROP TRIGGER audit_log_full;");
  auto sessions = [&] {
    storage::Connection raw({server_.db_path()});
    auto s = raw.prepare("SELECT count(*) FROM sessions");
    s.step();
    return s.int64(0);
  };
  EXPECT_EQ(sessions(), 1) << "only the auditor's session from the fixture";
}

}  // namespace
}  // namespace tsunagu
