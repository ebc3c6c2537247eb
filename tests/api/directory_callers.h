// The directory as each kind of caller meets it, over HTTP with real sign-ins: anonymous (""),
// admin, coord.chuo, partner.itokonchi, partner.night, and partner.shelter — a staff member of
// the network-only shelter whose address is hidden, made by the admin — for the privacy and
// directory index tests.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "support/seed_ids.h"
#include "support/test_support.h"

namespace tsunagu::testing {

class DirectoryCallersTest : public ::testing::Test {
 protected:
  DirectoryCallersTest() : server_(auth_config()), client_(server_.client()) {
    for (const char* u : {"admin", "coord.chuo", "partner.itokonchi", "partner.night"}) {
      tokens_[u] = login(client_, u);
    }
    auto made = post_json(client_, "/api/v1/users",
                          {{"username", "partner.shelter"},
                           {"display_name", "ひだまり 職員"},
                           {"role", "partner"},
                           {"organization_id", kShelter},
                           {"password", kDemoPassword}},
                          bearer(tokens_["admin"]));
    EXPECT_EQ(made->status, 201) << made->body;
    tokens_["partner.shelter"] = login(client_, "partner.shelter");
  }

  // GET `path` as `who` ("" for anonymous), expecting `expected`; the body as JSON.
  nlohmann::json get(const std::string& who, const std::string& path, int expected = 200) {
    auto res = who.empty() ? client_.Get(path.c_str())
                           : client_.Get(path.c_str(), bearer(tokens_.at(who)));
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, expected) << who << " " << path << ": " << res->body;
    return body_json(res);
  }

  // The ids of a listing's page as `who` sees it.
  std::set<std::string> ids(const std::string& who, const std::string& path) {
    nlohmann::json page = get(who, path);
    std::set<std::string> out;
    for (const auto& o : page["items"]) out.insert(o["id"].get<std::string>());
    return out;
  }

  TestServer server_;
  httplib::Client client_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace tsunagu::testing
