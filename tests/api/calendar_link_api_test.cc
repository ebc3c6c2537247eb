// Calendar subscription links: a calendar app fetches the feed by a secret URL, since
// it cannot send a bearer token. The link shows the same no-case-data feed, and stops working
// when replaced, revoked, or when its user is disabled.
#include <gtest/gtest.h>

#include "meeting_fixture.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

class CalendarLinkApiTest : public MeetingApiTest {
 protected:
  std::string issue(const std::string& user) {
    auto res = post(user, "/api/v1/me/calendar-link", Json::object());
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    if (!res || res->status != 201) return "";
    Json body = body_json(res);
    EXPECT_EQ(body["url"], "/api/v1/calendar/" + body["token"].get<std::string>() + ".ics");
    return body["url"];
  }
  // Fetched without any credentials, as a calendar app does.
  httplib::Result fetch(const std::string& url) { return client_.Get(url.c_str()); }
};

TEST_F(CalendarLinkApiTest, TheLinkServesTheSameFeedWithoutSigningIn) {
  plan("roundtable", {{"title", "すすきの座談会"}, {"invited_organization_ids", {kItokonchi}}});
  plan("case_conference",
       {{"title", "中央-0012 の会議"}, {"invited_organization_ids", {kItokonchi}}});
  std::string url = issue("partner.itokonchi");
  ASSERT_FALSE(url.empty());
  auto res = fetch(url);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(res->body, get("partner.itokonchi", "/api/v1/me/calendar.ics")->body);
  EXPECT_NE(res->body.find("SUMMARY:すすきの座談会"), std::string::npos);
  EXPECT_NE(res->body.find("SUMMARY:合同ケース会議"), std::string::npos);
  EXPECT_EQ(res->body.find("中央-0012"), std::string::npos);
}

// Calendar apps poll: an unchanged feed is 304 without a body, a changed one 200 with a new tag.
TEST_F(CalendarLinkApiTest, AnUnchangedFeedIs304) {
  plan("roundtable", {{"title", "すすきの座談会"}, {"invited_organization_ids", {kItokonchi}}});
  std::string url = issue("partner.itokonchi");
  ASSERT_FALSE(url.empty());
  auto first = fetch(url);
  ASSERT_EQ(first->status, 200);
  const std::string etag = first->get_header_value("ETag");
  ASSERT_EQ(etag.size(), 34u) << etag;  // a quoted strong tag
  EXPECT_EQ(first->get_header_value_count("Cache-Control"), 1u);
  EXPECT_EQ(first->get_header_value("Cache-Control"), "private, no-cache");
  for (const std::string& asked : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    auto again = client_.Get(url.c_str(), httplib::Headers{{"If-None-Match", asked}});
    ASSERT_EQ(again->status, 304) << asked;
    EXPECT_TRUE(again->body.empty());
    EXPECT_EQ(again->get_header_value("ETag"), etag);
  }
  EXPECT_EQ(client_.Get(url.c_str(), httplib::Headers{{"If-None-Match", "\"other\""}})->status,
            200);
  // The signed-in feed is the same feed with the same tag.
  auto signed_in = get("partner.itokonchi", "/api/v1/me/calendar.ics");
  EXPECT_EQ(signed_in->get_header_value("ETag"), etag);

  plan("roundtable", {{"title", "北区座談会"}, {"invited_organization_ids", {kItokonchi}}});
  auto changed = client_.Get(url.c_str(), httplib::Headers{{"If-None-Match", etag}});
  ASSERT_EQ(changed->status, 200);
  EXPECT_NE(changed->get_header_value("ETag"), etag);
  EXPECT_NE(changed->body.find("SUMMARY:北区座談会"), std::string::npos);
}

TEST_F(CalendarLinkApiTest, ReplacedRevokedAndDisabledLinksStopWorking) {
  std::string first = issue("staff.chuo");
  std::string second = issue("staff.chuo");
  EXPECT_NE(first, second);
  EXPECT_EQ(fetch(first)->status, 404);
  EXPECT_EQ(fetch(second)->status, 200);

  auto res = client_.Delete("/api/v1/me/calendar-link", as("staff.chuo"));
  ASSERT_EQ(res->status, 204);
  EXPECT_EQ(fetch(second)->status, 404);

  std::string third = issue("staff.chuo");
  ASSERT_EQ(fetch(third)->status, 200);
  res = patch("admin", std::string("/api/v1/users/") + kStaffChuoId, {{"disabled", true}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(fetch(third)->status, 404);

  // A made-up token is as unknown as a revoked one; the audit log records issue and revoke.
  EXPECT_EQ(fetch("/api/v1/calendar/" + std::string(64, 'a') + ".ics")->status, 404);
  Json log = body_json(get("auditor", std::string("/api/v1/audit?actor=") + kStaffChuoId));
  int issued = 0, revoked = 0;
  for (const auto& e : log["items"]) {
    issued += e["action"] == "calendar_link.issue";
    revoked += e["action"] == "calendar_link.revoke";
  }
  EXPECT_EQ(issued, 3);
  EXPECT_EQ(revoked, 1);
}

TEST_F(CalendarLinkApiTest, RolesWithoutACalendarGetNoLink) {
  EXPECT_EQ(post("admin", "/api/v1/me/calendar-link", Json::object())->status, 403);
  EXPECT_EQ(post("auditor", "/api/v1/me/calendar-link", Json::object())->status, 403);
  EXPECT_EQ(client_.Post("/api/v1/me/calendar-link", "{}", "application/json")->status, 401);
}

}  // namespace
}  // namespace tsunagu::testing
