// The directory's privacy rules over HTTP with real sign-ins: network-only entries for signed-in
// users, hidden addresses (a shelter, a resident's home) only for admin and the organization's
// own staff — in the entry, in lists, in distance search and in the HSDS export — and partners
// editing only their own entry.
#include <gtest/gtest.h>

#include "directory_callers.h"

namespace tsunagu {
namespace {

using testing::bearer;
using testing::body_json;
using testing::kItokonchi;
using testing::kNightNursery;
using testing::kResidents;
using testing::kShelter;
using testing::post_json;

constexpr char kShelterNear[] = "43.0705,141.361";

class DirectoryPrivacyApiTest : public testing::DirectoryCallersTest {
 protected:
  bool sees_address(const std::string& who, const std::string& id) {
    nlohmann::json o = get(who, "/api/v1/organizations/" + id);
    return o.contains("address") && o.contains("lat") && o.contains("lon");
  }

  std::set<std::string> ids_near(const std::string& who) {
    return ids(who, std::string("/api/v1/organizations?near=") + kShelterNear + "&within_km=0.2");
  }
};

TEST_F(DirectoryPrivacyApiTest, NetworkEntriesNeedASignIn) {
  get("", std::string("/api/v1/organizations/") + kShelter, 404);
  EXPECT_EQ(get("coord.chuo", std::string("/api/v1/organizations/") + kShelter)["name"],
            "NPO法人ひだまりシェルター");
  EXPECT_EQ(get("partner.night", std::string("/api/v1/organizations/") + kShelter)["name"],
            "NPO法人ひだまりシェルター");
}

TEST_F(DirectoryPrivacyApiTest, HiddenAddressesOnlyForAdminAndTheirOwnStaff) {
  EXPECT_FALSE(sees_address("coord.chuo", kShelter));
  EXPECT_FALSE(sees_address("partner.night", kShelter));
  EXPECT_TRUE(sees_address("admin", kShelter));
  EXPECT_TRUE(sees_address("partner.shelter", kShelter));
  EXPECT_FALSE(sees_address("", kResidents));
  EXPECT_FALSE(sees_address("coord.chuo", kResidents));
  EXPECT_TRUE(sees_address("admin", kResidents));
  EXPECT_TRUE(sees_address("", kItokonchi));  // a public address is public
}

TEST_F(DirectoryPrivacyApiTest, ListsWithholdTheSameAddresses) {
  for (const std::string who : {"", "coord.chuo", "partner.itokonchi"}) {
    nlohmann::json page = get(who, "/api/v1/organizations?ward=kita&per_page=200");
    bool found = false;
    for (const auto& o : page["items"]) {
      if (o["id"] == kResidents) {
        found = true;
        EXPECT_FALSE(o.contains("address")) << who;
        EXPECT_FALSE(o.contains("lat")) << who;
      }
    }
    EXPECT_TRUE(found) << who;
  }
}

TEST_F(DirectoryPrivacyApiTest, DistanceSearchDoesNotRevealAHiddenPlace) {
  EXPECT_FALSE(ids_near("coord.chuo").contains(kShelter));
  EXPECT_FALSE(ids_near("partner.night").contains(kShelter));
  EXPECT_TRUE(ids_near("admin").contains(kShelter));
  EXPECT_TRUE(ids_near("partner.shelter").contains(kShelter));
}

TEST_F(DirectoryPrivacyApiTest, TheHsdsExportIsPublicDataOnlyWhoeverAsks) {
  for (const std::string who : {"", "admin"}) {
    get(who, std::string("/hsds/organizations/") + kShelter, 404);
    nlohmann::json residents = get(who, std::string("/hsds/organizations/") + kResidents);
    std::string dump = residents.dump();
    EXPECT_EQ(dump.find("架空町13条4丁目"), std::string::npos) << who;
  }
}

TEST_F(DirectoryPrivacyApiTest, PartnersEditOnlyTheirOwnEntry) {
  auto own = client_.Put((std::string("/api/v1/organizations/") + kItokonchi + "/capacity").c_str(),
                         bearer(tokens_["partner.itokonchi"]),
                         R"({"status":"full","note":"今夜は満員"})", "application/json");
  ASSERT_EQ(own->status, 200) << own->body;
  EXPECT_EQ(body_json(own)["capacity"]["status"], "full");  // the entry, with its capacity
  auto other =
      client_.Put((std::string("/api/v1/organizations/") + kNightNursery + "/capacity").c_str(),
                  bearer(tokens_["partner.itokonchi"]), R"({"status":"full"})", "application/json");
  EXPECT_EQ(other->status, 404);
  auto patch_other = client_.Patch((std::string("/api/v1/organizations/") + kNightNursery).c_str(),
                                   bearer(tokens_["partner.itokonchi"]), R"({"description":"x"})",
                                   "application/json");
  EXPECT_EQ(patch_other->status, 404);
  auto category = client_.Patch((std::string("/api/v1/organizations/") + kItokonchi).c_str(),
                                bearer(tokens_["partner.itokonchi"]), R"({"category":"npo"})",
                                "application/json");
  EXPECT_EQ(category->status, 403);
  // The freshness of the capacity shows in the directory.
  nlohmann::json entry = get("", std::string("/api/v1/organizations/") + kItokonchi);
  EXPECT_EQ(entry["capacity"]["status"], "full");
  EXPECT_EQ(entry["capacity"]["age_minutes"], 0);
  EXPECT_EQ(entry["capacity"]["stale"], false);
}

TEST_F(DirectoryPrivacyApiTest, AdminWritesAreValidatedAndVersioned) {
  auto bad = post_json(client_, "/api/v1/organizations",
                       {{"name", ""},
                        {"category", "bar"},
                        {"lat", 123.0},
                        {"hours", {{{"weekday", 1}, {"opens", "25:00"}, {"closes", "02:00"}}}},
                        {"role", "admin"}},
                       bearer(tokens_["admin"]));
  ASSERT_EQ(bad->status, 422) << bad->body;
  std::set<std::string> fields;
  nlohmann::json problem = body_json(bad);
  for (const auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("name"));
  EXPECT_TRUE(fields.contains("category"));
  EXPECT_TRUE(fields.contains("lat"));
  EXPECT_TRUE(fields.contains("hours[0].opens"));
  EXPECT_TRUE(fields.contains("role"));
  auto text =
      client_.Post("/api/v1/organizations", bearer(tokens_["admin"]), "name=x", "text/plain");
  EXPECT_EQ(text->status, 415);
  std::string path = std::string("/api/v1/organizations/") + kNightNursery;
  nlohmann::json before = get("admin", path);
  auto h = bearer(tokens_["admin"]);
  h.emplace("If-Match", "\"" + std::to_string(before["version"].get<int64_t>()) + "\"");
  auto first =
      client_.Patch(path.c_str(), h, R"({"description":"夜間の保育"})", "application/json");
  ASSERT_EQ(first->status, 200) << first->body;
  auto stale = client_.Patch(path.c_str(), h, R"({"description":"古い版"})", "application/json");
  EXPECT_EQ(stale->status, 412);
}

TEST_F(DirectoryPrivacyApiTest, IdempotencyKeyAddsAnOrganizationOnce) {
  nlohmann::json body = {
      {"name", "こども食堂あおぞら七七七"}, {"category", "npo"}, {"wards", {"nishi"}}};
  auto headers = bearer(tokens_["admin"]);
  headers.emplace("Idempotency-Key", "directory-import-17");
  auto first = post_json(client_, "/api/v1/organizations", body, headers);
  auto second = post_json(client_, "/api/v1/organizations", body, headers);
  ASSERT_EQ(first->status, 201) << first->body;
  ASSERT_EQ(second->status, 201) << second->body;
  EXPECT_EQ(body_json(first)["id"], body_json(second)["id"]);
  EXPECT_EQ(second->get_header_value("Idempotent-Replayed"), "true");
  body["name"] = "別の団体";
  EXPECT_EQ(post_json(client_, "/api/v1/organizations", body, headers)->status, 422);
  nlohmann::json found = get("admin", "/api/v1/organizations?q=%E4%B8%83%E4%B8%83%E4%B8%83");
  EXPECT_EQ(found["total"], 1);  // 七七七
}

TEST_F(DirectoryPrivacyApiTest, IdempotencyKeyAddsAServiceOnce) {
  const std::string path = std::string("/api/v1/organizations/") + kItokonchi + "/services";
  auto headers = bearer(tokens_["partner.itokonchi"]);
  headers.emplace("Idempotency-Key", "new-service-from-phone");
  nlohmann::json body = {{"name", "夜の学習会"}, {"age_min", 12}, {"age_max", 18}};
  auto first = post_json(client_, path, body, headers);
  auto second = post_json(client_, path, body, headers);
  ASSERT_EQ(first->status, 201) << first->body;
  ASSERT_EQ(second->status, 201) << second->body;
  EXPECT_EQ(body_json(first)["id"], body_json(second)["id"]);
  EXPECT_EQ(second->get_header_value("Idempotent-Replayed"), "true");
  int named = 0;
  nlohmann::json list = get("partner.itokonchi", path);
  for (const auto& svc : list["items"]) named += svc["name"] == "夜の学習会";
  EXPECT_EQ(named, 1);
}

}  // namespace
}  // namespace tsunagu
