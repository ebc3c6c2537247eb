// Every route that exists × every role (and anonymous), through HTTP. The list of routes comes
// from the router itself, so a new route without a row here fails the test: add its row.
#include <gtest/gtest.h>

#include <map>

#include "api/meeting_fixture.h"
#include "http/metrics.h"
#include "http/routes.h"
#include "storage/database.h"
#include "support/seed_ids.h"
#include "support/test_support.h"

namespace tsunagu {
namespace {

using testing::bearer;
using testing::kItokonchi;
using testing::kNightNursery;
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
      // The directory: public reads, admin and the organization's own staff write.
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
      // Cases and referrals: ward roles in their wards, partners their inbox, admin and
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
      // Meetings: ward roles run their wards' meetings; partners read those they
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
  // Registration may bind the clock and the services; no handler runs here.
  FakeClock clock(testing::test_epoch());
  http::Services services;
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

// Every route again, each with an object inside the caller's scope and one outside it. The
// objects inside are 中央区's and addressed to (or owned by) いとこんち: in the scope of
// coord.chuo, staff.chuo and partner.itokonchi. The objects outside are 北区's and addressed to
// 夜の居場所. Outside the scope a role that may take the action gets the 404 of an unknown id
// (not_found()); a role that may never take it gets its 403 either way. A placeholder such as
// {case} in a path or body stands for the object of that kind; writes carry a stale If-Match,
// so a write that passes the checks answers 412 and changes nothing.
struct ScopeProbe {
  std::string path;
  std::string body;  // for POST/PATCH/PUT
  bool stale_if_match = false;
  // Expected status: anonymous, admin, coordinator, ward_staff, partner, auditor.
  std::array<int, 6> in, out;
};

constexpr std::array<int, 6> kWardRead{401, 403, 200, 200, 403, 403};
constexpr std::array<int, 6> kWardHidden{401, 403, 404, 404, 403, 403};
constexpr std::array<int, 6> kWardWrite{401, 403, 412, 412, 403, 403};
constexpr std::array<int, 6> kWardCreate{401, 403, 201, 201, 403, 403};
constexpr std::array<int, 6> kSharedRead{401, 403, 200, 200, 200, 403};
constexpr std::array<int, 6> kSharedHidden{401, 403, 404, 404, 404, 403};
constexpr std::array<int, 6> kPublic{200, 200, 200, 200, 200, 200};
// Past the scope, the object's own state answers (the meeting is a roundtable, not yet held).
constexpr std::array<int, 6> kWardState{401, 403, 409, 409, 403, 403};
// Another ward in a new object's body is a field error of that body.
constexpr std::array<int, 6> kWardField{401, 403, 422, 422, 403, 403};

const std::map<std::string, ScopeProbe>& scope_probes() {
  static const std::map<std::string, ScopeProbe> table = {
      // Accounts: the admin's, whatever the scope; ward roles list their own wards' colleagues.
      {"GET /api/v1/users",
       {"/api/v1/users?ward={ward}",
        "",
        false,
        {401, 200, 200, 200, 403, 403},
        {401, 200, 404, 404, 403, 403}}},
      {"GET /api/v1/users/([^/]+)",
       {"/api/v1/users/{user}",
        "",
        false,
        {401, 200, 403, 403, 403, 403},
        {401, 200, 403, 403, 403, 403}}},
      {"PATCH /api/v1/users/([^/]+)",
       {"/api/v1/users/{user}",
        R"({"display_name":"係長"})",
        true,
        {401, 412, 403, 403, 403, 403},
        {401, 412, 403, 403, 403, 403}}},
      // The directory: read by everyone; written by the admin anywhere and by a partner's staff
      // only in their own organization.
      {"GET /api/v1/organizations/([^/]+)",
       {"/api/v1/organizations/{org}", "", false, kPublic, kPublic}},
      {"PATCH /api/v1/organizations/([^/]+)",
       {"/api/v1/organizations/{org}",
        R"({"description":"10代の居場所"})",
        true,
        {401, 412, 403, 403, 412, 403},
        {401, 412, 403, 403, 404, 403}}},
      {"DELETE /api/v1/organizations/([^/]+)",
       {"/api/v1/organizations/{org}",
        "",
        true,
        {401, 412, 403, 403, 403, 403},
        {401, 412, 403, 403, 403, 403}}},
      {"PUT /api/v1/organizations/([^/]+)/capacity",
       {"/api/v1/organizations/{org}/capacity",
        R"({"status":"limited","note":"残り2名"})",
        true,
        {401, 412, 403, 403, 412, 403},
        {401, 412, 403, 403, 404, 403}}},
      {"GET /api/v1/organizations/([^/]+)/services",
       {"/api/v1/organizations/{org}/services", "", false, kPublic, kPublic}},
      {"POST /api/v1/organizations/([^/]+)/services",
       {"/api/v1/organizations/{org}/services",
        R"({"name":"夜の学習支援"})",
        false,
        {401, 201, 403, 403, 201, 403},
        {401, 201, 403, 403, 404, 403}}},
      {"GET /api/v1/services/([^/]+)", {"/api/v1/services/{service}", "", false, kPublic, kPublic}},
      {"PATCH /api/v1/services/([^/]+)",
       {"/api/v1/services/{service}",
        R"({"fee":"無料"})",
        true,
        {401, 412, 403, 403, 412, 403},
        {401, 412, 403, 403, 404, 403}}},
      {"DELETE /api/v1/services/([^/]+)",
       {"/api/v1/services/{service}",
        "",
        true,
        {401, 412, 403, 403, 412, 403},
        {401, 412, 403, 403, 404, 403}}},
      {"GET /hsds/organizations/([^/]+)",
       {"/hsds/organizations/{org}", "", false, kPublic, kPublic}},
      {"GET /hsds/services/([^/]+)", {"/hsds/services/{service}", "", false, kPublic, kPublic}},
      // Cases and their casework: the ward roles of the case's ward.
      {"GET /api/v1/cases", {"/api/v1/cases?ward={ward}", "", false, kWardRead, kWardRead}},
      {"POST /api/v1/cases",
       {"/api/v1/cases",
        R"({"ward":"{ward}","case_ref":"S-1","household_label":"S.","risk_level":"low"})",
        false,
        {401, 403, 201, 409, 403, 403},
        kWardField}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})",
       {"/api/v1/cases/{case}", "", false, kWardRead, kWardHidden}},
      {"PATCH /api/v1/cases/([0-9a-fA-F-]{1,64})",
       {"/api/v1/cases/{case}", R"({"risk_level":"high"})", true, kWardWrite, kWardHidden}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/close",
       {"/api/v1/cases/{case}/close", R"({"reason":"転出"})", true, kWardWrite, kWardHidden}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/reopen",
       {"/api/v1/cases/{case}/reopen", R"({"reason":"再転入"})", true, kWardWrite, kWardHidden}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/events",
       {"/api/v1/cases/{case}/events", "", false, kWardRead, kWardHidden}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/assessments",
       {"/api/v1/cases/{case}/assessments", "", false, kWardRead, kWardHidden}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/assessments",
       {"/api/v1/cases/{case}/assessments",
        R"({"form":"specified_pregnancy","form_version":1,"assessed_on":"2026-04-01",)"
        R"("answers":{"no_prenatal_checkups":true}})",
        false, kWardCreate, kWardHidden}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/assessments/([0-9a-fA-F-]{1,64})",
       {"/api/v1/cases/{case}/assessments/{assessment}", "", false, kWardRead, kWardHidden}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/assessments/([0-9a-fA-F-]{1,64})/determination",
       {"/api/v1/cases/{case}/assessments/{assessment}/determination",
        R"({"specified_pregnancy":true,"risk_level":"high"})",
        true,
        {401, 403, 200, 403, 403, 403},
        {401, 403, 404, 404, 403, 403}}},  // another ward's: not found, before the role
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/contacts",
       {"/api/v1/cases/{case}/contacts", "", false, kWardRead, kWardHidden}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/contacts",
       {"/api/v1/cases/{case}/contacts", R"({"kind":"phone","on":"2026-03-31","summary":"x"})",
        false, kWardCreate, kWardHidden}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/contacts/([0-9a-fA-F-]{1,64})",
       {"/api/v1/cases/{case}/contacts/{contact}", "", false, kWardRead, kWardHidden}},
      {"GET /api/v1/cases/([0-9a-fA-F-]{1,64})/timeline",
       {"/api/v1/cases/{case}/timeline", "", false, kWardRead, kWardHidden}},
      {"POST /api/v1/cases/([0-9a-fA-F-]{1,64})/transfers",
       {"/api/v1/cases/{case}/transfers",
        R"({"to_ward":"nishi","reason":"転居"})",
        false,
        {401, 403, 201, 409, 403, 403},
        kWardHidden}},
      {"GET /api/v1/transfers", {"/api/v1/transfers?ward={ward}", "", false, kWardRead, kWardRead}},
      {"GET /api/v1/transfers/([0-9a-fA-F-]{1,64})",
       {"/api/v1/transfers/{transfer}", "", false, kWardRead, kWardHidden}},
      {"POST /api/v1/transfers/([0-9a-fA-F-]{1,64})/transitions",
       {"/api/v1/transfers/{transfer}/transitions", R"({"to":"withdrawn","reason":"x"})", true,
        kWardWrite, kWardHidden}},
      // Referrals: the sending ward's roles, and the partner they are addressed to.
      {"GET /api/v1/referrals",
       {"/api/v1/referrals?ward={ward}", "", false, kSharedRead, kSharedRead}},
      {"POST /api/v1/referrals",
       {"/api/v1/referrals",
        R"({"case_id":"{case}","organization_id":"{org}","summary":"s"})",
        false,
        kWardCreate,
        {401, 403, 422, 422, 403, 403}}},
      {"GET /api/v1/referrals/([0-9a-fA-F-]{1,64})",
       {"/api/v1/referrals/{referral}", "", false, kSharedRead, kSharedHidden}},
      {"PATCH /api/v1/referrals/([0-9a-fA-F-]{1,64})",
       {"/api/v1/referrals/{referral}", R"({"summary":"s"})", true, kWardWrite, kWardHidden}},
      {"GET /api/v1/referrals/([0-9a-fA-F-]{1,64})/events",
       {"/api/v1/referrals/{referral}/events", "", false, kSharedRead, kSharedHidden}},
      {"POST /api/v1/referrals/([0-9a-fA-F-]{1,64})/transitions",
       {"/api/v1/referrals/{referral}/transitions",
        R"({"to":"accepted"})",
        true,
        {401, 403, 412, 412, 412, 403},
        kSharedHidden}},
      // Meetings: the ward's roles; the partners invited read them and move their items on.
      {"GET /api/v1/meetings",
       {"/api/v1/meetings?ward={ward}", "", false, kSharedRead, kSharedRead}},
      {"POST /api/v1/meetings",
       {"/api/v1/meetings",
        R"({"kind":"roundtable","title":"すすきの座談会","ward":"{ward}",)"
        R"("starts_at":"2026-04-02T18:30:00+09:00","ends_at":"2026-04-02T20:00:00+09:00"})",
        false, kWardCreate, kWardField}},
      {"GET /api/v1/meetings/([0-9a-fA-F-]{1,64})",
       {"/api/v1/meetings/{meeting}", "", false, kSharedRead, kSharedHidden}},
      {"PATCH /api/v1/meetings/([0-9a-fA-F-]{1,64})",
       {"/api/v1/meetings/{meeting}", R"({"minutes":"x"})", true, kWardWrite, kWardHidden}},
      {"POST /api/v1/meetings/([0-9a-fA-F-]{1,64})/decisions",
       {"/api/v1/meetings/{meeting}/decisions", R"({"text":"x"})", false, kWardState, kWardHidden}},
      {"GET /api/v1/meetings/([0-9a-fA-F-]{1,64})/suggested-agenda",
       {"/api/v1/meetings/{meeting}/suggested-agenda", "", false, kWardState, kWardHidden}},
      {"POST /api/v1/meetings/([0-9a-fA-F-]{1,64})/suggested-agenda/adopt",
       {"/api/v1/meetings/{meeting}/suggested-agenda/adopt", "", true, kWardState, kWardHidden}},
      {"POST /api/v1/meetings/([0-9a-fA-F-]{1,64})/action-items",
       {"/api/v1/meetings/{meeting}/action-items",
        R"({"title":"見守りの声かけ","owner_organization_id":"{org}"})", false, kWardCreate,
        kWardHidden}},
      {"GET /api/v1/meetings/network",
       {"/api/v1/meetings/network?ward={ward}", "", false, kWardRead, kWardHidden}},
      {"GET /api/v1/action-items",
       {"/api/v1/action-items?ward={ward}", "", false, kSharedRead, kSharedRead}},
      {"GET /api/v1/action-items/([0-9a-fA-F-]{1,64})",
       {"/api/v1/action-items/{item}", "", false, kSharedRead, kSharedHidden}},
      {"PATCH /api/v1/action-items/([0-9a-fA-F-]{1,64})",
       {"/api/v1/action-items/{item}",
        R"({"status":"done"})",
        true,
        {401, 403, 412, 412, 412, 403},
        kSharedHidden}},
      // Reports: a ward role's wards; a partner's own figures in any ward it serves.
      {"GET /api/v1/reports/gaps",
       {"/api/v1/reports/gaps?ward={ward}",
        "",
        false,
        kSharedRead,
        {401, 403, 404, 404, 200, 403}}},
      {"GET /api/v1/reports/referrals",
       {"/api/v1/reports/referrals?ward={ward}",
        "",
        false,
        kSharedRead,
        {401, 403, 404, 404, 200, 403}}},
      {"GET /api/v1/network",
       {"/api/v1/network?ward={ward}", "", false, kSharedRead, {401, 403, 404, 404, 200, 403}}},
  };
  return table;
}

