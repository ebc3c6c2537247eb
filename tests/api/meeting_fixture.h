// The signed-in demo network of CaseApiTest, with helpers to plan meetings the way a ward
// coordinator would. The server's clock starts on Wednesday 2026-04-01 09:00 in Sapporo.
#pragma once

#include <string>

#include "case_fixture.h"

namespace tsunagu::testing {

inline constexpr char kCoordChuoId[] = "b0000000-0000-4000-8000-000000000002";
inline constexpr char kStaffChuoId[] = "b0000000-0000-4000-8000-000000000003";
inline constexpr char kPartnerItokonchiId[] = "b0000000-0000-4000-8000-000000000005";

class MeetingApiTest : public CaseApiTest {
 protected:
  // A meeting of 中央区 planned by coord.chuo on Thursday 2 April, 18:30–20:00; `extra` adds or
  // replaces fields. Returns the created meeting (null on failure, which the test reports).
  nlohmann::json plan(const std::string& kind, nlohmann::json extra = nlohmann::json::object(),
                      const std::string& user = "coord.chuo") {
    nlohmann::json body = {{"kind", kind},
                           {"title", "すすきの地区の会議"},
                           {"ward", "chuo"},
                           {"district", "すすきの"},
                           {"starts_at", "2026-04-02T18:30:00+09:00"},
                           {"ends_at", "2026-04-02T20:00:00+09:00"},
                           {"place", "中央区民センター 2階"}};
    body.update(extra);
    auto res = post(user, "/api/v1/meetings", body);
    EXPECT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
    return res && res->status == 201 ? body_json(res) : nlohmann::json();
  }

  httplib::Result patch(const std::string& user, const std::string& path,
                        const nlohmann::json& body, std::optional<int64_t> if_match = {}) {
    auto h = if_match ? as(user, *if_match) : as(user);
    return client_.Patch(path.c_str(), h, body.dump(), "application/json");
  }

  static std::string meeting_path(const nlohmann::json& m) {
    return "/api/v1/meetings/" + m["id"].get<std::string>();
  }
};

}  // namespace tsunagu::testing
