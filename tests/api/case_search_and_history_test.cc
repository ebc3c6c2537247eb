// Finding a household and keeping its record whole: GET /cases filters (q over case_ref and
// label, width- and kana-insensitive; risk_category, section, lead), unknown or malformed
// parameters refused, PATCH as JSON Merge Patch, every change a case event with before and
// after, reopening with a reason, and labels that must not be names or phone numbers.
#include <set>

#include "api/case_fixture.h"

namespace tsunagu::testing {
namespace {

class CaseSearchTest : public CaseApiTest {
 protected:
  std::string create(const nlohmann::json& fields) {
    nlohmann::json body = {{"ward", "chuo"}, {"risk_level", "medium"}};
    body.update(fields);
    auto res = post("coord.chuo", "/api/v1/cases", body);
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    return res && res->status == 201 ? body_json(res)["id"].get<std::string>() : "";
  }
  std::set<std::string> refs(const std::string& query) {
    auto res = get("coord.chuo", "/api/v1/cases" + query);
    EXPECT_EQ(res->status, 200) << query << ": " << res->body;
    std::set<std::string> out;
    auto body = body_json(res);
    for (const auto& c : body["items"]) out.insert(c["case_ref"].get<std::string>());
    EXPECT_EQ(body["total"].get<size_t>(), out.size()) << query;
    return out;
  }
  httplib::Result patch(const std::string& id, const std::string& body) {
    return client_.Patch(("/api/v1/cases/" + id).c_str(), as("coord.chuo"), body,
                         "application/json");
  }
  nlohmann::json events(const std::string& id) {
    return body_json(get("coord.chuo", "/api/v1/cases/" + id + "/events"))["items"];
  }
};

TEST_F(CaseSearchTest, QFindsByCaseRefOrLabelIgnoringWidthAndKana) {
  create({{"case_ref", "中央-2026-017"}, {"household_label", "さくら家"}});
  create({{"case_ref", "中央-2026-018"}, {"household_label", "A.K."}});
  create({{"case_ref", "中央-2025-203"}, {"household_label", "もみじ家"}});
  EXPECT_EQ(refs("?q=2026"), (std::set<std::string>{"中央-2026-017", "中央-2026-018"}));
  // Full-width digits and katakana meet the stored half-width digits and hiragana.
  EXPECT_EQ(refs("?q=%EF%BC%90%EF%BC%91%EF%BC%97"), (std::set<std::string>{"中央-2026-017"}));
  EXPECT_EQ(refs("?q=%E3%82%B5%E3%82%AF%E3%83%A9"), (std::set<std::string>{"中央-2026-017"}));
  EXPECT_EQ(refs("?q=a.k."), (std::set<std::string>{"中央-2026-018"}));
  EXPECT_TRUE(refs("?q=nothing-like-this").empty());
}

TEST_F(CaseSearchTest, FiltersByRiskCategorySectionAndLead) {
  auto me = body_json(get("staff.chuo", "/api/v1/me"))["id"].get<std::string>();
  create({{"case_ref", "P-1"},
          {"household_label", "P."},
          {"risk_categories", {"specified_pregnancy"}},
          {"sections", {"maternal_child_health", "child_welfare"}},
          {"lead_user_id", me}});
  create({{"case_ref", "P-2"},
          {"household_label", "Q."},
          {"risk_categories", {"abuse_certified", "parenting_difficulty"}},
          {"sections", {"child_welfare"}}});
  EXPECT_EQ(refs("?risk_category=specified_pregnancy"), (std::set<std::string>{"P-1"}));
  EXPECT_EQ(refs("?risk_category=parenting_difficulty"), (std::set<std::string>{"P-2"}));
  EXPECT_EQ(refs("?section=child_welfare"), (std::set<std::string>{"P-1", "P-2"}));
  EXPECT_EQ(refs("?section=maternal_child_health"), (std::set<std::string>{"P-1"}));
  EXPECT_EQ(refs("?lead=" + me), (std::set<std::string>{"P-1"}));
  auto mine = get("staff.chuo", "/api/v1/cases?lead=me");
  EXPECT_EQ(body_json(mine)["total"], 1);
  EXPECT_EQ(refs("?section=child_welfare&risk_category=abuse_certified"),
            (std::set<std::string>{"P-2"}));
}

TEST_F(CaseSearchTest, UnknownOrMalformedParametersAre400NamingThem) {
  create({{"case_ref", "U-1"}, {"household_label", "U."}});
  auto misspelt = get("coord.chuo", "/api/v1/cases?risk_categroy=abuse_certified");
  ASSERT_EQ(misspelt->status, 400) << misspelt->body;
  EXPECT_EQ(error_fields(misspelt), (std::set<std::string>{"risk_categroy"}));
  for (const char* bad :
       {"?risk_category=abuse", "?section=police", "?status=pending", "?risk_level=urgent"}) {
    auto res = get("coord.chuo", std::string("/api/v1/cases") + bad);
    EXPECT_EQ(res->status, 400) << bad << ": " << res->body;
    EXPECT_EQ(error_fields(res).size(), 1u) << bad;
  }
  auto twice = get("coord.chuo", "/api/v1/cases?q=a&q=b");
  EXPECT_EQ(twice->status, 400);
  EXPECT_EQ(error_fields(twice), (std::set<std::string>{"q"}));
}

TEST_F(CaseSearchTest, PatchMergesTheSupportPlanFieldByField) {
  std::string id = create({{"case_ref", "M-1"},
                           {"household_label", "M."},
                           {"support_plan",
                            {{"goals", {"産科へつなぐ"}},
                             {"family_voice", "夜に話せる人がほしい"},
                             {"services", {"助産師訪問"}},
                             {"review_by", "2026-05-01"}}},
                           {"next_review_on", "2026-04-20"}});
  auto res = patch(id, R"({"support_plan": {"goals": ["産科へつなぐ", "保育所の申込み"]}})");
  ASSERT_EQ(res->status, 200) << res->body;
  auto plan = body_json(res)["support_plan"];
  EXPECT_EQ(plan["goals"], nlohmann::json({"産科へつなぐ", "保育所の申込み"}));
  EXPECT_EQ(plan["family_voice"], "夜に話せる人がほしい");  // the family's own words stay
  EXPECT_EQ(plan["services"], nlohmann::json({"助産師訪問"}));
  EXPECT_EQ(plan["review_by"], "2026-05-01");
  EXPECT_EQ(body_json(res)["next_review_on"], "2026-04-20");

  // null removes a field; a required one cannot be removed.
  auto removed = patch(id, R"({"next_review_on": null, "support_plan": {"review_by": null}})");
  ASSERT_EQ(removed->status, 200) << removed->body;
  EXPECT_TRUE(body_json(removed)["next_review_on"].is_null());
  EXPECT_TRUE(body_json(removed)["support_plan"]["review_by"].is_null());
  EXPECT_EQ(body_json(removed)["support_plan"]["family_voice"], "夜に話せる人がほしい");
  auto required = patch(id, R"({"household_label": null})");
  EXPECT_EQ(required->status, 422);
  EXPECT_EQ(error_fields(required), (std::set<std::string>{"household_label"}));
}

TEST_F(CaseSearchTest, EveryChangeIsAnEventWithBeforeAndAfter) {
  std::string id = create({{"case_ref", "E-1"},
                           {"household_label", "E."},
                           {"support_plan", {{"family_voice", "最初の言葉"}}}});
  ASSERT_EQ(
      patch(id, R"({"risk_level": "high", "support_plan": {"family_voice": "次の言葉"}})")->status,
      200);
  auto list = events(id);
  ASSERT_EQ(list.size(), 1u) << list.dump();
  EXPECT_EQ(list[0]["kind"], "edited");
  EXPECT_EQ(list[0]["from"]["risk_level"], "medium");
  EXPECT_EQ(list[0]["to"]["risk_level"], "high");
  EXPECT_EQ(list[0]["from"]["support_plan"]["family_voice"], "最初の言葉");
  EXPECT_EQ(list[0]["to"]["support_plan"]["family_voice"], "次の言葉");
  EXPECT_FALSE(list[0]["from"].contains("case_ref"));  // only what changed

  // A PATCH that changes nothing leaves no event and no new version.
  auto same = patch(id, R"({"risk_level": "high"})");
  ASSERT_EQ(same->status, 200);
  EXPECT_EQ(body_json(same)["version"], 2);
  EXPECT_EQ(events(id).size(), 1u);
}

// A new case's every broken field in one answer: shape, unknown fields, rules, ward and lead.
TEST_F(CaseSearchTest, OnePassReportsEveryBrokenField) {
  auto res = post("coord.chuo", "/api/v1/cases",
                  {{"ward", "kita"},
                   {"case_ref", ""},
                   {"household_label", "090-1234-5678"},
                   {"risk_level", "extreme"},
                   {"sections", "child_welfare"},
                   {"lead_user_id", "b0000000-0000-4000-8000-000000000099"},
                   {"color", "red"}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res),
            (std::set<std::string>{"ward", "case_ref", "household_label", "risk_level", "sections",
                                   "lead_user_id", "color"}));
  // In the right ward, an unknown lead is named beside the other mistakes.
  res = post("coord.chuo", "/api/v1/cases",
             {{"ward", "chuo"},
              {"case_ref", "OP-1"},
              {"household_label", "O."},
              {"risk_level", "extreme"},
              {"lead_user_id", "b0000000-0000-4000-8000-000000000099"}});
  ASSERT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"risk_level", "lead_user_id"}));
  std::string id = create({{"case_ref", "OP-2"}, {"household_label", "O."}});
  auto patched = patch(id, R"({"risk_level": "extreme", "lead_user_id": "nobody", "x": 1})");
  ASSERT_EQ(patched->status, 422) << patched->body;
  EXPECT_EQ(error_fields(patched), (std::set<std::string>{"risk_level", "lead_user_id", "x"}));
}

