// /api/v1/cases as the demo network's people meet it: ward scoping, roles without case content,
// validation, optimistic concurrency and the audit of every read.
#include "api/case_fixture.h"

namespace tsunagu::testing {
namespace {

class CasesApiTest : public CaseApiTest {};

TEST_F(CasesApiTest, CoordinatorCreatesAndReadsACase) {
  auto res = post("coord.chuo", "/api/v1/cases",
                  {{"ward", "chuo"},
                   {"case_ref", "中央-2026-001"},
                   {"household_label", "Ｓ・Ｍ"},
                   {"risk_categories", {"specified_pregnancy", "parenting_difficulty"}},
                   {"risk_level", "high"},
                   {"sections", {"maternal_child_health", "child_welfare"}},
                   {"support_plan",
                    {{"goals", {"出産までに産科へつなぐ"}},
                     {"family_voice", "一人で不安。夜に話せる人がほしい"},
                     {"services", {"助産師訪問"}},
                     {"review_by", "2026-05-01"}}},
                   {"next_review_on", "2026-04-15"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  auto created = body_json(res);
  EXPECT_EQ(res->get_header_value("Location"), "/api/v1/cases/" + created["id"].get<std::string>());
  EXPECT_EQ(res->get_header_value("ETag"), "\"1\"");
  EXPECT_EQ(created["status"], "open");
  EXPECT_EQ(created["support_plan"]["family_voice"], "一人で不安。夜に話せる人がほしい");

  auto read = get("staff.chuo", "/api/v1/cases/" + created["id"].get<std::string>());
  ASSERT_EQ(read->status, 200);
  EXPECT_EQ(body_json(read)["case_ref"], "中央-2026-001");

  auto list = get("staff.chuo", "/api/v1/cases?status=open");
  EXPECT_EQ(body_json(list)["total"], 1);
}

TEST_F(CasesApiTest, AnotherWardsCaseDoesNotExist) {
  std::string id = create_case();
  EXPECT_EQ(get("coord.kita", "/api/v1/cases/" + id)->status, 404);
  auto patch = client_.Patch(("/api/v1/cases/" + id).c_str(), as("coord.kita"),
                             R"({"risk_level":"low"})", "application/json");
  EXPECT_EQ(patch->status, 404);
  EXPECT_EQ(body_json(get("coord.kita", "/api/v1/cases"))["total"], 0);
  EXPECT_EQ(body_json(get("coord.kita", "/api/v1/cases?ward=chuo"))["total"], 0);
}

TEST_F(CasesApiTest, RolesWithoutCaseContentAreForbidden) {
  std::string id = create_case();
  for (const char* user : {"admin", "auditor", "partner.itokonchi"}) {
    EXPECT_EQ(get(user, "/api/v1/cases")->status, 403) << user;
    EXPECT_EQ(get(user, "/api/v1/cases/" + id)->status, 403) << user;
  }
  EXPECT_EQ(client_.Get("/api/v1/cases")->status, 401);
}

TEST_F(CasesApiTest, EveryInvalidFieldIsNamed) {
  auto res = post("coord.chuo", "/api/v1/cases",
                  {{"ward", "kita"},
                   {"household_label", ""},
                   {"risk_categories", {"poverty"}},
                   {"risk_level", "extreme"},
                   {"next_review_on", "2026-02-30"},
                   {"role", "admin"}});
  ASSERT_EQ(res->status, 422) << res->body;
  // One pass: the request's shape (a missing case_ref, an unknown field) and the rules together.
  EXPECT_EQ(error_fields(res),
            (std::set<std::string>{"case_ref", "household_label", "role", "ward",
                                   "risk_categories[0]", "risk_level", "next_review_on"}));
  res = post("coord.chuo", "/api/v1/cases",
             {{"ward", "kita"},
              {"case_ref", "X"},
              {"household_label", "A"},
              {"risk_categories", {"poverty"}},
              {"risk_level", "extreme"},
              {"next_review_on", "2026-02-30"}});
  ASSERT_EQ(res->status, 422);
  EXPECT_EQ(error_fields(res),
            (std::set<std::string>{"ward", "risk_categories[0]", "risk_level", "next_review_on"}));
}

TEST_F(CasesApiTest, CaseRefIsUniqueInTheWard) {
  create_case("中央-1");
  auto again = post(
      "coord.chuo", "/api/v1/cases",
      {{"ward", "chuo"}, {"case_ref", "中央-1"}, {"household_label", "B"}, {"risk_level", "low"}});
  EXPECT_EQ(again->status, 409);
}

TEST_F(CasesApiTest, StaleIfMatchIs412) {
  std::string id = create_case();
  std::string path = "/api/v1/cases/" + id;
  auto first = client_.Patch(path.c_str(), as("coord.chuo", 1), R"({"risk_level":"medium"})",
                             "application/json");
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(body_json(first)["version"], 2);
  auto stale = client_.Patch(path.c_str(), as("staff.chuo", 1), R"({"risk_level":"low"})",
                             "application/json");
  EXPECT_EQ(stale->status, 412);
  EXPECT_EQ(body_json(get("coord.chuo", path))["risk_level"], "medium");
  // An If-Match that is no ETag of ours cannot match the current version.
  auto bad = client_.Patch(
      path.c_str(),
      [&] {
        auto h = as("coord.chuo");
        h.emplace("If-Match", "yesterday");
        return h;
      }(),
      R"({"risk_level":"low"})", "application/json");
  EXPECT_EQ(bad->status, 412);
}

TEST_F(CasesApiTest, ClosingNeedsAReasonAndHappensOnce) {
  std::string id = create_case();
  std::string path = "/api/v1/cases/" + id + "/close";
  EXPECT_EQ(post("coord.chuo", path, nlohmann::json::object())->status, 422);
  auto closed = post("coord.chuo", path, {{"reason", "転出"}});
  ASSERT_EQ(closed->status, 200) << closed->body;
  EXPECT_EQ(body_json(closed)["status"], "closed");
  EXPECT_EQ(post("coord.chuo", path, {{"reason", "転出"}})->status, 409);
}

TEST_F(CasesApiTest, LeadMustWorkInTheWard) {
  auto me = body_json(get("coord.kita", "/api/v1/me"));
  auto res = post("coord.chuo", "/api/v1/cases",
                  {{"ward", "chuo"},
                   {"case_ref", "L-1"},
                   {"household_label", "C"},
                   {"risk_level", "low"},
                   {"lead_user_id", me["id"]}});
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(error_fields(res), (std::set<std::string>{"lead_user_id"}));
}

TEST_F(CasesApiTest, EveryReadOfACaseIsAudited) {
  std::string id = create_case();
  get("staff.chuo", "/api/v1/cases/" + id);
  get("coord.chuo", "/api/v1/cases?status=open");
  auto audit = get("auditor", "/api/v1/audit?case_id=" + id);
  ASSERT_EQ(audit->status, 200) << audit->body;
  std::multiset<std::string> seen;
  const nlohmann::json entries = body_json(audit)["items"];
  for (const auto& e : entries) {
    seen.insert(e["action"].get<std::string>() + " " + e["actor"]["username"].get<std::string>());
  }
  EXPECT_EQ(seen.count("case.create coord.chuo"), 1u);
  EXPECT_EQ(seen.count("case.read staff.chuo"), 1u);
  EXPECT_EQ(seen.count("case.list coord.chuo"), 1u);
}

}  // namespace
}  // namespace tsunagu::testing

namespace tsunagu::testing {
namespace {

TEST_F(CaseApiTest, IdempotencyKeyCreatesOneCase) {
  nlohmann::json body = {
      {"ward", "chuo"}, {"case_ref", "I-1"}, {"household_label", "I."}, {"risk_level", "medium"}};
  httplib::Headers key{{"Idempotency-Key", "retry-from-the-car"}};
  auto first = post("staff.chuo", "/api/v1/cases", body, key);
  auto second = post("staff.chuo", "/api/v1/cases", body, key);
  ASSERT_EQ(first->status, 201) << first->body;
  ASSERT_EQ(second->status, 201) << second->body;  // not 409 for the taken case_ref
  EXPECT_EQ(body_json(first)["id"], body_json(second)["id"]);
  EXPECT_EQ(second->get_header_value("Idempotent-Replayed"), "true");
  EXPECT_EQ(first->get_header_value("Idempotent-Replayed"), "");
  body["case_ref"] = "I-2";
  EXPECT_EQ(post("staff.chuo", "/api/v1/cases", body, key)->status, 422);
  // Keys are per user: another user's same key is a new request.
  auto other = post("coord.chuo", "/api/v1/cases", body, key);
  EXPECT_EQ(other->status, 201);
  EXPECT_EQ(post("coord.chuo", "/api/v1/cases", body, {{"Idempotency-Key", std::string(201, 'k')}})
                ->status,
            400);
}

}  // namespace
}  // namespace tsunagu::testing
