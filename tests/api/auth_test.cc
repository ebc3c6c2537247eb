// Signing in and out through HTTP, as a client meets it: enumeration-safe answers, lockout,
// expiry on the server's clock, revocation, and refused mass assignment.
#include <gtest/gtest.h>

#include "common/hash.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu {
namespace {

using std::chrono::minutes;
using testing::bearer;
using testing::body_json;
using testing::kDemoPassword;
using testing::post_json;
using testing::TestServer;

class AuthApiTest : public ::testing::Test {
 protected:
  httplib::Result try_login(const std::string& user, const std::string& password) {
    return post_json(client_, "/api/v1/auth/login", {{"username", user}, {"password", password}});
  }
  int me(const std::string& token) { return client_.Get("/api/v1/me", bearer(token))->status; }
  std::string id_of(const std::string& username) {
    auto admin = testing::login(client_, "admin");
    auto list = body_json(client_.Get("/api/v1/users?per_page=200", bearer(admin)));
    for (const auto& u : list["items"]) {
      if (u["username"] == username) return u["id"];
    }
    return "";
  }
  httplib::Result patch_user(const std::string& token, const std::string& id,
                             const nlohmann::json& body) {
    auto res = client_.Patch(("/api/v1/users/" + id).c_str(), bearer(token), body.dump(),
                             "application/json");
    return res;
  }

  TestServer server_{testing::auth_config()};
  httplib::Client client_ = server_.client();
};

TEST_F(AuthApiTest, SignInReturnsATokenThatWorks) {
  auto res = try_login("coord.chuo", kDemoPassword);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto body = body_json(res);
  EXPECT_EQ(body["user"]["role"], "coordinator");
  EXPECT_EQ(body["user"]["wards"], nlohmann::json::array({"chuo"}));
  EXPECT_FALSE(body["user"].contains("password_hash"));
  EXPECT_EQ(body["expires_at"], "2026-04-01T21:00:00+09:00");  // 12 h after sign-in
  auto me = client_.Get("/api/v1/me", bearer(body["token"]));
  ASSERT_EQ(me->status, 200);
  EXPECT_EQ(body_json(me)["username"], "coord.chuo");
}

TEST_F(AuthApiTest, UnknownUserAndWrongPasswordLookTheSame) {
  auto unknown = try_login("no.such.user", kDemoPassword);
  auto wrong = try_login("coord.chuo", "not the password at all");
  ASSERT_TRUE(unknown && wrong);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->body, wrong->body);
  EXPECT_EQ(unknown->get_header_value("Content-Type"), wrong->get_header_value("Content-Type"));
  // A disabled account answers the same too.
  auto admin = testing::login(client_, "admin");
  ASSERT_EQ(patch_user(admin, id_of("staff.chuo"), {{"disabled", true}})->status, 200);
  auto disabled = try_login("staff.chuo", kDemoPassword);
  EXPECT_EQ(disabled->status, 401);
  EXPECT_EQ(disabled->body, wrong->body);
}

TEST(AuthTimingTest, UnknownUserCostsAsMuchAsAWrongPassword) {
  app::Config config = testing::auth_config();
  config.cheap_password_hashing_for_tests = false;  // the real 19 MiB Argon2id
  TestServer server(config);
  auto c = server.client();
  auto time_login = [&](const std::string& user) {
    auto start = std::chrono::steady_clock::now();
    auto res =
        post_json(c, "/api/v1/auth/login", {{"username", user}, {"password", "wrong wrong wrong"}});
    EXPECT_EQ(res->status, 401);
    return std::chrono::steady_clock::now() - start;
  };
  std::vector<std::chrono::nanoseconds> unknown, known;
  for (int i = 0; i < 3; ++i) {
    unknown.push_back(time_login("nobody" + std::to_string(i)));
    known.push_back(time_login(i == 0 ? "admin" : i == 1 ? "auditor" : "coord.kita"));
  }
  std::sort(unknown.begin(), unknown.end());
  std::sort(known.begin(), known.end());
  // Without the dummy hash an unknown user would answer ~50× faster; allow generous noise.
  EXPECT_GT(unknown[1] * 3, known[1]);
  EXPECT_GT(known[1] * 3, unknown[1]);
}

