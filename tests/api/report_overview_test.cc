// GET /api/v1/overview: the home screen per role over the known month of report_fixture.h.
#include <gtest/gtest.h>

#include "report_fixture.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

class ReportOverviewTest : public ReportApiTest {
 protected:
  void SetUp() override { build_month(); }

  Json overview(const std::string& user) {
    auto res = get(user, "/api/v1/overview");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
    return res && res->status == 200 ? body_json(res) : Json();
  }
};

TEST_F(ReportOverviewTest, CoordinatorSeesGapsReferralsOwnItemsAndNextMeetings) {
  Json o = overview("coord.chuo");
  EXPECT_EQ(o["role"], "coordinator");
  EXPECT_EQ(o["today"], "2026-05-02");
  EXPECT_EQ(o["wards"], Json::array({"chuo"}));
  EXPECT_EQ(o["gaps"]["unanswered_referrals"]["total"], 2);
  EXPECT_EQ(o["gaps"]["quiet_high_risk_cases"]["total"], 2);
  EXPECT_EQ(ids(o["gaps"]["quiet_high_risk_cases"], "case_ref"),
            (std::vector<std::string>{"G-1", "H-1"}));
  EXPECT_EQ(o["gaps"]["overdue_action_items"]["total"], 1);
  // Every sent referral awaits an answer, the one of day 29 too.
  EXPECT_EQ(o["awaiting_answer"]["total"], 3);
  EXPECT_EQ(ids(o["awaiting_answer"]), (std::vector<std::string>{urgent_, routine_, late_}));
  EXPECT_EQ(o["awaiting_answer"]["items"][2]["days"], 2);
  EXPECT_EQ(ids(o["accepted_without_outcome"]), (std::vector<std::string>{accepted_}));
  EXPECT_EQ(ids(o["my_action_items"]), (std::vector<std::string>{item_coord_}));
  EXPECT_FALSE(o["my_action_items"]["items"][0].contains("days"));  // not due yet
  // The conference of 04-25 is past; the roundtable of 05-10 is next.
  EXPECT_EQ(ids(o["next_meetings"]), (std::vector<std::string>{roundtable_}));
  EXPECT_EQ(o["next_meetings"]["items"][0]["starts_at"], "2026-05-10T18:30:00+09:00");
  EXPECT_EQ(o["next_meetings"]["items"][0]["reason"], "roundtable");
}

TEST_F(ReportOverviewTest, OtherWardSeesNothingOfChuo) {
  Json o = overview("coord.kita");
  EXPECT_EQ(o["awaiting_answer"]["total"], 0);
  EXPECT_EQ(o["next_meetings"]["total"], 0);
  EXPECT_EQ(o["gaps"]["quiet_high_risk_cases"]["total"], 0);
}

TEST_F(ReportOverviewTest, PartnerSeesItsInboxItemsAndCapacityWithoutCases) {
  auto res = get("partner.itokonchi", "/api/v1/overview");
  ASSERT_EQ(res->status, 200) << res->body;
  Json o = body_json(res);
  EXPECT_EQ(o["role"], "partner");
  EXPECT_FALSE(o.contains("gaps"));
  EXPECT_EQ(ids(o["new_referrals"]), (std::vector<std::string>{urgent_, routine_, late_}));
  EXPECT_EQ(ids(o["accepted"]), (std::vector<std::string>{accepted_}));
  // Both urgent ones were due on 04-02.
  EXPECT_EQ(o["overdue"]["total"], 2);
  EXPECT_EQ(ids(o["action_items"]), (std::vector<std::string>{item_partner_}));
  EXPECT_EQ(o["capacity"]["age_days"], 31);
  EXPECT_EQ(o["capacity"]["stale"], true);
  for (const char* secret : {"case_ref", "household_label", "case_id", "L-1", "B."}) {
    EXPECT_EQ(res->body.find(secret), std::string::npos) << secret;
  }
  Json night = overview("partner.night");
  EXPECT_EQ(night["capacity"]["age_days"], 11);
  EXPECT_EQ(night["capacity"]["stale"], false);
  EXPECT_EQ(night["capacity"]["status"], "open");
  EXPECT_EQ(night["new_referrals"]["total"], 0);
}

TEST_F(ReportOverviewTest, AdminAndAuditorSeeCountsOnly) {
  Json a = overview("admin");
  EXPECT_EQ(a["role"], "admin");
  EXPECT_GT(a["counts"]["organizations_active"].get<int>(), 0);
  EXPECT_GT(a["counts"]["capacity_stale"].get<int>(), 0);
  EXPECT_EQ(a["counts"]["users_enabled"], 7);
  EXPECT_FALSE(a.contains("gaps"));
  EXPECT_FALSE(a.contains("awaiting_answer"));
  Json u = overview("auditor");
  EXPECT_GT(u["counts"]["audit_entries"].get<int>(), 0);
  EXPECT_TRUE(u["counts"].contains("audit_entries_last_24h"));
  EXPECT_EQ(client_.Get("/api/v1/overview")->status, 401);
  EXPECT_EQ(get("coord.chuo", "/api/v1/overview?ward=chuo")->status, 400);
}

TEST_F(ReportOverviewTest, ReadingItIsAudited) {
  overview("coord.chuo");
  auto res = get("auditor", "/api/v1/audit?case_id=" + n_);
  bool found = false;
  const Json page = body_json(res);  // kept: a range over a temporary's member would dangle
  for (const auto& e : page["items"]) found = found || e["action"] == "overview.read";
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace tsunagu::testing
