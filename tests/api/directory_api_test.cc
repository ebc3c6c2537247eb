// The directory over HTTP as an anonymous caller sees it (the demo network), and every 4xx of
// its routes. Signed-in callers: directory_privacy_api_test.cc; the rules behind both are also
// covered at the domain level (tests/unit/domain/directory/directory_privacy_test.cc).
#include <gtest/gtest.h>

#include <set>

#include "support/seed_ids.h"
#include "support/test_support.h"

namespace tsunagu {
namespace {

using testing::body_json;
using testing::kItokonchi;
using testing::kNightNursery;
using testing::post_json;
using testing::TestServer;

class DirectoryApiTest : public ::testing::Test {
 protected:
  static app::Config demo() {
    app::Config c;
    c.demo = true;
    return c;
  }
  nlohmann::json list(const std::string& query) {
    auto res = client_.Get(("/api/v1/organizations?" + query).c_str());
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << query << " → " << res->body;
    return body_json(res);
  }
  std::set<std::string> names(const std::string& query) {
    std::set<std::string> out;
    nlohmann::json page = list(query + "&per_page=200");  // kept alive for the loop
    for (const auto& o : page["items"]) out.insert(o["name"]);
    return out;
  }
  int status_of(const httplib::Result& res) { return res ? res->status : -1; }

