// GET /api/v1/reports/gaps over a known month (report_fixture.h): every section, its reasons and
// day counts, the parameters, CSV, scoping per role and the audit of what it shows.
#include <gtest/gtest.h>

#include "report_fixture.h"
#include "support/csv_reader.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

class ReportGapsTest : public ReportApiTest {
 protected:
  void SetUp() override { build_month(); }

  Json gaps(const std::string& user, const std::string& query = "") {
    auto res = get(user, "/api/v1/reports/gaps" + query);
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no response");
    return res && res->status == 200 ? body_json(res) : Json();
  }
};

TEST_F(ReportGapsTest, ListsEverySectionWithReasonsAndDays) {
  Json r = gaps("coord.chuo");
  EXPECT_EQ(r["today"], "2026-05-02");
  EXPECT_EQ(r["wards"], Json::array({"chuo"}));
  EXPECT_EQ(r["parameters"], Json({{"unanswered_days", 7},
                                   {"outcome_days", 14},
                                   {"quiet_days", 30},
                                   {"page", 1},
                                   {"per_page", 50}}));
  const Json& s = r["sections"];

  // Oldest first: the urgent one (past its due date) was sent an hour before the routine one;
  // the referral sent on day 29 has waited 2 days only.
  EXPECT_EQ(s["unanswered_referrals"]["total"], 2);
  ASSERT_EQ(ids(s["unanswered_referrals"]), (std::vector<std::string>{urgent_, routine_}));
  const Json& first = s["unanswered_referrals"]["items"][0];
  EXPECT_EQ(first["reason"], "past_due_by");
  EXPECT_EQ(first["record_type"], "referral");
  EXPECT_EQ(first["href"], "/api/v1/referrals/" + urgent_);
  EXPECT_EQ(first["since"], "2026-04-01");
  EXPECT_EQ(first["due"], "2026-04-02");
  EXPECT_EQ(first["days"], 31);
  EXPECT_EQ(first["case_ref"], "L-1");
  EXPECT_EQ(first["household_label"], "B.");
  EXPECT_EQ(first["organization_name"], "いとこんち");
  const Json& second = s["unanswered_referrals"]["items"][1];
  EXPECT_EQ(second["reason"], "no_answer");
  EXPECT_EQ(second["due"], "2026-06-30");
  EXPECT_EQ(second["days"], 31);

  EXPECT_EQ(s["accepted_without_outcome"]["total"], 1);
  EXPECT_EQ(ids(s["accepted_without_outcome"]), (std::vector<std::string>{accepted_}));
  EXPECT_EQ(s["accepted_without_outcome"]["items"][0]["reason"], "no_outcome");
  EXPECT_EQ(s["accepted_without_outcome"]["items"][0]["days"], 31);

  // 特定妊婦 first; M-1 was on a conference's agenda, N-1 has an active referral, L-1 is low.
  EXPECT_EQ(s["quiet_high_risk_cases"]["total"], 2);
  EXPECT_EQ(ids(s["quiet_high_risk_cases"], "case_ref"), (std::vector<std::string>{"G-1", "H-1"}));
  const Json& g = s["quiet_high_risk_cases"]["items"][0];
  EXPECT_EQ(g["reason"], "no_referral_no_meeting");
  EXPECT_EQ(g["href"], "/api/v1/cases/" + g_);
  EXPECT_EQ(g["risk_categories"], Json::array({"specified_pregnancy"}));
  EXPECT_EQ(g["since"], "2026-04-01");
  EXPECT_EQ(g["days"], 31);

  EXPECT_EQ(ids(s["plans_past_review"], "case_ref"), (std::vector<std::string>{"L-1"}));
  EXPECT_EQ(s["plans_past_review"]["items"][0]["reason"], "plan_review_overdue");
  EXPECT_EQ(s["plans_past_review"]["items"][0]["due"], "2026-04-20");
  EXPECT_EQ(s["plans_past_review"]["items"][0]["days"], 12);

  EXPECT_EQ(ids(s["overdue_action_items"]), (std::vector<std::string>{item_partner_}));
  const Json& item = s["overdue_action_items"]["items"][0];
  EXPECT_EQ(item["reason"], "action_item_overdue");
  EXPECT_EQ(item["href"], meeting_path(conference_));
  EXPECT_EQ(item["due"], "2026-04-28");
  EXPECT_EQ(item["days"], 4);

  // Every capacity but ほしぞら's (updated on day 20) is 31 days old.
  std::vector<std::string> stale = ids(s["stale_capacity"]);
  EXPECT_NE(std::find(stale.begin(), stale.end(), kItokonchi), stale.end());
  EXPECT_EQ(std::find(stale.begin(), stale.end(), kNightNursery), stale.end());
  for (const auto& o : s["stale_capacity"]["items"]) {
    EXPECT_EQ(o["reason"], "capacity_stale");
    EXPECT_EQ(o["days"], 31);
  }
}