// The routes without an object that a scope could contain, and why.
const std::map<std::string, std::string>& unscoped_routes() {
  static const std::map<std::string, std::string> table = {
      {"GET /healthz", "the server's own state"},
      {"GET /metrics", "the server's own counters"},
      {"GET /api/v1/wards", "the city's wards, the same for everyone"},
      {"GET /api/v1/reference", "the closed word sets, the same for everyone"},
      {"POST /api/v1/auth/login", "signing in: no object yet"},
      {"POST /api/v1/auth/logout", "the caller's own session"},
      {"POST /api/v1/auth/session", "signing in: no object yet"},
      {"GET /api/v1/auth/session", "the caller's own session"},
      {"DELETE /api/v1/auth/session", "the caller's own session"},
      {"GET /api/v1/me", "the caller's own account"},
      {"POST /api/v1/me/password", "the caller's own account"},
      {"GET /api/v1/me/calendar.ics", "the caller's own feed"},
      {"POST /api/v1/me/calendar-link", "the caller's own feed"},
      {"DELETE /api/v1/me/calendar-link", "the caller's own feed"},
      {"GET /api/v1/calendar/([0-9a-f]{64})\\.ics", "the token is the credential"},
      {"GET /api/v1/overview", "the caller's own home screen"},
      {"GET /api/v1/notifications", "the caller's own notifications"},
      {"POST /api/v1/notifications/read-all", "the caller's own notifications"},
      {"POST /api/v1/notifications/([0-9a-fA-F-]{1,64})/read",
       "the caller's own notifications: another user's id is an unknown id (role matrix)"},
      {"POST /api/v1/users", "a new account: the admin's, with no scope"},
      {"GET /api/v1/audit", "the whole audit log: the admin's and the auditor's, with no scope"},
      {"GET /api/v1/audit/verify", "the whole audit log"},
      {"GET /api/v1/organizations", "the public directory: filtered by view, not by scope"},
      {"POST /api/v1/organizations", "a new organization: the admin's, with no scope"},
      {"GET /api/v1/assessment-forms", "the forms, the same for every ward"},
      {"GET /hsds/?", "the public directory"},
      {"GET /hsds/organizations", "the public directory"},
      {"GET /hsds/services", "the public directory"},
      {"GET /hsds/service_at_locations", "the public directory"},
      {"GET /hsds/service_at_locations/([^/]+)", "the public directory"},
      {"GET /hsds/taxonomies", "the public taxonomy"},
      {"GET /hsds/taxonomies/([^/]+)", "the public taxonomy"},
      {"GET /hsds/taxonomy_terms", "the public taxonomy"},
      {"GET /hsds/taxonomy_terms/([^/]+)", "the public taxonomy"},
  };
  return table;
}

