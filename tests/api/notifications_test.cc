// Notifications reach the people who act on them, and say what a phone screen needs: a
// partner's decision reaches whoever sent the referral and the case's lead (not whoever drafted
// it), a withdrawal reaches the partner, an invitation the invited organization, an action item
// its owner; ids are opaque; the unread count and read-all work; no case content is carried.
#include "api/meeting_fixture.h"
#include "common/ids.h"

namespace tsunagu::testing {
namespace {

class NotificationsApiTest : public MeetingApiTest {
 protected:
  nlohmann::json notes(const std::string& user, const std::string& query = "") {
    auto res = get(user, "/api/v1/notifications" + query);
    EXPECT_EQ(res->status, 200) << res->body;
    return body_json(res);
  }
  std::multiset<std::string> kinds(const std::string& user) {
    std::multiset<std::string> out;
    const nlohmann::json all = notes(user);  // named: a range-for would not keep a temporary
    for (const auto& n : all["items"]) out.insert(n["kind"].get<std::string>());
    return out;
  }
};

TEST_F(NotificationsApiTest, ADecisionReachesTheSenderAndTheLeadNotTheDrafter) {
  // staff.chuo leads the case and drafts; coord.chuo sends.
  auto created = post("staff.chuo", "/api/v1/cases",
                      {{"ward", "chuo"},
                       {"case_ref", "N-1"},
                       {"household_label", "N."},
                       {"risk_level", "high"},
                       {"lead_user_id", kStaffChuoId}});
  ASSERT_EQ(created->status, 201) << created->body;
  std::string case_id = body_json(created)["id"];
  auto draft = post("staff.chuo", "/api/v1/referrals",
                    {{"case_id", case_id},
                     {"organization_id", kItokonchi},
                     {"urgency", "urgent"},
                     {"legal_basis", "council"},
                     {"summary", "今夜の居場所が必要。"}});
  ASSERT_EQ(draft->status, 201) << draft->body;
  std::string id = body_json(draft)["id"];
  ASSERT_EQ(transition("coord.chuo", id, {{"to", "sent"}})->status, 200);

  auto inbox = notes("partner.itokonchi", "?unread=true");
  ASSERT_EQ(inbox["total"], 1);
  auto received = inbox["items"][0];
  EXPECT_EQ(received["kind"], "referral.received");
  EXPECT_EQ(received["urgency"], "urgent");
  EXPECT_EQ(received["status"], "sent");
  EXPECT_EQ(received["link"], "/referrals/" + id);
  EXPECT_FALSE(received["organization_name"].get<std::string>().empty());
  // Opaque: a random UUID (api.md, General), not a row number; no case content anywhere in the
  // note.
  EXPECT_TRUE(looks_like_uuid(received["id"].get<std::string>())) << received["id"];
  EXPECT_EQ(received["id"].get<std::string>()[14], '4');
  EXPECT_EQ(received.dump().find("N-1"), std::string::npos);
  EXPECT_EQ(received.dump().find("今夜"), std::string::npos);

  ASSERT_EQ(transition("partner.itokonchi", id, {{"to", "accepted"}})->status, 200);
  auto to_coord = notes("coord.chuo")["items"];
  ASSERT_EQ(to_coord.size(), 1u);
  EXPECT_EQ(to_coord[0]["kind"], "referral.decided");
  EXPECT_EQ(to_coord[0]["status"], "accepted");
  // The lead hears too, once, though they also drafted it.
  EXPECT_EQ(kinds("staff.chuo"), (std::multiset<std::string>{"referral.decided"}));
}

TEST_F(NotificationsApiTest, AWithdrawalReachesThePartner) {
  auto sent = create_referral(create_case());
  std::string id = sent["id"];
  ASSERT_EQ(
      transition("coord.chuo", id, {{"to", "withdrawn"}, {"reason_code", "duplicate"}})->status,
      200);
  EXPECT_EQ(kinds("partner.itokonchi"),
            (std::multiset<std::string>{"referral.received", "referral.withdrawn"}));
  EXPECT_TRUE(kinds("coord.chuo").empty());  // the sender needs no news of their own step
}

TEST_F(NotificationsApiTest, InvitationsAndActionItemsReachTheirPeople) {
  auto meeting = plan("roundtable", {{"invited_organization_ids", {kItokonchi}}});
  ASSERT_FALSE(meeting.is_null());
  auto invited = notes("partner.itokonchi")["items"];
  ASSERT_EQ(invited.size(), 1u);
  EXPECT_EQ(invited[0]["kind"], "meeting.invited");
  EXPECT_EQ(invited[0]["meeting_kind"], "roundtable");
  EXPECT_EQ(invited[0]["starts_at"], "2026-04-02T18:30:00+09:00");
  EXPECT_EQ(invited[0]["link"], meeting_path(meeting).substr(7));  // /meetings/{id}
  EXPECT_TRUE(notes("partner.night")["items"].empty());

  // Inviting one more organization tells only the new one.
  auto more = patch("coord.chuo", meeting_path(meeting),
                    {{"invited_organization_ids", {kItokonchi, kNightNursery}}});
  ASSERT_EQ(more->status, 200) << more->body;
  EXPECT_EQ(notes("partner.itokonchi")["total"], 1);
  EXPECT_EQ(kinds("partner.night"), (std::multiset<std::string>{"meeting.invited"}));

  auto item = post("coord.chuo", meeting_path(meeting) + "/action-items",
                   {{"title", "夜の居場所の一覧を作る"}, {"owner_user_id", kStaffChuoId}});
  ASSERT_EQ(item->status, 201) << item->body;
  auto owned = notes("staff.chuo")["items"];
  ASSERT_EQ(owned.size(), 1u);
  EXPECT_EQ(owned[0]["kind"], "action_item.assigned");
  EXPECT_EQ(owned[0]["action_item_id"], body_json(item)["id"]);
}

TEST_F(NotificationsApiTest, UnreadCountAndReadAll) {
  create_referral(create_case());
  create_referral(create_case());
  auto before = notes("partner.itokonchi");
  EXPECT_EQ(before["unread"], 2);
  std::string first = before["items"][0]["id"];
  EXPECT_EQ(post("partner.itokonchi", "/api/v1/notifications/" + first + "/read",
                 nlohmann::json::object())
                ->status,
            204);
  EXPECT_EQ(notes("partner.itokonchi")["unread"], 1);
  auto all = post("partner.itokonchi", "/api/v1/notifications/read-all", nlohmann::json::object());
  ASSERT_EQ(all->status, 200);
  EXPECT_EQ(body_json(all)["marked"], 1);
  EXPECT_EQ(notes("partner.itokonchi")["unread"], 0);
  EXPECT_EQ(notes("partner.itokonchi", "?unread=true")["total"], 0);
  EXPECT_EQ(notes("partner.itokonchi")["total"], 2);
  EXPECT_EQ(get("partner.itokonchi", "/api/v1/notifications?unread=yes")->status, 400);
  EXPECT_EQ(get("partner.itokonchi", "/api/v1/notifications?unrd=true")->status, 400);
}

}  // namespace
}  // namespace tsunagu::testing