TEST_F(ReportGapsTest, ParametersMoveTheThresholds) {
  const Json s = gaps("coord.chuo",
                      "?unanswered_days=40&outcome_days=31&quiet_days=32&per_page=1")["sections"];
  // Past due_by is listed whatever N says; the routine one waits 31 < 40 days.
  EXPECT_EQ(ids(s["unanswered_referrals"]), (std::vector<std::string>{urgent_}));
  EXPECT_EQ(s["accepted_without_outcome"]["total"], 1);  // 31 days ≥ 31
  EXPECT_EQ(s["quiet_high_risk_cases"]["total"], 0);     // opened 31 days ago only
  EXPECT_EQ(gaps("coord.chuo", "?outcome_days=32")["sections"]["accepted_without_outcome"]["total"],
            0);
}

// The list reads the plan's review date from a column the schema keeps equal to the plan's
// review_by (schema/0013): an edit of the plan, a meeting's decision and a cleared date all show.
TEST_F(ReportGapsTest, PlansPastReviewFollowEveryWriteOfThePlan) {
  auto past = [&] { return ids(gaps("coord.chuo")["sections"]["plans_past_review"], "case_ref"); };
  ASSERT_EQ(past(), (std::vector<std::string>{"L-1"}));

  auto res = patch("coord.chuo", "/api/v1/cases/" + g_,
                   {{"support_plan", {{"review_by", "2026-04-30"}}}}, 1);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(past(), (std::vector<std::string>{"L-1", "G-1"}));  // due 04-20, then 04-30

  res = patch("coord.chuo", meeting_path(conference_), {{"status", "held"}});
  ASSERT_EQ(res->status, 200) << res->body;
  const int64_t version = body_json(res)["version"];
  res =
      post("coord.chuo", meeting_path(conference_) + "/decisions",
           {{"text", "L-1 の計画は6月に見直す"}, {"case_id", l_}, {"plan_review_by", "2026-06-30"}},
           {{"If-Match", "\"" + std::to_string(version) + "\""}});
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(past(), (std::vector<std::string>{"G-1"}));

  res = patch("coord.chuo", "/api/v1/cases/" + g_, {{"support_plan", {{"review_by", nullptr}}}}, 2);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(past().empty());
  EXPECT_EQ(gaps("coord.chuo")["sections"]["plans_past_review"]["total"], 0);
}