TEST(AuthorizationMatrixTest, EveryRouteHasAScopeRowOrSaysWhyItHasNone) {
  for (const auto& r : registered_routes()) {
    EXPECT_NE(scope_probes().contains(r), unscoped_routes().contains(r))
        << r << ": needs exactly one of a scope row and a reason in unscoped_routes()";
  }
  for (const auto& [route, probe] : scope_probes()) EXPECT_TRUE(probes().contains(route)) << route;
  for (const auto& [route, why] : unscoped_routes()) EXPECT_TRUE(probes().contains(route)) << route;
}

class ScopeMatrixTest : public testing::MeetingApiTest {
 protected:
  using Json = nlohmann::json;

  void SetUp() override {
    in_ = {{"{ward}", "chuo"}, {"{org}", kItokonchi}, {"{user}", testing::kCoordChuoId}};
    out_ = {{"{ward}", "kita"}, {"{org}", kNightNursery}, {"{user}", kCoordKita}};
    in_["{case}"] = create_case();
    out_["{case}"] = created("coord.kita", "/api/v1/cases",
                             {{"ward", "kita"},
                              {"case_ref", "K-1"},
                              {"household_label", "K."},
                              {"risk_level", "medium"}});
    in_["{referral}"] = id_of(create_referral(in_["{case}"]));
    out_["{referral}"] = created("coord.kita", "/api/v1/referrals",
                                 {{"case_id", out_["{case}"]},
                                  {"organization_id", kNightNursery},
                                  {"legal_basis", "council"},
                                  {"summary", "夜間の預かりの相談"},
                                  {"send", true}});
    in_["{meeting}"] = id_of(plan("roundtable", {{"invited_organization_ids", {kItokonchi}}}));
    out_["{meeting}"] =
        id_of(plan("roundtable", {{"ward", "kita"}, {"invited_organization_ids", {kNightNursery}}},
                   "coord.kita"));
    for (auto* side : {&in_, &out_}) {
      auto& ids = *side;
      const std::string coord = side == &in_ ? "coord.chuo" : "coord.kita";
      const std::string base = "/api/v1/cases/" + ids["{case}"];
      ids["{item}"] =
          created(coord, "/api/v1/meetings/" + ids["{meeting}"] + "/action-items",
                  {{"title", "見守りの声かけ"}, {"owner_organization_id", ids["{org}"]}});
      ids["{assessment}"] = created(coord, base + "/assessments",
                                    {{"form", "specified_pregnancy"},
                                     {"form_version", 1},
                                     {"assessed_on", "2026-04-01"},
                                     {"answers", {{"no_prenatal_checkups", true}}}});
      ids["{contact}"] = created(coord, base + "/contacts",
                                 {{"kind", "home_visit"}, {"on", "2026-03-31"}, {"summary", "x"}});
      const std::string moved = created(coord, "/api/v1/cases",
                                        {{"ward", ids["{ward}"]},
                                         {"case_ref", "T-" + ids["{ward}"]},
                                         {"household_label", "T."},
                                         {"risk_level", "low"}});
      ids["{transfer}"] =
          created(coord, "/api/v1/cases/" + moved + "/transfers",
                  {{"to_ward", side == &in_ ? "higashi" : "minami"}, {"reason", "転居"}});
      ids["{service}"] = created("admin", "/api/v1/organizations/" + ids["{org}"] + "/services",
                                 {{"name", "相談窓口"}});
    }
  }