  TestServer server_{demo()};
  httplib::Client client_ = server_.client();
};

TEST_F(DirectoryApiTest, FridayNightScenario) {
  // "Open now, youth space or night nursery, 中央区, not full" at Friday 23:10.
  auto found = names(
      "open_at=2026-04-03T23:10:00%2B09:00&category=youth_space,night_nursery&ward=chuo"
      "&capacity=open,limited,waitlist,unknown");
  EXPECT_TRUE(found.contains("いとこんち"));
  EXPECT_TRUE(found.contains("すすきの夜間保育園ほしぞら"));
  EXPECT_FALSE(found.contains("つきあかり夜間保育所"));  // full
  // After midnight いとこんち has closed; the night nursery runs to 02:00.
  auto late = names("open_at=2026-04-04T01:30:00%2B09:00&category=youth_space,night_nursery");
  EXPECT_FALSE(late.contains("いとこんち"));
  EXPECT_TRUE(late.contains("すすきの夜間保育園ほしぞら"));
  EXPECT_FALSE(names("open_at=2026-04-04T02:00:00%2B09:00&category=night_nursery")
                   .contains("すすきの夜間保育園ほしぞら"));
}

TEST_F(DirectoryApiTest, OpenAtRespectsDatedExceptions) {
  // Ward offices close in Golden Week (Monday 2026-05-04) but are open the Monday before.
  EXPECT_EQ(list("category=ward_office&open_at=2026-04-27T10:00:00%2B09:00")["total"], 10);
  EXPECT_EQ(list("category=ward_office&open_at=2026-05-04T10:00:00%2B09:00")["total"], 0);
  // いとこんち is closed on New Year's Eve (a Thursday).
  EXPECT_FALSE(names("open_at=2026-12-31T20:00:00%2B09:00").contains("いとこんち"));
  EXPECT_TRUE(names("open_at=2026-12-30T20:00:00%2B09:00").contains("いとこんち"));
  EXPECT_EQ(list("open_at=now")["page"], 1);  // "now" is accepted
}

TEST_F(DirectoryApiTest, SearchInEveryWidthAndKana) {
  for (const char* q : {"%E3%81%84%E3%81%A8%E3%81%93%E3%82%93%E3%81%A1",     // いとこんち
                        "%E3%82%A4%E3%83%88%E3%82%B3%E3%83%B3%E3%83%81",     // イトコンチ
                        "%EF%BD%B2%EF%BE%84%EF%BD%BA%EF%BE%9D%EF%BE%81"}) {  // ｲﾄｺﾝﾁ
    auto items = list(std::string("q=") + q)["items"];
    ASSERT_EQ(items.size(), 1u) << q;
    EXPECT_EQ(items[0]["id"], kItokonchi);
  }
  EXPECT_TRUE(names("q=%E4%BF%9D%E8%82%B2").contains("すすきの夜間保育園ほしぞら"));  // 保育
  EXPECT_TRUE(names("q=%E5%A4%9C%E9%96%93").contains("つきあかり夜間保育所"));        // 夜間
  EXPECT_EQ(names("q=%EF%BC%AE%EF%BC%B0%EF%BC%AF").size(), 3u);  // ＮＰＯ: 4, one network-only
}

TEST_F(DirectoryApiTest, EachFilterNarrowsTheList) {
  int64_t all = list("")["total"];
  EXPECT_GE(all, 60);
  for (const char* q : {"category=midwife", "ward=teine",
                        "district=%E3%81%99%E3%81%99%E3%81%8D%E3%81%AE", "council_member=true",
                        "capacity=full", "near=43.0556,141.353&within_km=1", "status=inactive"}) {
    int64_t n = list(q)["total"];
    EXPECT_LT(n, all) << q;
  }
  auto near = list("near=43.0556,141.353&within_km=1")["items"];
  ASSERT_FALSE(near.empty());
  EXPECT_EQ(near[0]["id"], kItokonchi);  // nearest first, with its distance
  EXPECT_LT(near[0]["distance_km"].get<double>(), 0.1);
}

TEST_F(DirectoryApiTest, AnonymousSeesNoNetworkEntryAndNoWithheldAddress) {
  nlohmann::json page = list("per_page=200");
  for (const auto& o : page["items"]) {
    EXPECT_EQ(o["visibility"], "public") << o["name"];
    if (o["address_visibility"] != "public") {
      EXPECT_FALSE(o.contains("address")) << o["name"];
      EXPECT_FALSE(o.contains("lat")) << o["name"];
    }
  }
  EXPECT_EQ(names("q=%E3%82%B7%E3%82%A7%E3%83%AB%E3%82%BF%E3%83%BC").size(), 0u);  // シェルター
}

TEST_F(DirectoryApiTest, OneOrganizationWithEtagAndItsServices) {
  auto res = client_.Get((std::string("/api/v1/organizations/") + kNightNursery).c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto o = body_json(res);
  EXPECT_EQ(res->get_header_value("ETag"), "\"" + std::to_string(o["version"].get<int>()) + "\"");
  EXPECT_EQ(o["capacity"]["status"], "limited");
  EXPECT_FALSE(o["capacity"]["stale"]);
  EXPECT_TRUE(o["capacity"].contains("updated_at"));
  auto services = body_json(
      client_.Get((std::string("/api/v1/organizations/") + kNightNursery + "/services").c_str()));
  ASSERT_GE(services["items"].size(), 2u);
  std::string id = services["items"][0]["id"];
  auto one = client_.Get(("/api/v1/services/" + id).c_str());
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 200);
  EXPECT_EQ(body_json(one)["organization_id"], kNightNursery);
}

TEST_F(DirectoryApiTest, ClientErrors) {
  // 400: every malformed parameter, named.
  for (const char* q : {"category=bar", "capacity=some", "council_member=maybe", "status=gone",
                        "open_at=tonight", "near=43.0", "near=91,141", "within_km=2",
                        "near=43,141&within_km=0", "ward=shibuya", "page=0", "per_page=201"}) {
    auto res = client_.Get((std::string("/api/v1/organizations?") + q).c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << q;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << q;
    EXPECT_FALSE(body_json(res)["errors"].empty()) << q;
  }
  // 401: changes need a caller; a bad token is refused even on public reads.
  nlohmann::json body = {{"name", "x"}, {"category", "npo"}, {"wards", {"chuo"}}};
  std::string org = std::string("/api/v1/organizations/") + kItokonchi;
  EXPECT_EQ(status_of(post_json(client_, "/api/v1/organizations", body)), 401);
  EXPECT_EQ(status_of(client_.Patch(org.c_str(), body.dump(), "application/json")), 401);
  EXPECT_EQ(status_of(client_.Delete(org.c_str())), 401);
  EXPECT_EQ(status_of(client_.Put((org + "/capacity").c_str(), R"({"status":"full"})",
                                  "application/json")),
            401);
  EXPECT_EQ(status_of(post_json(client_, org + "/services", {{"name", "x"}})), 401);
  EXPECT_EQ(status_of(client_.Patch("/api/v1/services/x", "{}", "application/json")), 401);
  EXPECT_EQ(status_of(client_.Get("/api/v1/organizations",
                                  httplib::Headers{{"Authorization", "Bearer nope"}})),
            401);
  // 404: unknown ids, and network entries for anonymous callers.
  EXPECT_EQ(status_of(client_.Get("/api/v1/organizations/no-such-id")), 404);
  EXPECT_EQ(status_of(client_.Get("/api/v1/services/no-such-id")), 404);
  EXPECT_EQ(status_of(client_.Get("/api/v1/organizations/no-such-id/services")), 404);
  // 405 with Allow.
  auto put = client_.Put("/api/v1/organizations", "{}", "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  EXPECT_NE(put->get_header_value("Allow").find("POST"), std::string::npos);
}

TEST_F(DirectoryApiTest, NetworkEntriesAreNotFoundForAnonymousCallers) {
  // The shelter of the demo network is network-only with a hidden address.
  auto all = list("per_page=200&q=%E3%81%B2%E3%81%A0%E3%81%BE%E3%82%8A");  // ひだまり
  EXPECT_EQ(all["total"], 0);
  std::set<std::string> ids;
  nlohmann::json page = list("per_page=200");
  for (const auto& o : page["items"]) ids.insert(o["id"]);
  int hidden_found = 0;
  for (int n = 1; n <= 99; ++n) {
    char id[40];
    std::snprintf(id, sizeof id, "a0000000-0000-4000-8000-%012d", n);
    auto res = client_.Get((std::string("/api/v1/organizations/") + id).c_str());
    ASSERT_TRUE(res);
    if (res->status == 404) {
      hidden_found += 1;
      EXPECT_FALSE(ids.contains(id));
    } else {
      EXPECT_TRUE(ids.contains(id)) << id;
    }
  }
  EXPECT_GT(hidden_found, 5);
}

}  // namespace
}  // namespace tsunagu
