// Changes to the directory: versions, audit entries, all-or-nothing writes, service hours.
#include "domain/directory/organizations.h"

#include <gtest/gtest.h>

#include "domain/audit/audit.h"
#include "domain/directory/directory_json.h"
#include "domain/directory/directory_services.h"
#include "unit/domain/directory/directory_fixture.h"

namespace tsunagu::domain {
namespace {

class OrganizationsTest : public DirectoryTest {
 protected:
  int64_t count(const std::string& sql) {
    auto n = db_->read([&](storage::Connection& c) -> Result<int64_t> {
      auto s = c.prepare(sql);
      return s.step() ? s.int64(0) : 0;
    });
    return n.ok() ? *n : -1;
  }
};

OrganizationEdit set_description(std::string text) {
  return [text](const Organization& current) -> Result<OrganizationFields> {
    OrganizationFields f = current.fields;
    f.description = text;
    return f;
  };
}

TEST_F(OrganizationsTest, EveryChangeBumpsTheVersionAndIsAudited) {
  Organization o = create(fields("いとこんち"));
  EXPECT_EQ(o.version, 1);
  auto v2 = update_organization(*db_, clock_, &admin_, meta_, o.id, 1, set_description("夜"));
  ASSERT_OK(v2);
  EXPECT_EQ(v2->version, 2);
  auto stale = update_organization(*db_, clock_, &admin_, meta_, o.id, 1, set_description("朝"));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind(), ErrorKind::kAborted);
  ASSERT_OK(update_capacity(*db_, clock_, &admin_, meta_, o.id, 2, CapacityStatus::kLimited, ""));
  auto archived = archive_organization(*db_, clock_, &admin_, meta_, o.id, 3);
  ASSERT_OK(archived);
  EXPECT_EQ(archived->fields.status, EntryStatus::kInactive);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE organization_id = '" + o.id + "'"), 4);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE detail = 'fields: description'"), 1);
  auto verified = audit::verify(*db_);
  ASSERT_OK(verified);
  EXPECT_TRUE(verified->ok);
}

TEST_F(OrganizationsTest, ABrokenRuleWritesNothing) {
  OrganizationFields f = fields("架空の施設");
  f.wards = {"chuo", "shibuya"};
  auto r = create_organization(*db_, clock_, &admin_, meta_, f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(r.error().fields().at(0).field, "wards[1]");
  EXPECT_EQ(count("SELECT count(*) FROM organizations"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM opening_hours"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(OrganizationsTest, ServiceHoursFallBackToTheOrganizations) {
  OrganizationFields f = fields("ほしぞら");
  f.hours = {{5, std::nullopt, false, 17 * 60, 2 * 60, ""}};
  Organization o = create(f);
  ServiceFields s;
  s.name = "夜間保育";
  auto inherited = create_service(*db_, clock_, &admin_, meta_, o.id, s);
  ASSERT_OK(inherited);
  EXPECT_TRUE(inherited->hours_inherited);
  EXPECT_EQ(inherited->fields.hours, f.hours);
  s.hours = {{6, std::nullopt, false, 10 * 60, 12 * 60, ""}};
  auto own = create_service(*db_, clock_, &admin_, meta_, o.id, s);
  ASSERT_OK(own);
  EXPECT_FALSE(own->hours_inherited);
  EXPECT_EQ(own->fields.hours, s.hours);
  // Renaming an inheriting service keeps it inheriting (the org's hours are not copied in).
  auto renamed = update_service(*db_, clock_, &admin_, meta_, inherited->id, 1,
                                [](const Service& current) -> Result<ServiceFields> {
                                  ServiceFields next = current.fields;
                                  next.name = "夜間保育(0歳から)";
                                  return next;
                                });
  ASSERT_OK(renamed);
  EXPECT_TRUE(renamed->hours_inherited);
  EXPECT_EQ(renamed->version, 2);
}

TEST_F(OrganizationsTest, CapacityFreshness) {
  Capacity c{CapacityStatus::kOpen, "", testing::test_epoch()};
  EXPECT_EQ(capacity_age_minutes(c, testing::test_epoch() + std::chrono::hours(2)), 120);
  EXPECT_FALSE(capacity_is_stale(c, testing::test_epoch() + std::chrono::days(30)));
  EXPECT_TRUE(capacity_is_stale(c, testing::test_epoch() + std::chrono::days(31)));
}

}  // namespace
}  // namespace tsunagu::domain
