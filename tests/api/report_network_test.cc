// GET /api/v1/network: 中央区's organizations, the ward's referrals to them and the held meetings
// they shared, as JSON and as GraphViz DOT (parsed by `dot` itself).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "meeting_fixture.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

class ReportNetworkTest : public MeetingApiTest {
 protected:
  void SetUp() override {
    const std::string c = create_case("N-1", "medium");
    const std::string accepted = create_referral(c)["id"];
    ASSERT_EQ(transition("partner.itokonchi", accepted, {{"to", "accepted"}})->status, 200);
    create_referral(c);
    Json night = {{"organization_id", kNightNursery}};
    const std::string declined = create_referral(c, true, night)["id"];
    ASSERT_EQ(
        transition("partner.night", declined, {{"to", "declined"}, {"reason_code", "no_capacity"}})
            ->status,
        200);
    create_referral(c, false, {{"organization_id", kShelter}});  // a draft is no referral
    // A held conference: いとこんち, ほしぞら and the shelter there, the residents absent.
    Json attendees = {{{"organization_id", kItokonchi}, {"present", true}},
                      {{"organization_id", kNightNursery}, {"present", true}},
                      {{"organization_id", kShelter}},
                      {{"organization_id", kResidents}, {"present", false}}};
    held_ = plan("case_conference", {{"starts_at", "2026-03-30T10:00:00+09:00"},
                                     {"ends_at", "2026-03-30T11:00:00+09:00"},
                                     {"status", "held"},
                                     {"attendees", attendees}});
    // A planned one does not count yet.
    plan("roundtable", {{"attendees", attendees}});
  }

  const Json* node(const Json& net, const std::string& id) {
    for (const auto& n : net["nodes"]) {
      if (n["id"] == id) return &n;
    }
    return nullptr;
  }

  Json held_;
};

TEST_F(ReportNetworkTest, NodesAndWeightedEdges) {
  auto res = get("coord.chuo", "/api/v1/network");
  ASSERT_EQ(res->status, 200) << res->body;
  Json net = body_json(res);
  EXPECT_EQ(net["ward"], "chuo");
  EXPECT_EQ(net["nodes"][0]["id"], "ward:chuo");
  EXPECT_EQ(net["nodes"][0]["name"], "中央区");
  const Json* ito = node(net, kItokonchi);
  ASSERT_NE(ito, nullptr);
  EXPECT_EQ((*ito)["category"], "youth_space");
  EXPECT_EQ((*ito)["council_member"], true);
  EXPECT_EQ((*ito)["capacity"]["status"], "open");
  EXPECT_EQ((*ito)["referrals_sent"], 2);
  EXPECT_EQ((*ito)["referrals_accepted"], 1);
  EXPECT_EQ((*ito)["meetings_attended"], 1);
  EXPECT_EQ((*ito)["never_referred"], false);
  const Json* shelter = node(net, kShelter);
  ASSERT_NE(shelter, nullptr);
  EXPECT_EQ((*shelter)["never_referred"], true);
  EXPECT_EQ((*shelter)["meetings_attended"], 1);
  // The residents of 北区 were absent: not on 中央区's map.
  EXPECT_EQ(node(net, kResidents), nullptr);

  std::map<std::string, Json> edges;
  for (const auto& e : net["edges"]) {
    edges[e["kind"].get<std::string>() + " " + e["source"].get<std::string>() + " " +
          e["target"].get<std::string>()] = e;
  }
  EXPECT_EQ(edges.at(std::string("referral ward:chuo ") + kItokonchi)["sent"], 2);
  EXPECT_EQ(edges.at(std::string("referral ward:chuo ") + kItokonchi)["accepted"], 1);
  EXPECT_EQ(edges.at(std::string("referral ward:chuo ") + kNightNursery)["accepted"], 0);
  EXPECT_EQ(edges.count(std::string("referral ward:chuo ") + kShelter), 0u);
  // Three organizations at one held meeting: three pairs, one meeting each.
  int meeting_edges = 0;
  for (const auto& [key, e] : edges) {
    if (e["kind"] == "meeting") {
      ++meeting_edges;
      EXPECT_EQ(e["meetings"], 1);
    }
  }
  EXPECT_EQ(meeting_edges, 3);
  // Every organization of the ward is on the map, referred or not.
  int never = 0;
  for (const auto& n : net["nodes"]) never += n.value("never_referred", false) ? 1 : 0;
  EXPECT_EQ(never, static_cast<int>(net["nodes"].size()) - 1 - 2);
}

