// A known month in 中央区's network for the report tests, built on the server's fake clock from
// Wednesday 2026-04-01 09:00 (day 0) to Saturday 2026-05-02 09:00 (day 31):
//   G-1  high, 特定妊婦, both sections; nothing done             → quiet, listed first
//   H-1  high, 育児困難, household label "=1+2"; nothing done     → quiet, after G-1
//   M-1  high, 虐待認定; on the agenda of a conference on 04-25   → not quiet
//   N-1  high; referral accepted on day 0, no outcome since      → accepted without outcome
//   L-1  low; plan review due 04-20; two referrals sent on day 0, one due 04-02 (urgent), one
//        due 06-30 (routine) → both unanswered; a third sent on day 29 → not yet
// Meetings: a case conference on 04-25 with two action items (いとこんち's due 04-28, the
// coordinator's due 06-01) and a roundtable planned for 05-10. ほしぞら updates its capacity
// on day 20; every other capacity dates from day 0.
#pragma once

#include <string>

#include "meeting_fixture.h"

namespace tsunagu::testing {

class ReportApiTest : public MeetingApiTest {
 protected:
  std::string case_with(const std::string& ref, const std::string& risk,
                        const nlohmann::json& categories, const nlohmann::json& sections,
                        const std::string& label = "A.K.",
                        nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json body = {{"ward", "chuo"},           {"case_ref", ref},
                           {"household_label", label}, {"risk_categories", categories},
                           {"risk_level", risk},       {"sections", sections}};
    body.update(extra);
    auto res = post("coord.chuo", "/api/v1/cases", body);
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    return res && res->status == 201 ? body_json(res)["id"].get<std::string>() : "";
  }

  void build_month() {
    g_ = case_with("G-1", "high", {"specified_pregnancy"},
                   {"maternal_child_health", "child_welfare"});
    h_ = case_with("H-1", "high", {"parenting_difficulty"}, {"child_welfare"}, "=1+2");
    m_ = case_with("M-1", "high", {"abuse_certified"}, {"child_welfare"});
    n_ = case_with("N-1", "high", {"parenting_difficulty"}, {"child_welfare"});
    l_ = case_with("L-1", "low", {"parenting_difficulty"}, {"maternal_child_health"}, "B.",
                   {{"support_plan", {{"goals", {"通院の継続"}}, {"review_by", "2026-04-20"}}}});
    urgent_ = create_referral(l_)["id"];  // urgent: due 04-02
    accepted_ = create_referral(n_)["id"];
    auto acc = transition("partner.itokonchi", accepted_, {{"to", "accepted"}});
    EXPECT_EQ(acc->status, 200) << acc->body;
    advance(std::chrono::hours(1));
    routine_ = create_referral(l_, true, {{"urgency", "routine"}, {"due_by", "2026-06-30"}})["id"];
    conference_ =
        plan("case_conference", {{"starts_at", "2026-04-25T10:00:00+09:00"},
                                 {"ends_at", "2026-04-25T11:00:00+09:00"},
                                 {"agenda", {{{"title", "M-1 の支援方針"}, {"case_id", m_}}}}});
    item_partner_ = action_item({{"title", "ケア会議, \"宿題\""},
                                 {"owner_organization_id", kItokonchi},
                                 {"due_on", "2026-04-28"}});
    item_coord_ = action_item({{"title", "家庭訪問の日程調整"},
                               {"owner_user_id", kCoordChuoId},
                               {"due_on", "2026-06-01"}});
    roundtable_ = plan("roundtable", {{"starts_at", "2026-05-10T18:30:00+09:00"},
                                      {"ends_at", "2026-05-10T20:00:00+09:00"},
                                      {"title", "すすきの座談会"}})["id"];
    server_.clock().set(test_epoch() + std::chrono::days(20));
    sign_in_everyone();
    auto cap =
        client_.Put((std::string("/api/v1/organizations/") + kNightNursery + "/capacity").c_str(),
                    as("partner.night"), R"({"status":"open"})", "application/json");
    EXPECT_EQ(cap->status, 200) << cap->body;
    server_.clock().set(test_epoch() + std::chrono::days(29));
    sign_in_everyone();
    late_ = create_referral(l_, true, {{"urgency", "routine"}, {"due_by", "2026-06-30"}})["id"];
    server_.clock().set(test_epoch() + std::chrono::days(31));
    sign_in_everyone();
  }

  std::string action_item(const nlohmann::json& body) {
    auto res = post("coord.chuo", meeting_path(conference_) + "/action-items", body);
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    return res && res->status == 201 ? body_json(res)["id"].get<std::string>() : "";
  }

  // The ids (or, for cases, case_refs) of a section's items, in order.
  static std::vector<std::string> ids(const nlohmann::json& list, const char* key = "id") {
    std::vector<std::string> out;
    for (const auto& item : list["items"]) out.push_back(item[key].get<std::string>());
    return out;
  }

  std::string g_, h_, m_, n_, l_;
  std::string urgent_, accepted_, routine_, late_;
  nlohmann::json conference_;
  std::string item_partner_, item_coord_, roundtable_;
};

}  // namespace tsunagu::testing
