// The 実務者会議's suggested agenda from live case data, and decisions that update cases in the
// same transaction, with case events and audit (scenario 4 of domain.md).
#include <gtest/gtest.h>

#include <set>

#include "meeting_fixture.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

class MeetingAgendaApiTest : public MeetingApiTest {
 protected:
  // Marks `case_id` as reviewed on `date` through PATCH, as the ward records it.
  void reviewed(const std::string& case_id, const std::string& date) {
    auto res = patch("coord.chuo", "/api/v1/cases/" + case_id, {{"last_reviewed_on", date}});
    ASSERT_EQ(res->status, 200) << res->body;
  }
};

TEST_F(MeetingAgendaApiTest, SuggestsEveryOpenCaseHighestRiskFirstThenLongestWithoutReview) {
  std::string low_old = create_case("L-1", "low");
  reviewed(low_old, "2025-01-01");
  std::string high_recent = create_case("H-1", "high");
  reviewed(high_recent, "2026-03-22");
  std::string high_never = create_case("H-2", "high");
  std::string high_old = create_case("H-3", "high");
  reviewed(high_old, "2026-02-01");
  std::string medium = create_case("M-1", "medium");
  std::string closed = create_case("X-1", "high");
  ASSERT_EQ(post("coord.chuo", "/api/v1/cases/" + closed + "/close", {{"reason", "転出"}})->status,
            200);
  Json referral = create_referral(high_recent);  // sent to いとこんち
  auto kita = post(
      "coord.kita", "/api/v1/cases",
      {{"ward", "kita"}, {"case_ref", "K-1"}, {"household_label", "K."}, {"risk_level", "high"}});
  ASSERT_EQ(kita->status, 201);

  Json meeting = plan("practitioners");
  auto res = get("coord.chuo", meeting_path(meeting) + "/suggested-agenda");
  ASSERT_EQ(res->status, 200) << res->body;
  Json items = body_json(res)["items"];
  std::vector<std::string> order;
  for (const auto& item : items) order.push_back(item["case_ref"]);
  EXPECT_EQ(order, (std::vector<std::string>{"H-2", "H-3", "H-1", "M-1", "L-1"}));

  EXPECT_TRUE(items[0]["days_since_last_review"].is_null());
  EXPECT_EQ(items[1]["days_since_last_review"], 59);  // 2026-02-01 → 2026-04-01
  EXPECT_EQ(items[2]["days_since_last_review"], 10);
  EXPECT_EQ(items[2]["risk_level"], "high");
  EXPECT_EQ(items[2]["household_label"], "A.K.");
  ASSERT_EQ(items[2]["open_referrals"].size(), 1u);
  EXPECT_EQ(items[2]["open_referrals"][0]["id"], referral["id"]);
  EXPECT_EQ(items[2]["open_referrals"][0]["status"], "sent");
  EXPECT_EQ(items[2]["open_referrals"][0]["organization_name"], "いとこんち");
  EXPECT_EQ(items[0]["open_referrals"], Json::array());

  // Reading it is reading case data: audited per case.
  Json log = body_json(get("auditor", "/api/v1/audit?case_id=" + high_never));
  bool audited = false;
  for (const auto& e : log["items"]) audited = audited || e["action"] == "meeting.suggested_agenda";
  EXPECT_TRUE(audited);
}

TEST_F(MeetingAgendaApiTest, OnlyPractitionersMeetingsHaveOneAndOnlyWardRolesSeeIt) {
  create_case();
  Json roundtable = plan("roundtable");
  EXPECT_EQ(get("coord.chuo", meeting_path(roundtable) + "/suggested-agenda")->status, 409);
  Json meeting = plan("practitioners", {{"invited_organization_ids", {kItokonchi}}});
  EXPECT_EQ(get("partner.itokonchi", meeting_path(meeting) + "/suggested-agenda")->status, 403);
  EXPECT_EQ(get("coord.kita", meeting_path(meeting) + "/suggested-agenda")->status, 404);
  EXPECT_EQ(get("staff.chuo", meeting_path(meeting) + "/suggested-agenda")->status, 200);
}

