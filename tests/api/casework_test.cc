// The casework a ward records: the 特定妊婦 assessment scored by its form's version and
// the coordinator's determination, contacts, the case's timeline, and who may see none of it.
#include <gtest/gtest.h>

#include "api/meeting_fixture.h"

namespace tsunagu::testing {
namespace {

using Json = nlohmann::json;

class CaseworkApiTest : public MeetingApiTest {
 protected:
  // POST …/assessments as `user` with `answers`; `version` 0 leaves form_version out.
  httplib::Result assess(const std::string& user, const std::string& case_id, Json answers,
                         int version = 1) {
    Json body = {{"form", "specified_pregnancy"},
                 {"assessed_on", "2026-04-01"},
                 {"answers", std::move(answers)}};
    if (version > 0) body["form_version"] = version;
    return post(user, "/api/v1/cases/" + case_id + "/assessments", body);
  }

  httplib::Result contact(const std::string& user, const std::string& case_id, Json extra = {}) {
    Json body = {{"kind", "home_visit"},
                 {"on", "2026-03-30"},
                 {"summary", "母子ともに体調は安定。部屋は片付いている。"},
                 {"next_step", "来週、健診の受診を確認する"}};
    if (extra.is_object()) body.update(extra);
    return post(user, "/api/v1/cases/" + case_id + "/contacts", body);
  }

