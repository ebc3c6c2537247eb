// PATCH is JSON Merge Patch on meetings, action items and users as on cases: null removes an
// optional field and is a 422 for a required one; and one answer names every broken field of
// a meeting, an action item or a user — the reader's, the rules' and the database's together.
// Single resources answer 400 to a query parameter, as the lists do.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "api/meeting_fixture.h"

namespace tsunagu::testing {
namespace {

using Fields = std::set<std::string>;
constexpr char kNoOrganization[] = "a0000000-0000-4000-8000-0000000009ff";
constexpr char kNoUser[] = "b0000000-0000-4000-8000-0000000009ff";

class MergePatchApiTest : public MeetingApiTest {
 protected:
  // The codes of a problem's errors[] by field.
  static std::map<std::string, std::string> codes(const httplib::Result& res) {
    std::map<std::string, std::string> out;
    const Json body = body_json(res);
    for (const auto& e : body["errors"]) out[e["field"]] = e["code"];
    return out;
  }
};

TEST_F(MergePatchApiTest, NullRemovesAMeetingsPlaceAndCannotRemoveItsTitle) {
  Json m = plan("roundtable", {{"minutes", "地図の原稿を確認した。"}});
  const std::string path = meeting_path(m);
  auto res = patch("coord.chuo", path, {{"place", nullptr}, {"district", nullptr}});
  ASSERT_EQ(res->status, 200) << res->body;
  Json changed = body_json(res);
  EXPECT_TRUE(!changed.contains("place") || changed["place"].is_null()) << res->body;
  EXPECT_TRUE(!changed.contains("district") || changed["district"].is_null()) << res->body;
  EXPECT_EQ(changed["title"], "すすきの地区の会議");  // left out: unchanged
  EXPECT_EQ(changed["minutes"], "地図の原稿を確認した。");

  res = patch("coord.chuo", path, {{"minutes", nullptr}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body_json(res)["minutes"], "");

  res = patch("coord.chuo", path, {{"title", nullptr}, {"starts_at", nullptr}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (Fields{"title", "starts_at"}));
  EXPECT_EQ(codes(res)["title"], "field.required");
  // Nothing of the refused change was written.
  EXPECT_EQ(body_json(get("coord.chuo", path))["title"], "すすきの地区の会議");
}

TEST_F(MergePatchApiTest, OneAnswerNamesAMeetingsShapeRulesAndReferences) {
  // An unknown field, a time that is no time, a status outside its set and an organization the
  // directory does not hold: all four at once, where each used to stop the check before it.
  auto res = post("coord.chuo", "/api/v1/meetings",
                  {{"kind", "case_conference"},
                   {"title", "t"},
                   {"ward", "chuo"},
                   {"starts_at", "木曜の夜"},
                   {"ends_at", "2026-04-02T19:00:00+09:00"},
                   {"status", "done"},
                   {"invited_organization_ids", {kNoOrganization}},
                   {"colour", "red"}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res),
            (Fields{"starts_at", "status", "invited_organization_ids[0]", "colour"}));

  // A change the same way: the status outside its set is a 422 (not a 409 for its move), with
  // the attendee who is nobody beside it.
  Json m = plan("case_conference");
  res = patch("coord.chuo", meeting_path(m),
              {{"status", "finished"}, {"attendees", {{{"user_id", kNoUser}}}}, {"x", 1}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (Fields{"status", "attendees[0].user_id", "x"}));
}

TEST_F(MergePatchApiTest, NullRemovesAnActionItemsDueDateAndNotItsOnlyOwner) {
  Json m = plan("roundtable", {{"invited_organization_ids", {kItokonchi}}});
  auto res = post("coord.chuo", meeting_path(m) + "/action-items",
                  {{"title", "夜の居場所マップの原稿"},
                   {"owner_organization_id", kItokonchi},
                   {"due_on", "2026-04-30"}});
  ASSERT_EQ(res->status, 201) << res->body;
  const std::string path = "/api/v1/action-items/" + body_json(res)["id"].get<std::string>();

  res = patch("coord.chuo", path, {{"due_on", nullptr}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(body_json(res)["due_on"].is_null()) << res->body;
  EXPECT_EQ(body_json(res)["title"], "夜の居場所マップの原稿");

  // The only owner cannot be removed; naming the other owner with it replaces it.
  res = patch("coord.chuo", path, {{"owner_organization_id", nullptr}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (Fields{"owner_organization_id"}));
  const std::string staff = body_json(get("staff.chuo", "/api/v1/me"))["id"];
  res = patch("coord.chuo", path, {{"owner_organization_id", nullptr}, {"owner_user_id", staff}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(body_json(res)["owner_organization_id"].is_null());
  EXPECT_EQ(body_json(res)["owner_user_id"], staff);

  // A partner may not change the date, removing it included.
  res = patch("coord.chuo", path,
              {{"owner_user_id", nullptr}, {"owner_organization_id", kItokonchi}});
  ASSERT_EQ(res->status, 200) << res->body;
  res = patch("partner.itokonchi", path, {{"due_on", nullptr}});
  EXPECT_EQ(res->status, 403) << res->body;

  // One answer: an unknown field, a title removed, a status outside its set and an owner who is
  // nobody.
  res = patch("coord.chuo", path,
              {{"title", nullptr}, {"status", "finished"}, {"owner_user_id", kNoUser}, {"x", 1}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (Fields{"title", "status", "owner_user_id", "x"}));
}

TEST_F(MergePatchApiTest, OneAnswerNamesEveryBrokenFieldOfAUser) {
  auto res = post("admin", "/api/v1/users",
                  {{"username", "X"},
                   {"display_name", "新しい職員"},
                   {"role", "ward_staff"},
                   {"wards", {"chuuo"}},
                   {"password", "a long enough password 2026"},
                   {"nickname", "x"}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (Fields{"username", "wards[0]", "nickname"}));

  res = post("admin", "/api/v1/users",
             {{"username", "new.staff"},
              {"display_name", "新しい職員"},
              {"role", "ward_staff"},
              {"wards", {"chuo"}},
              {"password", "a long enough password 2026"}});
  ASSERT_EQ(res->status, 201) << res->body;
  const std::string path = "/api/v1/users/" + body_json(res)["id"].get<std::string>();

  res = patch("admin", path, {{"display_name", nullptr}, {"role", "boss"}, {"y", 2}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (Fields{"display_name", "role", "y"}));
  EXPECT_EQ(codes(res)["display_name"], "field.required");
  EXPECT_EQ(body_json(get("admin", path))["display_name"], "新しい職員");
}

TEST_F(MergePatchApiTest, ASingleResourceRefusesQueryParameters) {
  const std::string case_id = create_case();
  Json m = plan("roundtable");
  for (const std::string& path :
       {"/api/v1/cases/" + case_id, meeting_path(m), std::string("/api/v1/me"),
        "/api/v1/organizations/" + std::string(kItokonchi)}) {
    SCOPED_TRACE(path);
    auto res = get("coord.chuo", path + "?fields=household_label");
    EXPECT_EQ(res->status, 400) << res->body;
    EXPECT_EQ(error_fields(res), (Fields{"fields"}));
    EXPECT_EQ(get("coord.chuo", path)->status, 200);
  }
}

TEST_F(MergePatchApiTest, TheReferenceTablesSayCacheControlOnce) {
  auto res = get("coord.chuo", "/api/v1/reference");
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value_count("Cache-Control"), 1u);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "private, no-cache");
}

}  // namespace
}  // namespace tsunagu::testing
