// GET /api/v1/reports/referrals over a known April in 中央区 (times on the fake clock from
// Wednesday 2026-04-01 09:00 = t0):
//   R1 いとこんち  sent t0, accepted t0+12h, completed got_help t0+48h
//   R2 いとこんち  sent t0, declined no_capacity t0+24h
//   R3 いとこんち  sent t0, accepted t0+48h, completed not_enrolled t0+96h
//   R4 いとこんち  sent t0, withdrawn by the ward t0+96h (never answered)
//   R5 いとこんち  a draft, never sent                      → not counted
//   R6 ほしぞら  sent t0, never answered
//   R7 いとこんち  sent 2026-05-01 09:00 and accepted at once → May
// April: sent 5; closed loop 2/5; got help 1/2; days to response 0.5, 1, 2 (median 1, p90 2);
// days to outcome 2, 4 (median 3, p90 4).
#include <gtest/gtest.h>

#include "case_fixture.h"
#include "support/csv_reader.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;
using std::chrono::hours;

class ReportReferralsTest : public CaseApiTest {
 protected:
  void SetUp() override {
    const std::string c = create_case("R-1", "medium");
    const Json routine = {{"urgency", "routine"}, {"due_by", "2026-06-30"}};
    r1_ = create_referral(c, true, routine)["id"];
    r2_ = create_referral(c, true, routine)["id"];
    r3_ = create_referral(c, true, routine)["id"];
    r4_ = create_referral(c, true, routine)["id"];
    create_referral(c, false);
    Json night = routine;
    night["organization_id"] = kNightNursery;
    r6_ = create_referral(c, true, night)["id"];
    at(hours(12));
    step("partner.itokonchi", r1_, {{"to", "accepted"}});
    at(hours(24));
    step("partner.itokonchi", r2_, {{"to", "declined"}, {"reason_code", "no_capacity"}});
    at(hours(48));
    step("partner.itokonchi", r3_, {{"to", "accepted"}});
    step("partner.itokonchi", r1_, {{"to", "completed"}, {"outcome", "got_help"}});
    at(hours(96));
    step("partner.itokonchi", r3_, {{"to", "completed"}, {"outcome", "not_enrolled"}});
    step("coord.chuo", r4_, {{"to", "withdrawn"}, {"reason_code", "family_declined"}});
    at(hours(30 * 24));  // 2026-05-01 09:00
    r7_ = create_referral(c, true, routine)["id"];
    step("partner.itokonchi", r7_, {{"to", "accepted"}});
    at(hours(31 * 24));
  }

  void at(hours since_t0) {
    server_.clock().set(test_epoch() + since_t0);
    sign_in_everyone();
  }
  void step(const std::string& user, const std::string& id, const Json& body) {
    auto res = transition(user, id, body);
    ASSERT_EQ(res->status, 200) << res->body;
  }
  Json report(const std::string& user, const std::string& query) {
    auto res = get(user, "/api/v1/reports/referrals" + query);
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
    return res && res->status == 200 ? body_json(res) : Json();
  }

  std::string r1_, r2_, r3_, r4_, r6_, r7_;
};

