// Every route that exists × every role (and anonymous), through HTTP. The list of routes comes
// from the router itself, so a new route without a row here fails the test: add its row.
#include <gtest/gtest.h>

#include <map>

#include "http/metrics.h"
#include "http/routes.h"
#include "support/test_support.h"

namespace tsunagu {
namespace {

using testing::bearer;
using testing::TestServer;

constexpr char kCoordKita[] = "b0000000-0000-4000-8000-000000000004";

struct Probe {
  std::string path;  // a concrete path for the pattern
  std::string body;  // for POST/PATCH: a valid body, so only authorisation decides
  // Expected status: anonymous, admin, coordinator, ward_staff, partner, auditor.
  std::array<int, 6> status;
};

// Key: "METHOD pattern". Bodies that change state are chosen to be repeatable.
const std::map<std::string, Probe>& probes() {
  static const std::map<std::string, Probe> table = {
      {"GET /healthz", {"/healthz", "", {200, 200, 200, 200, 200, 200}}},
      {"GET /metrics", {"/metrics", "", {200, 200, 200, 200, 200, 200}}},
      {"GET /api/v1/wards", {"/api/v1/wards", "", {200, 200, 200, 200, 200, 200}}},
      // Sign-in is public; a wrong password is 401 for everyone.
      {"POST /api/v1/auth/login",
       {"/api/v1/auth/login",
        R"({"username":"admin","password":"not the password"})",
        {401, 401, 401, 401, 401, 401}}},
      {"GET /api/v1/me", {"/api/v1/me", "", {401, 200, 200, 200, 200, 200}}},
      {"POST /api/v1/me/password",
       {"/api/v1/me/password",
        R"({"current_password":"wrong current pw","new_password":"x y z 1 2 3 4 5"})",
        {401, 422, 422, 422, 422, 422}}},
      {"GET /api/v1/users", {"/api/v1/users", "", {401, 200, 403, 403, 403, 403}}},
      {"POST /api/v1/users",
       {"/api/v1/users",
        R"({"username":"admin","display_name":"dup","role":"auditor","password":"a strong phrase 1"})",
        {401, 409, 403, 403, 403, 403}}},
      {"GET /api/v1/users/([^/]+)",
       {std::string("/api/v1/users/") + kCoordKita, "", {401, 200, 403, 403, 403, 403}}},
      {"PATCH /api/v1/users/([^/]+)",
       {std::string("/api/v1/users/") + kCoordKita,
        R"({"display_name":"北区 係長"})",
        {401, 200, 403, 403, 403, 403}}},
      {"GET /api/v1/audit", {"/api/v1/audit?per_page=1", "", {401, 200, 403, 403, 403, 200}}},
      {"GET /api/v1/audit/verify", {"/api/v1/audit/verify", "", {401, 200, 403, 403, 403, 200}}},
      // Last, because it ends the session it is probed with.
      {"POST /api/v1/auth/logout", {"/api/v1/auth/logout", "", {401, 204, 204, 204, 204, 204}}},
  };
  return table;
}

std::vector<std::string> registered_routes() {
  httplib::Server server;
  http::Router router(server);
  http::Metrics metrics;
  http::Services services;
  http::register_all_routes(router, services, metrics);
  std::vector<std::string> out;
  for (const auto& [pattern, methods] : router.routes()) {
    for (const auto& m : methods) out.push_back(m + " " + pattern);
  }
  return out;
}

TEST(AuthorizationMatrixTest, EveryRouteHasARow) {
  auto routes = registered_routes();
  for (const auto& r : routes) EXPECT_TRUE(probes().contains(r)) << "no matrix row for " << r;
  EXPECT_EQ(routes.size(), probes().size()) << "rows for routes that do not exist";
}

TEST(AuthorizationMatrixTest, EveryRoleAgainstEveryRoute) {
  TestServer server(testing::auth_config());
  auto c = server.client();
  const char* users[] = {nullptr,  "admin", "coord.chuo", "staff.chuo", "partner.itokonchi",
                         "auditor"};
  for (size_t who = 0; who < 6; ++who) {
    std::string token = users[who] ? testing::login(c, users[who]) : "";
    httplib::Headers headers = users[who] ? bearer(token) : httplib::Headers{};
    std::vector<std::pair<std::string, Probe>> ordered;
    for (const auto& [route, probe] : probes()) {
      if (route.find("logout") == std::string::npos) ordered.emplace_back(route, probe);
    }
    ordered.emplace_back("POST /api/v1/auth/logout", probes().at("POST /api/v1/auth/logout"));
    for (const auto& [route, probe] : ordered) {
      std::string method = route.substr(0, route.find(' '));
      httplib::Result res =
          method == "GET"    ? c.Get(probe.path.c_str(), headers)
          : method == "POST" ? c.Post(probe.path.c_str(), headers, probe.body, "application/json")
                             : c.Patch(probe.path.c_str(), headers, probe.body, "application/json");
      ASSERT_TRUE(res) << route;
      EXPECT_EQ(res->status, probe.status[who])
          << route << " as " << (users[who] ? users[who] : "anonymous") << ": " << res->body;
    }
  }
}

}  // namespace
}  // namespace tsunagu
