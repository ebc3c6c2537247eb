// Who sees what in the directory, for every kind of caller, at the domain level.
#include "domain/directory/directory_privacy.h"

#include <gtest/gtest.h>

#include "domain/directory/directory_search.h"
#include "domain/directory/directory_services.h"
#include "unit/domain/directory/directory_fixture.h"

namespace tsunagu::domain {
namespace {

class DirectoryPrivacyTest : public DirectoryTest {
 protected:
  void SetUp() override {
    DirectoryTest::SetUp();
    OrganizationFields shelter = fields("ひだまりシェルター");
    shelter.visibility = Visibility::kNetwork;
    shelter.address_visibility = AddressVisibility::kHidden;
    shelter_ = create(shelter);
    OrganizationFields clinic = fields("こもれびクリニック", Category::kMedical);
    clinic.address_visibility = AddressVisibility::kNetwork;
    clinic_ = create(clinic);
    open_ = create(fields("いとこんち", Category::kYouthSpace));
  }

  // The ids a caller finds with `near` around the three (which share one point).
  std::vector<std::string> near_ids(const Actor* actor) {
    OrganizationQuery q;
    q.near = Near{43.0556, 141.3530, 1};
    auto page = search_organizations(*db_, actor, q);
    EXPECT_TRUE(page.ok());
    std::vector<std::string> ids;
    for (const auto& o : page->items) ids.push_back(o.id);
    return ids;
  }

  Organization shelter_, clinic_, open_;
};

TEST_F(DirectoryPrivacyTest, AnonymousSeesPublicEntriesWithoutNonPublicAddresses) {
  EXPECT_EQ(get_organization(*db_, nullptr, shelter_.id).error().kind(), ErrorKind::kNotFound);
  auto clinic = get_organization(*db_, nullptr, clinic_.id);
  ASSERT_OK(clinic);
  EXPECT_TRUE(clinic->address_withheld);
  EXPECT_EQ(clinic->fields.address, "");
  EXPECT_FALSE(clinic->fields.lat.has_value());
  auto open = get_organization(*db_, nullptr, open_.id);
  ASSERT_OK(open);
  EXPECT_FALSE(open->address_withheld);
  EXPECT_EQ(open->fields.address, "札幌市中央区南4条西3丁目");
  auto page = search_organizations(*db_, nullptr, {});
  ASSERT_OK(page);
  EXPECT_EQ(page->total, 2);
}

TEST_F(DirectoryPrivacyTest, HiddenAddressOnlyForAdminAndOwnStaff) {
  Actor own = partner_of(shelter_.id), other = partner_of(open_.id);
  for (const Actor* who : {&coordinator_, &other, &auditor_}) {
    auto o = get_organization(*db_, who, shelter_.id);
    ASSERT_OK(o);  // network entries are visible to every signed-in caller…
    EXPECT_TRUE(o->address_withheld) << to_string(who->role);  // …but not where they are
    EXPECT_FALSE(o->fields.lat.has_value());
  }
  for (const Actor* who : {&admin_, &own}) {
    auto o = get_organization(*db_, who, shelter_.id);
    ASSERT_OK(o);
    EXPECT_FALSE(o->address_withheld) << to_string(who->role);
    EXPECT_EQ(o->fields.address, "札幌市中央区南4条西3丁目");
  }
  auto clinic = get_organization(*db_, &coordinator_, clinic_.id);
  ASSERT_OK(clinic);
  EXPECT_FALSE(clinic->address_withheld);  // network addresses are for the network
}

TEST_F(DirectoryPrivacyTest, SearchResultsAndDistancesNeverRevealAWithheldPlace) {
  Actor own = partner_of(shelter_.id);
  EXPECT_EQ(near_ids(nullptr), std::vector<std::string>{open_.id});
  auto coordinator_ids = near_ids(&coordinator_);
  EXPECT_EQ(coordinator_ids.size(), 2u);
  EXPECT_EQ(std::count(coordinator_ids.begin(), coordinator_ids.end(), shelter_.id), 0);
  EXPECT_EQ(near_ids(&admin_).size(), 3u);
  EXPECT_EQ(near_ids(&own).size(), 3u);
  auto listing = search_organizations(*db_, &coordinator_, {});
  ASSERT_OK(listing);
  for (const auto& o : listing->items) {
    if (o.id == shelter_.id) {
      EXPECT_TRUE(o.address_withheld && o.fields.address.empty());
    }
  }
}

TEST_F(DirectoryPrivacyTest, ServicesFollowTheirOrganizationsVisibility) {
  ServiceFields s;
  s.name = "母子緊急一時保護";
  auto service = create_service(*db_, clock_, &admin_, meta_, shelter_.id, s);
  ASSERT_OK(service);
  EXPECT_EQ(get_service(*db_, nullptr, service->id).error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(list_services(*db_, nullptr, shelter_.id).error().kind(), ErrorKind::kNotFound);
  EXPECT_OK(get_service(*db_, &coordinator_, service->id));
}

TEST_F(DirectoryPrivacyTest, WhoMayChangeAnEntry) {
  Actor own = partner_of(open_.id), other = partner_of(clinic_.id);
  auto rename = [](const Organization& current) -> Result<OrganizationFields> {
    OrganizationFields f = current.fields;
    f.description = "夜の居場所";
    return f;
  };
  auto update = [&](const Actor* who) {
    return update_organization(*db_, clock_, who, meta_, open_.id, std::nullopt, rename);
  };
  EXPECT_EQ(update(nullptr).error().kind(), ErrorKind::kUnauthenticated);
  EXPECT_EQ(update(&coordinator_).error().kind(), ErrorKind::kPermissionDenied);
  EXPECT_EQ(update(&other).error().kind(), ErrorKind::kNotFound);
  EXPECT_OK(update(&own));
  EXPECT_OK(update(&admin_));
  EXPECT_EQ(archive_organization(*db_, clock_, &own, meta_, open_.id, {}).error().kind(),
            ErrorKind::kPermissionDenied);
  auto capacity = [&](const Actor* who) {
    return update_capacity(*db_, clock_, who, meta_, open_.id, {}, CapacityStatus::kFull, "");
  };
  EXPECT_EQ(capacity(&other).error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(capacity(&coordinator_).error().kind(), ErrorKind::kPermissionDenied);
  EXPECT_OK(capacity(&own));
}

TEST_F(DirectoryPrivacyTest, PartnersCannotReclassifyTheirOwnEntry) {
  Actor own = partner_of(open_.id);
  auto join_council = [](const Organization& current) -> Result<OrganizationFields> {
    OrganizationFields f = current.fields;
    f.council_member = true;
    return f;
  };
  auto r = update_organization(*db_, clock_, &own, meta_, open_.id, std::nullopt, join_council);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kPermissionDenied);
  EXPECT_NE(r.error().message().find("council_member"), std::string::npos);
  EXPECT_OK(
      update_organization(*db_, clock_, &admin_, meta_, open_.id, std::nullopt, join_council));
}

}  // namespace
}  // namespace tsunagu::domain
