// Where a line-by-line reading of the shared contract (shared/docs/api.md, "General") against
// the server found them apart: one validation pass for referral steps, empty filters, query
// parameters on every route, Location that answers, one 404 body.
#include <gtest/gtest.h>

#include <set>

#include "api/meeting_fixture.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

class ContractConformanceTest : public MeetingApiTest {
 protected:
  static std::set<std::string> fields_of(const httplib::Result& res) {
    std::set<std::string> out;
    const Json body = body_json(res);  // kept: a range over a temporary's member would dangle
    for (const Json& e : body["errors"]) out.insert(e["field"].get<std::string>());
    return out;
  }
};

// "One pass of validation reports every broken field, unknown ones included": a step with a
// bad target, a bad reason and a stray field names all three at once.
TEST_F(ContractConformanceTest, AReferralStepNamesEveryBrokenFieldAtOnce) {
  Json r = create_referral(create_case());
  const std::string path = "/api/v1/referrals/" + r["id"].get<std::string>() + "/transitions";
  auto bad = post("partner.itokonchi", path,
                  {{"to", "maybe"}, {"reason_code", "no_idea"}, {"outcome", "??"}, {"colour", 1}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(fields_of(bad), (std::set<std::string>{"to", "reason_code", "outcome", "colour"}));

  // With a valid target, the state's rules join the fields' own in the same answer.
  auto decline = post("partner.itokonchi", path, {{"to", "declined"}, {"outcome", "??"}});
  ASSERT_EQ(decline->status, 422) << decline->body;
  EXPECT_EQ(fields_of(decline), (std::set<std::string>{"reason_code", "outcome"}));

  auto missing = post("partner.itokonchi", path, Json::object());
  ASSERT_EQ(missing->status, 422) << missing->body;
  EXPECT_EQ(fields_of(missing), (std::set<std::string>{"to"}));
}

// An empty filter would read as no filter, and an unfiltered answer would pass for a filtered
// one; only a search text may be empty.
TEST_F(ContractConformanceTest, AnEmptyFilterIs400NamingIt) {
  create_case();
  for (const char* path :
       {"/api/v1/cases?risk_category=", "/api/v1/cases?ward=", "/api/v1/referrals?status=",
        "/api/v1/meetings?kind=", "/api/v1/audit?case_ref=", "/api/v1/organizations?category="}) {
    const char* user = std::string(path).starts_with("/api/v1/audit") ? "auditor" : "coord.chuo";
    auto res = get(user, path);
    ASSERT_EQ(res->status, 400) << path << " " << res->body;
    Json body = body_json(res);
    ASSERT_EQ(body["errors"].size(), 1u) << path;
    const std::string name = std::string(path).substr(std::string(path).find('?') + 1);
    EXPECT_EQ(body["errors"][0]["field"], name.substr(0, name.size() - 1)) << path;
  }
  EXPECT_EQ(get("coord.chuo", "/api/v1/cases?q=")->status, 200);
  EXPECT_EQ(get("coord.chuo", "/api/v1/organizations?q=")->status, 200);
  auto ja = client_.Get("/api/v1/cases?ward=", [&] {
    auto h = as("coord.chuo");
    h.emplace("Accept-Language", "ja");
    return h;
  }());
  ASSERT_EQ(ja->status, 400);
  EXPECT_NE(body_json(ja)["errors"][0]["message"].get<std::string>().find("パラメータごと省いて"),
            std::string::npos)
      << ja->body;
}

// Unknown query parameters are 400 on every route, not only on lists.
TEST_F(ContractConformanceTest, EveryRouteRefusesUnknownParameters) {
  for (const char* path :
       {"/healthz?x=1", "/metrics?x=1", "/api/v1/reference?x=1", "/api/v1/me/calendar.ics?x=1"}) {
    auto res = get("coord.chuo", path);
    ASSERT_EQ(res->status, 400) << path << " " << res->body;
    EXPECT_EQ(body_json(res)["errors"][0]["field"], "x") << path;
  }
  auto link = post("coord.chuo", "/api/v1/me/calendar-link", Json::object());
  ASSERT_EQ(link->status, 201) << link->body;
  const std::string feed = link->get_header_value("Location");
  EXPECT_EQ(feed, body_json(link)["url"]);
  EXPECT_EQ(client_.Get(feed.c_str())->status, 200) << "Location names the feed";
  EXPECT_EQ(client_.Get((feed + "?x=1").c_str())->status, 400);
}

// 201 with a Location that answers: an action item can be read where its creation said.
TEST_F(ContractConformanceTest, AnActionItemAnswersAtItsLocationInTheOwnersScope) {
  Json m = plan("roundtable");
  auto res = post("coord.chuo", meeting_path(m) + "/action-items",
                  {{"title", "夜の居場所マップの原稿"}, {"owner_organization_id", kItokonchi}});
  ASSERT_EQ(res->status, 201) << res->body;
  const std::string location = res->get_header_value("Location");
  for (const char* user : {"coord.chuo", "staff.chuo", "partner.itokonchi"}) {
    auto read = get(user, location);
    ASSERT_EQ(read->status, 200) << user << " " << read->body;
    EXPECT_EQ(body_json(read)["id"], body_json(res)["id"]) << user;
    EXPECT_EQ(body_json(read)["meeting_title"], "すすきの地区の会議") << user;
  }
  // Another ward, another partner: the one 404; admin and auditor: their role's 403.
  EXPECT_EQ(get("coord.kita", location)->status, 404);
  EXPECT_EQ(get("partner.night", location)->status, 404);
  EXPECT_EQ(get("admin", location)->status, 403);
  EXPECT_EQ(get("coord.chuo", location + "?x=1")->status, 400);
}

// A 404 has one body: an id of another shape, an unknown route and an unknown id read alike.
TEST_F(ContractConformanceTest, EveryNotFoundHasOneBody) {
  Json unknown_id =
      body_json(get("coord.chuo", "/api/v1/cases/00000000-0000-4000-8000-000000000000"));
  for (const char* path : {"/api/v1/cases/not_an_id!", "/api/v1/no-such-thing"}) {
    auto res = get("coord.chuo", path);
    ASSERT_EQ(res->status, 404) << path;
    Json body = body_json(res);
    for (const char* key : {"type", "title", "detail", "code"}) {
      EXPECT_EQ(body[key], unknown_id[key]) << path << " " << key;
    }
    EXPECT_FALSE(res->get_header_value("X-Request-Id").empty()) << path;
  }
}

// A request the HTTP library refuses before routing still carries a request id to quote.
TEST_F(ContractConformanceTest, ARequestRefusedBeforeRoutingHasARequestId) {
  auto res = client_.Get(("/api/v1/cases?q=" + std::string(9000, 'a')).c_str(), as("coord.chuo"));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 414);
  EXPECT_EQ(res->get_header_value("X-Request-Id").size(), 16u);
}

}  // namespace
}  // namespace tsunagu::testing