// A case's history pages like every list: the oldest first, page by page.
TEST_F(CaseSearchTest, EventsPage) {
  std::string id = create({{"case_ref", "P-1"}, {"household_label", "P."}});
  for (const char* level : {"high", "low", "medium"}) {
    ASSERT_EQ(patch(id, std::string(R"({"risk_level": ")") + level + "\"}")->status, 200);
  }
  std::string path = "/api/v1/cases/" + id + "/events";
  auto page = body_json(get("coord.chuo", path + "?per_page=2&page=2"));
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(page["per_page"], 2);
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["to"]["risk_level"], "medium");
  EXPECT_EQ(get("coord.chuo", path + "?kind=edited")->status, 400);
  EXPECT_EQ(get("coord.chuo", path + "?per_page=0")->status, 400);
}

TEST_F(CaseSearchTest, AClosedCaseCanBeReopenedWithAReason) {
  std::string id = create({{"case_ref", "R-1"}, {"household_label", "R."}});
  std::string path = "/api/v1/cases/" + id;
  EXPECT_EQ(post("coord.chuo", path + "/reopen", {{"reason", "x"}})->status, 409);  // open
  ASSERT_EQ(post("coord.chuo", path + "/close", {{"reason", "転出"}})->status, 200);
  EXPECT_EQ(post("coord.chuo", path + "/reopen", nlohmann::json::object())->status, 422);
  auto reopened = post("coord.chuo", path + "/reopen", {{"reason", "再び転入"}});
  ASSERT_EQ(reopened->status, 200) << reopened->body;
  EXPECT_EQ(body_json(reopened)["status"], "open");
  EXPECT_TRUE(body_json(reopened)["close_reason"].is_null());
  EXPECT_EQ(post("coord.kita", path + "/reopen", {{"reason", "x"}})->status, 404);
  auto list = events(id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["kind"], "closed");
  EXPECT_EQ(list[0]["reason"], "転出");
  EXPECT_EQ(list[1]["kind"], "reopened");
  EXPECT_EQ(list[1]["from"], "closed");
  EXPECT_EQ(list[1]["to"], "open");
  EXPECT_EQ(list[1]["reason"], "再び転入");
}

