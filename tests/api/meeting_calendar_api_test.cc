// The iCalendar feed, action items and the network's memory of who has met whom.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "meeting_fixture.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

// An iCalendar body parsed back (RFC 5545 §3.1): lines unfolded, TEXT values unescaped; one map
// of property → value per VEVENT.
struct ParsedCalendar {
  std::map<std::string, std::string> calendar;
  std::vector<std::map<std::string, std::string>> events;
  size_t longest_line = 0;  // in octets, before unfolding
  bool crlf_only = true;
};

std::string unescape(const std::string& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size()) {
      char n = v[++i];
      out += (n == 'n' || n == 'N') ? '\n' : n;
    } else {
      out += v[i];
    }
  }
  return out;
}

ParsedCalendar parse_ics(const std::string& body) {
  ParsedCalendar out;
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find("\r\n", pos);
    if (end == std::string::npos) {
      out.crlf_only = false;
      end = body.size();
    }
    std::string line = body.substr(pos, end - pos);
    if (line.find('\n') != std::string::npos) out.crlf_only = false;
    out.longest_line = std::max(out.longest_line, line.size());
    if (!line.empty() && line[0] == ' ' && !lines.empty()) {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    pos = end + 2;
  }
  std::map<std::string, std::string>* current = &out.calendar;
  for (const auto& line : lines) {
    if (line == "BEGIN:VEVENT") {
      out.events.emplace_back();
      current = &out.events.back();
      continue;
    }
    if (line == "END:VEVENT") {
      current = &out.calendar;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    (*current)[line.substr(0, colon)] = unescape(line.substr(colon + 1));
  }
  return out;
}

TEST_F(MeetingApiTest, CalendarFeedParsesBackAndHoldsNoCaseData) {
  std::string case_id = create_case("中央-0012");
  const std::string long_title =
      "すすきの座談会：夜の居場所、ナイト保育; 子ども食堂とクリニックの顔合わせ（第3回）と地域の"
      "見守り";
  Json roundtable =
      plan("roundtable", {{"title", long_title}, {"attendees", {{{"user_id", kStaffChuoId}}}}});
  Json conference =
      plan("case_conference", {{"title", "中央-0012 合同ケース会議"},
                               {"starts_at", "2026-04-03T10:00:00+09:00"},
                               {"ends_at", "2026-04-03T11:00:00+09:00"},
                               {"attendees", {{{"user_id", kStaffChuoId}}}},
                               {"agenda", {{{"title", "分担"}, {"case_id", case_id}}}},
                               {"minutes", "父との関係に注意"}});
  plan("practitioners");  // staff.chuo is not invited to this one
  ASSERT_EQ(patch("coord.chuo", meeting_path(conference), {{"status", "cancelled"}})->status, 200);

  auto res = get("staff.chuo", "/api/v1/me/calendar.ics");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  ParsedCalendar cal = parse_ics(res->body);
  EXPECT_TRUE(cal.crlf_only);
  EXPECT_LE(cal.longest_line, 75u);
  EXPECT_EQ(cal.calendar["VERSION"], "2.0");
  ASSERT_TRUE(cal.calendar.contains("PRODID"));
  ASSERT_EQ(cal.events.size(), 2u);

  auto& first = cal.events[0];
  EXPECT_EQ(first["UID"], roundtable["id"].get<std::string>() + "@tsunagu");
  EXPECT_EQ(first["SUMMARY"], long_title);  // folded and escaped, and back again
  EXPECT_EQ(first["DTSTART"], "20260402T093000Z");
  EXPECT_EQ(first["DTEND"], "20260402T110000Z");
  EXPECT_EQ(first["LOCATION"], "中央区民センター 2階");
  EXPECT_EQ(first["STATUS"], "CONFIRMED");
  EXPECT_EQ(first["CATEGORIES"], "座談会");

  auto& second = cal.events[1];
  EXPECT_EQ(second["SUMMARY"], "合同ケース会議");
  EXPECT_EQ(second["STATUS"], "CANCELLED");
  EXPECT_EQ(second["SEQUENCE"], "1");
  for (const char* secret : {"中央-0012", "父との関係", "A.K.", "分担"}) {
    EXPECT_EQ(res->body.find(secret), std::string::npos) << secret;
  }
  EXPECT_EQ(res->body.find(case_id), std::string::npos);

  // いとこんち was invited to none of them; coord.chuo planned all three.
  EXPECT_EQ(parse_ics(get("partner.itokonchi", "/api/v1/me/calendar.ics")->body).events.size(), 0u);
  EXPECT_EQ(parse_ics(get("coord.chuo", "/api/v1/me/calendar.ics")->body).events.size(), 3u);
  EXPECT_EQ(get("auditor", "/api/v1/me/calendar.ics")->status, 403);
}

TEST_F(MeetingApiTest, ActionItemsForTheirOwnersAndOverdueOnes) {
  Json m = plan("roundtable", {{"invited_organization_ids", {kItokonchi, kNightNursery}}});
  const std::string items_path = meeting_path(m) + "/action-items";
  auto res = post("coord.chuo", items_path,
                  {{"title", "夜の居場所マップの原稿"},
                   {"owner_organization_id", kItokonchi},
                   {"due_on", "2026-04-10"}});
  ASSERT_EQ(res->status, 201) << res->body;
  Json map_item = body_json(res);
  EXPECT_EQ(map_item["status"], "open");
  EXPECT_EQ(res->get_header_value("Location"),
            "/api/v1/action-items/" + map_item["id"].get<std::string>());
  res = post(
      "coord.chuo", items_path,
      {{"title", "次回の会場予約"}, {"owner_user_id", kStaffChuoId}, {"due_on", "2026-04-20"}});
  ASSERT_EQ(res->status, 201) << res->body;

  // Every invalid field, named in one answer: the owner the directory does not hold too.
  res = post("coord.chuo", items_path,
             {{"title", "x"},
              {"owner_organization_id", "a0000000-0000-4000-8000-0000000009ff"},
              {"due_on", "来週"},
              {"status", "later"}});
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(error_fields(res),
            (std::set<std::string>{"due_on", "status", "owner_organization_id"}));
  res = post("coord.chuo", items_path,
             {{"title", "x"}, {"owner_organization_id", "a0000000-0000-4000-8000-0000000009ff"}});
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"owner_organization_id"}));
  res = post("coord.chuo", items_path, {{"title", "x"}});
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"owner_organization_id"}));

  Json mine = body_json(get("partner.itokonchi", "/api/v1/action-items?owner=me"));
  ASSERT_EQ(mine["total"], 1);
  EXPECT_EQ(mine["items"][0]["title"], "夜の居場所マップの原稿");
  EXPECT_EQ(body_json(get("partner.night", "/api/v1/action-items"))["total"], 0);
  EXPECT_EQ(body_json(get("staff.chuo", "/api/v1/action-items?owner=me"))["total"], 1);
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/action-items"))["total"], 2);  // the ward's
  EXPECT_EQ(body_json(get("coord.kita", "/api/v1/action-items"))["total"], 0);
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/action-items?overdue=true"))["total"], 0);

  // Two weeks later the map is late; the booking is not.
  advance(std::chrono::days(14));
  Json overdue = body_json(get("coord.chuo", "/api/v1/action-items?overdue=true"));
  ASSERT_EQ(overdue["total"], 1);
  EXPECT_EQ(overdue["items"][0]["id"], map_item["id"]);
  EXPECT_EQ(overdue["items"][0]["overdue"], true);

  // The partner marks its own item done, and may change nothing else; nobody else's.
  const std::string item_path = "/api/v1/action-items/" + map_item["id"].get<std::string>();
  EXPECT_EQ(patch("partner.itokonchi", item_path, {{"due_on", "2026-05-01"}})->status, 403);
  EXPECT_EQ(patch("partner.night", item_path, {{"status", "done"}})->status, 404);
  EXPECT_EQ(patch("partner.itokonchi", item_path, {{"status", "finished"}})->status, 422);
  EXPECT_EQ(patch("partner.itokonchi", item_path, {{"status", "done"}}, 9)->status, 412);
  res = patch("partner.itokonchi", item_path, {{"status", "done"}}, 1);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body_json(res)["status"], "done");
  EXPECT_EQ(body_json(res)["overdue"], false);
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/action-items?overdue=true"))["total"], 0);
  EXPECT_EQ(body_json(get("coord.chuo", "/api/v1/action-items?status=done"))["total"], 1);

  // The ward reassigns: naming a user as owner replaces the organization.
  res = patch("coord.chuo", item_path, {{"owner_user_id", kCoordChuoId}, {"status", "open"}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(body_json(res)["owner_organization_id"].is_null());
  EXPECT_EQ(body_json(res)["owner_user_id"], kCoordChuoId);
  EXPECT_EQ(body_json(get("partner.itokonchi", "/api/v1/action-items"))["total"], 0);

  EXPECT_EQ(get("coord.chuo", "/api/v1/action-items?owner=someone")->status, 400);
  EXPECT_EQ(get("coord.chuo", "/api/v1/action-items?status=late")->status, 400);
}

TEST_F(MeetingApiTest, NetworkMemoryShowsWhoHasMetWhom) {
  constexpr char kThird[] = "a0000000-0000-4000-8000-000000000011";
  auto held = [&](Json attendees, const std::string& day) {
    Json m = plan("roundtable", {{"attendees", attendees},
                                 {"starts_at", day + "T18:30:00+09:00"},
                                 {"ends_at", day + "T20:00:00+09:00"}});
    auto res = patch("coord.chuo", meeting_path(m), {{"status", "held"}});
    ASSERT_EQ(res->status, 200) << res->body;
  };
  held({{{"organization_id", kItokonchi}, {"present", true}},
        {{"organization_id", kNightNursery}, {"present", true}},
        {{"organization_id", kThird}, {"present", false}},
        {{"name", "町内会 会長"}, {"present", true}}},
       "2026-03-05");
  held({{{"organization_id", kItokonchi}}, {{"organization_id", kNightNursery}}}, "2026-03-26");
  plan("roundtable", {{"attendees", {{{"organization_id", kThird}}}}});  // not held yet

  auto res = get("coord.chuo", "/api/v1/meetings/network?ward=chuo&district=すすきの");
  ASSERT_EQ(res->status, 200) << res->body;
  Json memory = body_json(res);
  ASSERT_EQ(memory["organizations"].size(), 2u) << memory.dump();
  EXPECT_EQ(memory["organizations"][0]["roundtables"], 2);
  EXPECT_EQ(memory["organizations"][0]["last_attended_on"], "2026-03-26");
  ASSERT_EQ(memory["met"].size(), 1u);
  EXPECT_EQ(memory["met"][0]["meetings"], 2);
  // Ids in order: いとこんち's sorts before the night nursery's.
  EXPECT_EQ(memory["met"][0]["organization_ids"], Json::array({kItokonchi, kNightNursery}));

  EXPECT_EQ(body_json(get("coord.chuo",
                          "/api/v1/meetings/network?ward=chuo&district=大通"))["organizations"]
                .size(),
            0u);
  EXPECT_EQ(get("coord.kita", "/api/v1/meetings/network?ward=chuo")->status, 404);
  EXPECT_EQ(get("coord.chuo", "/api/v1/meetings/network")->status, 400);
}

}  // namespace
}  // namespace tsunagu::testing