  Json events_of(const std::string& case_id) {
    return body_json(get("coord.chuo", "/api/v1/cases/" + case_id + "/events"));
  }
};

TEST_F(CaseworkApiTest, TheFormsAreListedWithTheirItemsAndVersions) {
  auto res = get("staff.chuo", "/api/v1/assessment-forms");
  ASSERT_EQ(res->status, 200) << res->body;
  Json forms = body_json(res);
  ASSERT_EQ(forms["total"], 2);
  EXPECT_EQ(forms["items"][0]["form"], "specified_pregnancy");
  EXPECT_EQ(forms["items"][0]["version"], 1);
  EXPECT_EQ(forms["items"][1]["version"], 2);
  Json item = forms["items"][0]["items"][0];
  EXPECT_EQ(item["code"], "young_mother");
  EXPECT_EQ(item["answer_type"], "boolean");
  EXPECT_EQ(item["text"], "出産時に20歳未満である（若年妊娠）");
  EXPECT_GE(forms["items"][0]["items"].size(), 10u);
  EXPECT_EQ(get("partner.itokonchi", "/api/v1/assessment-forms")->status, 403);
}

TEST_F(CaseworkApiTest, AScoreIsTheFormVersionsAndAChangedWeightLeavesOldResults) {
  std::string id = create_case();
  // Missed check-ups weigh 3 in version 1 and 4 in version 2 (the medium threshold is 4).
  auto v1 =
      assess("staff.chuo", id, {{"no_prenatal_checkups", true}, {"multiple_pregnancy", false}});
  ASSERT_EQ(v1->status, 201) << v1->body;
  EXPECT_EQ(body_json(v1)["form_version"], 1);
  EXPECT_EQ(body_json(v1)["score"], 3);
  EXPECT_EQ(body_json(v1)["suggested_risk_level"], "low");
  auto v2 = assess("staff.chuo", id, {{"no_prenatal_checkups", true}}, 0);  // the newest
  ASSERT_EQ(v2->status, 201) << v2->body;
  EXPECT_EQ(body_json(v2)["form_version"], 2);
  EXPECT_EQ(body_json(v2)["score"], 4);
  EXPECT_EQ(body_json(v2)["suggested_risk_level"], "medium");
  EXPECT_EQ(body_json(v2)["drivers"],
            Json::array({{{"code", "no_prenatal_checkups"}, {"weight", 4}}}));

  Json list = body_json(get("staff.chuo", "/api/v1/cases/" + id + "/assessments"));
  ASSERT_EQ(list["total"], 2);
  for (const Json& a : list["items"]) {
    EXPECT_EQ(a["score"], a["form_version"] == 1 ? 3 : 4) << a.dump();
  }
}

TEST_F(CaseworkApiTest, AssessmentInputIsCheckedInOnePass) {
  std::string id = create_case();
  auto res = post("staff.chuo", "/api/v1/cases/" + id + "/assessments",
                  {{"form", "specified_pregnancy"},
                   {"form_version", 9},
                   {"assessed_on", "2026-04-30"},
                   {"answers", {{"young_mother", true}}},
                   {"score", 99}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"form_version", "assessed_on", "score"}));
  res = assess("staff.chuo", id, {{"young_mother", "yes"}, {"not_an_item", true}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res),
            (std::set<std::string>{"answers.young_mother", "answers.not_an_item"}));
  httplib::Headers ja = as("staff.chuo");
  ja.emplace("Accept-Language", "ja");
  auto japanese =
      post_json(client_, "/api/v1/cases/" + id + "/assessments",
                {{"form", "other_form"}, {"assessed_on", "2026-04-01"}, {"answers", {}}}, ja);
  ASSERT_EQ(japanese->status, 422);
  EXPECT_NE(japanese->body.find("様式"), std::string::npos) << japanese->body;
}

TEST_F(CaseworkApiTest, TheDeterminationUpdatesTheCaseAndWritesOneEvent) {
  std::string id = create_case("C-1", "low");
  auto a = assess(
      "staff.chuo", id,
      {{"young_mother", true}, {"no_partner_or_support", true}, {"no_prenatal_checkups", true}});
  ASSERT_EQ(a->status, 201) << a->body;
  EXPECT_EQ(body_json(a)["suggested_risk_level"], "high");
  const std::string path = "/api/v1/cases/" + id + "/assessments/" +
                           body_json(a)["id"].get<std::string>() + "/determination";
  const size_t events_before = events_of(id)["items"].size();
  const int64_t version_before = body_json(get("coord.chuo", "/api/v1/cases/" + id))["version"];

  Json decision = {{"specified_pregnancy", true}, {"risk_level", "high"}, {"note", "両係で合意"}};
  EXPECT_EQ(post("staff.chuo", path, decision)->status, 403);  // the coordinator's decision
  auto missing = post("coord.chuo", path, Json::object());
  ASSERT_EQ(missing->status, 422);
  EXPECT_EQ(error_fields(missing), (std::set<std::string>{"specified_pregnancy", "risk_level"}));

  auto res = post("coord.chuo", path, decision);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(body_json(res)["determination"]["specified_pregnancy"], true);
  Json c = body_json(get("coord.chuo", "/api/v1/cases/" + id));
  EXPECT_EQ(c["risk_level"], "high");
  EXPECT_EQ(c["risk_categories"], Json::array({"parenting_difficulty", "specified_pregnancy"}));
  EXPECT_EQ(c["version"], version_before + 1);
  Json events = events_of(id)["items"];
  ASSERT_EQ(events.size(), events_before + 1);
  EXPECT_EQ(events.back()["kind"], "determined");
  EXPECT_EQ(events.back()["from"]["risk_level"], "low");
  EXPECT_EQ(events.back()["to"]["risk_level"], "high");
  EXPECT_EQ(events.back()["reason"], "両係で合意");

  auto again = post("coord.chuo", path, decision);
  ASSERT_EQ(again->status, 409);
  EXPECT_EQ(body_json(again)["code"], "assessment.determined");
  EXPECT_EQ(events_of(id)["items"].size(), events_before + 1);
}

// A role that never reads cases gets its 403 whether the case exists or not (nothing about the
// case is revealed); another ward gets the same 404 for the case and for an unknown id.
TEST_F(CaseworkApiTest, RolesWithoutCaseAccessGet403AndOtherWardsTheSame404) {
  std::string id = create_case();
  auto a = assess("staff.chuo", id, {{"young_mother", true}});
  ASSERT_EQ(a->status, 201);
  auto c = contact("staff.chuo", id);
  ASSERT_EQ(c->status, 201);
  const std::string aid = body_json(a)["id"];
  const std::string cid = body_json(c)["id"];
  const std::string unknown = "00000000-0000-4000-8000-000000000000";
  const std::vector<std::pair<std::string, int>> callers = {
      {"partner.itokonchi", 403}, {"admin", 403}, {"auditor", 403}, {"coord.kita", 404}};
  for (const auto& [user, status] : callers) {
    for (const std::string& case_id : {id, unknown}) {
      const std::string base = "/api/v1/cases/" + case_id;
      Json answer = body_json(get(user, base + "/assessments"));
      EXPECT_EQ(answer["status"], status) << user;
      EXPECT_EQ(get(user, base + "/assessments/" + aid)->status, status) << user;
      EXPECT_EQ(get(user, base + "/contacts")->status, status) << user;
      EXPECT_EQ(get(user, base + "/contacts/" + cid)->status, status) << user;
      EXPECT_EQ(get(user, base + "/timeline")->status, status) << user;
      EXPECT_EQ(assess(user, case_id, {{"young_mother", true}})->status, status) << user;
      EXPECT_EQ(contact(user, case_id)->status, status) << user;
      EXPECT_EQ(post(user, base + "/assessments/" + aid + "/determination",
                     {{"specified_pregnancy", true}, {"risk_level", "high"}})
                    ->status,
                status)
          << user;
    }
  }
}

// Location names a resource that answers; a retry with the same Idempotency-Key records nothing
// twice.
TEST_F(CaseworkApiTest, CreatedRecordsAnswerAtTheirLocationAndRetriesAreIdempotent) {
  std::string id = create_case();
  for (const char* kind : {"contacts", "assessments"}) {
    httplib::Headers key{{"Idempotency-Key", std::string("retry-") + kind}};
    Json body = std::string(kind) == "contacts"
                    ? Json{{"kind", "phone"}, {"on", "2026-03-31"}, {"summary", "電話で様子を確認"}}
                    : Json{{"form", "specified_pregnancy"},
                           {"form_version", 1},
                           {"assessed_on", "2026-04-01"},
                           {"answers", {{"young_mother", true}}}};
    const std::string path = "/api/v1/cases/" + id + "/" + kind;
    auto first = post("staff.chuo", path, body, key);
    ASSERT_EQ(first->status, 201) << first->body;
    auto again = post("staff.chuo", path, body, key);
    ASSERT_EQ(again->status, 201) << again->body;
    EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true") << kind;
    EXPECT_EQ(body_json(again)["id"], body_json(first)["id"]) << kind;
    EXPECT_EQ(body_json(get("staff.chuo", path))["total"], 1) << kind << " recorded twice";

    const std::string location = first->get_header_value("Location");
    auto read = get("staff.chuo", location);
    ASSERT_EQ(read->status, 200) << location;
    EXPECT_EQ(body_json(read), body_json(first)) << location;
    EXPECT_EQ(get("staff.chuo", location + "?x=1")->status, 400) << location;
    EXPECT_EQ(get("staff.chuo", path + "/00000000-0000-4000-8000-000000000000")->status, 404);
  }
  // The same key with another body is refused, not replayed.
  auto other = post("staff.chuo", "/api/v1/cases/" + id + "/contacts",
                    {{"kind", "office_visit"}, {"on", "2026-03-31"}, {"summary", "別の記録"}},
                    {{"Idempotency-Key", "retry-contacts"}});
  ASSERT_EQ(other->status, 422) << other->body;
  EXPECT_EQ(body_json(other)["errors"][0]["field"], "Idempotency-Key");
}

TEST_F(CaseworkApiTest, ContactsAreCheckedListedNewestFirstAndPaged) {
  std::string id = create_case();
  auto bad = post("staff.chuo", "/api/v1/cases/" + id + "/contacts",
                  {{"kind", "visit"}, {"on", "2026-13-01"}, {"by_user_ids", {"nobody"}}, {"x", 1}});
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(error_fields(bad),
            (std::set<std::string>{"kind", "on", "summary", "by_user_ids[0]", "x"}));
  auto alone = contact("staff.chuo", id, {{"kind", "accompanied_visit"}});
  ASSERT_EQ(alone->status, 422);
  EXPECT_EQ(error_fields(alone), (std::set<std::string>{"by_user_ids"}));
  auto advice_by_staff = contact("staff.chuo", id, {{"kind", "advice"}});
  ASSERT_EQ(advice_by_staff->status, 422);

  ASSERT_EQ(contact("staff.chuo", id, {{"on", "2026-03-20"}, {"kind", "phone"}})->status, 201);
  auto together = contact("staff.chuo", id,
                          {{"kind", "accompanied_visit"},
                           {"on", "2026-03-28"},
                           {"by_user_ids", {kStaffChuoId, kCoordChuoId}},
                           {"with_organization_id", kItokonchi}});
  ASSERT_EQ(together->status, 201) << together->body;
  EXPECT_EQ(body_json(together)["by_user_ids"], Json::array({kStaffChuoId, kCoordChuoId}));
  ASSERT_EQ(contact("coord.chuo", id, {{"kind", "advice"}, {"on", "2026-03-25"}})->status, 201);

  Json page = body_json(get("staff.chuo", "/api/v1/cases/" + id + "/contacts?per_page=2"));
  EXPECT_EQ(page["total"], 3);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["on"], "2026-03-28");
  EXPECT_EQ(page["items"][1]["on"], "2026-03-25");
  EXPECT_EQ(page["items"][1]["by_user_ids"], Json::array({kCoordChuoId}));  // the caller
  Json second = body_json(get("staff.chuo", "/api/v1/cases/" + id + "/contacts?page=2&per_page=2"));
  EXPECT_EQ(second["items"][0]["on"], "2026-03-20");
}

