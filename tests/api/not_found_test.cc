// A 404 never tells "exists, but not yours" from "does not exist": for every scoped resource the
// body an out-of-scope id gets is the body an unknown id gets, in English and in Japanese.
#include <gtest/gtest.h>

#include "api/meeting_fixture.h"

namespace tsunagu::testing {
namespace {

class NotFoundTest : public MeetingApiTest {
 protected:
  // The 404's body as `user` sees it in `language` (action items are only ever changed).
  nlohmann::json problem(const std::string& user, const std::string& path,
                         const std::string& language) {
    auto h = as(user);
    h.emplace("Accept-Language", language);
    auto res = path.starts_with("/api/v1/action-items/")
                   ? client_.Patch(path.c_str(), h, R"({"status":"done"})", "application/json")
                   : client_.Get(path.c_str(), h);
    EXPECT_EQ(res->status, 404) << path << ": " << res->body;
    return body_json(res);
  }
};

TEST_F(NotFoundTest, OutOfScopeAndUnknownIdsGetOneBody) {
  const std::string case_id = create_case();
  const std::string referral = create_referral(case_id)["id"];
  auto meeting = plan("case_conference");
  auto item = post("coord.chuo", meeting_path(meeting) + "/action-items",
                   {{"title", "確認"}, {"owner_user_id", kCoordChuoId}});
  ASSERT_EQ(item->status, 201) << item->body;
  const std::string unknown = "00000000-0000-4000-8000-000000000000";
  const std::pair<std::string, std::string> paths[] = {
      {"/api/v1/cases/", case_id},
      {"/api/v1/referrals/", referral},
      {"/api/v1/meetings/", meeting["id"]},
      {"/api/v1/action-items/", body_json(item)["id"]},
  };
  for (const auto& [base, id] : paths) {
    for (const char* language : {"en", "ja"}) {
      SCOPED_TRACE(base + " " + language);
      auto hidden = problem("coord.kita", base + id, language);
      auto missing = problem("coord.kita", base + unknown, language);
      EXPECT_EQ(hidden, missing);
      // The partner it does not concern gets the same (cases are never a partner's: 403).
      if (base != "/api/v1/cases/") {
        EXPECT_EQ(problem("partner.night", base + id, language), missing);
      }
    }
  }
}

}  // namespace
}  // namespace tsunagu::testing
