// Every pair of states through the API: a legal step answers 200, any other 409.
#include "api/case_fixture.h"

namespace tsunagu::testing {
namespace {

class ReferralTransitionsApiTest : public CaseApiTest {
 protected:
  // A fresh referral brought into `state` by the parties who may do so.
  std::string referral_in(const std::string& state) {
    std::string id =
        create_referral(create_case(), state != "draft", {{"due_by", "2026-04-02"}})["id"];
    auto step = [&](const std::string& user, nlohmann::json body) {
      auto res = transition(user, id, body);
      EXPECT_EQ(res->status, 200) << state << ": " << res->body;
    };
    if (state == "accepted" || state == "completed")
      step("partner.itokonchi", {{"to", "accepted"}});
    if (state == "completed")
      step("partner.itokonchi", {{"to", "completed"}, {"outcome", "unknown"}});
    if (state == "declined")
      step("partner.itokonchi", {{"to", "declined"}, {"reason_code", "out_of_area"}});
    if (state == "withdrawn")
      step("coord.chuo", {{"to", "withdrawn"}, {"reason_code", "family_declined"}});
    if (state == "expired") {
      advance(std::chrono::hours(48));
      EXPECT_GE(server_.app().referrals().expire_overdue().value(), 1);
      advance(-std::chrono::hours(48));
    }
    return id;
  }
};

TEST_F(ReferralTransitionsApiTest, EveryPairOfStates) {
  const std::set<std::pair<std::string, std::string>> legal = {
      {"draft", "sent"},        {"draft", "withdrawn"}, {"sent", "accepted"},
      {"sent", "declined"},     {"sent", "withdrawn"},  {"accepted", "completed"},
      {"accepted", "withdrawn"}};
  const std::vector<std::string> states = {"draft",     "sent",    "accepted", "declined",
                                           "withdrawn", "expired", "completed"};
  // Each target with the party and fields it needs, so only legality decides the answer.
  auto request = [](const std::string& to) -> std::pair<std::string, nlohmann::json> {
    if (to == "sent") return {"coord.chuo", {{"to", "sent"}}};
    if (to == "withdrawn") return {"coord.chuo", {{"to", to}, {"reason_code", "duplicate"}}};
    if (to == "declined")
      return {"partner.itokonchi", {{"to", to}, {"reason_code", "not_eligible"}}};
    if (to == "completed") return {"partner.itokonchi", {{"to", to}, {"outcome", "got_help"}}};
    return {"partner.itokonchi", {{"to", to}}};
  };
  for (const auto& from : states) {
    for (const auto& to : {"sent", "accepted", "declined", "withdrawn", "completed"}) {
      std::string id = referral_in(from);
      auto [user, body] = request(to);
      // A draft is invisible to the partner: a partner's step on it is 404, not 409.
      int expected =
          legal.contains({from, to}) ? 200 : (from == "draft" && user != "coord.chuo" ? 404 : 409);
      auto res = transition(user, id, body);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, expected) << from << " → " << to << ": " << res->body;
    }
  }
  // The server's own states cannot be requested.
  std::string id = referral_in("sent");
  EXPECT_EQ(transition("coord.chuo", id, {{"to", "expired"}})->status, 422);
  EXPECT_EQ(transition("coord.chuo", id, {{"to", "draft"}})->status, 422);
  EXPECT_EQ(transition("coord.chuo", id, {{"to", "lost"}})->status, 422);
}

TEST_F(ReferralTransitionsApiTest, StaleIfMatchIs412) {
  std::string id = referral_in("sent");
  auto accepted = transition("partner.itokonchi", id, {{"to", "accepted"}}, 1);
  ASSERT_EQ(accepted->status, 200) << accepted->body;
  EXPECT_EQ(accepted->get_header_value("ETag"), "\"2\"");
  EXPECT_EQ(transition("partner.itokonchi", id, {{"to", "completed"}, {"outcome", "enrolled"}}, 1)
                ->status,
            412);
}

}  // namespace
}  // namespace tsunagu::testing