  static std::string id_of(const Json& object) {
    return object.is_object() ? object.value("id", "") : "";
  }

  // POSTs `body` as `user`; the new object's id (a test failure otherwise).
  std::string created(const std::string& user, const std::string& path, const Json& body) {
    auto res = post(user, path, body);
    EXPECT_TRUE(res && res->status == 201) << path << ": " << (res ? res->body : "no response");
    return res && res->status == 201 ? testing::body_json(res)["id"].get<std::string>() : "";
  }

  static std::string filled(std::string text, const std::map<std::string, std::string>& ids) {
    for (const auto& [name, id] : ids) {
      for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at)) {
        text.replace(at, name.size(), id);
        at += id.size();
      }
    }
    return text;
  }

  std::map<std::string, std::string> in_, out_;
};

TEST_F(ScopeMatrixTest, EveryRouteWithAnObjectInScopeAndOutOfScope) {
  const char* users[] = {nullptr,  "admin", "coord.chuo", "staff.chuo", "partner.itokonchi",
                         "auditor"};
  // What a caller scoped to 中央区 or いとこんち must never read in any answer.
  std::vector<std::string> hidden;
  for (const char* kind :
       {"{case}", "{referral}", "{meeting}", "{item}", "{assessment}", "{contact}", "{transfer}"}) {
    hidden.push_back(out_.at(kind));
  }
  for (const auto& [route, probe] : scope_probes()) {
    const std::string method = route.substr(0, route.find(' '));
    for (bool inside : {true, false}) {
      const auto& ids = inside ? in_ : out_;
      const std::string path = filled(probe.path, ids);
      const std::string body = filled(probe.body, ids);
      for (size_t who = 0; who < 6; ++who) {
        httplib::Headers headers;
        if (users[who]) headers = as(users[who]);
        if (probe.stale_if_match) headers.emplace("If-Match", "\"999\"");
        httplib::Result res =
            method == "GET"      ? client_.Get(path.c_str(), headers)
            : method == "POST"   ? client_.Post(path.c_str(), headers, body, "application/json")
            : method == "PUT"    ? client_.Put(path.c_str(), headers, body, "application/json")
            : method == "DELETE" ? client_.Delete(path.c_str(), headers)
                                 : client_.Patch(path.c_str(), headers, body, "application/json");
        ASSERT_TRUE(res) << route;
        const std::string as_whom = users[who] ? users[who] : "anonymous";
        EXPECT_EQ(res->status, inside ? probe.in[who] : probe.out[who])
            << route << (inside ? " in scope" : " out of scope") << " as " << as_whom << ": "
            << res->body;
        if (who >= 2 && who <= 4) {
          for (const auto& id : hidden) {
            if (!id.empty() && path.find(id) == std::string::npos) {
              EXPECT_EQ(res->body.find(id), std::string::npos)
                  << route << " as " << as_whom << " shows an object outside its scope";
            }
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace tsunagu