TEST_F(CaseworkApiTest, TheTimelineShowsContactsReferralsMeetingsAndEventsTogether) {
  std::string id = create_case();
  ASSERT_EQ(contact("staff.chuo", id)->status, 201);
  create_referral(id);
  plan("case_conference", {{"agenda", {{{"title", "支援方針"}, {"case_id", id}}}}});
  ASSERT_EQ(assess("staff.chuo", id, {{"young_mother", true}})->status, 201);
  auto closed = post("coord.chuo", "/api/v1/cases/" + id + "/close", {{"reason", "転出"}});
  ASSERT_EQ(closed->status, 200) << closed->body;

  Json timeline = body_json(get("staff.chuo", "/api/v1/cases/" + id + "/timeline"));
  std::set<std::string> types;
  for (const Json& e : timeline["items"]) types.insert(e["type"]);
  EXPECT_EQ(types,
            (std::set<std::string>{"contact", "referral", "meeting", "assessment", "event"}));
  // Newest first: the meeting tomorrow, then today's close.
  EXPECT_EQ(timeline["items"][0]["type"], "meeting");
  EXPECT_EQ(timeline["items"][0]["kind"], "case_conference");
  for (size_t i = 1; i < timeline["items"].size(); ++i) {
    EXPECT_GE(timeline["items"][i - 1]["at"].get<std::string>(),
              timeline["items"][i]["at"].get<std::string>());
  }
  // The referral was created and sent in one instant: the later step comes first.
  std::vector<std::string> referral_steps;
  for (const Json& e : timeline["items"]) {
    if (e["type"] == "referral") referral_steps.push_back(e["kind"]);
  }
  EXPECT_EQ(referral_steps, (std::vector<std::string>{"sent", "draft"}));
}