TEST_F(CaseSearchTest, ALabelThatLooksLikeANameOrPhoneIsRefused) {
  for (const char* label : {"山田 花子", "山田花子", "やまだ はなこ", "Hanako Yamada", "山田さん",
                            "090-1234-5678", "０９０１２３４５６７８"}) {
    auto res = post(
        "coord.chuo", "/api/v1/cases",
        {{"ward", "chuo"}, {"case_ref", "N-1"}, {"household_label", label}, {"risk_level", "low"}});
    EXPECT_EQ(res->status, 422) << label;
    EXPECT_EQ(error_fields(res), (std::set<std::string>{"household_label"})) << label;
  }
  std::string id = create({{"case_ref", "N-2"}, {"household_label", "Y.H."}});
  EXPECT_EQ(patch(id, R"({"household_label": "山田 花子"})")->status, 422);
  for (const char* label : {"さくら家", "Ｓ・Ｍ", "A.K.", "山田家", "北区世帯", "もみじ"}) {
    EXPECT_EQ(patch(id, nlohmann::json({{"household_label", label}}).dump())->status, 200) << label;
  }
}

TEST_F(CaseSearchTest, OptionsAnswers204WithAllow) {
  auto res = client_.Options("/api/v1/cases");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  EXPECT_EQ(res->get_header_value("Allow"), "GET, POST, HEAD, OPTIONS");
  EXPECT_TRUE(res->body.empty());
}

}  // namespace
}  // namespace tsunagu::testing
