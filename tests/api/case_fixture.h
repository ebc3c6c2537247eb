// A signed-in demo network for the case and referral API tests: the demo data set (its accounts
// and organizations) with one token per demo account, and helpers that create cases and
// referrals the way a coordinator would.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "support/seed_ids.h"
#include "support/test_support.h"

namespace tsunagu::testing {

class CaseApiTest : public ::testing::Test {
 protected:
  CaseApiTest() : server_(auth_config()), client_(server_.client()) { sign_in_everyone(); }

  void sign_in_everyone() {
    for (const char* user : {"admin", "coord.chuo", "staff.chuo", "coord.kita", "partner.itokonchi",
                             "partner.night", "auditor"}) {
      tokens_[user] = login(client_, user);
    }
  }

  // Moves the server's clock; everyone signs in again, as sessions idle out after 30 minutes.
  void advance(std::chrono::milliseconds d) {
    server_.clock().advance(d);
    sign_in_everyone();
  }

  httplib::Headers as(const std::string& user) { return bearer(tokens_.at(user)); }
  httplib::Headers as(const std::string& user, int64_t if_match) {
    auto h = as(user);
    h.emplace("If-Match", "\"" + std::to_string(if_match) + "\"");
    return h;
  }

  httplib::Result get(const std::string& user, const std::string& path) {
    return client_.Get(path.c_str(), as(user));
  }
  httplib::Result post(const std::string& user, const std::string& path, const nlohmann::json& body,
                       httplib::Headers headers = {}) {
    for (auto& h : as(user)) headers.insert(h);
    return post_json(client_, path, body, headers);
  }

  // A new open case of 中央区 created by coord.chuo; returns its id.
  std::string create_case(const std::string& case_ref = "", const std::string& risk = "high") {
    std::string ref = case_ref.empty() ? "C-" + std::to_string(++case_counter_) : case_ref;
    auto res = post("coord.chuo", "/api/v1/cases",
                    {{"ward", "chuo"},
                     {"case_ref", ref},
                     {"household_label", "A.K."},
                     {"risk_categories", {"parenting_difficulty"}},
                     {"risk_level", risk},
                     {"sections", {"child_welfare"}}});
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    return res && res->status == 201 ? body_json(res)["id"].get<std::string>() : "";
  }

  // A referral to いとこんち for `case_id`, sent at once unless `send` is false.
  nlohmann::json create_referral(const std::string& case_id, bool send = true,
                                 nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json body = {{"case_id", case_id},
                           {"organization_id", kItokonchi},
                           {"urgency", "urgent"},
                           {"legal_basis", "consent"},
                           {"consent",
                            {{"obtained_on", "2026-03-31"},
                             {"obtained_by", "保健師 田中"},
                             {"scope", "いとこんちへの紹介と連絡"}}},
                           {"summary", "16歳。今夜の居場所が必要。"},
                           {"intake_note", "連絡は本人の携帯へ"},
                           {"internal_note", "父との関係に注意"},
                           {"send", send}};
    body.update(extra);
    auto res = post("coord.chuo", "/api/v1/referrals", body);
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    return res ? body_json(res) : nlohmann::json();
  }

  // POST …/transitions as `user`; returns the response.
  httplib::Result transition(const std::string& user, const std::string& id, nlohmann::json body,
                             std::optional<int64_t> if_match = std::nullopt) {
    httplib::Headers h;
    if (if_match) h.emplace("If-Match", "\"" + std::to_string(*if_match) + "\"");
    return post(user, "/api/v1/referrals/" + id + "/transitions", body, h);
  }

  TestServer server_;
  httplib::Client client_;
  std::map<std::string, std::string> tokens_;
  int case_counter_ = 0;
};

}  // namespace tsunagu::testing
