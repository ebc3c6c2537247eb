// Sign-in and account edges seen from a client: nobody can lock another user out, only a trusted
// proxy's X-Forwarded-For counts, the current password of POST /me/password is throttled and
// audited, a new password revokes the calendar link, a stored role that does not decode grants
// nothing, and denied reads of case data are audited without telling the caller anything.
#include <gtest/gtest.h>

#include "api/case_fixture.h"
#include "storage/connection.h"
#include "support/test_support.h"

namespace tsunagu {
namespace {

using testing::bearer;
using testing::body_json;
using testing::kDemoPassword;
using testing::post_json;
using testing::TestServer;

constexpr char kAttacker[] = "203.0.113.9";
constexpr char kAdminDesk[] = "198.51.100.7";

app::Config behind_proxy(std::vector<std::string> proxies) {
  app::Config config = testing::auth_config();
  config.trusted_proxies = std::move(proxies);
  return config;
}

httplib::Result login_from(httplib::Client& client, const std::string& forwarded_for,
                           const std::string& user, const std::string& password) {
  return post_json(client, "/api/v1/auth/login", {{"username", user}, {"password", password}},
                   {{"X-Forwarded-For", forwarded_for}});
}

int count_audit(httplib::Client& client, const std::string& action,
                const std::string& source_address = "") {
  std::string auditor = testing::login(client, "auditor");
  auto page = body_json(client.Get("/api/v1/audit?per_page=200", bearer(auditor)));
  int n = 0;
  for (const auto& e : page["items"]) {
    n += e["action"] == action && (source_address.empty() || e["source_address"] == source_address);
  }
  return n;
}

// Regression: five wrong passwords from anywhere locked the admin out for 15 minutes, even
// against the right password from their own desk.
TEST(LockoutTest, GuessesFromOneAddressDoNotLockTheUserOutElsewhere) {
  TestServer server(behind_proxy({"127.0.0.1"}));
  auto client = server.client();
  for (int i = 0; i < 8; ++i)
    login_from(client, kAttacker, "admin", "wrong guess " + std::to_string(i));
  auto refused = login_from(client, kAttacker, "admin", kDemoPassword);
  ASSERT_EQ(refused->status, 429);
  EXPECT_GE(std::stoi(refused->get_header_value("Retry-After")), 1);
  EXPECT_EQ(login_from(client, kAdminDesk, "admin", kDemoPassword)->status, 200);
  // The audit log names the client, not the proxy.
  EXPECT_EQ(count_audit(client, "auth.login_failed", kAttacker), 5);
  EXPECT_EQ(count_audit(client, "auth.login", kAdminDesk), 1);
}

TEST(LockoutTest, ForwardedForIsIgnoredUnlessThePeerIsATrustedProxy) {
  for (auto proxies : {std::vector<std::string>{}, std::vector<std::string>{"10.9.9.9"}}) {
    TestServer server(behind_proxy(proxies));
    auto client = server.client();
    for (int i = 0; i < 5; ++i) login_from(client, kAttacker, "admin", "wrong guess");
    // A client cannot escape its throttle by naming another address.
    EXPECT_EQ(login_from(client, kAdminDesk, "admin", kDemoPassword)->status, 429);
  }
}

TEST(LockoutTest, TheRightMostUntrustedHopIsTheClient) {
  TestServer server(behind_proxy({"127.0.0.1", "10.0.0.2"}));
  auto client = server.client();
  // The client forged the left-most hop; 10.0.0.2 (trusted) saw kAttacker connect.
  for (int i = 0; i < 5; ++i) {
    login_from(client, std::string(kAdminDesk) + ", " + kAttacker + ", 10.0.0.2", "admin", "wrong");
  }
  EXPECT_EQ(login_from(client, kAttacker, "admin", kDemoPassword)->status, 429);
  EXPECT_EQ(login_from(client, kAdminDesk, "admin", kDemoPassword)->status, 200);
}

// Regression: POST /me/password took unlimited guesses of the current password, unaudited.
TEST(PasswordChangeTest, WrongCurrentPasswordsAreThrottledAndAudited) {
  TestServer server(testing::auth_config());
  auto client = server.client();
  std::string token = testing::login(client, "staff.chuo");
  for (int i = 0; i < 5; ++i) {
    auto res = post_json(client, "/api/v1/me/password",
                         {{"current_password", "guess number " + std::to_string(i)},
                          {"new_password", "a brand new long phrase"}},
                         bearer(token));
    ASSERT_EQ(res->status, 422) << res->body;
  }
  auto throttled =
      post_json(client, "/api/v1/me/password",
                {{"current_password", kDemoPassword}, {"new_password", "a brand new long phrase"}},
                bearer(token));
  EXPECT_EQ(throttled->status, 429);
  EXPECT_TRUE(throttled->has_header("Retry-After"));
  EXPECT_EQ(count_audit(client, "user.password_change_failed"), 5);
}

// Regression: a calendar link kept working after a password change or reset.
TEST(PasswordChangeTest, ANewPasswordRevokesTheCalendarLink) {
  TestServer server(testing::auth_config());
  auto client = server.client();
  auto link = [&](const std::string& token) {
    auto res =
        post_json(client, "/api/v1/me/calendar-link", nlohmann::json::object(), bearer(token));
    EXPECT_EQ(res->status, 201) << res->body;
    return body_json(res)["url"].get<std::string>();
  };
  std::string token = testing::login(client, "staff.chuo");
  std::string url = link(token);
  ASSERT_EQ(client.Get(url.c_str())->status, 200);
  ASSERT_EQ(
      post_json(client, "/api/v1/me/password",
                {{"current_password", kDemoPassword}, {"new_password", "a brand new long phrase"}},
                bearer(token))
          ->status,
      204);
  EXPECT_EQ(client.Get(url.c_str())->status, 404) << "own password change";

  // An admin's reset revokes it too.
  std::string partner = testing::login(client, "partner.itokonchi");
  std::string partner_url = link(partner);
  std::string admin = testing::login(client, "admin");
  std::string partner_id = body_json(client.Get("/api/v1/me", bearer(partner)))["id"];
  auto reset = client.Patch(("/api/v1/users/" + partner_id).c_str(), bearer(admin),
                            nlohmann::json{{"password", "reset by the admin 2026"}}.dump(),
                            "application/json");
  ASSERT_EQ(reset->status, 200) << reset->body;
  EXPECT_EQ(client.Get(partner_url.c_str())->status, 404) << "admin reset";
}

// Regression: a role that did not decode was read as "auditor".
TEST(FailClosedTest, AStoredRoleThatDoesNotDecodeGrantsNothing) {
  TestServer server(testing::auth_config());
  auto client = server.client();
  std::string token = testing::login(client, "auditor");
  ASSERT_EQ(client.Get("/api/v1/audit", bearer(token))->status, 200);
  {
    storage::Connection raw({server.db_path()});
    raw.exec(
        "PRAGMA ignore_check_constraints = ON;"
        "UPDATE users SET role = 'superuser' WHERE username = 'auditor';");
  }
  auto res = client.Get("/api/v1/audit", bearer(token));
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(body_json(res)["detail"].get<std::string>().find("superuser"), std::string::npos);
}

class DeniedReadTest : public testing::CaseApiTest {
 protected:
  int denied_entries(const std::string& case_id) {
    auto page = body_json(get("auditor", "/api/v1/audit?per_page=200"));
    int n = 0;
    for (const auto& e : page["items"])
      n += e["action"] == "case.read_denied" && e["case_id"] == case_id;
    return n;
  }
};

// Regression: a read of another ward's case left no trace.
TEST_F(DeniedReadTest, OutOfScopeReadsAreAuditedAndLookLikeUnknownIds) {
  std::string id = create_case();
  auto unknown = get("coord.kita", "/api/v1/cases/00000000-0000-4000-8000-000000000000");
  auto other_ward = get("coord.kita", "/api/v1/cases/" + id);
  ASSERT_EQ(other_ward->status, 404);
  auto a = body_json(other_ward), b = body_json(unknown);
  for (const char* field : {"type", "title", "status", "detail"})
    EXPECT_EQ(a[field], b[field]) << field;
  EXPECT_EQ(get("coord.kita", "/api/v1/cases/" + id + "/events")->status, 404);
  EXPECT_EQ(get("admin", "/api/v1/cases/" + id)->status, 403);
  EXPECT_EQ(denied_entries(id), 3);
  // An unknown id is not an existing case: nothing to record about it.
  EXPECT_EQ(denied_entries("00000000-0000-4000-8000-000000000000"), 0);
}

TEST_F(DeniedReadTest, CloseChecksTheWriteScope) {
  std::string id = create_case();
  auto res = post("coord.kita", "/api/v1/cases/" + id + "/close", {{"reason", "moved away"}});
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/cases/" + id))["status"], "open");
}

}  // namespace
}  // namespace tsunagu
