// The one JSON path of the directory: every invalid field is reported, with its name, at once.
#include "domain/directory/directory_json.h"

#include <gtest/gtest.h>

#include <set>

#include "support/test_support.h"

namespace tsunagu::domain {
namespace {

std::set<std::string> error_fields(const Json& body) {
  auto r = parse_organization_fields(body);
  std::set<std::string> out;
  if (r.ok()) return out;
  EXPECT_EQ(r.error().kind(), ErrorKind::kInvalidArgument);
  for (const auto& f : r.error().fields()) out.insert(f.field);
  return out;
}

Json valid() { return {{"name", "いとこんち"}, {"category", "youth_space"}, {"wards", {"chuo"}}}; }

TEST(DirectoryJsonTest, AValidMinimalBodyAndItsDefaults) {
  auto r = parse_organization_fields(valid());
  ASSERT_OK(r);
  EXPECT_EQ(r->visibility, Visibility::kNetwork);  // privacy by default
  EXPECT_EQ(r->address_visibility, AddressVisibility::kNetwork);
  EXPECT_EQ(r->status, EntryStatus::kActive);
}

TEST(DirectoryJsonTest, EveryInvalidFieldIsNamedAtOnce) {
  Json body = {{"name", "  "},
               {"name_kana", "漢字"},
               {"category", "bar"},
               {"wards", Json::array()},
               {"address_visibility", "secret"},
               {"visibility", true},
               {"lat", 123.0},
               {"phone", "call me"},
               {"email", "nobody"},
               {"website", "ftp://x"},
               {"council_member", "yes"},
               {"languages", {"日本語"}},
               {"hours",
                {{{"weekday", 7}, {"opens", "25:00"}, {"closes", "9am"}},
                 {{"date", "2026-02-30"}, {"closed", true}},
                 {{"opens", "10:00"}, {"closes", "12:00"}}}},
               {"role", "admin"}};
  EXPECT_EQ(error_fields(body),
            (std::set<std::string>{
                "name", "name_kana", "category", "wards", "address_visibility", "visibility", "lat",
                "phone", "email", "website", "council_member", "languages[0]", "hours[0].weekday",
                "hours[0].opens", "hours[0].closes", "hours[1].date", "hours[2].weekday", "role"}));
}

TEST(DirectoryJsonTest, HoursRules) {
  Json body = valid();
  body["hours"] = {{{"date", "2026-05-03"}, {"closed", true}},
                   {{"date", "2026-05-03"}, {"opens", "10:00"}, {"closes", "12:00"}},
                   {{"weekday", 1}, {"closed", true}},
                   {{"date", "2026-05-04"}, {"closed", true}, {"opens", "10:00"}}};
  EXPECT_EQ(error_fields(body),
            (std::set<std::string>{"hours[1]", "hours[2].closed", "hours[3].closed"}));
  body["hours"] = {{{"weekday", 5}, {"opens", "18:00"}, {"closes", "02:00"}},
                   {{"weekday", 0}, {"opens", "00:00"}, {"closes", "00:00"}}};
  auto ok = parse_organization_fields(body);
  ASSERT_OK(ok);
  EXPECT_EQ(slot_end(ok->hours[0].opens, ok->hours[0].closes), 26 * 60);  // past midnight
  EXPECT_EQ(slot_end(0, 0), 1440);                                        // 24 hours
}

TEST(DirectoryJsonTest, LatAndLonGoTogether) {
  Json body = valid();
  body["lat"] = 43.05;
  EXPECT_EQ(error_fields(body), std::set<std::string>{"lon"});
}

TEST(DirectoryJsonTest, RoundTripsThroughFieldsJson) {
  Json body = valid();
  body["hours"] = {{{"weekday", 5}, {"opens", "18:00"}, {"closes", "23:30"}, {"note", "夜"}}};
  body["lat"] = 43.05;
  body["lon"] = 141.35;
  auto first = parse_organization_fields(body);
  ASSERT_OK(first);
  auto second = parse_organization_fields(fields_json(*first));
  ASSERT_OK(second);
  EXPECT_EQ(fields_json(*second), fields_json(*first));
}

TEST(DirectoryJsonTest, ServiceAges) {
  auto r = parse_service_fields({{"name", "夜間保育"}, {"age_min", 10}, {"age_max", 3}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields().at(0).field, "age_max");
  EXPECT_FALSE(parse_service_fields({{"name", "x"}, {"age_min", -1}}).ok());
  EXPECT_OK(parse_service_fields({{"name", "x"}, {"age_min", 0}, {"age_max", 18}}));
}

}  // namespace
}  // namespace tsunagu::domain
