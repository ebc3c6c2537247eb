// An action item's status follows its table (server/src/domain/meetings/action_item_states.cc):
// open → done | dropped by the owner or the ward; only the ward reopens; done ↔ dropped is no step.
#include "api/meeting_fixture.h"

namespace tsunagu::testing {
namespace {

class ActionItemLifecycleTest : public MeetingApiTest {
 protected:
  std::string item_path_;
  void SetUp() override {
    auto m = plan("roundtable", {{"invited_organization_ids", {kItokonchi}}});
    auto res = post("coord.chuo", meeting_path(m) + "/action-items",
                    {{"title", "夜の居場所マップの原稿"}, {"owner_organization_id", kItokonchi}});
    ASSERT_EQ(res->status, 201) << res->body;
    item_path_ = "/api/v1/action-items/" + body_json(res)["id"].get<std::string>();
  }
  int to(const std::string& user, const std::string& status) {
    return patch(user, item_path_, {{"status", status}})->status;
  }
};

TEST_F(ActionItemLifecycleTest, TheOwnerClosesOnlyTheWardReopens) {
  EXPECT_EQ(to("partner.itokonchi", "done"), 200);
  EXPECT_EQ(to("partner.itokonchi", "dropped"), 409);  // done → dropped is no step
  EXPECT_EQ(to("partner.itokonchi", "open"), 403);     // the owner may not reopen
  EXPECT_EQ(to("coord.chuo", "dropped"), 409);
  EXPECT_EQ(to("coord.chuo", "open"), 200);
  EXPECT_EQ(to("partner.itokonchi", "dropped"), 200);
  EXPECT_EQ(to("staff.chuo", "open"), 200);
  EXPECT_EQ(to("staff.chuo", "open"), 200);  // the same status is no step and no error
  auto item = body_json(get("coord.chuo", "/api/v1/action-items?status=open"))["items"];
  ASSERT_EQ(item.size(), 1u);
  EXPECT_EQ(item[0]["status"], "open");
}

// A list of action items reads on its own: the meeting's title and the owner's name stand beside
// their ids, for the owner and for the ward.
TEST_F(ActionItemLifecycleTest, ItemsNameTheirMeetingAndOwner) {
  for (const char* user : {"partner.itokonchi", "coord.chuo"}) {
    auto items = body_json(get(user, "/api/v1/action-items?status=open"))["items"];
    ASSERT_EQ(items.size(), 1u) << user;
    EXPECT_EQ(items[0]["meeting_title"], "すすきの地区の会議") << user;
    EXPECT_EQ(items[0]["owner_organization_name"], "いとこんち") << user;
    EXPECT_TRUE(items[0]["owner_user_name"].is_null()) << user;
  }
  auto changed = patch("coord.chuo", item_path_, {{"due_on", "2026-04-30"}});
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(body_json(changed)["meeting_title"], "すすきの地区の会議");

  const std::string staff = body_json(get("staff.chuo", "/api/v1/me"))["id"];
  auto m = plan("case_conference");
  auto res = post("coord.chuo", meeting_path(m) + "/action-items",
                  {{"title", "家庭訪問の日程調整"}, {"owner_user_id", staff}});
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(body_json(res)["owner_user_name"], "中央区 保健師");
  EXPECT_TRUE(body_json(res)["owner_organization_name"].is_null());
}

}  // namespace
}  // namespace tsunagu::testing
