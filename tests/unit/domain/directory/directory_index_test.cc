// The directory index kept current: every directory write is in the very next search (and
// publishes a new snapshot), a failed or rolled-back write leaves the index as it was, each
// database has its own index, and callers who share a view are shown the same listing.
#include "domain/directory/directory_index.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "domain/directory/directory_privacy.h"
#include "domain/directory/directory_search.h"
#include "domain/directory/directory_services.h"
#include "domain/directory/organizations.h"
#include "unit/domain/directory/directory_fixture.h"

namespace tsunagu::domain {
namespace {

class DirectoryIndexTest : public DirectoryTest {
 protected:
  std::vector<std::string> ids(OrganizationQuery q, const Actor* actor = nullptr) {
    auto page = search_organizations(*db_, actor, q);
    EXPECT_TRUE(page.ok()) << page.error().to_string();
    std::vector<std::string> out;
    if (page.ok()) {
      for (const auto& o : page->items) out.push_back(o.id);
    }
    return out;
  }
  std::vector<std::string> found(const std::string& words,
                                 EntryStatus status = EntryStatus::kActive) {
    OrganizationQuery q;
    q.q = words;
    q.status = status;
    return ids(q, &admin_);
  }
  const directory_index::Snapshot* current() {
    auto s = DirectoryIndex::of(*db_).snapshot();
    EXPECT_TRUE(s.ok());
    return s.ok() ? s->get() : nullptr;
  }
  // True when `write` published a new snapshot.
  bool publishes(const std::function<void()>& write) {
    auto before = DirectoryIndex::of(*db_).snapshot();
    EXPECT_TRUE(before.ok());
    write();
    return current() != before->get();
  }