// A case is quiet while every meeting that has it on its agenda began before the cutoff; its
// `since` is then the last of them. A cancelled meeting does not count; one still to come does.
TEST_F(ReportGapsTest, QuietCasesGoByTheirLastMeeting) {
  server_.clock().set(test_epoch() + std::chrono::days(5));
  sign_in_everyone();
  plan("case_conference", {{"starts_at", "2026-04-10T10:00:00+09:00"},
                           {"ends_at", "2026-04-10T11:00:00+09:00"},
                           {"agenda", {{{"title", "H-1 の見守り"}, {"case_id", h_}}}}});
  const Json cancelled =
      plan("case_conference", {{"starts_at", "2026-04-28T10:00:00+09:00"},
                               {"ends_at", "2026-04-28T11:00:00+09:00"},
                               {"agenda", {{{"title", "G-1 の支援方針"}, {"case_id", g_}}}}});
  ASSERT_EQ(patch("coord.chuo", meeting_path(cancelled), {{"status", "cancelled"}})->status, 200);
  server_.clock().set(test_epoch() + std::chrono::days(31));
  sign_in_everyone();

  // quiet_days=10: the cutoff is 04-22 09:00.
  const Json quiet = gaps("coord.chuo", "?quiet_days=10")["sections"]["quiet_high_risk_cases"];
  EXPECT_EQ(quiet["total"], 2);
  ASSERT_EQ(ids(quiet, "case_ref"), (std::vector<std::string>{"G-1", "H-1"}));
  EXPECT_EQ(quiet["items"][0]["since"], "2026-04-01");  // opened; the cancelled one not counted
  EXPECT_EQ(quiet["items"][0]["days"], 31);
  EXPECT_EQ(quiet["items"][1]["since"], "2026-04-10");  // its conference
  EXPECT_EQ(quiet["items"][1]["days"], 22);

  plan("case_conference", {{"starts_at", "2026-05-20T10:00:00+09:00"},
                           {"ends_at", "2026-05-20T11:00:00+09:00"},
                           {"agenda", {{{"title", "G-1 の支援方針"}, {"case_id", g_}}}}});
  const Json after = gaps("coord.chuo", "?quiet_days=10")["sections"]["quiet_high_risk_cases"];
  EXPECT_EQ(after["total"], 1);
  EXPECT_EQ(ids(after, "case_ref"), (std::vector<std::string>{"H-1"}));
}

// Every section is a list in the contract's envelope; page and per_page page each one, and the
// totals always count every row.
TEST_F(ReportGapsTest, EachSectionPagesWithTheListEnvelope) {
  const Json first = gaps("coord.chuo", "?per_page=1")["sections"];
  for (const auto& [name, section] : first.items()) {
    EXPECT_EQ(section["page"], 1) << name;
    EXPECT_EQ(section["per_page"], 1) << name;
    EXPECT_LE(section["items"].size(), 1u) << name;
  }
  EXPECT_EQ(first["unanswered_referrals"]["total"], 2);
  EXPECT_EQ(ids(first["unanswered_referrals"]), (std::vector<std::string>{urgent_}));
  EXPECT_EQ(ids(first["quiet_high_risk_cases"], "case_ref"), (std::vector<std::string>{"G-1"}));

  const Json second = gaps("coord.chuo", "?per_page=1&page=2")["sections"];
  EXPECT_EQ(second["unanswered_referrals"]["page"], 2);
  EXPECT_EQ(ids(second["unanswered_referrals"]), (std::vector<std::string>{routine_}));
  EXPECT_EQ(ids(second["quiet_high_risk_cases"], "case_ref"), (std::vector<std::string>{"H-1"}));

  // Past the last page: no rows, and still every total.
  const Json past = gaps("coord.chuo", "?per_page=1&page=9")["sections"];
  EXPECT_EQ(past["unanswered_referrals"]["total"], 2);
  EXPECT_EQ(past["quiet_high_risk_cases"]["total"], 2);
  EXPECT_EQ(past["quiet_high_risk_cases"]["items"].size(), 0u);
  EXPECT_EQ(past["plans_past_review"]["total"], 1);
  EXPECT_EQ(past["overdue_action_items"]["total"], first["overdue_action_items"]["total"]);
}

TEST_F(ReportGapsTest, BadParametersAre400NamingThem) {
  for (const std::string q :
       {"?unanswered_days=0", "?unanswered_days=x", "?outcome_days=366", "?quiet_days=-1",
        "?per_page=201", "?per_page=0", "?page=0", "?page=1.5", "?limit=5", "?ward=nowhere",
        "?format=xml", "?wards=chuo", "?n=7"}) {
    auto res = get("coord.chuo", "/api/v1/reports/gaps" + q);
    ASSERT_EQ(res->status, 400) << q << " " << res->body;
    std::string name = q.substr(1, q.find('=') - 1);
    EXPECT_EQ(body_json(res)["errors"][0]["field"], name) << q;
  }
}