TEST_F(MeetingAgendaApiTest, AdoptingAddsEachCaseOnce) {
  std::string high = create_case("H-1", "high");
  std::string low = create_case("L-1", "low");
  Json meeting = plan("practitioners", {{"agenda", {{{"title", "前回の振り返り"}}}}});
  auto res = post("coord.chuo", meeting_path(meeting) + "/suggested-agenda/adopt", Json::object());
  ASSERT_EQ(res->status, 200) << res->body;
  Json adopted = body_json(res);
  ASSERT_EQ(adopted["agenda"].size(), 3u);
  EXPECT_EQ(adopted["agenda"][0]["title"], "前回の振り返り");
  EXPECT_EQ(adopted["agenda"][1]["case_id"], high);
  EXPECT_EQ(adopted["agenda"][1]["title"], "H-1（A.K.）");
  EXPECT_NE(adopted["agenda"][1]["notes"].get<std::string>().find("リスク高"), std::string::npos);
  EXPECT_EQ(adopted["agenda"][2]["case_id"], low);
  EXPECT_EQ(adopted["version"], 2);

  res = post("coord.chuo", meeting_path(meeting) + "/suggested-agenda/adopt", Json::object());
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(body_json(res)["agenda"].size(), 3u);
  EXPECT_EQ(body_json(res)["version"], 2);  // nothing new, nothing changed
}

TEST_F(MeetingAgendaApiTest, DecisionsUpdateTheCaseWithEventsAndAudit) {
  std::string case_id = create_case("H-1", "high");
  advance(std::chrono::hours(24 * 7 + 4));  // Wednesday 8 April, 13:00: the meeting has ended
  Json meeting = plan("practitioners", {{"starts_at", "2026-04-08T10:00:00+09:00"},
                                        {"ends_at", "2026-04-08T12:00:00+09:00"},
                                        {"status", "held"}});
  auto res = post("coord.chuo", meeting_path(meeting) + "/decisions",
                  {{"text", "担当を保健師に替え、5月に再検討する"},
                   {"case_id", case_id},
                   {"lead_user_id", kStaffChuoId},
                   {"next_review_on", "2026-05-13"},
                   {"plan_review_by", "2026-06-30"}},
                  {{"If-Match", "\"1\""}});
  ASSERT_EQ(res->status, 201) << res->body;
  Json m = body_json(res);
  ASSERT_EQ(m["decisions"].size(), 1u);
  EXPECT_EQ(m["decisions"][0]["case_id"], case_id);
  EXPECT_EQ(m["decisions"][0]["recorded_by"], kCoordChuoId);
  EXPECT_EQ(m["version"], 2);

  Json c = body_json(get("coord.chuo", "/api/v1/cases/" + case_id));
  EXPECT_EQ(c["lead_user_id"], kStaffChuoId);
  EXPECT_EQ(c["next_review_on"], "2026-05-13");
  EXPECT_EQ(c["last_reviewed_on"], "2026-04-08");  // the meeting's day
  EXPECT_EQ(c["support_plan"]["review_by"], "2026-06-30");
  EXPECT_EQ(c["version"], 2);

  Json events = body_json(get("staff.chuo", "/api/v1/cases/" + case_id + "/events"));
  std::set<std::string> kinds;
  for (const auto& e : events["items"]) {
    kinds.insert(e["kind"]);
    EXPECT_EQ(e["meeting_id"], meeting["id"]);
    EXPECT_EQ(e["decision_id"], m["decisions"][0]["id"]);
    EXPECT_EQ(e["actor_id"], kCoordChuoId);
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"reviewed", "lead_changed", "review_scheduled",
                                          "plan_review_set"}));
  for (const auto& e : events["items"]) {
    if (e["kind"] == "lead_changed") {
      EXPECT_EQ(e["to"], kStaffChuoId);
    } else if (e["kind"] == "review_scheduled") {
      EXPECT_EQ(e["to"], "2026-05-13");
    }
  }

  Json log = body_json(get("auditor", "/api/v1/audit?case_id=" + case_id));
  std::set<std::string> actions;
  for (const auto& e : log["items"]) actions.insert(e["action"]);
  EXPECT_TRUE(actions.contains("case.update"));
  EXPECT_TRUE(actions.contains("meeting.decision"));

  // The suggested agenda now counts from this review.
  Json next = plan("practitioners");
  Json items = body_json(get("coord.chuo", meeting_path(next) + "/suggested-agenda"))["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["lead"]["id"], kStaffChuoId);
  EXPECT_EQ(items[0]["last_reviewed_on"], "2026-04-08");
}

