// Meetings over HTTP: each kind, invalid input, status moves, concurrency, the
// calendar list, and who may see which meeting.
#include <gtest/gtest.h>

#include <set>

#include "meeting_fixture.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

TEST_F(MeetingApiTest, EveryKindIsPlannedAndReadBack) {
  for (const char* kind : {"roundtable", "case_conference", "practitioners", "individual"}) {
    SCOPED_TRACE(kind);
    Json created = plan(kind, {{"invited_organization_ids", {kItokonchi}},
                               {"attendees",
                                {{{"organization_id", kItokonchi}, {"role", "参加"}},
                                 {{"user_id", kStaffChuoId}, {"role", "記録"}},
                                 {{"name", "民生委員 佐藤"}, {"present", true}}}},
                               {"agenda", {{{"title", "夜の居場所について"}}}}});
    ASSERT_FALSE(created.is_null());
    EXPECT_EQ(created["kind"], kind);
    EXPECT_EQ(created["status"], "planned");
    EXPECT_EQ(created["version"], 1);
    EXPECT_EQ(created["starts_at"], "2026-04-02T18:30:00+09:00");
    auto res = get("coord.chuo", meeting_path(created));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(res->get_header_value("ETag"), "\"1\"");
    Json read = body_json(res);
    EXPECT_EQ(read["title"], "すすきの地区の会議");
    EXPECT_EQ(read["district"], "すすきの");
    EXPECT_EQ(read["invited_organization_ids"], Json::array({kItokonchi}));
    ASSERT_EQ(read["attendees"].size(), 3u);
    EXPECT_EQ(read["attendees"][0]["organization_id"], kItokonchi);
    EXPECT_EQ(read["attendees"][1]["user_id"], kStaffChuoId);
    EXPECT_EQ(read["attendees"][2]["name"], "民生委員 佐藤");
    EXPECT_EQ(read["attendees"][2]["present"], true);
    EXPECT_TRUE(read["attendees"][0]["present"].is_null());
    EXPECT_EQ(read["agenda"][0]["title"], "夜の居場所について");
  }
}

TEST_F(MeetingApiTest, EveryInvalidFieldIsNamed) {
  auto res = post("coord.chuo", "/api/v1/meetings",
                  {{"kind", "party"},
                   {"title", "t"},
                   {"ward", "chuo"},
                   {"starts_at", "2026-04-02T20:00:00+09:00"},
                   {"ends_at", "2026-04-02T18:00:00+09:00"},
                   {"status", "done"},
                   {"attendees", {{{"name", "佐藤"}, {"user_id", kStaffChuoId}}}}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res),
            (std::set<std::string>{"kind", "ends_at", "status", "attendees[0]"}));

  // References are checked against the directory and the accounts, each named.
  res = post("coord.chuo", "/api/v1/meetings",
             {{"kind", "roundtable"},
              {"title", "t"},
              {"ward", "chuo"},
              {"starts_at", "2026-04-02T18:00:00+09:00"},
              {"ends_at", "2026-04-02T19:00:00+09:00"},
              {"invited_organization_ids", {kItokonchi, "a0000000-0000-4000-8000-0000000009ff"}},
              {"attendees", {{{"user_id", "b0000000-0000-4000-8000-0000000009ff"}}}}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res),
            (std::set<std::string>{"invited_organization_ids[1]", "attendees[0].user_id"}));

  // Missing fields, wrong types and unknown fields, all at once.
  res = post("coord.chuo", "/api/v1/meetings",
             {{"kind", "roundtable"}, {"starts_at", 5}, {"secret", true}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res),
            (std::set<std::string>{"title", "ward", "starts_at", "ends_at", "secret"}));

  // Not a time at all, and another ward.
  res = post("coord.chuo", "/api/v1/meetings",
             {{"kind", "roundtable"},
              {"title", "t"},
              {"ward", "kita"},
              {"starts_at", "木曜の夜"},
              {"ends_at", "2026-04-02T19:00:00+09:00"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"ward", "starts_at"}));

  // Nothing was written by any of them.
  auto list = get("coord.chuo", "/api/v1/meetings");
  EXPECT_EQ(body_json(list)["total"], 0);
}