TEST_F(ReportReferralsTest, AprilFiguresExactly) {
  Json r = report("coord.chuo", "?from=2026-04-01&to=2026-04-30");
  EXPECT_EQ(r["from"], "2026-04-01");
  EXPECT_EQ(r["to"], "2026-04-30");
  EXPECT_EQ(r["group_by"], nullptr);
  EXPECT_EQ(r["groups"], Json::array());
  const Json& t = r["total"];
  EXPECT_EQ(t["sent"], 5);
  EXPECT_EQ(t["by_status"], Json({{"sent", 1},
                                  {"accepted", 0},
                                  {"declined", 1},
                                  {"withdrawn", 1},
                                  {"expired", 0},
                                  {"completed", 2}}));
  EXPECT_EQ(t["decline_reasons"]["no_capacity"], 1);
  EXPECT_EQ(t["decline_reasons"]["family_declined"], 0);  // R4's reason is a withdrawal's
  EXPECT_EQ(t["outcomes"]["got_help"], 1);
  EXPECT_EQ(t["outcomes"]["not_enrolled"], 1);
  EXPECT_EQ(t["answered"], 3);
  EXPECT_EQ(t["with_outcome"], 2);
  EXPECT_EQ(t["got_help"], 1);
  EXPECT_EQ(t["closed_loop_rate"], 0.4);
  EXPECT_EQ(t["got_help_rate"], 0.5);
  EXPECT_EQ(t["median_days_to_response"], 1.0);
  EXPECT_EQ(t["p90_days_to_response"], 2.0);
  EXPECT_EQ(t["median_days_to_outcome"], 3.0);
  EXPECT_EQ(t["p90_days_to_outcome"], 4.0);
}

TEST_F(ReportReferralsTest, GroupsByOrganizationAndMonth) {
  Json r = report("coord.chuo", "?from=2026-04-01&to=2026-04-30&group_by=organization");
  ASSERT_EQ(r["groups"].size(), 2u);
  EXPECT_EQ(r["groups"][0]["key"], kItokonchi);
  EXPECT_EQ(r["groups"][0]["label"], "いとこんち");
  EXPECT_EQ(r["groups"][0]["sent"], 4);
  EXPECT_EQ(r["groups"][0]["closed_loop_rate"], 0.5);
  const Json& night = r["groups"][1];
  EXPECT_EQ(night["key"], kNightNursery);
  EXPECT_EQ(night["sent"], 1);
  EXPECT_EQ(night["closed_loop_rate"], 0.0);
  EXPECT_EQ(night["got_help_rate"], nullptr);  // no outcome: 0/0 is null
  EXPECT_EQ(night["median_days_to_response"], nullptr);

  Json m = report("coord.chuo", "?from=2026-04-01&to=2026-05-31&group_by=month");
  ASSERT_EQ(m["groups"].size(), 2u);
  EXPECT_EQ(m["groups"][0]["key"], "2026-04");
  EXPECT_EQ(m["groups"][0]["sent"], 5);
  EXPECT_EQ(m["groups"][1]["key"], "2026-05");
  EXPECT_EQ(m["groups"][1]["sent"], 1);
  EXPECT_EQ(m["groups"][1]["by_status"]["accepted"], 1);
  EXPECT_EQ(m["groups"][1]["median_days_to_response"], 0.0);
  EXPECT_EQ(m["total"]["sent"], 6);

  Json w = report("coord.chuo", "?from=2026-04-01&to=2026-04-30&group_by=ward");
  ASSERT_EQ(w["groups"].size(), 1u);
  EXPECT_EQ(w["groups"][0]["label"], "中央区");
  Json c = report("coord.chuo", "?from=2026-04-01&to=2026-04-30&group_by=category");
  ASSERT_EQ(c["groups"].size(), 2u);
}

TEST_F(ReportReferralsTest, EmptyPeriodGivesZerosAndNullRates) {
  Json r = report("coord.chuo", "?from=2026-01-01&to=2026-01-31&group_by=organization");
  const Json& t = r["total"];
  EXPECT_EQ(t["sent"], 0);
  EXPECT_EQ(t["by_status"]["completed"], 0);
  for (const char* k : {"closed_loop_rate", "got_help_rate", "median_days_to_response",
                        "p90_days_to_response", "median_days_to_outcome", "p90_days_to_outcome"}) {
    EXPECT_EQ(t[k], nullptr) << k;
  }
  EXPECT_EQ(r["groups"], Json::array());
  // The default period is the current month up to today (May: R7).
  Json d = report("coord.chuo", "");
  EXPECT_EQ(d["from"], "2026-05-01");
  EXPECT_EQ(d["to"], "2026-05-02");
  EXPECT_EQ(d["total"]["sent"], 1);
}

