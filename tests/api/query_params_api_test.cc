// An unfiltered answer must never pass for a filtered one: on every list a parameter the route
// does not know, one given twice, or a ward code that is no ward is a 400 naming it.
#include <gtest/gtest.h>

#include <set>

#include "api/meeting_fixture.h"

namespace tsunagu::testing {
namespace {

class QueryParamsApiTest : public MeetingApiTest {
 protected:
  // The status and the named parameters of `user`'s GET of `path`.
  std::pair<int, std::set<std::string>> refused(const std::string& user, const std::string& path) {
    auto res = get(user, path);
    return {res->status, res->status == 400 ? error_fields(res) : std::set<std::string>{}};
  }
  using Named = std::pair<int, std::set<std::string>>;
};

TEST_F(QueryParamsApiTest, UnknownParametersOnEveryListAre400) {
  EXPECT_EQ(refused("coord.chuo", "/api/v1/organizations?categroy=night_nursery"),
            (Named{400, {"categroy"}}));
  EXPECT_EQ(refused("admin", "/api/v1/users?rol=admin"), (Named{400, {"rol"}}));
  EXPECT_EQ(refused("coord.chuo", "/api/v1/users?role=coordinator"), (Named{400, {"role"}}));
  EXPECT_EQ(refused("coord.chuo", "/api/v1/meetings/network?ward=chuo&distrct=x"),
            (Named{400, {"distrct"}}));
  // Reports and the audit log refuse a parameter given twice, like every other list.
  EXPECT_EQ(refused("coord.chuo", "/api/v1/reports/gaps?ward=chuo&ward=kita"),
            (Named{400, {"ward"}}));
  EXPECT_EQ(refused("auditor", "/api/v1/audit?actor=a&actor=b"), (Named{400, {"actor"}}));
  // The lists still answer their own parameters.
  EXPECT_EQ(get("coord.chuo", "/api/v1/organizations?category=night_nursery&per_page=5")->status,
            200);
  EXPECT_EQ(get("admin", "/api/v1/users?role=admin&disabled=false")->status, 200);
}

TEST_F(QueryParamsApiTest, AWardCodeThatIsNoWardIs400) {
  for (const char* list : {"/api/v1/cases", "/api/v1/referrals", "/api/v1/meetings",
                           "/api/v1/action-items", "/api/v1/reports/gaps", "/api/v1/audit"}) {
    SCOPED_TRACE(list);
    const char* user = std::string(list) == "/api/v1/audit" ? "auditor" : "coord.chuo";
    EXPECT_EQ(refused(user, std::string(list) + "?ward=chuuo"), (Named{400, {"ward"}}));
  }
  // Another ward's code is a real ward: an empty answer, not an error.
  auto other = body_json(get("coord.chuo", "/api/v1/cases?ward=kita"));
  EXPECT_EQ(other["total"], 0);
}

TEST_F(QueryParamsApiTest, APartnersInboxFiltersByWard) {
  create_referral(create_case());  // 中央区's, to いとこんち
  EXPECT_EQ(body_json(get("partner.itokonchi", "/api/v1/referrals?ward=chuo"))["total"], 1);
  EXPECT_EQ(body_json(get("partner.itokonchi", "/api/v1/referrals?ward=kita"))["total"], 0);
  EXPECT_EQ(refused("partner.itokonchi", "/api/v1/referrals?ward=chuuo"), (Named{400, {"ward"}}));
}

}  // namespace
}  // namespace tsunagu::testing
