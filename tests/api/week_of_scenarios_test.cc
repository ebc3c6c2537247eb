// The week of ../shared/docs/domain.md ("A week in the network", scenarios 1–6) as one story
// through the API, on the server's clock, as the people who live it: coord.chuo, staff.chuo,
// partner.itokonchi, partner.night and the auditor. Each step checks what that person needs to
// see, not only that the call succeeded.
//
//   Wed 04-01      the ward's cases: two 特定妊婦 (SP-1, SP-2), the 16-year-old's household (W-1),
//                  a family seen at a clinic (K-1)
//   Sat 04-25      K-1 is referred to すすきの中央クリニック, which never answers
//   Fri 05-01 23:10  scenario 1: "open now" search on a phone; urgent referral to いとこんち
//   Sat 05-02 00:05  scenario 2: いとこんち accepts from its inbox; the coordinator hears of it
//   Mon 05-04 09:00  scenario 3: the gaps view
//   Wed 05-06      scenario 4: the 実務者会議's agenda from open cases; a decision updates a case
//   Thu 05-07      scenario 5: the すすきの座談会 refuses minutes that name a household
//   Mon 06-01      scenario 6: May's statistics as CSV; the network map; the auditor's question
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api/meeting_fixture.h"
#include "support/csv_reader.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

constexpr char kClinic[] = "a0000000-0000-4000-8000-000000000016";  // すすきの中央クリニック
constexpr char kFamilyCentre[] = "a0000000-0000-4000-8000-000000000014";  // こもれび
constexpr char kVolunteers[] = "a0000000-0000-4000-8000-000000000019";  // 民生委員・児童委員協議会

class WeekOfScenariosTest : public MeetingApiTest {
 protected:
  // Sets the server's clock to `rfc3339` and signs everyone in again (sessions idle out).
  void at(const char* rfc3339) {
    server_.clock().set(*parse_rfc3339(rfc3339));
    sign_in_everyone();
  }

  std::string new_case(const std::string& ref, const Json& categories, const Json& sections,
                       const std::string& risk = "high") {
    auto res = post("coord.chuo", "/api/v1/cases",
                    {{"ward", "chuo"},
                     {"case_ref", ref},
                     {"household_label", ref + "家"},
                     {"risk_categories", categories},
                     {"risk_level", risk},
                     {"sections", sections}});
    EXPECT_EQ(res->status, 201) << res->body;
    return body_json(res)["id"];
  }

  static std::set<std::string> names(const Json& page) {
    std::set<std::string> out;
    for (const auto& item : page["items"]) out.insert(item["name"].get<std::string>());
    return out;
  }

  static std::vector<std::string> column(const Json& list, const char* key) {
    std::vector<std::string> out;
    for (const auto& item : list["items"]) out.push_back(item[key].get<std::string>());
    return out;
  }
};

