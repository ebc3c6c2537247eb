// A fresh database per test with hand-built callers of every kind, for the directory's
// domain tests (no accounts or tokens: the callers are Actors built in the test).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "domain/directory/directory.h"
#include "domain/directory/organizations.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::domain {

class DirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::Database::open({dir_.file("d.db")});
    ASSERT_OK(db);
    db_ = std::move(db).value();
  }

  // A valid public organization in 中央区 with a public address.
  static OrganizationFields fields(const std::string& name, Category category = Category::kNpo) {
    OrganizationFields f;
    f.name = name;
    f.category = category;
    f.wards = {"chuo"};
    f.address = "札幌市中央区南4条西3丁目";
    f.address_visibility = AddressVisibility::kPublic;
    f.lat = 43.0556;
    f.lon = 141.3530;
    f.visibility = Visibility::kPublic;
    return f;
  }

  Organization create(const OrganizationFields& f) {
    auto o = create_organization(*db_, clock_, &admin_, meta_, f);
    EXPECT_TRUE(o.ok()) << o.error().to_string();
    return o.ok() ? *o : Organization{};
  }

  static Actor partner_of(const std::string& organization_id) {
    return Actor{"u-partner-" + organization_id, "partner", Role::kPartner, {}, organization_id};
  }

  testing::TempDir dir_;
  FakeClock clock_{testing::test_epoch()};
  std::unique_ptr<storage::Database> db_;
  RequestMeta meta_{"req-1", "127.0.0.1"};
  Actor admin_{"u-admin", "admin", Role::kAdmin, {}, std::nullopt};
  Actor coordinator_{"u-coord", "coord.chuo", Role::kCoordinator, {"chuo"}, std::nullopt};
  Actor auditor_{"u-aud", "auditor", Role::kAuditor, {}, std::nullopt};
};

}  // namespace tsunagu::domain