TEST_F(CaseworkApiTest, TheChildGuidanceConferenceCarriesCasesButPartnersSeeOnlyTheTime) {
  std::string id = create_case();
  Json m = plan("child_guidance_conference",
                {{"title", "児童相談所 定例会議"},
                 {"invited_organization_ids", {kItokonchi}},
                 {"agenda", {{{"title", "A.K. さんの見守り"}, {"case_id", id}}}}});
  ASSERT_FALSE(m.is_null());
  EXPECT_EQ(m["kind"], "child_guidance_conference");
  Json seen = body_json(get("partner.itokonchi", meeting_path(m)));
  EXPECT_EQ(seen["title"], "児童相談所の定例会議");
  EXPECT_TRUE(seen["agenda"].empty());
  Json reference = body_json(get("coord.chuo", "/api/v1/reference"));
  bool listed = false;
  for (const Json& w : reference["meeting_kinds"]) {
    listed =
        listed || (w["value"] == "child_guidance_conference" && w["ja"] == "児童相談所の定例会議");
  }
  EXPECT_TRUE(listed);
}

// Scenario 7: at the pregnancy registration interview a nurse assesses a 19-year-old with no
// partner and no check-ups; the score suggests high risk; the coordinator confirms 特定妊婦 the
// same week and both sections see the household flagged on their lists.
TEST_F(CaseworkApiTest, Scenario7RegistrationDay) {
  auto created = post("staff.chuo", "/api/v1/cases",
                      {{"ward", "chuo"},
                       {"case_ref", "中央-2026-0101"},
                       {"household_label", "S.H."},
                       {"risk_level", "low"},
                       {"sections", {"maternal_child_health"}}});
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = body_json(created)["id"];
  auto a = assess("staff.chuo", id,
                  {{"young_mother", true},
                   {"no_partner_or_support", true},
                   {"no_prenatal_checkups", true},
                   {"economic_hardship", false}},
                  0);
  ASSERT_EQ(a->status, 201) << a->body;
  EXPECT_EQ(body_json(a)["suggested_risk_level"], "high");
  EXPECT_EQ(body_json(a)["drivers"][0]["code"], "no_prenatal_checkups");

  advance(std::chrono::hours(24 * 2));  // later that week
  auto d = post("coord.chuo",
                "/api/v1/cases/" + id + "/assessments/" + body_json(a)["id"].get<std::string>() +
                    "/determination",
                {{"specified_pregnancy", true}, {"risk_level", "high"}});
  ASSERT_EQ(d->status, 200) << d->body;
  // Both sections find the household among the ward's 特定妊婦, highest risk first.
  auto with_both = client_.Patch(
      ("/api/v1/cases/" + id).c_str(), as("coord.chuo"),
      Json({{"sections", {"maternal_child_health", "child_welfare"}}}).dump(), "application/json");
  ASSERT_EQ(with_both->status, 200) << with_both->body;
  for (const char* section : {"maternal_child_health", "child_welfare"}) {
    Json list = body_json(get("staff.chuo", std::string("/api/v1/cases?risk_category="
                                                        "specified_pregnancy&section=") +
                                                section));
    ASSERT_EQ(list["total"], 1) << section;
    EXPECT_EQ(list["items"][0]["id"], id);
    EXPECT_EQ(list["items"][0]["risk_level"], "high");
  }
}

}  // namespace
}  // namespace tsunagu::testing