TEST_F(ReportGapsTest, ScopedPerRole) {
  // Another ward's coordinator: 404 for 中央区, and nothing of it in its own report.
  EXPECT_EQ(get("coord.kita", "/api/v1/reports/gaps?ward=chuo")->status, 404);
  Json kita = gaps("coord.kita");
  EXPECT_EQ(kita["wards"], Json::array({"kita"}));
  for (const auto& [name, section] : kita["sections"].items()) {
    if (name != "stale_capacity") {
      EXPECT_EQ(section["total"], 0) << name;
    }
  }
  EXPECT_EQ(gaps("staff.chuo", "?ward=chuo")["sections"]["quiet_high_risk_cases"]["total"], 2);
  EXPECT_EQ(get("admin", "/api/v1/reports/gaps")->status, 403);
  EXPECT_EQ(get("auditor", "/api/v1/reports/gaps")->status, 403);
  EXPECT_EQ(client_.Get("/api/v1/reports/gaps")->status, 401);

  // A partner: its own referrals, action items and capacity; no case anywhere.
  auto res = get("partner.itokonchi", "/api/v1/reports/gaps");
  ASSERT_EQ(res->status, 200) << res->body;
  Json p = body_json(res);
  EXPECT_FALSE(p["sections"].contains("quiet_high_risk_cases"));
  EXPECT_FALSE(p["sections"].contains("plans_past_review"));
  EXPECT_EQ(ids(p["sections"]["unanswered_referrals"]),
            (std::vector<std::string>{urgent_, routine_}));
  EXPECT_EQ(ids(p["sections"]["accepted_without_outcome"]), (std::vector<std::string>{accepted_}));
  EXPECT_EQ(ids(p["sections"]["overdue_action_items"]), (std::vector<std::string>{item_partner_}));
  EXPECT_EQ(ids(p["sections"]["stale_capacity"]), (std::vector<std::string>{kItokonchi}));
  for (const char* secret : {"case_ref", "household_label", "case_id", "L-1", "B.", g_.c_str()}) {
    EXPECT_EQ(res->body.find(secret), std::string::npos) << secret;
  }
  // ほしぞら has no referral at all.
  Json night = gaps("partner.night");
  EXPECT_EQ(night["sections"]["unanswered_referrals"]["total"], 0);
  EXPECT_EQ(night["sections"]["stale_capacity"]["total"], 0);
}

// 中央区 asks 北区 to take G-1 over: the sending ward sees it waiting for 北区, 北区 sees it
// waiting for its answer, partners never see the section, and the answer takes it off both.
TEST_F(ReportGapsTest, PendingTransfersAreListedForBothWardsUntilAnswered) {
  EXPECT_EQ(gaps("coord.chuo")["sections"]["pending_transfers"]["total"], 0);
  auto requested = post("coord.chuo", "/api/v1/cases/" + g_ + "/transfers",
                        {{"to_ward", "kita"}, {"reason", "北区へ転居"}});
  ASSERT_EQ(requested->status, 201) << requested->body;
  const std::string transfer = body_json(requested)["id"];
  server_.clock().set(test_epoch() + std::chrono::days(34));
  sign_in_everyone();

  const Json outgoing = gaps("coord.chuo")["sections"]["pending_transfers"];
  ASSERT_EQ(outgoing["total"], 1);
  const Json& row = outgoing["items"][0];
  EXPECT_EQ(row["reason"], "transfer_awaiting_other_ward");
  EXPECT_EQ(row["record_type"], "transfer");
  EXPECT_EQ(row["id"], transfer);
  EXPECT_EQ(row["href"], "/api/v1/transfers/" + transfer);
  EXPECT_EQ(row["case_id"], g_);
  EXPECT_EQ(row["case_ref"], "G-1");
  EXPECT_EQ(row["ward"], "chuo");
  EXPECT_EQ(row["status"], "pending");
  EXPECT_EQ(row["since"], "2026-05-02");
  EXPECT_EQ(row["days"], 3);

  const Json incoming = gaps("coord.kita")["sections"]["pending_transfers"];
  ASSERT_EQ(incoming["total"], 1);
  EXPECT_EQ(incoming["items"][0]["reason"], "transfer_to_answer");
  EXPECT_EQ(incoming["items"][0]["case_ref"], "G-1");
  EXPECT_EQ(gaps("coord.kita", "?page=2")["sections"]["pending_transfers"]["items"].size(), 0u);
  EXPECT_FALSE(gaps("partner.itokonchi")["sections"].contains("pending_transfers"));

  auto answered =
      post("coord.kita", "/api/v1/transfers/" + transfer + "/transitions", {{"to", "accepted"}});
  ASSERT_EQ(answered->status, 200) << answered->body;
  EXPECT_EQ(gaps("coord.chuo")["sections"]["pending_transfers"]["total"], 0);
  EXPECT_EQ(gaps("coord.kita")["sections"]["pending_transfers"]["total"], 0);
}