TEST_F(MeetingAgendaApiTest, ABrokenDecisionChangesNothing) {
  std::string case_id = create_case("H-1", "high");
  Json meeting = plan("case_conference", {{"starts_at", "2026-03-31T10:00:00+09:00"},
                                          {"ends_at", "2026-03-31T11:00:00+09:00"},
                                          {"status", "held"}});
  // A partner's user cannot lead a case: the decision, the case and its events stay as they were.
  auto res = post("coord.chuo", meeting_path(meeting) + "/decisions",
                  {{"text", "担当を替える"},
                   {"case_id", case_id},
                   {"lead_user_id", kPartnerItokonchiId},
                   {"next_review_on", "2026-05-13"}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"lead_user_id"}));
  res = post("coord.chuo", meeting_path(meeting) + "/decisions",
             {{"text", "再検討"}, {"next_review_on", "5月13日"}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"next_review_on", "case_id"}));
  res = post("coord.chuo", meeting_path(meeting) + "/decisions", {{"text", "x"}},
             {{"If-Match", "\"5\""}});
  EXPECT_EQ(res->status, 412);

  EXPECT_EQ(body_json(get("coord.chuo", meeting_path(meeting)))["decisions"], Json::array());
  Json c = body_json(get("coord.chuo", "/api/v1/cases/" + case_id));
  EXPECT_TRUE(c["lead_user_id"].is_null());
  EXPECT_EQ(c["version"], 1);
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/cases/" + case_id + "/events"))["total"], 0);
}

// A decision sent twice with the same Idempotency-Key (a retry after a dropped answer) is
// recorded once and changes its case once.
TEST_F(MeetingAgendaApiTest, ADecisionRetriedWithItsKeyIsRecordedOnce) {
  std::string case_id = create_case();
  Json meeting = plan("practitioners", {{"starts_at", "2026-04-01T08:00:00+09:00"},
                                        {"ends_at", "2026-04-01T08:45:00+09:00"},
                                        {"status", "held"}});
  const Json decision = {
      {"text", "来月に再検討"}, {"case_id", case_id}, {"next_review_on", "2026-05-13"}};
  httplib::Headers key{{"Idempotency-Key", "decision-1"}};
  auto first = post("coord.chuo", meeting_path(meeting) + "/decisions", decision, key);
  ASSERT_EQ(first->status, 201) << first->body;
  EXPECT_EQ(first->get_header_value("Location"), meeting_path(meeting));
  auto again = post("coord.chuo", meeting_path(meeting) + "/decisions", decision, key);
  ASSERT_EQ(again->status, 201) << again->body;
  EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(body_json(again)["decisions"].size(), 1u);
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/cases/" + case_id))["version"], 2);
  // Without a key each request is a decision of its own.
  ASSERT_EQ(post("coord.chuo", meeting_path(meeting) + "/decisions", decision)->status, 201);
  EXPECT_EQ(body_json(get("coord.chuo", meeting_path(meeting)))["decisions"].size(), 2u);
}

TEST_F(MeetingAgendaApiTest, OnlyAHeldMeetingDecides) {
  std::string case_id = create_case("H-1", "high");
  Json ahead = plan("practitioners", {{"starts_at", "2026-04-03T10:00:00+09:00"},
                                      {"ends_at", "2026-04-03T12:00:00+09:00"}});
  auto res =
      post("coord.chuo", meeting_path(ahead) + "/decisions",
           {{"text", "5月に再検討する"}, {"case_id", case_id}, {"next_review_on", "2026-05-13"}});
  EXPECT_EQ(res->status, 409) << res->body;
  Json c = body_json(get("coord.chuo", "/api/v1/cases/" + case_id));
  EXPECT_TRUE(c["last_reviewed_on"].is_null());  // no review dated in the future
  EXPECT_TRUE(c["next_review_on"].is_null());
  EXPECT_EQ(body_json(get("coord.chuo", meeting_path(ahead)))["decisions"], Json::array());
}

TEST_F(MeetingAgendaApiTest, AMeetingWithDecisionsCannotBeCancelled) {
  // A decision recorded before decisions needed a held meeting (data of an older version).
  Json meeting = plan("case_conference");
  ASSERT_OK(server_.app().database().write([&](storage::Connection& c) -> Status {
    c.prepare(
         "INSERT INTO meeting_decisions (id, meeting_id, text, recorded_by, recorded_at)"
         " VALUES ('d0000000-0000-4000-8000-000000000001', ?1, '見守りを続ける', ?2,"
         " '2026-04-01T00:00:00Z')")
        .bind(1, meeting["id"].get<std::string>())
        .bind(2, std::string(kCoordChuoId))
        .run();
    return Status::Ok();
  }));
  auto res = patch("coord.chuo", meeting_path(meeting), {{"status", "cancelled"}});
  EXPECT_EQ(res->status, 409) << res->body;
  EXPECT_EQ(body_json(get("coord.chuo", meeting_path(meeting)))["status"], "planned");
}

}  // namespace
}  // namespace tsunagu::testing