TEST_F(WeekOfScenariosTest, FridayNightToMonthEnd) {
  // --- The weeks before: the ward's cases, and a referral nobody answers.
  const std::string sp1 = new_case("SP-1", {"specified_pregnancy"}, {"maternal_child_health"});
  const std::string sp2 =
      new_case("SP-2", {"specified_pregnancy"}, {"maternal_child_health", "child_welfare"});
  const std::string w1 = new_case("W-1", {"parenting_difficulty"}, {"child_welfare"});
  const std::string k1 = new_case("K-1", {"parenting_difficulty"}, {"child_welfare"}, "medium");
  at("2026-04-25T10:00:00+09:00");
  const std::string clinic_referral =
      create_referral(k1, true,
                      {{"organization_id", kClinic},
                       {"urgency", "routine"},
                       {"due_by", "2026-05-29"},
                       {"summary", "乳児健診の受診につなげたい"}})["id"];

  // --- Scenario 1, Friday 23:10: open now, youth space or night nursery, 中央区, not full.
  at("2026-05-01T23:10:00+09:00");
  std::set<std::string> open_now;
  for (const char* category : {"youth_space", "night_nursery"}) {
    auto res = get("coord.chuo", std::string("/api/v1/organizations?open_at=now&ward=chuo") +
                                     "&capacity=open,limited&category=" + category);
    ASSERT_EQ(res->status, 200) << res->body;
    for (const auto& name : names(body_json(res))) open_now.insert(name);
  }
  EXPECT_TRUE(open_now.contains("いとこんち"));                  // open until 23:30
  EXPECT_TRUE(open_now.contains("すすきの夜間保育園ほしぞら"));  // open until 02:00, limited
  EXPECT_FALSE(open_now.contains("つきあかり夜間保育所"));       // full
  EXPECT_FALSE(open_now.contains("ゆうやけ夜間保育ルーム"));     // waitlist
  // At 23:40 いとこんち has closed; the night nursery, past midnight, has not.
  auto later = body_json(get("coord.chuo",
                             "/api/v1/organizations?open_at=2026-05-01T23:40:00%2B09:00"
                             "&ward=chuo&capacity=open,limited&category=youth_space"));
  EXPECT_FALSE(names(later).contains("いとこんち"));

  Json tonight = create_referral(w1);  // urgent, consent, "16歳。今夜の居場所が必要。"
  ASSERT_EQ(tonight["status"], "sent");
  EXPECT_EQ(tonight["due_by"], "2026-05-02");  // urgent: the next day
  const std::string referral = tonight["id"];

  // --- Scenario 2, Saturday 00:05: いとこんち accepts from its inbox.
  at("2026-05-02T00:05:00+09:00");
  Json inbox = body_json(get("partner.itokonchi", "/api/v1/referrals?status=sent"));
  ASSERT_EQ(inbox["total"], 1);
  EXPECT_EQ(inbox["items"][0]["urgency"], "urgent");
  EXPECT_EQ(inbox["items"][0]["summary"], "16歳。今夜の居場所が必要。");
  EXPECT_EQ(inbox["items"][0]["ward_contact"]["phone"], "011-555-0013");  // whom to call back
  EXPECT_FALSE(inbox["items"][0].contains("internal_note"));
  auto accepted = transition("partner.itokonchi", referral, {{"to", "accepted"}},
                             inbox["items"][0]["version"].get<int64_t>());
  ASSERT_EQ(accepted->status, 200) << accepted->body;
  // The coordinator who sent it hears of it, with what a phone shows.
  Json news = body_json(get("coord.chuo", "/api/v1/notifications?unread=true"));
  auto decided = std::find_if(news["items"].begin(), news["items"].end(), [&](const Json& n) {
    return n["kind"] == "referral.decided" && n["link"] == "/referrals/" + referral;
  });
  ASSERT_NE(decided, news["items"].end()) << news.dump();
  EXPECT_EQ((*decided)["organization_name"], "いとこんち");
  EXPECT_EQ((*decided)["status"], "accepted");
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/referrals/" + referral))["status"], "accepted");

  // --- Scenario 3, Monday 09:00: what is slipping.
  at("2026-05-04T09:00:00+09:00");
  Json gaps = body_json(get("coord.chuo", "/api/v1/reports/gaps?ward=chuo"));
  const Json& unanswered = gaps["sections"]["unanswered_referrals"];
  ASSERT_EQ(unanswered["total"], 1) << unanswered.dump();
  EXPECT_EQ(unanswered["items"][0]["id"], clinic_referral);
  EXPECT_EQ(unanswered["items"][0]["days"], 9);
  EXPECT_EQ(unanswered["items"][0]["organization_name"], "すすきの中央クリニック");
  // The two 特定妊婦 cases have had no referral and no conference for 33 days; W-1 has one.
  EXPECT_EQ(column(gaps["sections"]["quiet_high_risk_cases"], "case_ref"),
            (std::vector<std::string>{"SP-2", "SP-1"}));  // both sections first

  // --- Scenario 4, Wednesday: the 実務者会議, its agenda from open cases, highest risk first.
  Json practitioners = plan("practitioners", {{"title", "5月 実務者会議"},
                                              {"starts_at", "2026-05-06T10:00:00+09:00"},
                                              {"ends_at", "2026-05-06T11:30:00+09:00"}});
  Json agenda = body_json(get("coord.chuo", meeting_path(practitioners) + "/suggested-agenda"));
  ASSERT_EQ(agenda["total"], 4);
  EXPECT_EQ(agenda["items"][3]["case_ref"], "K-1");  // the one medium-risk case last
  at("2026-05-06T11:30:00+09:00");
  auto held = patch("coord.chuo", meeting_path(practitioners), {{"status", "held"}});
  ASSERT_EQ(held->status, 200) << held->body;
  auto decision = post("coord.chuo", meeting_path(practitioners) + "/decisions",
                       {{"text", "SP-1 は保健師が主担当。5月20日に再検討。"},
                        {"case_id", sp1},
                        {"lead_user_id", kStaffChuoId},
                        {"next_review_on", "2026-05-20"}});
  ASSERT_EQ(decision->status, 201) << decision->body;
  // staff.chuo finds the case among the ones it leads, reviewed today.
  Json mine = body_json(get("staff.chuo", "/api/v1/cases?lead=me"));
  ASSERT_EQ(mine["total"], 1);
  EXPECT_EQ(mine["items"][0]["case_ref"], "SP-1");
  EXPECT_EQ(mine["items"][0]["next_review_on"], "2026-05-20");
  EXPECT_EQ(mine["items"][0]["last_reviewed_on"], "2026-05-06");

  // --- Scenario 5, Thursday evening: the roundtable in すすきの.
  Json roundtable =
      plan("roundtable", {{"title", "すすきの座談会"},
                          {"starts_at", "2026-05-07T18:30:00+09:00"},
                          {"ends_at", "2026-05-07T20:00:00+09:00"},
                          {"invited_organization_ids",
                           {kItokonchi, kNightNursery, kFamilyCentre, kClinic, kVolunteers}}});
  at("2026-05-07T20:10:00+09:00");
  auto minutes_with_a_family =
      patch("coord.chuo", meeting_path(roundtable),
            {{"status", "held"}, {"minutes", "W-1家の子が金曜に来所した件を共有"}});
  ASSERT_EQ(minutes_with_a_family->status, 422) << minutes_with_a_family->body;
  EXPECT_EQ(body_json(minutes_with_a_family)["errors"][0]["field"], "minutes");
  auto recorded =
      patch("coord.chuo", meeting_path(roundtable),
            {{"status", "held"},
             {"attendees",
              {{{"organization_id", kItokonchi}, {"present", true}},
               {{"organization_id", kNightNursery}, {"present", true}},
               {{"organization_id", kFamilyCentre}, {"present", true}},
               {{"organization_id", kClinic}, {"present", false}},
               {{"name", "南八条町内会 会長"}, {"role", "resident"}, {"present", true}}}},
             {"minutes", "夜間に居場所を探す若者が増えている。週末の見回りを強める。"}});
  ASSERT_EQ(recorded->status, 200) << recorded->body;
  auto item = post("coord.chuo", meeting_path(roundtable) + "/action-items",
                   {{"title", "週末の夜間受け入れ状況を共有する"},
                    {"owner_organization_id", kNightNursery},
                    {"due_on", "2026-05-21"}});
  ASSERT_EQ(item->status, 201) << item->body;
  // ほしぞら's staff see it as theirs, with the meeting's name.
  Json night_items = body_json(get("partner.night", "/api/v1/action-items?owner=me&status=open"));
  ASSERT_EQ(night_items["total"], 1);
  EXPECT_EQ(night_items["items"][0]["meeting_title"], "すすきの座談会");

  // いとこんち completes the referral with an outcome before the month ends.
  at("2026-05-20T15:00:00+09:00");
  auto completed =
      transition("partner.itokonchi", referral, {{"to", "completed"}, {"outcome", "got_help"}});
  ASSERT_EQ(completed->status, 200) << completed->body;

  // --- Scenario 6, month end: May's figures as a spreadsheet, and the network map.
  at("2026-06-01T09:00:00+09:00");
  auto csv = get("coord.chuo",
                 "/api/v1/reports/referrals?from=2026-05-01&to=2026-05-31&ward=chuo"
                 "&group_by=organization&format=csv");
  ASSERT_EQ(csv->status, 200) << csv->body;
  ParsedCsv sheet = parse_csv(csv->body);
  ASSERT_GE(sheet.rows.size(), 2u);
  const auto& header = sheet.rows[0];
  auto col = [&](const std::string& name) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  ASSERT_LT(col("label"), header.size());
  std::map<std::string, std::vector<std::string>> by_label;
  for (size_t i = 1; i < sheet.rows.size(); ++i)
    by_label[sheet.rows[i][col("label")]] = sheet.rows[i];
  ASSERT_TRUE(by_label.contains("いとこんち")) << csv->body;
  EXPECT_EQ(by_label["いとこんち"][col("sent")], "1");
  EXPECT_EQ(by_label["いとこんち"][col("status_completed")], "1");
  EXPECT_EQ(std::stod(by_label["いとこんち"][col("closed_loop_rate")]), 1.0);
  EXPECT_FALSE(by_label.contains("すすきの中央クリニック"));  // sent in April

  Json network = body_json(get("coord.chuo", "/api/v1/network?ward=chuo"));
  std::map<std::string, Json> nodes;
  for (const auto& n : network.at("nodes")) nodes[n.at("id").get<std::string>()] = n;
  EXPECT_FALSE(nodes[kItokonchi]["never_referred"].get<bool>());
  EXPECT_FALSE(nodes[kClinic]["never_referred"].get<bool>());
  EXPECT_TRUE(nodes[kNightNursery]["never_referred"].get<bool>());  // met, never referred to
  EXPECT_EQ(nodes[kNightNursery]["meetings_attended"], 1);

  // The auditor answers "who saw this family's data" by the ward's own number: いとこんち read
  // it in its inbox, the coordinator on its page.
  Json log = body_json(get("auditor", "/api/v1/audit?case_ref=W-1&ward=chuo&per_page=200"));
  std::set<std::string> readers;
  for (const auto& e : log.at("items")) {
    const std::string action = e.value("action", "");
    if (action == "referral.read" || action == "referral.list") {
      readers.insert(e.at("actor").value("id", ""));
    }
  }
  EXPECT_TRUE(readers.contains(kPartnerItokonchiId)) << log.dump();
  EXPECT_TRUE(readers.contains(kCoordChuoId));
  EXPECT_EQ(body_json(get("auditor", "/api/v1/audit/verify"))["ok"], true);
}

}  // namespace
}  // namespace tsunagu::testing
