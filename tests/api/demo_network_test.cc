// The whole demo data set: a newcomer who starts `--demo` finds the すすきの roundtable
// that was held last week with its minutes and action items, the next one, and a 実務者会議 in
// two days whose suggested agenda lists the ward's households.
#include <gtest/gtest.h>

#include "support/test_support.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

class DemoNetworkTest : public ::testing::Test {
 protected:
  static app::Config full_demo() {
    app::Config config = auth_config();
    config.demo_kinds.clear();  // every kind of seed file
    return config;
  }
  DemoNetworkTest() : server_(full_demo()), client_(server_.client()) {}

  Json get(const std::string& user, const std::string& path) {
    auto res = client_.Get(path.c_str(), bearer(login(client_, user)));
    EXPECT_TRUE(res && res->status == 200) << path << ": " << (res ? res->body : "no response");
    return res && res->status == 200 ? body_json(res) : Json();
  }

  TestServer server_;
  httplib::Client client_;
};

TEST_F(DemoNetworkTest, TheCoordinatorFindsMeetingsCasesAndWhatIsLate) {
  Json meetings = get("coord.chuo", "/api/v1/meetings");
  ASSERT_EQ(meetings["total"], 3);
  EXPECT_EQ(meetings["items"][0]["status"], "held");  // a week ago
  EXPECT_EQ(meetings["items"][0]["kind"], "roundtable");
  EXPECT_EQ(meetings["items"][1]["kind"], "practitioners");

  std::string practitioners = meetings["items"][1]["id"];
  Json agenda = get("coord.chuo", "/api/v1/meetings/" + practitioners + "/suggested-agenda");
  ASSERT_EQ(agenda["total"], 4);
  EXPECT_EQ(agenda["items"][0]["risk_level"], "high");
  EXPECT_TRUE(agenda["items"][0]["days_since_last_review"].is_null());  // never reviewed
  EXPECT_EQ(agenda["items"][3]["risk_level"], "low");

  Json overdue = get("coord.chuo", "/api/v1/action-items?overdue=true");
  ASSERT_EQ(overdue["total"], 1);
  EXPECT_EQ(overdue["items"][0]["owner_organization_id"], "a0000000-0000-4000-8000-000000000001");

  Json memory = get("staff.chuo", "/api/v1/meetings/network?ward=chuo&district=すすきの");
  EXPECT_EQ(memory["organizations"].size(), 4u);  // the clinic sent apologies

  // いとこんち sees the roundtables it was invited to, and its own action item.
  Json partner = get("partner.itokonchi", "/api/v1/meetings");
  EXPECT_EQ(partner["total"], 2);
  EXPECT_EQ(get("partner.itokonchi", "/api/v1/action-items?owner=me")["total"], 1);
}

}  // namespace
}  // namespace tsunagu::testing
