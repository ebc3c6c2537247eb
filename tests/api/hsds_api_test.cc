// The HSDS 3.0 read API (/hsds/) over HTTP: the parameters of HSDS's OpenAPI on every list, paging
// and ndjson, services at locations and taxonomy items, overnight schedules, 400s naming the
// parameter — and that a network-only organization or a hidden address never appears through any
// /hsds/ route, whoever asks. (tests/hsds/validate.mjs checks the same answers against the
// schemas.)
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "directory_callers.h"

namespace tsunagu {
namespace {

using testing::bearer;
using testing::body_json;
using testing::error_fields;
using testing::kItokonchi;
using testing::kNightNursery;
using testing::kResidents;
using testing::kShelter;

constexpr char kNightTerm[] = "c0000000-0000-4000-8000-000000000002";  // night_nursery
constexpr char kTaxonomy[] = "c0000000-0000-4000-8000-000000000000";

class HsdsApiTest : public testing::DirectoryCallersTest {
 protected:
  // The status and the parameters a 400 names.
  std::pair<int, std::set<std::string>> refused(const std::string& path) {
    auto res = client_.Get(path.c_str());
    if (!res) return {0, {}};
    EXPECT_TRUE(res->status != 400 ||
                res->get_header_value("Content-Type").starts_with("application/problem+json"))
        << path;
    return {res->status, res->status == 400 ? error_fields(res) : std::set<std::string>{}};
  }
  using Named = std::pair<int, std::set<std::string>>;

  // Every item of a list, through every page of `per_page`.
  std::vector<nlohmann::json> all_pages(const std::string& route, int per_page) {
    std::vector<nlohmann::json> out;
    const char* sep = route.find('?') == std::string::npos ? "?" : "&";
    for (int page = 1; page < 100; ++page) {
      nlohmann::json body = get("", route + sep + "per_page=" + std::to_string(per_page) +
                                        "&page=" + std::to_string(page));
      for (auto& item : body["contents"]) out.push_back(item);
      if (body["last_page"] == true) break;
    }
    return out;
  }

  // The lines of an ndjson answer, parsed.
  std::vector<nlohmann::json> ndjson(const std::string& who, const std::string& path) {
    auto res = who.empty() ? client_.Get(path.c_str())
                           : client_.Get(path.c_str(), bearer(tokens_.at(who)));
    std::vector<nlohmann::json> out;
    if (!res) return out;
    EXPECT_EQ(res->status, 200) << path << ": " << res->body;
    EXPECT_TRUE(res->get_header_value("Content-Type").starts_with("application/x-ndjson"));
    std::istringstream lines(res->body);
    for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }

  // The raw body of `path` as `who` sees it.
  std::string raw(const std::string& who, const std::string& path) {
    auto res = who.empty() ? client_.Get(path.c_str())
                           : client_.Get(path.c_str(), bearer(tokens_.at(who)));
    return res ? res->body : "";
  }