  using Ids = std::vector<std::string>;
};

TEST_F(DirectoryIndexTest, EveryWriteIsInTheNextSearch) {
  Organization o = create(fields("いとこんち", Category::kYouthSpace));
  EXPECT_EQ(found("いとこんち"), Ids{o.id});

  auto rename = [](const Organization& current) -> Result<OrganizationFields> {
    OrganizationFields f = current.fields;
    f.name = "ほしぞら広場";
    f.hours = {{3, std::nullopt, false, 22 * 60, 2 * 60, ""}};  // Wednesday 22:00–02:00
    return f;
  };
  ASSERT_OK(update_organization(*db_, clock_, &admin_, meta_, o.id, std::nullopt, rename));
  EXPECT_TRUE(found("いとこんち").empty());
  EXPECT_EQ(found("ほしぞら"), Ids{o.id});
  OrganizationQuery late;
  late.open_at = *parse_rfc3339("2026-04-02T01:30:00+09:00");  // Thursday, after midnight
  EXPECT_EQ(ids(late), Ids{o.id});

  ASSERT_OK(
      update_capacity(*db_, clock_, &admin_, meta_, o.id, std::nullopt, CapacityStatus::kFull, ""));
  OrganizationQuery full;
  full.capacity = {CapacityStatus::kFull};
  EXPECT_EQ(ids(full), Ids{o.id});
  auto json = search_organizations_json(*db_, nullptr, full, clock_.now());
  ASSERT_OK(json);
  EXPECT_NE(json->items.find(R"("status":"full")"), std::string::npos) << json->items;

  ServiceFields meal;
  meal.name = "夕食会";
  auto service = create_service(*db_, clock_, &admin_, meta_, o.id, meal);
  ASSERT_OK(service);
  EXPECT_EQ(found("夕食"), Ids{o.id});
  ASSERT_OK(archive_service(*db_, clock_, &admin_, meta_, service->id, std::nullopt));
  EXPECT_TRUE(found("夕食").empty());

  ASSERT_OK(archive_organization(*db_, clock_, &admin_, meta_, o.id, std::nullopt));
  EXPECT_TRUE(found("ほしぞら").empty());
  EXPECT_EQ(found("ほしぞら", EntryStatus::kInactive), Ids{o.id});
}

TEST_F(DirectoryIndexTest, EveryDirectoryWritePublishesASnapshot) {
  Organization o;
  EXPECT_TRUE(publishes([&] { o = create(fields("いとこんち")); }));
  EXPECT_TRUE(publishes([&] {
    ASSERT_OK(update_capacity(*db_, clock_, &admin_, meta_, o.id, std::nullopt,
                              CapacityStatus::kLimited, ""));
  }));
  Service s;
  EXPECT_TRUE(publishes([&] {
    ServiceFields f;
    f.name = "夕食";
    auto made = create_service(*db_, clock_, &admin_, meta_, o.id, f);
    ASSERT_OK(made);
    s = *made;
  }));
  EXPECT_TRUE(publishes([&] {
    auto edit = [](const Service& current) -> Result<ServiceFields> {
      ServiceFields f = current.fields;
      f.name = "夕食と宿題";
      return f;
    };
    ASSERT_OK(update_service(*db_, clock_, &admin_, meta_, s.id, std::nullopt, edit));
  }));
  EXPECT_TRUE(publishes(
      [&] { ASSERT_OK(archive_organization(*db_, clock_, &admin_, meta_, o.id, std::nullopt)); }));
  // A read is not a change.
  EXPECT_FALSE(publishes([&] { ASSERT_OK(search_organizations(*db_, &admin_, {})); }));
}

TEST_F(DirectoryIndexTest, ACapacityReportKeepsThePostingsARenameRebuildsThem) {
  Organization o = create(fields("いとこんち"));
  create(fields("ひだまり"));
  auto postings = [&] { return current()->postings.get(); };
  const directory_index::Postings* before = postings();
  ASSERT_OK(update_capacity(*db_, clock_, &admin_, meta_, o.id, std::nullopt, CapacityStatus::kOpen,
                            "two places"));
  EXPECT_EQ(postings(), before);
  auto rename = [](const Organization& current) -> Result<OrganizationFields> {
    OrganizationFields f = current.fields;
    f.name = "あおぞら";
    return f;
  };
  ASSERT_OK(update_organization(*db_, clock_, &admin_, meta_, o.id, std::nullopt, rename));
  EXPECT_NE(postings(), before);
  EXPECT_EQ(found("あおぞら"), Ids{o.id});
}

TEST_F(DirectoryIndexTest, AFailedWriteLeavesTheIndexAsItWas) {
  Organization o = create(fields("いとこんち"));
  const directory_index::Snapshot* before = current();
  // A change the callback then refuses: its transaction rolls back.
  Status refused = write_directory(*db_, [&](storage::Connection& c) -> Status {
    TRY(insert_organization(c, clock_, &admin_, meta_, fields("まぼろし食堂")));
    return Error::FailedPrecondition("changed my mind");
  });
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(current(), before);
  EXPECT_TRUE(found("まぼろし").empty());
  // A stale version is refused before anything is written.
  auto rename = [](const Organization& current) -> Result<OrganizationFields> {
    OrganizationFields f = current.fields;
    f.name = "あおぞら";
    return f;
  };
  EXPECT_FALSE(update_organization(*db_, clock_, &admin_, meta_, o.id, 99, rename).ok());
  EXPECT_EQ(current(), before);
  EXPECT_EQ(found("いとこんち"), Ids{o.id});
}

TEST_F(DirectoryIndexTest, EachDatabaseHasItsOwnIndex) {
  create(fields("いとこんち"));
  testing::TempDir other_dir;
  auto other = storage::Database::open({other_dir.file("other.db")});
  ASSERT_OK(other);
  OrganizationQuery q;
  q.q = "いとこんち";
  auto here = search_organizations(*db_, nullptr, q);
  auto there = search_organizations(**other, nullptr, q);
  ASSERT_OK(here);
  ASSERT_OK(there);
  EXPECT_EQ(here->total, 1);
  EXPECT_EQ(there->total, 0);
  EXPECT_NE(&DirectoryIndex::of(*db_), &DirectoryIndex::of(**other));
}

// Another process writing the same database (import-hsds beside a running server) is seen by
// catch_up(), which the server runs every second; this process's own writes are not news.
TEST_F(DirectoryIndexTest, CatchesUpWithWritesFromAnotherProcess) {
  Organization o = create(fields("いとこんち"));
  const directory_index::Snapshot* before = current();
  DirectoryIndex::of(*db_).catch_up();
  EXPECT_EQ(current(), before);

  auto other = storage::Database::open({dir_.file("d.db")});
  ASSERT_OK(other);
  ASSERT_OK(create_organization(**other, clock_, &admin_, meta_, fields("よるのひろば")));
  EXPECT_TRUE(found("よるのひろば").empty());
  DirectoryIndex::of(*db_).catch_up();
  EXPECT_EQ(found("よるのひろば").size(), 1U);
  EXPECT_EQ(found("いとこんち"), Ids{o.id});
}

TEST_F(DirectoryIndexTest, TheIndexIsBuiltFromWhatIsStored) {
  Organization o = create(fields("いとこんち"));
  ASSERT_OK(DirectoryIndex::of(*db_).rebuild());
  EXPECT_EQ(found("いとこんち"), Ids{o.id});
  EXPECT_GT(current()->memory_bytes(), 0U);
}

// Callers who share a view (directory_view()) must be shown exactly the same listing: the
// index renders each organization once per address visibility, not once per caller.
TEST_F(DirectoryIndexTest, CallersWithTheSameViewSeeTheSameListing) {
  OrganizationFields shelter = fields("ひだまりシェルター");
  shelter.visibility = Visibility::kNetwork;
  shelter.address_visibility = AddressVisibility::kHidden;
  Organization hidden = create(shelter);
  OrganizationFields clinic = fields("こもれびクリニック", Category::kMedical);
  clinic.address_visibility = AddressVisibility::kNetwork;
  Organization network = create(clinic);
  create(fields("いとこんち", Category::kYouthSpace));

  Actor ward_staff{"u-staff", "staff.chuo", Role::kWardStaff, {"chuo"}, std::nullopt};
  Actor own = partner_of(hidden.id), other = partner_of(network.id);
  Actor no_org{"u-p", "partner", Role::kPartner, {}, std::nullopt};
  std::vector<const Actor*> callers{nullptr,     &admin_, &coordinator_, &auditor_,
                                    &ward_staff, &own,    &other,        &no_org};
  auto listing = [&](const Actor* actor, bool near) {
    OrganizationQuery q;
    if (near) q.near = Near{43.0556, 141.3530, 1};
    auto page = search_organizations_json(*db_, actor, q, clock_.now());
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->items : std::string();
  };
  for (bool near : {false, true}) {
    for (const Actor* a : callers) {
      for (const Actor* b : callers) {
        if (directory_view(a) != directory_view(b)) continue;
        EXPECT_EQ(listing(a, near), listing(b, near)) << directory_view(a) << " near=" << near;
      }
    }
  }
  // And the views differ where they must.
  EXPECT_EQ(listing(&own, false).find("札幌市中央区") != std::string::npos, true);
  EXPECT_NE(listing(&own, false), listing(&other, false));
}

}  // namespace
}  // namespace tsunagu::domain
