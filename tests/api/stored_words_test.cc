// A stored status that is not a word of its set is an internal error (500), never read as a
// default: the server wrote every status from its name table, so another word means the row was
// changed behind its back. The schema's CHECK constraints refuse such words; the tests write them
// with the constraints switched off, as an intruder or a broken migration could.
#include <nlohmann/json.hpp>

#include "api/meeting_fixture.h"
#include "storage/connection.h"

namespace tsunagu::testing {
namespace {

class StoredWordsTest : public MeetingApiTest {
 protected:
  // Sets `column` of the row `id` of `table` to `word`, past the CHECK constraints.
  void store_word(const std::string& table, const std::string& column, const std::string& id,
                  const std::string& word) {
    storage::Connection raw({server_.db_path()});
    raw.exec("PRAGMA ignore_check_constraints = ON;");
    raw.prepare("UPDATE " + table + " SET " + column + " = ?2 WHERE id = ?1")
        .bind(1, id)
        .bind(2, word)
        .run();
    ASSERT_EQ(raw.changes(), 1);
  }

  static int status_of(const httplib::Result& res) { return res ? res->status : 0; }
};

TEST_F(StoredWordsTest, AReferralWhoseStatusDoesNotDecodeIsNotReadAsADraft) {
  const std::string id = create_referral(create_case())["id"].get<std::string>();
  ASSERT_EQ(status_of(get("coord.chuo", "/api/v1/referrals/" + id)), 200);
  store_word("referrals", "status", id, "lost");
  EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/referrals/" + id)), 500);
  EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/referrals")), 500);
  EXPECT_EQ(status_of(transition("partner.itokonchi", id, {{"to", "accepted"}})), 500);
}

TEST_F(StoredWordsTest, ACaseWhoseStatusDoesNotDecodeTakesNoChange) {
  const std::string id = create_case();
  store_word("cases", "status", id, "archived");
  const std::string path = "/api/v1/cases/" + id;
  EXPECT_EQ(status_of(post("coord.chuo", path + "/close", {{"reason", "終結"}})), 500);
  EXPECT_EQ(status_of(post("coord.chuo", path + "/reopen", {{"reason", "再開"}})), 500);
  EXPECT_EQ(status_of(patch("coord.chuo", path, {{"risk_level", "low"}})), 500);
  EXPECT_EQ(status_of(post("coord.chuo", "/api/v1/referrals",
                           {{"case_id", id},
                            {"organization_id", kItokonchi},
                            {"legal_basis", "council"},
                            {"summary", "16歳。今夜の居場所が必要。"}})),
            500);
}

TEST_F(StoredWordsTest, AMeetingWhoseStatusDoesNotDecodeTakesNoChange) {
  const nlohmann::json m = plan("roundtable");
  store_word("meetings", "status", m["id"].get<std::string>(), "postponed");
  EXPECT_EQ(status_of(patch("coord.chuo", meeting_path(m), {{"title", "新しい題"}})), 500);
  EXPECT_EQ(status_of(post("coord.chuo", meeting_path(m) + "/action-items",
                           {{"title", "夜の居場所マップの原稿"}})),
            500);
}

TEST_F(StoredWordsTest, AnActionItemWhoseStatusDoesNotDecodeTakesNoStep) {
  const nlohmann::json m = plan("roundtable");
  auto res = post("coord.chuo", meeting_path(m) + "/action-items",
                  {{"title", "夜の居場所マップの原稿"}, {"owner_organization_id", kItokonchi}});
  ASSERT_EQ(status_of(res), 201);
  const std::string id = body_json(res)["id"].get<std::string>();
  store_word("action_items", "status", id, "paused");
  EXPECT_EQ(status_of(patch("coord.chuo", "/api/v1/action-items/" + id, {{"status", "done"}})),
            500);
}

TEST_F(StoredWordsTest, AReferralWhoseUrgencyOrLegalBasisDoesNotDecodeIsNotShown) {
  const std::string id = create_referral(create_case())["id"].get<std::string>();
  for (const char* column : {"urgency", "legal_basis"}) {
    SCOPED_TRACE(column);
    const std::string before =
        body_json(get("coord.chuo", "/api/v1/referrals/" + id))[column].get<std::string>();
    store_word("referrals", column, id, "whenever");
    EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/referrals/" + id)), 500);
    EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/referrals")), 500);
    EXPECT_EQ(status_of(get("partner.itokonchi", "/api/v1/referrals/" + id)), 500);
    store_word("referrals", column, id, before);
    EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/referrals/" + id)), 200);
  }
}

TEST_F(StoredWordsTest, ACaseWhoseRiskLevelDoesNotDecodeIsNotShown) {
  const std::string id = create_case();
  store_word("cases", "risk_level", id, "extreme");
  EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/cases/" + id)), 500);
  EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/cases")), 500);
}

TEST_F(StoredWordsTest, AContactWhoseKindDoesNotDecodeIsNotShown) {
  const std::string id = create_case();
  auto res = post("staff.chuo", "/api/v1/cases/" + id + "/contacts",
                  {{"kind", "home_visit"}, {"on", "2026-03-30"}, {"summary", "母子ともに安定。"}});
  ASSERT_EQ(status_of(res), 201);
  const std::string contact = body_json(res)["id"].get<std::string>();
  store_word("case_contacts", "kind", contact, "seance");
  EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/cases/" + id + "/contacts")), 500);
  EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/cases/" + id + "/contacts/" + contact)), 500);
}

TEST_F(StoredWordsTest, ATransferWhoseStatusDoesNotDecodeIsNotReadAsPending) {
  const std::string case_id = create_case();
  auto res = post("coord.chuo", "/api/v1/cases/" + case_id + "/transfers",
                  {{"to_ward", "kita"}, {"reason", "北区へ転居"}});
  ASSERT_EQ(status_of(res), 201);
  const std::string id = body_json(res)["id"].get<std::string>();
  store_word("case_transfers", "status", id, "lost");
  EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/transfers/" + id)), 500);
  EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/transfers")), 500);
  EXPECT_EQ(status_of(post("coord.kita", "/api/v1/transfers/" + id + "/transitions",
                           {{"to", "accepted"}})),
            500);
}

TEST_F(StoredWordsTest, AMeetingWhoseKindDoesNotDecodeIsNotShown) {
  const nlohmann::json m = plan("case_conference");
  store_word("meetings", "kind", m["id"].get<std::string>(), "picnic");
  EXPECT_EQ(status_of(get("coord.chuo", meeting_path(m))), 500);
  EXPECT_EQ(status_of(get("coord.chuo", "/api/v1/meetings")), 500);
  EXPECT_EQ(status_of(patch("coord.chuo", meeting_path(m), {{"title", "新しい題"}})), 500);
}

TEST_F(StoredWordsTest, AnOrganizationWhoseStatusDoesNotDecodeIsNotTakenAsArchived) {
  const std::string case_id = create_case();
  store_word("organizations", "status", kItokonchi, "spaceship");
  EXPECT_EQ(status_of(post("coord.chuo", "/api/v1/referrals",
                           {{"case_id", case_id},
                            {"organization_id", kItokonchi},
                            {"legal_basis", "council"},
                            {"summary", "16歳。今夜の居場所が必要。"}})),
            500);
  EXPECT_EQ(status_of(post("coord.chuo", "/api/v1/meetings",
                           {{"kind", "roundtable"},
                            {"title", "座談会"},
                            {"ward", "chuo"},
                            {"starts_at", "2026-05-01T18:30:00+09:00"},
                            {"ends_at", "2026-05-01T20:00:00+09:00"},
                            {"invited_organization_ids", {kItokonchi}}})),
            500);
}

TEST_F(StoredWordsTest, AnOrganizationWhoseWordsDoNotDecodeIsNotShownWithDefaults) {
  const std::string path = std::string("/api/v1/organizations/") + kItokonchi;
  ASSERT_EQ(status_of(get("coord.chuo", path)), 200);
  for (const char* column : {"category", "visibility", "address_visibility", "status"}) {
    SCOPED_TRACE(column);
    const std::string before = body_json(get("admin", path))[column].get<std::string>();
    store_word("organizations", column, kItokonchi, "spaceship");
    EXPECT_EQ(status_of(get("coord.chuo", path)), 500);
    EXPECT_EQ(status_of(get("coord.chuo", path + "/services")), 500);
    store_word("organizations", column, kItokonchi, before);
    EXPECT_EQ(status_of(get("coord.chuo", path)), 200);
  }
}

}  // namespace
}  // namespace tsunagu::testing
