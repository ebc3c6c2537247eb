// An action item's status follows its table (server/src/domain/action_item_states.cc): open →
// done | dropped by the owner or the ward; only the ward reopens; done ↔ dropped is no step.
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

}  // namespace
}  // namespace tsunagu::testing
