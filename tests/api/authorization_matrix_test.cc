// Every route that exists × every role (and anonymous), through HTTP. The list of routes comes
// from the router itself, so a new route without a row here fails the test: add its row.
#include <gtest/gtest.h>

#include <map>

#include "http/metrics.h"
#include "http/routes.h"
#include "storage/database.h"
#include "support/seed_ids.h"
#include "support/test_support.h"

namespace tsunagu {
namespace {

using testing::bearer;
using testing::kItokonchi;
using testing::TestServer;

constexpr char kCoordKita[] = "b0000000-0000-4000-8000-000000000004";
// Well-formed ids of nothing: whether the answer is 403 or 404 shows the role check comes first.
constexpr char kNoSuchId[] = "00000000-0000-4000-8000-0000000000ff";

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
      // Sign-in is public; a wrong password is 401 for everyone, until the sixth wrong guess of
      // one username from one address is throttled (429).
      {"POST /api/v1/auth/login",
       {"/api/v1/auth/login",
        R"({"username":"admin","password":"not the password"})",
        {401, 401, 401, 401, 401, 429}}},
      {"GET /api/v1/me", {"/api/v1/me", "", {401, 200, 200, 200, 200, 200}}},
      {"POST /api/v1/me/password",
       {"/api/v1/me/password",
        R"({"current_password":"wrong current pw","new_password":"x y z 1 2 3 4 5"})",
        {401, 422, 422, 422, 422, 422}}},
      // The admin lists accounts; coordinators and ward staff the names of their wards' users.
      {"GET /api/v1/users", {"/api/v1/users", "", {401, 200, 200, 200, 403, 403}}},
      // The browser's cookie session: sign-in is public (a body without a password is 422, not a
      // failure the throttle counts); bearer callers have no session, so 401 for everyone.
      {"POST /api/v1/auth/session",
       {"/api/v1/auth/session", R"({"username":"admin"})", {422, 422, 422, 422, 422, 422}}},
      {"GET /api/v1/auth/session", {"/api/v1/auth/session", "", {401, 401, 401, 401, 401, 401}}},
      {"DELETE /api/v1/auth/session", {"/api/v1/auth/session", "", {401, 401, 401, 401, 401, 401}}},
      {"GET /api/v1/reference", {"/api/v1/reference", "", {401, 200, 200, 200, 200, 200}}},
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
      // The directory (issue 5): public reads, admin and the organization's own staff write.
      {"GET /api/v1/organizations",
       {"/api/v1/organizations?q=保育", "", {200, 200, 200, 200, 200, 200}}},
      {"POST /api/v1/organizations",
       {"/api/v1/organizations",
        R"({"name":"マトリクス子ども食堂","category":"npo","wards":["chuo"]})",
        {401, 201, 403, 403, 403, 403}}},
      {"GET /api/v1/organizations/([^/]+)",
       {std::string("/api/v1/organizations/") + kItokonchi, "", {200, 200, 200, 200, 200, 200}}},
      {"PATCH /api/v1/organizations/([^/]+)",
       {std::string("/api/v1/organizations/") + kItokonchi,
        R"({"description":"10代の居場所"})",
        {401, 200, 403, 403, 200, 403}}},
      {"DELETE /api/v1/organizations/([^/]+)",
       {std::string("/api/v1/organizations/") + kNoSuchId, "", {401, 404, 403, 403, 403, 403}}},
      {"PUT /api/v1/organizations/([^/]+)/capacity",
       {std::string("/api/v1/organizations/") + kItokonchi + "/capacity",
        R"({"status":"limited","note":"残り2名"})",
        {401, 200, 403, 403, 200, 403}}},
      {"GET /api/v1/organizations/([^/]+)/services",
       {std::string("/api/v1/organizations/") + kItokonchi + "/services",
        "",
        {200, 200, 200, 200, 200, 200}}},
      {"POST /api/v1/organizations/([^/]+)/services",
       {std::string("/api/v1/organizations/") + kItokonchi + "/services",
        R"({"name":"夜の学習支援"})",
        {401, 201, 403, 403, 201, 403}}},
      {"GET /api/v1/services/([^/]+)",
       {std::string("/api/v1/services/") + kNoSuchId, "", {404, 404, 404, 404, 404, 404}}},
      {"PATCH /api/v1/services/([^/]+)",
       {std::string("/api/v1/services/") + kNoSuchId,
        R"({"fee":"無料"})",
        {401, 404, 403, 403, 404, 403}}},
      {"DELETE /api/v1/services/([^/]+)",
       {std::string("/api/v1/services/") + kNoSuchId, "", {401, 404, 403, 403, 404, 403}}},
      {"GET /hsds/?", {"/hsds/", "", {200, 200, 200, 200, 200, 200}}},
      {"GET /hsds/organizations", {"/hsds/organizations", "", {200, 200, 200, 200, 200, 200}}},
      {"GET /hsds/organizations/([^/]+)",
       {std::string("/hsds/organizations/") + kItokonchi, "", {200, 200, 200, 200, 200, 200}}},
      {"GET /hsds/services", {"/hsds/services", "", {200, 200, 200, 200, 200, 200}}},
      {"GET /hsds/services/([^/]+)",
       {std::string("/hsds/services/") + kNoSuchId, "", {404, 404, 404, 404, 404, 404}}},
      {"GET /hsds/service_at_locations",
       {"/hsds/service_at_locations", "", {200, 200, 200, 200, 200, 200}}},
      {"GET /hsds/service_at_locations/([^/]+)",
       {std::string("/hsds/service_at_locations/") + kNoSuchId,
        "",
        {404, 404, 404, 404, 404, 404}}},
      {"GET /hsds/taxonomies", {"/hsds/taxonomies", "", {200, 200, 200, 200, 200, 200}}},
      {"GET /hsds/taxonomies/([^/]+)",
       {"/hsds/taxonomies/c0000000-0000-4000-8000-000000000000",
        "",
        {200, 200, 200, 200, 200, 200}}},
      {"GET /hsds/taxonomy_terms", {"/hsds/taxonomy_terms", "", {200, 200, 200, 200, 200, 200}}},
      {"GET /hsds/taxonomy_terms/([^/]+)",
       {"/hsds/taxonomy_terms/c0000000-0000-4000-8000-000000000002",
        "",
        {200, 200, 200, 200, 200, 200}}},
      // Cases and referrals (issue 6): ward roles in their wards, partners their inbox, admin and
      // auditor no case content at all.
      {"GET /api/v1/cases", {"/api/v1/cases", "", {401, 403, 200, 200, 403, 403}}},
      {"POST /api/v1/cases",
       {"/api/v1/cases",
        R"({"ward":"chuo","case_ref":"M-1","household_label":"M.","risk_level":"low"})",
        {401, 403, 201, 409, 403, 403}}},  // staff.chuo comes second: the number is taken
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})",
       {std::string("/api/v1/cases/") + kNoSuchId, "", {401, 403, 404, 404, 403, 403}}},
      {"PATCH /api/v1/cases/([0-9a-fA-F-]{1,64})",
       {std::string("/api/v1/cases/") + kNoSuchId,
        R"({"risk_level":"high"})",
        {401, 403, 404, 404, 403, 403}}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/close",
       {std::string("/api/v1/cases/") + kNoSuchId + "/close",
        R"({"reason":"転出"})",
        {401, 403, 404, 404, 403, 403}}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/reopen",
       {std::string("/api/v1/cases/") + kNoSuchId + "/reopen",
        R"({"reason":"再転入"})",
        {401, 403, 404, 404, 403, 403}}},
      {"GET /api/v1/referrals", {"/api/v1/referrals", "", {401, 403, 200, 200, 200, 403}}},
      {"POST /api/v1/referrals",
       {"/api/v1/referrals",
        std::string(R"({"case_id":")") + kNoSuchId + R"(","organization_id":")" + kItokonchi +
            R"(","summary":"s"})",
        {401, 403, 422, 422, 403, 403}}},
      {"GET /api/v1/referrals/([0-9a-fA-F-]{1,64})",
       {std::string("/api/v1/referrals/") + kNoSuchId, "", {401, 403, 404, 404, 404, 403}}},
      {"PATCH /api/v1/referrals/([0-9a-fA-F-]{1,64})",
       {std::string("/api/v1/referrals/") + kNoSuchId,
        R"({"summary":"s"})",
        {401, 403, 404, 404, 403, 403}}},
      {"GET /api/v1/referrals/([0-9a-fA-F-]{1,64})/events",
       {std::string("/api/v1/referrals/") + kNoSuchId + "/events",
        "",
        {401, 403, 404, 404, 404, 403}}},
      {"POST /api/v1/referrals/([0-9a-fA-F-]{1,64})/transitions",
       {std::string("/api/v1/referrals/") + kNoSuchId + "/transitions",
        R"({"to":"accepted"})",
        {401, 403, 404, 404, 404, 403}}},
      {"GET /api/v1/notifications", {"/api/v1/notifications", "", {401, 200, 200, 200, 200, 200}}},
      {"POST /api/v1/notifications/([0-9a-fA-F-]{1,64})/read",
       {"/api/v1/notifications/0123456789abcdef0123456789abcdef/read",
        "{}",
        {401, 404, 404, 404, 404, 404}}},
      {"POST /api/v1/notifications/read-all",
       {"/api/v1/notifications/read-all", "{}", {401, 200, 200, 200, 200, 200}}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/events",
       {std::string("/api/v1/cases/") + kNoSuchId + "/events", "", {401, 403, 404, 404, 403, 403}}},
      // Casework: like every case route, the role's 403 for whoever never reads cases, and the
      // one 404 for an unknown or out-of-scope case; transfers are the wards' business.
      {"GET /api/v1/assessment-forms",
       {"/api/v1/assessment-forms", "", {401, 403, 200, 200, 403, 403}}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/assessments",
       {std::string("/api/v1/cases/") + kNoSuchId + "/assessments",
        "",
        {401, 403, 404, 404, 403, 403}}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/assessments",
       {std::string("/api/v1/cases/") + kNoSuchId + "/assessments",
        R"({"form":"specified_pregnancy","assessed_on":"2026-04-01","answers":{}})",
        {401, 403, 404, 404, 403, 403}}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/assessments/([0-9a-fA-F-]{1,64})",
       {std::string("/api/v1/cases/") + kNoSuchId + "/assessments/" + kNoSuchId,
        "",
        {401, 403, 404, 404, 403, 403}}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/assessments/([0-9a-fA-F-]{1,64})/determination",
       {std::string("/api/v1/cases/") + kNoSuchId + "/assessments/" + kNoSuchId + "/determination",
        R"({"specified_pregnancy":true,"risk_level":"high"})",
        {401, 403, 404, 404, 403, 403}}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/contacts",
       {std::string("/api/v1/cases/") + kNoSuchId + "/contacts",
        "",
        {401, 403, 404, 404, 403, 403}}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/contacts",
       {std::string("/api/v1/cases/") + kNoSuchId + "/contacts",
        R"({"kind":"phone","on":"2026-04-01","summary":"x"})",
        {401, 403, 404, 404, 403, 403}}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/contacts/([0-9a-fA-F-]{1,64})",
       {std::string("/api/v1/cases/") + kNoSuchId + "/contacts/" + kNoSuchId,
        "",
        {401, 403, 404, 404, 403, 403}}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/timeline",
       {std::string("/api/v1/cases/") + kNoSuchId + "/timeline",
        "",
        {401, 403, 404, 404, 403, 403}}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/transfers",
       {std::string("/api/v1/cases/") + kNoSuchId + "/transfers",
        R"({"to_ward":"kita","reason":"転居"})",
        {401, 403, 404, 404, 403, 403}}},
      {"GET /api/v1/transfers", {"/api/v1/transfers", "", {401, 403, 200, 200, 403, 403}}},
      {"GET /api/v1/transfers/([0-9a-fA-F-]{1,64})",
       {std::string("/api/v1/transfers/") + kNoSuchId, "", {401, 403, 404, 404, 403, 403}}},
      {"POST /api/v1/transfers/([0-9a-fA-F-]{1,64})/transitions",
       {std::string("/api/v1/transfers/") + kNoSuchId + "/transitions",
        R"({"to":"accepted"})",
        {401, 403, 404, 404, 403, 403}}},
      // Meetings (issue 7): ward roles run their wards' meetings; partners read those they
      // were invited to and move their own action items on.
      {"GET /api/v1/meetings", {"/api/v1/meetings", "", {401, 403, 200, 200, 200, 403}}},
      {"POST /api/v1/meetings",
       {"/api/v1/meetings",
        R"({"kind":"roundtable","title":"すすきの座談会","ward":"chuo",)"
        R"("starts_at":"2026-04-02T18:30:00+09:00","ends_at":"2026-04-02T20:00:00+09:00"})",
        {401, 403, 201, 201, 403, 403}}},
      {"GET /api/v1/meetings/([0-9a-fA-F-]{1,64})",
       {std::string("/api/v1/meetings/") + kNoSuchId, "", {401, 403, 404, 404, 404, 403}}},
      {"PATCH /api/v1/meetings/([0-9a-fA-F-]{1,64})",
       {std::string("/api/v1/meetings/") + kNoSuchId,
        R"({"minutes":"x"})",
        {401, 403, 404, 404, 403, 403}}},
      {"POST /api/v1/meetings/([0-9a-fA-F-]{1,64})/decisions",
       {std::string("/api/v1/meetings/") + kNoSuchId + "/decisions",
        R"({"text":"x"})",
        {401, 403, 404, 404, 403, 403}}},
      {"GET /api/v1/meetings/([0-9a-fA-F-]{1,64})/suggested-agenda",
       {std::string("/api/v1/meetings/") + kNoSuchId + "/suggested-agenda",
        "",
        {401, 403, 404, 404, 403, 403}}},
      {"POST /api/v1/meetings/([0-9a-fA-F-]{1,64})/suggested-agenda/adopt",
       {std::string("/api/v1/meetings/") + kNoSuchId + "/suggested-agenda/adopt",
        "",
        {401, 403, 404, 404, 403, 403}}},
      {"POST /api/v1/meetings/([0-9a-fA-F-]{1,64})/action-items",
       {std::string("/api/v1/meetings/") + kNoSuchId + "/action-items",
        std::string(R"({"title":"x","owner_organization_id":")") + kItokonchi + R"("})",
        {401, 403, 404, 404, 403, 403}}},
      {"GET /api/v1/meetings/network",
       {"/api/v1/meetings/network?ward=chuo", "", {401, 403, 200, 200, 403, 403}}},
      // Reports: ward roles and partners (their own figures); the home screen for everyone.
      {"GET /api/v1/overview", {"/api/v1/overview", "", {401, 200, 200, 200, 200, 200}}},
      {"GET /api/v1/reports/gaps",
       {"/api/v1/reports/gaps?ward=chuo", "", {401, 403, 200, 200, 200, 403}}},
      {"GET /api/v1/reports/referrals",
       {"/api/v1/reports/referrals?ward=chuo", "", {401, 403, 200, 200, 200, 403}}},
      {"GET /api/v1/network", {"/api/v1/network?ward=chuo", "", {401, 403, 200, 200, 200, 403}}},
      {"GET /api/v1/me/calendar.ics",
       {"/api/v1/me/calendar.ics", "", {401, 403, 200, 200, 200, 403}}},
      {"POST /api/v1/me/calendar-link",
       {"/api/v1/me/calendar-link", "{}", {401, 403, 201, 201, 201, 403}}},
      {"DELETE /api/v1/me/calendar-link",
       {"/api/v1/me/calendar-link", "", {401, 403, 204, 204, 204, 403}}},
      // The token is the credential: an unknown one is 404 whoever asks.
      {"GET /api/v1/calendar/([0-9a-f]{64})\\.ics",
       {"/api/v1/calendar/" + std::string(64, 'a') + ".ics", "", {404, 404, 404, 404, 404, 404}}},
      {"GET /api/v1/action-items", {"/api/v1/action-items", "", {401, 403, 200, 200, 200, 403}}},
      {"GET /api/v1/action-items/([0-9a-fA-F-]{1,64})",
       {std::string("/api/v1/action-items/") + kNoSuchId, "", {401, 403, 404, 404, 404, 403}}},
      {"PATCH /api/v1/action-items/([0-9a-fA-F-]{1,64})",
       {std::string("/api/v1/action-items/") + kNoSuchId,
        R"({"status":"done"})",
        {401, 403, 404, 404, 404, 403}}},
      // Last, because it ends the session it is probed with.
      {"POST /api/v1/auth/logout", {"/api/v1/auth/logout", "", {401, 204, 204, 204, 204, 204}}},
  };
  return table;
}

std::vector<std::string> registered_routes() {
  httplib::Server server;
  http::Router router(server);
  http::Metrics metrics;
  // Registration may bind the database and clock; no handler runs here.
  testing::TempDir dir;
  auto db = storage::Database::open({dir.file("routes.db")});
  EXPECT_TRUE(db.ok());
  FakeClock clock(testing::test_epoch());
  http::Services services;
  services.db = db->get();
  services.clock = &clock;
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
          : method == "PUT"  ? c.Put(probe.path.c_str(), headers, probe.body, "application/json")
          : method == "DELETE"
              ? c.Delete(probe.path.c_str(), headers)
              : c.Patch(probe.path.c_str(), headers, probe.body, "application/json");
      ASSERT_TRUE(res) << route;
      EXPECT_EQ(res->status, probe.status[who])
          << route << " as " << (users[who] ? users[who] : "anonymous") << ": " << res->body;
    }
  }
}

}  // namespace
}  // namespace tsunagu