TEST_F(ReportGapsTest, ReadingTheCasesItListsIsAudited) {
  gaps("coord.chuo");
  for (const std::string& case_id : {g_, h_, l_, n_}) {
    auto res = get("auditor", "/api/v1/audit?case_id=" + case_id);
    ASSERT_EQ(res->status, 200);
    bool found = false;
    const Json page = body_json(res);  // kept: a range over a temporary's member would dangle
    for (const auto& e : page["items"]) {
      found = found || (e["action"] == "report.gaps" && e["actor"]["username"] == "coord.chuo");
    }
    EXPECT_TRUE(found) << case_id;
  }
  // M-1 is not listed, so not read.
  auto res = get("auditor", "/api/v1/audit?case_id=" + m_);
  const Json page = body_json(res);
  EXPECT_FALSE(page["items"].empty());
  for (const auto& e : page["items"]) EXPECT_NE(e["action"], "report.gaps");
}

TEST_F(ReportGapsTest, CsvParsesBackWithBomCrlfAndDefusedCells) {
  for (bool by_accept : {false, true}) {
    auto res = by_accept ? client_.Get("/api/v1/reports/gaps",
                                       [&] {
                                         auto h = as("coord.chuo");
                                         h.emplace("Accept", "text/csv");
                                         return h;
                                       }())
                         : get("coord.chuo", "/api/v1/reports/gaps?format=csv");
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    // httplib's client percent-decodes header values; the encoding itself is checked in
    // tests/unit/common/csv_test.cc.
    EXPECT_EQ(res->get_header_value("Content-Disposition"),
              "attachment; filename=\"gaps_2026-05-02_.csv\"; "
              "filename*=UTF-8''gaps_2026-05-02_%E4%B8%AD%E5%A4%AE%E5%8C%BA.csv");
    ParsedCsv csv = parse_csv(res->body);
    EXPECT_TRUE(csv.bom);
    EXPECT_TRUE(csv.crlf);
    EXPECT_TRUE(csv.well_formed);
    Json json = gaps("coord.chuo");
    size_t rows = 0;
    for (const auto& [name, section] : json["sections"].items()) rows += section["items"].size();
    ASSERT_EQ(csv.rows.size(), rows + 1);
    auto records = csv_records(csv);
    EXPECT_EQ(records[0]["section"], "unanswered_referrals");
    EXPECT_EQ(records[0]["id"], urgent_);
    EXPECT_EQ(records[0]["days"], "31");
    bool label = false, title = false;
    for (auto& rec : records) {
      label = label || (rec["case_ref"] == "H-1" && rec["household_label"] == "'=1+2");
      title = title || rec["title"] == "ケア会議, \"宿題\"";
    }
    EXPECT_TRUE(label) << "the household label =1+2 is defused";
    EXPECT_TRUE(title) << "a title with a comma and quotes survives";
  }
}

}  // namespace
}  // namespace tsunagu::testing