TEST_F(AuthApiTest, FiveFailuresLockTheUsernameWithRetryAfter) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(try_login("coord.chuo", "wrong password " + std::to_string(i))->status, 401);
  auto locked = try_login("coord.chuo", kDemoPassword);  // even the right password
  ASSERT_EQ(locked->status, 429);
  int retry = std::stoi(locked->get_header_value("Retry-After"));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 15 * 60);
  EXPECT_EQ(body_json(locked)["type"], "https://tsunagu.example/problems/too-many-requests");
  // Unknown usernames lock the same way, so a lockout reveals nothing.
  for (int i = 0; i < 5; ++i) try_login("ghost.user", "wrong password x");
  EXPECT_EQ(try_login("ghost.user", "wrong password x")->status, 429);
  // Other users can still sign in; the locked one can after the window.
  EXPECT_EQ(try_login("coord.kita", kDemoPassword)->status, 200);
  server_.clock().advance(std::chrono::seconds(retry));
  EXPECT_EQ(try_login("coord.chuo", kDemoPassword)->status, 200);
}

TEST_F(AuthApiTest, OneAddressTryingManyUsernamesIsThrottled) {
  for (int i = 0; i < 20; ++i) try_login("spray" + std::to_string(i), "wrong password x");
  auto res = try_login("coord.chuo", kDemoPassword);
  EXPECT_EQ(res->status, 429);
  EXPECT_TRUE(res->has_header("Retry-After"));
}

TEST_F(AuthApiTest, TokensExpireWhenIdleAndAfterTwelveHours) {
  std::string token = testing::login(client_, "staff.chuo");
  server_.clock().advance(minutes(29));
  EXPECT_EQ(me(token), 200);
  server_.clock().advance(minutes(29));  // used 29 minutes ago: still alive
  EXPECT_EQ(me(token), 200);
  server_.clock().advance(minutes(31));
  auto expired = client_.Get("/api/v1/me", bearer(token));
  EXPECT_EQ(expired->status, 401);
  EXPECT_NE(body_json(expired)["detail"].get<std::string>().find("expired"), std::string::npos);

  std::string busy = testing::login(client_, "staff.chuo");
  for (int i = 0; i < 24; ++i) {
    server_.clock().advance(minutes(29));
    ASSERT_EQ(me(busy), 200) << "after " << (i + 1) * 29 << " minutes";
  }
  server_.clock().advance(minutes(29));  // 12 h 5 min after sign-in
  EXPECT_EQ(me(busy), 401);
}

TEST_F(AuthApiTest, LogoutRevokesOnlyThatToken) {
  std::string a = testing::login(client_, "partner.night");
  std::string b = testing::login(client_, "partner.night");
  auto out = client_.Post("/api/v1/auth/logout", bearer(a), "", "application/json");
  EXPECT_EQ(out->status, 204);
  EXPECT_EQ(me(a), 401);
  EXPECT_EQ(me(b), 200);
  EXPECT_EQ(client_.Post("/api/v1/auth/logout", bearer(a), "", "application/json")->status, 401);
}

TEST_F(AuthApiTest, DisablingAUserRevokesTheirTokensAtOnce) {
  std::string token = testing::login(client_, "coord.kita");
  ASSERT_EQ(me(token), 200);
  auto admin = testing::login(client_, "admin");
  ASSERT_EQ(patch_user(admin, id_of("coord.kita"), {{"disabled", true}})->status, 200);
  EXPECT_EQ(me(token), 401);
  ASSERT_EQ(patch_user(admin, id_of("coord.kita"), {{"disabled", false}})->status, 200);
  EXPECT_EQ(me(token), 401) << "re-enabling does not revive old tokens";
  EXPECT_EQ(try_login("coord.kita", kDemoPassword)->status, 200);
}

TEST_F(AuthApiTest, PasswordChangesRevokeTokens) {
  std::string token = testing::login(client_, "auditor");
  auto admin = testing::login(client_, "admin");
  ASSERT_EQ(patch_user(admin, id_of("auditor"), {{"password", "reset by the admin 1"}})->status,
            200);
  EXPECT_EQ(me(token), 401);
  EXPECT_EQ(try_login("auditor", kDemoPassword)->status, 401);

  token = testing::login(client_, "auditor", "reset by the admin 1");
  auto wrong = post_json(
      client_, "/api/v1/me/password",
      {{"current_password", "not it at all"}, {"new_password", "my own phrase 22"}}, bearer(token));
  EXPECT_EQ(wrong->status, 422);
  EXPECT_EQ(body_json(wrong)["errors"][0]["field"], "current_password");
  auto changed = post_json(
      client_, "/api/v1/me/password",
      {{"current_password", "reset by the admin 1"}, {"new_password", "my own phrase 22"}},
      bearer(token));
  EXPECT_EQ(changed->status, 204);
  EXPECT_EQ(me(token), 401);
  EXPECT_EQ(try_login("auditor", "my own phrase 22")->status, 200);
}

TEST_F(AuthApiTest, MalformedAndForeignTokensAre401) {
  for (const char* header :
       {"Bearer", "Bearer abc", "Basic YWRtaW46eA==",
        "Bearer 0000000000000000000000000000000000000000000000000000000000000000"}) {
    auto res = client_.Get("/api/v1/me", httplib::Headers{{"Authorization", header}});
    EXPECT_EQ(res->status, 401) << header;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  }
  EXPECT_EQ(client_.Get("/api/v1/me")->status, 401);
}

