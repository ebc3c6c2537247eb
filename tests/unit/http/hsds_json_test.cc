#include "http/hsds_json.h"

#include <gtest/gtest.h>

#include <set>

#include "support/test_support.h"

namespace tsunagu::http::hsds {
namespace {

constexpr char kServiceId[] = "a1b2c3d4-0000-4000-8000-000000000001";

domain::Organization nursery() {
  domain::Organization o;
  o.id = "a0000000-0000-4000-8000-000000000002";
  o.fields.name = "夜間保育園";
  o.fields.category = domain::Category::kNightNursery;
  o.fields.address = "札幌市中央区架空町15条3丁目";
  o.fields.address_visibility = domain::AddressVisibility::kPublic;
  o.fields.lat = 43.0558;
  o.fields.lon = 141.352;
  o.fields.wards = {"chuo"};
  return o;
}

domain::HoursEntry weekly(int weekday, int opens, int closes) {
  domain::HoursEntry h;
  h.weekday = weekday;
  h.opens = opens;
  h.closes = closes;
  return h;
}

domain::Service overnight_service() {
  domain::Service s;
  s.id = kServiceId;
  s.organization_id = "a0000000-0000-4000-8000-000000000002";
  s.fields.name = "夜間保育";
  s.fields.hours = {weekly(1, 18 * 60, 9 * 60), weekly(2, 0, 0)};
  return s;
}

const WardNames kWards = {{"chuo", {"chuo", "中央区", "ちゅうおうく"}}};

TEST(HsdsJsonTest, ServiceAtLocationIdsTurnBackIntoTheService) {
  std::string id = service_at_location_id(kServiceId);
  EXPECT_NE(id, kServiceId);
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id.substr(8), std::string(kServiceId).substr(8));
  EXPECT_EQ(service_of_service_at_location(id), kServiceId);
  EXPECT_EQ(service_of_service_at_location("not-an-id"), std::nullopt);
  EXPECT_EQ(service_of_service_at_location("zzzzzzzz-0000-4000-8000-000000000001"), std::nullopt);
}

TEST(HsdsJsonTest, TermIdsAreFixedPerCategory) {
  EXPECT_EQ(taxonomy_term_id(domain::Category::kYouthSpace),
            "c0000000-0000-4000-8000-000000000001");
  EXPECT_EQ(taxonomy_term_id(domain::Category::kNightNursery),
            "c0000000-0000-4000-8000-000000000002");
  EXPECT_EQ(taxonomy_term_id(domain::Category::kOther), "c0000000-0000-4000-8000-000000000013");
  std::set<std::string> ids;
  for (std::string_view name : domain::category_names()) {
    auto category = *domain::parse_category(name);
    ids.insert(taxonomy_term_id(category));
    EXPECT_EQ(category_of_term(taxonomy_term_id(category)), category) << name;
    EXPECT_EQ(taxonomy_term(category)["code"], name);
  }
  EXPECT_EQ(ids.size(), domain::category_names().size());  // every category has its own term
}

TEST(HsdsJsonTest, AnOvernightSlotClosesTheNextDayOnTheDayItOpens) {
  Json s = service(overnight_service(), nursery(), kWards);
  ASSERT_EQ(s["schedules"].size(), 2u);
  const Json& monday = s["schedules"][0];
  EXPECT_EQ(monday["byday"], "MO");
  EXPECT_EQ(monday["opens_at"], "18:00");
  EXPECT_EQ(monday["closes_at"], "09:00");
  EXPECT_EQ(monday["description"], "overnight: opens 18:00, closes 09:00 the next day (翌09:00)");
  EXPECT_EQ(s["schedules"][1]["description"], "open 24 hours from opens_at");
  EXPECT_EQ(s["service_areas"][0]["name"], "中央区");
  EXPECT_EQ(s["attributes"][0]["taxonomy_term_id"], "c0000000-0000-4000-8000-000000000002");
}

TEST(HsdsJsonTest, AWithheldAddressGivesNoLocationAndNoPlace) {
  domain::Organization hidden = nursery();
  hidden.fields.address.clear();
  hidden.fields.lat.reset();
  hidden.fields.lon.reset();
  hidden.address_withheld = true;
  EXPECT_TRUE(organization(hidden, {overnight_service()}, true, kWards)["locations"].empty());
  EXPECT_TRUE(service(overnight_service(), hidden, kWards)["service_at_locations"].empty());
  Json shown = service(overnight_service(), nursery(), kWards);
  ASSERT_EQ(shown["service_at_locations"].size(), 1u);
  EXPECT_EQ(shown["service_at_locations"][0]["location"]["latitude"], 43.0558);
}

}  // namespace
}  // namespace tsunagu::http::hsds