TEST_F(ReportReferralsTest, ScopedPerRole) {
  // The partner: only its own referrals (R6 went to ほしぞら).
  Json p = report("partner.itokonchi", "?from=2026-04-01&to=2026-04-30&group_by=organization");
  EXPECT_EQ(p["total"]["sent"], 4);
  ASSERT_EQ(p["groups"].size(), 1u);
  EXPECT_EQ(p["groups"][0]["key"], kItokonchi);
  EXPECT_EQ(report("partner.night", "?from=2026-04-01&to=2026-04-30")["total"]["sent"], 1);
  EXPECT_EQ(get("coord.kita", "/api/v1/reports/referrals?ward=chuo")->status, 404);
  EXPECT_EQ(report("coord.kita", "?from=2026-04-01&to=2026-04-30")["total"]["sent"], 0);
  EXPECT_EQ(get("admin", "/api/v1/reports/referrals")->status, 403);
  EXPECT_EQ(get("auditor", "/api/v1/reports/referrals")->status, 403);
}

TEST_F(ReportReferralsTest, BadParametersAre400NamingThem) {
  for (const std::string q :
       {"?from=2026-13-01", "?to=yesterday", "?group_by=day", "?format=pdf", "?ward=x",
        "?from=2026-05-01&to=2026-04-01", "?from=2024-01-01&to=2026-04-01", "?period=2026-04"}) {
    auto res = get("coord.chuo", "/api/v1/reports/referrals" + q);
    ASSERT_EQ(res->status, 400) << q << " " << res->body;
    std::string name = q.substr(1, q.find('=') - 1);
    EXPECT_EQ(body_json(res)["errors"][0]["field"], name) << q;
  }
}

TEST_F(ReportReferralsTest, CsvHasTheSameFigures) {
  auto res = get("coord.chuo",
                 "/api/v1/reports/referrals?from=2026-04-01&to=2026-04-30&group_by=organization"
                 "&format=csv");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(
      res->get_header_value("Content-Disposition"),
      "attachment; filename=\"referrals_2026-04_.csv\"; "
      "filename*=UTF-8''referrals_2026-04_%E4%B8%AD%E5%A4%AE%E5%8C%BA.csv");  // decoded by httplib
  ParsedCsv csv = parse_csv(res->body);
  EXPECT_TRUE(csv.bom);
  EXPECT_TRUE(csv.crlf);
  EXPECT_TRUE(csv.well_formed);
  auto rows = csv_records(csv);
  ASSERT_EQ(rows.size(), 3u);  // two organizations and the total
  EXPECT_EQ(rows[0]["label"], "いとこんち");
  EXPECT_EQ(rows[0]["sent"], "4");
  EXPECT_EQ(rows[1]["got_help_rate"], "");  // null
  EXPECT_EQ(rows[2]["group_by"], "total");
  EXPECT_EQ(rows[2]["sent"], "5");
  EXPECT_EQ(rows[2]["status_completed"], "2");
  EXPECT_EQ(rows[2]["declined_no_capacity"], "1");
  EXPECT_EQ(rows[2]["outcome_got_help"], "1");
  EXPECT_EQ(rows[2]["closed_loop_rate"], "0.4");
  EXPECT_EQ(rows[2]["median_days_to_response"], "1.0");
  EXPECT_EQ(rows[2]["p90_days_to_outcome"], "4.0");
  for (const auto& row : csv.rows) EXPECT_EQ(row.size(), csv.rows[0].size());
  // Not a whole month: both dates in the name.
  auto part =
      get("coord.chuo", "/api/v1/reports/referrals?from=2026-04-01&to=2026-04-15&format=csv");
  EXPECT_NE(part->get_header_value("Content-Disposition").find("referrals_2026-04-01_2026-04-15_"),
            std::string::npos);
}

}  // namespace
}  // namespace tsunagu::testing