TEST_F(AuthApiTest, NobodyCanAssignThemselvesARoleOrScope) {
  // Extra fields on sign-in are refused, not ignored.
  auto login = post_json(
      client_, "/api/v1/auth/login",
      {{"username", "partner.itokonchi"}, {"password", kDemoPassword}, {"role", "admin"}});
  ASSERT_EQ(login->status, 422);
  EXPECT_EQ(body_json(login)["errors"][0]["field"], "role");
  std::string partner = testing::login(client_, "partner.itokonchi");
  // There is no way to edit oneself but the password.
  auto self =
      client_.Patch("/api/v1/me", bearer(partner), R"({"role":"admin"})", "application/json");
  EXPECT_EQ(self->status, 405);
  auto own = patch_user(partner, id_of("partner.itokonchi"),
                        {{"organization_id", "a0000000-0000-4000-8000-000000000002"}});
  EXPECT_EQ(own->status, 403);
  auto pw = post_json(client_, "/api/v1/me/password",
                      {{"current_password", kDemoPassword},
                       {"new_password", "x long new phrase"},
                       {"wards", {"chuo"}}},
                      bearer(partner));
  EXPECT_EQ(pw->status, 422);
  EXPECT_EQ(body_json(pw)["errors"][0]["field"], "wards");
  // Even an admin cannot set fields that are not part of a user.
  auto admin = testing::login(client_, "admin");
  auto extra = patch_user(admin, id_of("partner.itokonchi"),
                          {{"username", "root"}, {"version", 9}, {"password_hash", "x"}});
  ASSERT_EQ(extra->status, 422);
  EXPECT_EQ(body_json(extra)["errors"].size(), 3u);
  auto me = body_json(client_.Get("/api/v1/me", bearer(partner)));
  EXPECT_EQ(me["role"], "partner");
  EXPECT_EQ(me["organization_id"], "a0000000-0000-4000-8000-000000000001");
}

// An admin's retry of POST /users makes one account. The password is left out of the comparison,
// so the key table holds nothing derived from it.
TEST_F(AuthApiTest, IdempotencyKeyCreatesOneUserAndKeepsNoTraceOfThePassword) {
  auto admin = testing::login(client_, "admin");
  nlohmann::json body = {{"username", "hokenshi.minami"},
                         {"display_name", "南区 保健師"},
                         {"role", "ward_staff"},
                         {"wards", {"minami"}},
                         {"password", "first long passphrase"}};
  auto headers = bearer(admin);
  headers.emplace("Idempotency-Key", "new-staff-april");
  auto first = post_json(client_, "/api/v1/users", body, headers);
  ASSERT_EQ(first->status, 201) << first->body;
  EXPECT_EQ(first->get_header_value("Idempotent-Replayed"), "");
  auto again = post_json(client_, "/api/v1/users", body, headers);
  ASSERT_EQ(again->status, 201) << again->body;  // not 409 for the taken username
  EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(body_json(again)["id"], body_json(first)["id"]);
  EXPECT_EQ(again->get_header_value("Location"), "/api/v1/users/" + id_of("hokenshi.minami"));

  // Another password under the same key is the same request: the first account, unchanged.
  body["password"] = "second long passphrase";
  auto other_password = post_json(client_, "/api/v1/users", body, headers);
  ASSERT_EQ(other_password->status, 201);
  EXPECT_EQ(body_json(other_password)["id"], body_json(first)["id"]);
  EXPECT_EQ(try_login("hokenshi.minami", "first long passphrase")->status, 200);
  EXPECT_EQ(try_login("hokenshi.minami", "second long passphrase")->status, 401);
  // Anything else under the same key is refused.
  body["display_name"] = "別の人";
  auto changed = post_json(client_, "/api/v1/users", body, headers);
  ASSERT_EQ(changed->status, 422) << changed->body;
  EXPECT_EQ(body_json(changed)["errors"][0]["field"], "Idempotency-Key");

  auto stored = server_.app().database().read([](storage::Connection& c) -> Result<std::string> {
    auto s = c.prepare("SELECT request_hash FROM idempotency_keys WHERE key = 'new-staff-april'");
    if (!s.step()) return Error::NotFound("no key");
    return s.text(0);
  });
  ASSERT_OK(stored);
  nlohmann::json without = body;
  without.erase("password");
  without["display_name"] = "南区 保健師";
  EXPECT_EQ(*stored, sha256_hex("/api/v1/users\n" + without.dump()));
}

}  // namespace
}  // namespace tsunagu