TEST_F(MeetingApiTest, StatusMovesForwardOnlyAndIfMatchGuardsEdits) {
  // Tomorrow's meeting cannot have been held yet.
  Json tomorrow = plan("roundtable");
  auto early = patch("coord.chuo", meeting_path(tomorrow), {{"status", "held"}});
  EXPECT_EQ(early->status, 422) << early->body;
  EXPECT_EQ(error_fields(early), (std::set<std::string>{"status"}));

  Json m = plan("roundtable", {{"starts_at", "2026-03-26T18:30:00+09:00"},
                               {"ends_at", "2026-03-26T20:00:00+09:00"}});
  const std::string path = meeting_path(m);
  auto res = patch("coord.chuo", path, {{"status", "finished"}});
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"status"}));

  res = patch("coord.chuo", path, {{"minutes", "夜間の居場所の情報を共有した。"}}, 7);
  EXPECT_EQ(res->status, 412) << res->body;

  res = patch("coord.chuo", path,
              {{"status", "held"}, {"minutes", "夜間の居場所の情報を共有した。"}}, 1);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body_json(res)["version"], 2);
  EXPECT_EQ(body_json(res)["minutes"], "夜間の居場所の情報を共有した。");

  res = patch("coord.chuo", path, {{"status", "planned"}});
  EXPECT_EQ(res->status, 409) << res->body;
  res = patch("coord.chuo", path, {{"ends_at", "2026-03-26T18:00:00+09:00"}});
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"ends_at"}));
  res = patch("coord.chuo", path, {{"kind", "practitioners"}});
  EXPECT_EQ(res->status, 422) << res->body;

  Json other = plan("case_conference");
  res = patch("staff.chuo", meeting_path(other), {{"status", "cancelled"}});
  ASSERT_EQ(res->status, 200) << res->body;
  res = patch("coord.chuo", meeting_path(other), {{"title", "やっぱり開く"}});
  EXPECT_EQ(res->status, 409) << res->body;
}

TEST_F(MeetingApiTest, CalendarListFiltersByTimeWardKindAndStatus) {
  plan("roundtable");
  plan("practitioners",
       {{"starts_at", "2026-04-08T10:00:00+09:00"}, {"ends_at", "2026-04-08T12:00:00+09:00"}});
  plan("case_conference",
       {{"starts_at", "2026-05-01T10:00:00+09:00"}, {"ends_at", "2026-05-01T11:00:00+09:00"}});

  Json all = body_json(get("coord.chuo", "/api/v1/meetings"));
  ASSERT_EQ(all["total"], 3);
  EXPECT_EQ(all["items"][0]["kind"], "roundtable");  // by start time
  EXPECT_EQ(all["items"][2]["kind"], "case_conference");
  EXPECT_FALSE(all["items"][0].contains("agenda"));  // a calendar, not the content

  Json april = body_json(get("staff.chuo", "/api/v1/meetings?from=2026-04-01&to=2026-04-30"));
  EXPECT_EQ(april["total"], 2);
  Json kind = body_json(get("staff.chuo", "/api/v1/meetings?kind=practitioners"));
  ASSERT_EQ(kind["total"], 1);
  EXPECT_EQ(kind["items"][0]["starts_at"], "2026-04-08T10:00:00+09:00");
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/meetings?status=held"))["total"], 0);
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/meetings?ward=kita"))["total"], 0);

  EXPECT_EQ(get("coord.chuo", "/api/v1/meetings?kind=party")->status, 400);
  EXPECT_EQ(get("coord.chuo", "/api/v1/meetings?from=yesterday")->status, 400);
  EXPECT_EQ(get("coord.chuo", "/api/v1/meetings?from=2026-05-01&to=2026-04-01")->status, 400);
}

