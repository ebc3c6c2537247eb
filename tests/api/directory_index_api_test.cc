// Directory searches over HTTP, answered from the directory index, with real sign-ins: a change
// is in the very next search, and what the index rendered for one view — a signed-in caller,
// admin, a partner's own entry — is never shown to another.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>

#include "directory_callers.h"

namespace tsunagu {
namespace {

using testing::bearer;
using testing::body_json;
using testing::kItokonchi;
using testing::kResidents;
using testing::kShelter;
using testing::post_json;

constexpr char kEverything[] = "/api/v1/organizations?per_page=200";
constexpr char kNearShelter[] = "/api/v1/organizations?near=43.0705,141.361&within_km=0.2";

std::string pct(const std::string& s) {
  std::string out;
  for (unsigned char ch : s) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%%%02X", ch);
    out += buf;
  }
  return out;
}

class DirectoryIndexApiTest : public testing::DirectoryCallersTest {
 protected:
  // The entry `id` in the listing as `who` sees it (null when absent).
  nlohmann::json entry(const std::string& who, const std::string& path, const std::string& id) {
    nlohmann::json page = get(who, path);
    for (const auto& o : page["items"]) {
      if (o["id"] == id) return o;
    }
    return nullptr;
  }

  httplib::Headers admin_if_match(const std::string& id) {
    nlohmann::json o = get("admin", std::string("/api/v1/organizations/") + id);
    auto h = bearer(tokens_["admin"]);
    h.emplace("If-Match", "\"" + std::to_string(o["version"].get<int64_t>()) + "\"");
    return h;
  }
};

TEST_F(DirectoryIndexApiTest, TheSameSearchGetsTheSameAnswer) {
  std::string path = "/api/v1/organizations?q=" + pct("いとこんち");
  nlohmann::json first = get("", path);
  EXPECT_EQ(get("", path), first);
  // Cache-Control: no-cache is accepted and changes nothing.
  auto fresh = client_.Get(path.c_str(), httplib::Headers{{"Cache-Control", "no-cache"}});
  ASSERT_TRUE(fresh) << httplib::to_string(fresh.error());
  EXPECT_EQ(body_json(fresh), first);
}

TEST_F(DirectoryIndexApiTest, AChangeIsInTheNextSearch) {
  std::string by_name = "/api/v1/organizations?q=" + pct("いとこんち");
  std::string by_word = "/api/v1/organizations?q=" + pct("星空の読書会");
  std::string by_service = "/api/v1/organizations?q=" + pct("ほしぞら宿題会");
  std::string open_early = "/api/v1/organizations?open_at=2026-04-01T03:30:00%2B09:00&ward=chuo";
  for (const auto& p : {by_name, by_word, by_service, open_early}) get("", p);  // warm

  auto capacity =
      client_.Put((std::string("/api/v1/organizations/") + kItokonchi + "/capacity").c_str(),
                  bearer(tokens_["partner.itokonchi"]), R"({"status":"full"})", "application/json");
  ASSERT_EQ(capacity->status, 200) << capacity->body;
  EXPECT_EQ(entry("", by_name, kItokonchi)["capacity"]["status"], "full");

  std::string path = std::string("/api/v1/organizations/") + kItokonchi;
  auto patch = client_.Patch(path.c_str(), admin_if_match(kItokonchi),
                             R"({"description":"星空の読書会","hours":[{"weekday":3,)"
                             R"("opens":"03:00","closes":"04:00"}]})",
                             "application/json");
  ASSERT_EQ(patch->status, 200) << patch->body;
  EXPECT_EQ(ids("", by_word), std::set<std::string>{kItokonchi});
  EXPECT_TRUE(ids("", open_early).contains(kItokonchi));

  auto service = post_json(client_, path + "/services", {{"name", "ほしぞら宿題会"}},
                           bearer(tokens_["admin"]));
  ASSERT_EQ(service->status, 201) << service->body;
  EXPECT_EQ(ids("", by_service), std::set<std::string>{kItokonchi});

  auto archive = client_.Delete(path.c_str(), admin_if_match(kItokonchi));
  ASSERT_EQ(archive->status, 200) << archive->body;
  EXPECT_TRUE(ids("", by_name).empty());
  EXPECT_TRUE(ids("", by_word).empty());
}

TEST_F(DirectoryIndexApiTest, AnonymousCallersNeverGetWhatASignedInCallerWarmed) {
  for (const std::string who : {"admin", "partner.shelter", "coord.chuo"}) {
    EXPECT_TRUE(ids(who, kEverything).contains(kShelter)) << who;
    EXPECT_FALSE(entry(who, kEverything, kResidents).is_null()) << who;
  }
  EXPECT_TRUE(ids("admin", kNearShelter).contains(kShelter));
  EXPECT_TRUE(entry("admin", kEverything, kResidents).contains("address"));

  EXPECT_FALSE(ids("", kEverything).contains(kShelter));  // network-only
  nlohmann::json residents = entry("", kEverything, kResidents);
  ASSERT_FALSE(residents.is_null());
  EXPECT_FALSE(residents.contains("address"));  // hidden address
  EXPECT_FALSE(residents.contains("lat"));
  EXPECT_FALSE(ids("", kNearShelter).contains(kShelter));
  // A network member does not get admin's answer either.
  EXPECT_FALSE(entry("coord.chuo", kEverything, kShelter).contains("address"));
  EXPECT_FALSE(ids("coord.chuo", kNearShelter).contains(kShelter));
}

TEST_F(DirectoryIndexApiTest, APartnersOwnEntryViewStaysWithThatPartner) {
  nlohmann::json own = entry("partner.shelter", kEverything, kShelter);
  ASSERT_FALSE(own.is_null());
  EXPECT_TRUE(own.contains("address"));
  EXPECT_TRUE(ids("partner.shelter", kNearShelter).contains(kShelter));
  for (const std::string other : {"partner.night", "partner.itokonchi"}) {
    nlohmann::json seen = entry(other, kEverything, kShelter);
    ASSERT_FALSE(seen.is_null()) << other;
    EXPECT_FALSE(seen.contains("address")) << other;
    EXPECT_FALSE(seen.contains("lat")) << other;
    EXPECT_FALSE(ids(other, kNearShelter).contains(kShelter)) << other;
  }
}

}  // namespace
}  // namespace tsunagu
