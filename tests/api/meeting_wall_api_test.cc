// The roundtable's confidentiality wall: residents attend 座談会 without a duty of
// confidentiality, so nothing of a roundtable may name a family of the ward — not an agenda
// item, the minutes, a decision or an action item — whichever width or kana it is typed in.
#include <gtest/gtest.h>

#include <set>

#include "meeting_fixture.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

class MeetingWallApiTest : public MeetingApiTest {
 protected:
  MeetingWallApiTest() {
    auto res = post("coord.chuo", "/api/v1/cases",
                    {{"ward", "chuo"},
                     {"case_ref", "C-2026-012"},
                     {"household_label", "さくら家"},
                     {"risk_level", "high"}});
    EXPECT_EQ(res->status, 201) << res->body;
    case_id_ = body_json(res)["id"];
    roundtable_ = plan("roundtable", {{"title", "すすきの座談会"}});
  }

  // The message of the error for `field`, or "" if there is none.
  static std::string message_for(const httplib::Result& res, const std::string& field) {
    Json body = body_json(res);
    for (const auto& e : body["errors"]) {
      if (e["field"] == field) return e["message"];
    }
    return "";
  }

  std::string case_id_;
  Json roundtable_;
};

TEST_F(MeetingWallApiTest, AnAgendaItemWithACaseIsRefused) {
  auto res = patch("coord.chuo", meeting_path(roundtable_),
                   {{"agenda", {{{"title", "気になる世帯"}, {"case_id", case_id_}}}}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"agenda[0].case_id"}));
  // Nor on creation.
  res = post("coord.chuo", "/api/v1/meetings",
             {{"kind", "roundtable"},
              {"title", "座談会"},
              {"ward", "chuo"},
              {"starts_at", "2026-04-09T18:00:00+09:00"},
              {"ends_at", "2026-04-09T19:00:00+09:00"},
              {"agenda", {{{"title", "気になる世帯"}, {"case_id", case_id_}}}}});
  EXPECT_EQ(res->status, 422) << res->body;
}

TEST_F(MeetingWallApiTest, MinutesQuotingACaseInAnyWidthAreRefusedAndSayWhatToRemove) {
  for (const char* minutes : {"C-2026-012の件で相談があった", "ｃ－２０２６－０１２ について",
                              "サクラ家の母親が来所", "さくら家"}) {
    SCOPED_TRACE(minutes);
    auto res = patch("coord.chuo", meeting_path(roundtable_), {{"minutes", minutes}});
    ASSERT_EQ(res->status, 422) << res->body;
    std::string message = message_for(res, "minutes");
    EXPECT_TRUE(message.find("「C-2026-012」") != std::string::npos ||
                message.find("「さくら家」") != std::string::npos)
        << message;
    EXPECT_NE(message.find("remove"), std::string::npos) << message;
  }
  // Nothing was written: the meeting is as it was.
  Json now = body_json(get("coord.chuo", meeting_path(roundtable_)));
  EXPECT_EQ(now["minutes"], "");
  EXPECT_EQ(now["version"], 1);
  // Text that merely resembles a case is fine: another number, a longer word.
  for (const char* minutes : {"C-2026-0123 は別区の番号", "さくら", "民生委員さんから地域の様子"}) {
    auto res = patch("coord.chuo", meeting_path(roundtable_), {{"minutes", minutes}});
    EXPECT_EQ(res->status, 200) << minutes << ": " << res->body;
  }
}

// One correction suffices: the error names every term the text quotes, with a code of its own,
// and in Japanese for a Japanese client.
TEST_F(MeetingWallApiTest, EveryQuotedTermIsNamedAtOnceInJapanese) {
  auto h = as("coord.chuo");
  h.emplace("Accept-Language", "ja");
  auto res = client_.Patch(meeting_path(roundtable_).c_str(), h,
                           Json{{"minutes", "さくら家の件（C-2026-012）は継続"}}.dump(),
                           "application/json");
  ASSERT_EQ(res->status, 422) << res->body;
  Json body = body_json(res);
  EXPECT_EQ(body["code"], "meeting.roundtable_case_data");
  EXPECT_EQ(body["title"], "座談会にはケースの情報を書けません");
  ASSERT_EQ(body["errors"].size(), 1u);
  EXPECT_EQ(body["errors"][0]["code"], "meeting.case_data");
  EXPECT_EQ(body["errors"][0]["message"],
            "この区のケースを示す語「C-2026-012」「さくら家」が含まれています。削除してください。");

  std::string english = message_for(
      patch("coord.chuo", meeting_path(roundtable_), {{"minutes", "さくら家 と C-2026-012"}}),
      "minutes");
  EXPECT_NE(english.find("「C-2026-012」「さくら家」"), std::string::npos) << english;
  EXPECT_NE(english.find("a case reference and a household label"), std::string::npos) << english;
}

TEST_F(MeetingWallApiTest, AgendaTextTitleAndDecisionsAreCheckedToo) {
  auto res = patch("coord.chuo", meeting_path(roundtable_),
                   {{"title", "さくら家を囲む会"},
                    {"agenda", {{{"title", "地域の見守り"}, {"notes", "C-2026-012 の近況"}}}}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"title", "agenda[0].notes"}));

  res = post("coord.chuo", meeting_path(roundtable_) + "/decisions",
             {{"text", "さくら家には民生委員が声をかける"}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"text"}));
  res = post("coord.chuo", meeting_path(roundtable_) + "/decisions",
             {{"text", "見守りを強める"}, {"case_id", case_id_}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"case_id"}));

  res = post("coord.chuo", meeting_path(roundtable_) + "/action-items",
             {{"title", "C-2026-012 に連絡"}, {"owner_organization_id", kItokonchi}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"title"}));

  Json now = body_json(get("coord.chuo", meeting_path(roundtable_)));
  EXPECT_EQ(now["decisions"], Json::array());
  EXPECT_EQ(now["action_items"], Json::array());
  EXPECT_EQ(now["title"], "すすきの座談会");

  // The same words are fine where case data belongs.
  Json conference = plan("case_conference", {{"starts_at", "2026-03-31T10:00:00+09:00"},
                                             {"ends_at", "2026-03-31T11:00:00+09:00"},
                                             {"status", "held"}});
  res = post("coord.chuo", meeting_path(conference) + "/decisions",
             {{"text", "さくら家には民生委員が声をかける"}});
  EXPECT_EQ(res->status, 201) << res->body;
}

TEST_F(MeetingWallApiTest, AnotherWardsCasesDoNotBlockThisWard) {
  auto res = post("coord.kita", "/api/v1/cases",
                  {{"ward", "kita"},
                   {"case_ref", "K-77"},
                   {"household_label", "もみじ家"},
                   {"risk_level", "low"}});
  ASSERT_EQ(res->status, 201);
  res = patch("coord.chuo", meeting_path(roundtable_), {{"minutes", "もみじ家の話題 K-77"}});
  EXPECT_EQ(res->status, 200) << res->body;
}

}  // namespace
}  // namespace tsunagu::testing