TEST_F(ReportNetworkTest, DistrictNarrowsTheMap) {
  Json net = body_json(get("coord.chuo", "/api/v1/network?ward=chuo&district=すすきの"));
  EXPECT_EQ(net["district"], "すすきの");
  EXPECT_NE(node(net, kItokonchi), nullptr);
  // The shelter has no district, but it attended a held meeting in すすきの.
  EXPECT_NE(node(net, kShelter), nullptr);
  // ゆうやけ夜間保育ルーム is in 狸小路 and met no one in すすきの.
  EXPECT_EQ(node(net, "a0000000-0000-4000-8000-000000000012"), nullptr);
  EXPECT_NE(
      node(body_json(get("coord.chuo", "/api/v1/network")), "a0000000-0000-4000-8000-000000000012"),
      nullptr);
}

TEST_F(ReportNetworkTest, DotParsesWithGraphviz) {
  auto res = get("coord.chuo", "/api/v1/network?format=dot");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/vnd.graphviz; charset=utf-8");
  EXPECT_EQ(res->body.rfind("graph \"tsunagu_chuo\" {", 0), 0u);
  EXPECT_NE(res->body.find("style=dashed"), std::string::npos);  // never referred
  TempDir dir;
  const std::string path = dir.file("network.dot");
  std::ofstream(path) << res->body;
  const std::string cmd = "dot -Tcanon " + path + " > /dev/null 2>" + dir.file("err.txt");
  ASSERT_EQ(std::system(cmd.c_str()), 0) << res->body;
}

// A partner sees only figures about its own organization (api.md, Reports): the ward, itself and
// the ward's referrals to it; no other organization, no meeting shared with one.
TEST_F(ReportNetworkTest, APartnerSeesOnlyItsOwnFigures) {
  auto res = get("partner.itokonchi", "/api/v1/network?ward=chuo");
  ASSERT_EQ(res->status, 200) << res->body;
  Json net = body_json(res);
  ASSERT_EQ(net["nodes"].size(), 2u) << net.dump();
  EXPECT_EQ(net["nodes"][0]["id"], "ward:chuo");
  const Json& self = net["nodes"][1];
  EXPECT_EQ(self["id"], kItokonchi);
  EXPECT_EQ(self["referrals_sent"], 2);
  EXPECT_EQ(self["referrals_accepted"], 1);
  EXPECT_EQ(self["meetings_attended"], 1);
  ASSERT_EQ(net["edges"].size(), 1u);
  EXPECT_EQ(net["edges"][0]["kind"], "referral");
  EXPECT_EQ(net["edges"][0]["source"], "ward:chuo");
  EXPECT_EQ(net["edges"][0]["target"], kItokonchi);
  for (const char* other : {kNightNursery, kShelter, kResidents}) {
    EXPECT_EQ(res->body.find(other), std::string::npos) << other;
  }
  // Another ward's referrals to it: none here, and still its own node only.
  Json kita = body_json(get("partner.itokonchi", "/api/v1/network?ward=kita"));
  ASSERT_EQ(kita["nodes"].size(), 2u) << kita.dump();
  EXPECT_EQ(kita["nodes"][1]["referrals_sent"], 0);
  EXPECT_TRUE(kita["edges"].empty());
  // The DOT form is cut the same way.
  auto dot = get("partner.itokonchi", "/api/v1/network?ward=chuo&format=dot");
  ASSERT_EQ(dot->status, 200);
  EXPECT_EQ(dot->body.find(kNightNursery), std::string::npos);
}

TEST_F(ReportNetworkTest, ScopeAndParameters) {
  EXPECT_EQ(get("coord.kita", "/api/v1/network?ward=chuo")->status, 404);
  EXPECT_EQ(get("admin", "/api/v1/network?ward=chuo")->status, 403);
  EXPECT_EQ(get("auditor", "/api/v1/network?ward=chuo")->status, 403);
  for (const std::string q : {"?ward=nowhere", "?format=svg", "?area=x"}) {
    auto res = get("coord.chuo", "/api/v1/network" + q);
    ASSERT_EQ(res->status, 400) << q;
    EXPECT_EQ(body_json(res)["errors"][0]["field"], q.substr(1, q.find('=') - 1));
  }
}

}  // namespace
}  // namespace tsunagu::testing
