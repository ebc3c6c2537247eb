// The search cache at the domain level: its key (who asks, the minute, the parsed query), the
// generation that every directory change bumps, the LRU bound, and the views it is keyed by.
#include "domain/directory_cache.h"

#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/directory_privacy.h"
#include "domain/directory_services.h"
#include "domain/organizations.h"
#include "unit/domain/directory_fixture.h"

namespace tsunagu::domain {
namespace {

using std::chrono::seconds;

class SearchCacheTest : public DirectoryTest {
 protected:
  std::string key(const OrganizationQuery& q, const Actor* actor = nullptr) {
    auto k = SearchCache::key(actor, q, clock_.now());
    EXPECT_TRUE(k.ok()) << k.error().to_string();
    return k.ok() ? *k : std::string();
  }
};

TEST_F(SearchCacheTest, KeyIsTheParsedQueryNotItsSpelling) {
  OrganizationQuery a;
  a.q = "ｲﾄｺﾝﾁ  夜間";
  a.categories = {Category::kNpo, Category::kYouthSpace};
  a.wards = {"kita", "chuo"};
  a.open_at = clock_.now();
  OrganizationQuery b;
  b.q = "いとこんち 夜間";
  b.categories = {Category::kYouthSpace, Category::kNpo, Category::kNpo};
  b.wards = {"chuo", "kita"};
  b.open_at = clock_.now() + seconds(30);  // the same minute: the same question
  EXPECT_EQ(key(a), key(b));
}

TEST_F(SearchCacheTest, KeyDiffersForEveryFilterTheViewAndTheMinute) {
  OrganizationQuery base;
  std::vector<OrganizationQuery> variants(12, base);
  variants[0].q = "夜間";
  variants[1].categories = {Category::kNpo};
  variants[2].wards = {"chuo"};
  variants[3].district = "すすきの";
  variants[4].open_at = clock_.now();
  variants[5].council_member = false;
  variants[6].capacity = {CapacityStatus::kOpen};
  variants[7].capacity_unknown = true;
  variants[8].near = Near{43.0, 141.3, 3};
  variants[9].status = EntryStatus::kInactive;
  variants[10].offset = 50;
  variants[11].limit = 10;
  std::set<std::string> keys{key(base)};
  for (const auto& v : variants) keys.insert(key(v));
  EXPECT_EQ(keys.size(), variants.size() + 1);
  // A district that spells another field's encoding is still only a district.
  OrganizationQuery tricky;
  tricky.district = "d1:xq0:";
  EXPECT_NE(key(tricky), key(base));

  Actor partner = partner_of("org-1");
  std::set<std::string> views{key(base), key(base, &admin_), key(base, &coordinator_),
                              key(base, &partner)};
  EXPECT_EQ(views.size(), 4U);
  std::string now = key(base);
  clock_.advance(std::chrono::minutes(1));
  EXPECT_NE(key(base), now);
}

TEST_F(SearchCacheTest, MalformedQueryHasNoKey) {
  OrganizationQuery q;
  q.q = "\xff\xfe";
  EXPECT_FALSE(SearchCache::key(nullptr, q, clock_.now()).ok());
}

TEST_F(SearchCacheTest, FindsWhatWasStoredInTheSameGeneration) {
  SearchCache cache(1 << 20);
  EXPECT_EQ(cache.find("k"), nullptr);
  cache.put("k", directory_generation(), "answer");
  auto found = cache.find("k");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(*found, "answer");
  EXPECT_EQ(cache.stats().hits, 1U);
  EXPECT_EQ(cache.stats().misses, 1U);
}

TEST_F(SearchCacheTest, AnAnswerFromBeforeAChangeIsNeverStored) {
  SearchCache cache(1 << 20);
  uint64_t before = directory_generation();
  note_directory_change();  // a write committed while the search ran
  cache.put("k", before, "old answer");
  EXPECT_EQ(cache.find("k"), nullptr);
}

TEST_F(SearchCacheTest, AChangeForgetsEveryAnswer) {
  SearchCache cache(1 << 20);
  cache.put("a", directory_generation(), "1");
  cache.put("b", directory_generation(), "2");
  note_directory_change();
  EXPECT_EQ(cache.find("a"), nullptr);
  EXPECT_EQ(cache.find("b"), nullptr);
  EXPECT_EQ(cache.stats().entries, 0U);
  EXPECT_EQ(cache.stats().bytes, 0U);
}

TEST_F(SearchCacheTest, KeepsItsBudgetForgettingTheLeastRecentlyUsed) {
  SearchCache cache(800);  // answers of up to 100 bytes are kept
  uint64_t g = directory_generation();
  cache.put("k0", g, std::string(98, 'a'));
  for (int i = 1; i < 8; ++i) {
    cache.put("k" + std::to_string(i), g, std::string(98, 'a'));
    ASSERT_NE(cache.find("k0"), nullptr) << i;  // k0 stays the most recently used
  }
  cache.put("k8", g, std::string(98, 'a'));
  EXPECT_LE(cache.stats().bytes, 800U);
  EXPECT_NE(cache.find("k0"), nullptr);
  EXPECT_EQ(cache.find("k1"), nullptr);  // the least recently used went first
  EXPECT_NE(cache.find("k8"), nullptr);
  cache.put("big", g, std::string(200, 'b'));
  EXPECT_EQ(cache.find("big"), nullptr);  // larger than an eighth of the budget
}

TEST_F(SearchCacheTest, EveryDirectoryChangeBumpsTheGeneration) {
  auto changes = [&](const std::function<void()>& write) {
    uint64_t before = directory_generation();
    write();
    return directory_generation() > before;
  };
  Organization o;
  EXPECT_TRUE(changes([&] { o = create(fields("いとこんち")); }));
  EXPECT_TRUE(changes([&] {
    auto edit = [](const Organization& current) -> Result<OrganizationFields> {
      OrganizationFields f = current.fields;
      f.description = "夜の居場所";
      return f;
    };
    ASSERT_OK(update_organization(*db_, clock_, &admin_, meta_, o.id, std::nullopt, edit));
  }));
  EXPECT_TRUE(changes([&] {
    ASSERT_OK(update_capacity(*db_, clock_, &admin_, meta_, o.id, std::nullopt,
                              CapacityStatus::kFull, ""));
  }));
  ServiceFields meal;
  meal.name = "夕食";
  Service s;
  EXPECT_TRUE(changes([&] {
    auto made = create_service(*db_, clock_, &admin_, meta_, o.id, meal);
    ASSERT_OK(made);
    s = *made;
  }));
  EXPECT_TRUE(changes([&] {
    auto edit = [](const Service& current) -> Result<ServiceFields> {
      ServiceFields f = current.fields;
      f.name = "夕食と宿題";
      return f;
    };
    ASSERT_OK(update_service(*db_, clock_, &admin_, meta_, s.id, std::nullopt, edit));
  }));
  EXPECT_TRUE(changes(
      [&] { ASSERT_OK(archive_service(*db_, clock_, &admin_, meta_, s.id, std::nullopt)); }));
  EXPECT_TRUE(changes(
      [&] { ASSERT_OK(archive_organization(*db_, clock_, &admin_, meta_, o.id, std::nullopt)); }));
  // A read is not a change.
  EXPECT_FALSE(changes([&] { ASSERT_OK(search_organizations(*db_, &admin_, {})); }));
}

// Callers who share a view must be shown exactly the same listing, or a cached answer would
// show one of them what only the other may see.
TEST_F(SearchCacheTest, CallersWithTheSameViewSeeTheSameListing) {
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
    auto page = search_organizations(*db_, actor, q);
    EXPECT_TRUE(page.ok());
    std::string out;
    for (const auto& o : page->items) {
      out += o.id + (o.address_withheld ? " withheld " : " " + o.fields.address + " ") +
             (o.distance_km ? std::to_string(*o.distance_km) : "-") + "\n";
    }
    return out;
  };
  for (bool near : {false, true}) {
    for (const Actor* a : callers) {
      for (const Actor* b : callers) {
        if (directory_view(a) != directory_view(b)) continue;
        EXPECT_EQ(listing(a, near), listing(b, near)) << directory_view(a) << " near=" << near;
      }
    }
  }
  // And the views that must differ do.
  EXPECT_NE(listing(nullptr, false), listing(&coordinator_, false));
  EXPECT_NE(listing(&coordinator_, false), listing(&own, false));
  EXPECT_NE(listing(&own, false), listing(&other, false));
  EXPECT_NE(listing(&coordinator_, true), listing(&admin_, true));
}

}  // namespace
}  // namespace tsunagu::domain