  std::string first_service_of(const std::string& organization) {
    nlohmann::json list =
        get("admin", "/api/v1/organizations/" + organization + "/services?per_page=1");
    return list["items"][0]["id"];
  }
};

TEST_F(HsdsApiTest, UnknownParametersAndBadValuesAre400NamingTheParameter) {
  const std::vector<std::pair<std::string, Named>> cases = {
      {"/hsds/services?serch=x", {400, {"serch"}}},
      {"/hsds/services?page=0", {400, {"page"}}},
      {"/hsds/services?per_page=500", {400, {"per_page"}}},
      {"/hsds/services?format=xml", {400, {"format"}}},
      {"/hsds/services?format=ndjson&page=2", {400, {"page"}}},
      {"/hsds/services?modified_after=yesterday", {400, {"modified_after"}}},
      {"/hsds/services?taxonomy_term_id=night", {400, {"taxonomy_term_id"}}},
      {"/hsds/services?taxonomy_id=c0000000-0000-4000-8000-000000000099", {400, {"taxonomy_id"}}},
      {"/hsds/services?full=yes", {400, {"full"}}},
      {"/hsds/services?minimal=true&full=true", {400, {"minimal"}}},
      {"/hsds/services?search=a&search=b", {400, {"search"}}},
      {"/hsds/services/x?full=true", {400, {"full"}}},
      {"/hsds/organizations?full_service=maybe", {400, {"full_service"}}},
      {"/hsds/organizations?organization_id=x", {400, {"organization_id"}}},
      {std::string("/hsds/organizations/") + kItokonchi + "?full=true", {400, {"full"}}},
      {"/hsds/service_at_locations?postcode=060-0001", {400, {"postcode"}}},
      {"/hsds/service_at_locations?proximity=500", {400, {"proximity"}}},
      {"/hsds/service_at_locations?minimal=true", {400, {"minimal"}}},
      {"/hsds/taxonomies?taxonomy_id=x", {400, {"taxonomy_id"}}},
      {"/hsds/taxonomy_terms?parent_id=x", {400, {"parent_id"}}},
      {"/hsds/taxonomy_terms?top_only=1", {400, {"top_only"}}},
      {"/hsds/?page=1", {400, {"page"}}},
  };
  for (const auto& [path, expected] : cases) EXPECT_EQ(refused(path), expected) << path;
}

TEST_F(HsdsApiTest, EveryParameterOfTheSpecIsAnswered) {
  for (const char* path :
       {"/hsds/services?search=%E5%A4%9C%E9%96%93&page=1&per_page=5&taxonomy_id="
        "c0000000-0000-4000-8000-000000000000&modified_after=2020-01-01T00:00:00Z&full=false"
        "&minimal=false&format=json",
        "/hsds/organizations?search=x&full_service=false&full=false&page=1&per_page=5&format=json",
        "/hsds/service_at_locations?search=x&taxonomy_term_id=c0000000-0000-4000-8000-000000000002"
        "&organization_id=x&modified_after=2020-01-01T00:00:00%2B09:00&full=true&page=1"
        "&per_page=5&format=json",
        "/hsds/taxonomies?search=x&page=1&per_page=5&format=json",
        "/hsds/taxonomy_terms?search=x&page=1&per_page=5&format=json&top_only=true"
        "&taxonomy_id=c0000000-0000-4000-8000-000000000000"}) {
    get("", path);
  }
}

TEST_F(HsdsApiTest, PagesCoverEveryServiceOnceAndSayWhereTheyAre) {
  nlohmann::json first = get("", "/hsds/services?per_page=10");
  int64_t total = first["total_items"];
  ASSERT_GT(total, 20);
  EXPECT_EQ(first["total_pages"], (total + 9) / 10);
  EXPECT_EQ(first["first_page"], true);
  EXPECT_EQ(first["last_page"], false);
  EXPECT_EQ(first["size"], 10);
  std::set<std::string> ids;
  for (const auto& s : all_pages("/hsds/services", 10)) ids.insert(s["id"].get<std::string>());
  EXPECT_EQ(static_cast<int64_t>(ids.size()), total);
  nlohmann::json beyond = get("", "/hsds/services?per_page=10&page=99");
  EXPECT_EQ(beyond["empty"], true);
  EXPECT_EQ(beyond["size"], 0);
  EXPECT_EQ(beyond["total_items"], total);
}

TEST_F(HsdsApiTest, NdjsonStreamsEveryItemWithoutPaging) {
  for (const char* list : {"/hsds/services", "/hsds/organizations", "/hsds/service_at_locations",
                           "/hsds/taxonomies", "/hsds/taxonomy_terms"}) {
    SCOPED_TRACE(list);
    int64_t total = get("", std::string(list) + "?per_page=1")["total_items"];
    auto lines = ndjson("", std::string(list) + "?format=ndjson");
    EXPECT_EQ(static_cast<int64_t>(lines.size()), total);
    std::set<std::string> ids;
    for (const auto& l : lines) ids.insert(l["id"].get<std::string>());
    EXPECT_EQ(ids.size(), lines.size());
  }
  auto full = ndjson(
      "", "/hsds/services?format=ndjson&full=true&taxonomy_term_id=" + std::string(kNightTerm));
  ASSERT_FALSE(full.empty());
  EXPECT_TRUE(full[0].contains("schedules"));
}

TEST_F(HsdsApiTest, FiltersNarrowTheServices) {
  // A two-character word (夜間) as well as a longer one.
  nlohmann::json night = get("", "/hsds/services?search=%E5%A4%9C%E9%96%93&per_page=200");
  nlohmann::json all = get("", "/hsds/services?per_page=1");
  EXPECT_GT(night["total_items"], 0);
  EXPECT_LT(night["total_items"], all["total_items"]);
  nlohmann::json own = get("", std::string("/hsds/services?organization_id=") + kNightNursery);
  ASSERT_EQ(own["total_items"], 2);
  for (const auto& s : own["contents"]) EXPECT_EQ(s["organization_id"], kNightNursery);
  nlohmann::json term = get("", std::string("/hsds/services?taxonomy_term_id=") + kNightTerm);
  EXPECT_GE(term["total_items"], 2);
  // modified_after: on or after the instant; an edit ten minutes after the seed is the only
  // newer service.
  std::string edited = first_service_of(kItokonchi);
  server_.clock().advance(std::chrono::minutes(10));
  auto h = bearer(tokens_["admin"]);
  auto patched = client_.Patch(("/api/v1/services/" + edited).c_str(), h,
                               R"({"description":"夜の学習会もあります"})", "application/json");
  ASSERT_EQ(patched->status, 200) << patched->body;
  nlohmann::json newer =
      get("", "/hsds/services?modified_after=2026-04-01T09:05:00%2B09:00&per_page=200");
  ASSERT_EQ(newer["total_items"], 1);
  EXPECT_EQ(newer["contents"][0]["id"], edited);
  EXPECT_EQ(get("", "/hsds/services?modified_after=2026-04-01T09:10:00%2B09:00")["total_items"],
            1);  // on the instant counts
  EXPECT_EQ(
      get("",
          "/hsds/service_at_locations?modified_after=2026-04-01T09:05:00%2B09:00")["total_items"],
      1);
}

TEST_F(HsdsApiTest, ServicesAtLocationsAreThePublicPlaces) {
  auto places = all_pages("/hsds/service_at_locations", 50);
  ASSERT_FALSE(places.empty());
  for (const auto& p : places) {
    nlohmann::json one = get("", "/hsds/service_at_locations/" + p["id"].get<std::string>());
    EXPECT_EQ(one["service_id"], p["service_id"]);
    EXPECT_EQ(one["location"]["id"], p["location_id"]);
    EXPECT_EQ(one["service"]["id"], p["service_id"]);
    EXPECT_NE(p["id"], p["service_id"]);
  }
  // The night nursery's services are at its public address, with its coordinates.
  nlohmann::json nursery =
      get("", std::string("/hsds/service_at_locations?organization_id=") + kNightNursery);
  ASSERT_EQ(nursery["total_items"], 2);
  EXPECT_EQ(nursery["contents"][0]["location"]["description"], "札幌市中央区架空町15条3丁目");
  EXPECT_EQ(nursery["contents"][0]["location"]["latitude"], 43.0558);
  // A service id is not a service_at_location id; an unknown one is 404.
  get("", "/hsds/service_at_locations/" + nursery["contents"][0]["service_id"].get<std::string>(),
      404);
  get("", "/hsds/service_at_locations/not-an-id", 404);
  // The full service lists the same place.
  nlohmann::json service =
      get("", "/hsds/services/" + nursery["contents"][0]["service_id"].get<std::string>());
  ASSERT_EQ(service["service_at_locations"].size(), 1u);
  EXPECT_EQ(service["service_at_locations"][0]["id"], nursery["contents"][0]["id"]);
}

TEST_F(HsdsApiTest, OvernightSlotsCloseTheNextDay) {
  nlohmann::json list = get("", std::string("/hsds/services?organization_id=") + kNightNursery);
  nlohmann::json service =
      get("", "/hsds/services/" + list["contents"][0]["id"].get<std::string>());
  ASSERT_FALSE(service["schedules"].empty());
  const auto& monday = service["schedules"][0];
  EXPECT_EQ(monday["freq"], "WEEKLY");
  EXPECT_EQ(monday["byday"], "MO");
  EXPECT_EQ(monday["opens_at"], "17:00");
  EXPECT_EQ(monday["closes_at"], "02:00");
  EXPECT_EQ(monday["timezone"], 9);
  EXPECT_NE(monday["description"].get<std::string>().find("next day"), std::string::npos);
}

TEST_F(HsdsApiTest, TaxonomyAndTermsByIdAndSearch) {
  EXPECT_EQ(get("", std::string("/hsds/taxonomies/") + kTaxonomy)["name"], "Tsunagu categories");
  get("", "/hsds/taxonomies/c0000000-0000-4000-8000-000000000099", 404);
  nlohmann::json term = get("", std::string("/hsds/taxonomy_terms/") + kNightTerm);
  EXPECT_EQ(term["code"], "night_nursery");
  EXPECT_EQ(term["taxonomy_id"], kTaxonomy);
  get("", "/hsds/taxonomy_terms/c0000000-0000-4000-8000-000000000099", 404);
  nlohmann::json found = get("", "/hsds/taxonomy_terms?search=%E5%A4%9C%E9%96%93");  // 夜間
  ASSERT_EQ(found["total_items"], 1);
  EXPECT_EQ(found["contents"][0]["id"], kNightTerm);
  EXPECT_EQ(get("", std::string("/hsds/taxonomy_terms?parent_id=") + kNightTerm)["total_items"],
            0);  // the taxonomy is flat
  EXPECT_EQ(get("", "/hsds/taxonomies?search=nothing-like-it")["total_items"], 0);
  EXPECT_EQ(get("", "/hsds/")["version"], "3.0");
}

TEST_F(HsdsApiTest, NetworkOnlyEntriesAndHiddenAddressesNeverAppearWhoeverAsks) {
  const std::string shelter_service = first_service_of(kShelter);
  const std::string residents_service = first_service_of(kResidents);
  nlohmann::json place = get("", "/hsds/service_at_locations?per_page=1");
  const std::string sal = place["contents"][0]["id"];
  // service_at_location ids are the service's id with its first group changed; work one out for
  // the residents' service, whose organization is public but whose address is hidden.
  const std::string sal_service = place["contents"][0]["service_id"];
  auto flip = [&](const std::string& id) {
    unsigned long mask = std::stoul(sal.substr(0, 8), nullptr, 16) ^
                         std::stoul(sal_service.substr(0, 8), nullptr, 16);
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08lx", std::stoul(id.substr(0, 8), nullptr, 16) ^ mask);
    return buf + id.substr(8);
  };
  for (const std::string who : {"", "admin", "partner.shelter", "coord.chuo"}) {
    SCOPED_TRACE(who.empty() ? "anonymous" : who);
    std::string everything;
    for (const std::string& path : std::vector<std::string>{
             "/hsds/services?format=ndjson&full=true",
             "/hsds/organizations?format=ndjson&full=true",
             "/hsds/organizations?format=ndjson&full_service=true",
             "/hsds/service_at_locations?format=ndjson&full=true",
             "/hsds/services?per_page=200&full=true", "/hsds/service_at_locations?per_page=200",
             std::string("/hsds/organizations/") + kResidents + "?full_service=true",
             "/hsds/services/" + residents_service}) {
      everything += raw(who, path);
    }
    EXPECT_EQ(everything.find(kShelter), std::string::npos);
    EXPECT_EQ(everything.find(shelter_service), std::string::npos);
    EXPECT_EQ(everything.find("ひだまりシェルター"), std::string::npos);
    EXPECT_EQ(everything.find("札幌市中央区架空町7条6丁目"), std::string::npos);  // the shelter
    EXPECT_EQ(everything.find("札幌市北区架空町13条4丁目"), std::string::npos);   // residents' hall
    EXPECT_NE(everything.find(residents_service), std::string::npos);  // the service is public
    get(who, std::string("/hsds/organizations/") + kShelter, 404);
    get(who, "/hsds/services/" + shelter_service, 404);
    get(who, "/hsds/service_at_locations/" + flip(shelter_service), 404);
    get(who, "/hsds/service_at_locations/" + flip(residents_service), 404);
    EXPECT_EQ(get(who, std::string("/hsds/services?organization_id=") + kShelter)["total_items"],
              0);
    nlohmann::json residents = get(who, std::string("/hsds/organizations/") + kResidents);
    EXPECT_TRUE(residents["locations"].empty());
  }
  get("", "/hsds/service_at_locations/" + flip(sal_service));  // the flip is right
}

}  // namespace
}  // namespace tsunagu