TEST_F(MeetingApiTest, OtherWardsAndUninvitedPartnersSeeNothing) {
  std::string case_id = create_case("中央-0012");
  Json roundtable = plan("roundtable", {{"invited_organization_ids", {kItokonchi}},
                                        {"minutes", "夜の居場所マップを作る"}});
  Json conference =
      plan("case_conference", {{"title", "中央-0012 合同ケース会議"},
                               {"invited_organization_ids", {kItokonchi}},
                               {"agenda", {{{"title", "支援の分担"}, {"case_id", case_id}}}},
                               {"minutes", "父との関係に注意"}});
  Json uninvited = plan("practitioners");

  // 北区's coordinator: none of them exist.
  for (const Json* m : {&roundtable, &conference, &uninvited}) {
    EXPECT_EQ(get("coord.kita", meeting_path(*m))->status, 404);
    EXPECT_EQ(patch("coord.kita", meeting_path(*m), {{"minutes", "x"}})->status, 404);
  }
  EXPECT_EQ(body_json(get("coord.kita", "/api/v1/meetings"))["total"], 0);

  // いとこんち was invited to two: the roundtable in full, the conference as time and place.
  auto res = get("partner.itokonchi", meeting_path(roundtable));
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body_json(res)["minutes"], "夜の居場所マップを作る");
  res = get("partner.itokonchi", meeting_path(conference));
  ASSERT_EQ(res->status, 200) << res->body;
  Json seen = body_json(res);
  EXPECT_EQ(seen["redacted"], true);
  EXPECT_EQ(seen["title"], "合同ケース会議");
  EXPECT_EQ(seen["agenda"], Json::array());
  EXPECT_EQ(seen["minutes"], "");
  EXPECT_EQ(res->body.find("中央-0012"), std::string::npos);
  EXPECT_EQ(res->body.find(case_id), std::string::npos);
  EXPECT_EQ(get("partner.itokonchi", meeting_path(uninvited))->status, 404);
  EXPECT_EQ(get("partner.night", meeting_path(roundtable))->status, 404);

  Json listed = body_json(get("partner.itokonchi", "/api/v1/meetings"));
  EXPECT_EQ(listed["total"], 2);
  EXPECT_EQ(listed.dump().find("中央-0012"), std::string::npos);
  EXPECT_EQ(body_json(get("partner.night", "/api/v1/meetings"))["total"], 0);

  // Partners read; they do not plan or edit.
  EXPECT_EQ(patch("partner.itokonchi", meeting_path(roundtable), {{"minutes", "x"}})->status, 403);
  EXPECT_EQ(get("admin", meeting_path(roundtable))->status, 403);
  EXPECT_EQ(get("auditor", meeting_path(roundtable))->status, 403);
}

TEST_F(MeetingApiTest, ReadingACaseMeetingIsAuditedPerCase) {
  std::string first = create_case();
  std::string second = create_case();
  Json m = plan(
      "practitioners",
      {{"agenda",
        {{{"title", "1件目"}, {"case_id", first}}, {{"title", "2件目"}, {"case_id", second}}}}});
  ASSERT_EQ(get("staff.chuo", meeting_path(m))->status, 200);
  for (const auto& id : {first, second}) {
    Json log = body_json(get("auditor", "/api/v1/audit?case_id=" + id));
    bool found = false;
    for (const auto& e : log["items"]) {
      found = found || (e["action"] == "meeting.read" && e["actor"]["username"] == "staff.chuo");
    }
    EXPECT_TRUE(found) << log.dump();
  }
}

TEST_F(MeetingApiTest, AgendaCasesMustBeTheWards) {
  auto kita_case = post(
      "coord.kita", "/api/v1/cases",
      {{"ward", "kita"}, {"case_ref", "北-1"}, {"household_label", "B."}, {"risk_level", "low"}});
  ASSERT_EQ(kita_case->status, 201);
  auto res = post("coord.chuo", "/api/v1/meetings",
                  {{"kind", "case_conference"},
                   {"title", "t"},
                   {"ward", "chuo"},
                   {"starts_at", "2026-04-02T18:00:00+09:00"},
                   {"ends_at", "2026-04-02T19:00:00+09:00"},
                   {"agenda", {{{"title", "他区"}, {"case_id", body_json(kita_case)["id"]}}}}});
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"agenda[0].case_id"}));
}

TEST_F(MeetingApiTest, IdempotencyKeyPlansOneMeeting) {
  Json body = {{"kind", "roundtable"},
               {"title", "座談会"},
               {"ward", "chuo"},
               {"starts_at", "2026-04-02T18:00:00+09:00"},
               {"ends_at", "2026-04-02T19:00:00+09:00"}};
  auto first = post("coord.chuo", "/api/v1/meetings", body, {{"Idempotency-Key", "rt-1"}});
  auto second = post("coord.chuo", "/api/v1/meetings", body, {{"Idempotency-Key", "rt-1"}});
  ASSERT_EQ(first->status, 201);
  ASSERT_EQ(second->status, 201);
  EXPECT_EQ(body_json(first)["id"], body_json(second)["id"]);
  EXPECT_EQ(second->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/meetings"))["total"], 1);
}

}  // namespace
}  // namespace tsunagu::testing
