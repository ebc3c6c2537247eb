// A draft is finished before it is sent: PATCH /referrals/{id} changes a draft as a JSON Merge
// Patch with the rules of creating one, in one answer; a referral that was sent is not edited;
// the partner never sees the draft or its edits.
#include <gtest/gtest.h>

#include <set>

#include "api/meeting_fixture.h"

namespace tsunagu::testing {
namespace {

using Fields = std::set<std::string>;

class DraftReferralApiTest : public MeetingApiTest {
 protected:
  std::string draft_path() {
    auto draft =
        create_referral(create_case(), false, {{"legal_basis", nullptr}, {"consent", nullptr}});
    return "/api/v1/referrals/" + draft["id"].get<std::string>();
  }
};

TEST_F(DraftReferralApiTest, ADraftGetsItsLegalBasisAndIsThenSent) {
  const std::string path = draft_path();
  const std::string id = path.substr(path.rfind('/') + 1);
  EXPECT_EQ(transition("coord.chuo", id, {{"to", "sent"}})->status, 422);  // no basis yet

  auto res = patch("staff.chuo", path,
                   {{"legal_basis", "council"},
                    {"summary", "16歳。今夜の居場所が必要。（追記）"},
                    {"internal_note", nullptr}},
                   1);
  ASSERT_EQ(res->status, 200) << res->body;
  Json changed = body_json(res);
  EXPECT_EQ(changed["status"], "draft");
  EXPECT_EQ(changed["version"], 2);
  EXPECT_EQ(changed["legal_basis"], "council");
  EXPECT_EQ(changed["summary"], "16歳。今夜の居場所が必要。（追記）");
  EXPECT_TRUE(changed["internal_note"].is_null()) << res->body;
  EXPECT_EQ(changed["intake_note"], "連絡は本人の携帯へ");  // left out: unchanged
  EXPECT_EQ(body_json(get("partner.itokonchi", "/api/v1/notifications"))["total"], 0);
  EXPECT_EQ(get("partner.itokonchi", path)->status, 404);

  auto sent = transition("coord.chuo", id, {{"to", "sent"}});
  ASSERT_EQ(sent->status, 200) << sent->body;
  // Once sent it is no draft: withdrawn and made anew, never edited under the partner's eyes.
  res = patch("coord.chuo", path, {{"summary", "書き換え"}});
  EXPECT_EQ(res->status, 409) << res->body;
  EXPECT_EQ(body_json(get("partner.itokonchi", path))["summary"],
            "16歳。今夜の居場所が必要。（追記）");
}

TEST_F(DraftReferralApiTest, OneAnswerNamesEveryBrokenFieldAndWritesNothing) {
  const std::string path = draft_path();
  auto res = patch("coord.chuo", path,
                   {{"summary", nullptr},
                    {"urgency", "soon"},
                    {"due_by", "2020-01-01"},
                    {"organization_id", "a0000000-0000-4000-8000-0000000009ff"},
                    {"case_id", "c"},
                    {"consent", {{"obtained_on", "2026-03-31"}}}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (Fields{"summary", "urgency", "due_by", "organization_id", "case_id",
                                       "consent.obtained_by", "consent.scope"}));
  auto unchanged = body_json(get("coord.chuo", path));
  EXPECT_EQ(unchanged["version"], 1);
  EXPECT_EQ(unchanged["summary"], "16歳。今夜の居場所が必要。");

  // A stale version is 412; another ward's coordinator finds nothing; a partner may not.
  EXPECT_EQ(patch("coord.chuo", path, {{"urgency", "routine"}}, 7)->status, 412);
  EXPECT_EQ(patch("coord.kita", path, {{"urgency", "routine"}})->status, 404);
  EXPECT_EQ(patch("partner.itokonchi", path, {{"urgency", "routine"}})->status, 403);
}

TEST_F(DraftReferralApiTest, ANewOrganizationDropsTheOldOnesService) {
  auto services = body_json(
      get("coord.chuo", "/api/v1/organizations/" + std::string(kItokonchi) + "/services"));
  ASSERT_GT(services["items"].size(), 0u) << services.dump();
  const std::string service = services["items"][0]["id"];
  auto draft = create_referral(create_case(), false, {{"service_id", service}});
  const std::string path = "/api/v1/referrals/" + draft["id"].get<std::string>();
  ASSERT_EQ(draft["service_id"], service);

  auto res = patch("coord.chuo", path, {{"organization_id", kNightNursery}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body_json(res)["organization_id"], kNightNursery);
  EXPECT_TRUE(body_json(res)["service_id"].is_null()) << res->body;
  // A service of another organization is refused by name.
  res = patch("coord.chuo", path, {{"service_id", service}});
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (Fields{"service_id"}));
}

}  // namespace
}  // namespace tsunagu::testing
