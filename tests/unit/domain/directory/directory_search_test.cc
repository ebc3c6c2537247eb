// Search and filters of the directory: Japanese text in every width and kana, short words that
// the trigram index cannot match, every filter, and stable paging.
#include "domain/directory/directory_search.h"

#include <chrono>

#include <gtest/gtest.h>

#include "domain/directory/directory_services.h"
#include "domain/directory/organizations.h"
#include "unit/domain/directory/directory_fixture.h"

namespace tsunagu::domain {
namespace {

class DirectorySearchTest : public DirectoryTest {
 protected:
  void SetUp() override {
    DirectoryTest::SetUp();
    OrganizationFields ito = fields("いとこんち", Category::kYouthSpace);
    ito.name_kana = "いとこんち";
    ito.district = "すすきの";
    ito.description = "10代の居場所。Youth Space in Susukino.";
    ito.council_member = true;
    ito_ = create(ito);
    OrganizationFields nursery = fields("ほしぞら夜間保育園", Category::kNightNursery);
    nursery.name_kana = "ほしぞらやかんほいくえん";
    nursery.wards = {"chuo", "minami"};
    nursery.lat = 43.0;  // about 6 km south
    nursery_ = create(nursery);
    OrganizationFields clinic = fields("ライラック小児科", Category::kMedical);
    clinic.name_kana = "らいらっくしょうにか";
    clinic.wards = {"kita"};
    clinic_ = create(clinic);
    ServiceFields meal;
    meal.name = "夕食サービス";
    meal.description = "温かいごはん";
    ASSERT_OK(create_service(*db_, clock_, &admin_, meta_, clinic_.id, meal));
  }

  std::vector<std::string> names(OrganizationQuery q, const Actor* actor = nullptr) {
    auto page = search_organizations(*db_, actor, q);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().to_string());
    std::vector<std::string> out;
    if (page.ok()) {
      for (const auto& o : page->items) out.push_back(o.fields.name);
    }
    return out;
  }
  std::vector<std::string> find(const std::string& q) {
    OrganizationQuery query;
    query.q = q;
    return names(query);
  }

  Organization ito_, nursery_, clinic_;
};

using V = std::vector<std::string>;

TEST_F(DirectorySearchTest, KanaWidthAndCaseDoNotMatter) {
  for (const char* q : {"いとこんち", "イトコンチ", "ｲﾄｺﾝﾁ", "とこん", "ﾄｺﾝ", "YOUTH SPACE",
                        "ｙｏｕｔｈ", "susukino", "すすきの", "ススキノ"}) {
    EXPECT_EQ(find(q), V{"いとこんち"}) << q;
  }
  EXPECT_EQ(find("ホシゾラ"), V{"ほしぞら夜間保育園"});  // via the kana reading
}

TEST_F(DirectorySearchTest, ShortWordsHaveTheirOwnPath) {
  EXPECT_EQ(find("保育"), V{"ほしぞら夜間保育園"});
  EXPECT_EQ(find("夜間"), V{"ほしぞら夜間保育園"});
  EXPECT_EQ(find("夜"), V{"ほしぞら夜間保育園"});
  EXPECT_EQ(find("10"), V{"いとこんち"});
  EXPECT_EQ(find("夜間 ほいく"), V{"ほしぞら夜間保育園"});  // a short and a long word together
  EXPECT_EQ(find("夜間 ライラック"), V{});
}

// A long word is matched through the trigram index alone and by instr() once a ward, category,
// district or near filter narrows the search: both must find the same entries.
TEST_F(DirectorySearchTest, LongWordsMatchTheSameWhenAFilterNarrowsTheSearch) {
  for (const char* word : {"ホシゾラ", "ｲﾄｺﾝﾁ", "YOUTH SPACE", "夕食サービス", "ほしぞら 夜間"}) {
    OrganizationQuery q;
    q.q = word;
    V alone = names(q);
    ASSERT_EQ(alone.size(), 1U) << word;
    q.wards = {"chuo", "kita"};
    EXPECT_EQ(names(q), alone) << word << " with ward";
    q.wards = {};
    q.categories = {Category::kNightNursery, Category::kYouthSpace, Category::kMedical};
    EXPECT_EQ(names(q), alone) << word << " with category";
    q.categories = {};
    q.near = Near{43.0556, 141.3530, 10};
    EXPECT_EQ(names(q), alone) << word << " with near";
    q.near.reset();
    q.wards = {"minami"};
    EXPECT_EQ(names(q),
              word == std::string("ホシゾラ") || word == std::string("ほしぞら 夜間") ? alone : V{})
        << word << " in another ward";
  }
}

TEST_F(DirectorySearchTest, ServicesAreSearchedAndKeptInSync) {
  EXPECT_EQ(find("夕食サービス"), V{"ライラック小児科"});
  EXPECT_EQ(find("ごはん"), V{"ライラック小児科"});
  auto services = list_services(*db_, &admin_, clinic_.id);
  ASSERT_OK(services);
  ASSERT_OK(archive_service(*db_, clock_, &admin_, meta_, services->at(0).id, std::nullopt));
  EXPECT_EQ(find("夕食サービス"), V{});  // archived services leave the index at once
}

TEST_F(DirectorySearchTest, EachFilter) {
  OrganizationQuery q;
  q.categories = {Category::kNightNursery, Category::kYouthSpace};
  EXPECT_EQ(names(q), (V{"いとこんち", "ほしぞら夜間保育園"}));
  q = {};
  q.wards = {"minami"};
  EXPECT_EQ(names(q), V{"ほしぞら夜間保育園"});
  q = {};
  q.district = "すすきの";
  EXPECT_EQ(names(q), V{"いとこんち"});
  q = {};
  q.council_member = true;
  EXPECT_EQ(names(q), V{"いとこんち"});
  ASSERT_OK(update_capacity(*db_, clock_, &admin_, meta_, nursery_.id, {}, CapacityStatus::kFull,
                            "満員"));
  q = {};
  q.capacity = {CapacityStatus::kFull};
  EXPECT_EQ(names(q), V{"ほしぞら夜間保育園"});
  q.capacity = {CapacityStatus::kOpen};
  q.capacity_unknown = true;
  EXPECT_EQ(names(q), (V{"いとこんち", "ライラック小児科"}));
  q = {};
  q.near = Near{43.0556, 141.3530, 2};
  EXPECT_EQ(names(q), (V{"いとこんち", "ライラック小児科"}));
  q.near->within_km = 10;
  EXPECT_EQ(names(q),
            (V{"いとこんち", "ライラック小児科", "ほしぞら夜間保育園"}));  // nearest first
  ASSERT_OK(archive_organization(*db_, clock_, &admin_, meta_, clinic_.id, std::nullopt));
  q = {};
  q.status = EntryStatus::kInactive;
  EXPECT_EQ(names(q, &admin_), V{"ライラック小児科"});
  EXPECT_EQ(names(q, nullptr), V{});  // anonymous callers never see archived entries
}

TEST_F(DirectorySearchTest, UnknownWardIsAMalformedParameter) {
  OrganizationQuery q;
  q.wards = {"shibuya"};
  auto r = search_organizations(*db_, nullptr, q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kMalformed);
  EXPECT_EQ(r.error().fields().at(0).field, "ward");
}

TEST_F(DirectorySearchTest, PagingIsStableAndComplete) {
  for (int i = 0; i < 23; ++i) create(fields("同じ名前"));  // equal sort keys: id breaks ties
  std::vector<std::string> seen;
  for (int page = 0; page < 6; ++page) {
    OrganizationQuery q;
    q.limit = 5;
    q.offset = page * 5;
    auto r = search_organizations(*db_, nullptr, q);
    ASSERT_OK(r);
    EXPECT_EQ(r->total, 26);
    for (const auto& o : r->items) seen.push_back(o.id);
  }
  EXPECT_EQ(seen.size(), 26u);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
}

// The total comes from the same pass as the page (a window count), so it must count every match
// of every filter, not the page, on every page — also past the end and with `near`.
TEST_F(DirectorySearchTest, TotalsCountEveryMatchOnEveryPageWithFilters) {
  for (int i = 0; i < 12; ++i) {
    OrganizationFields f = fields("夜間相談室" + std::to_string(i), Category::kNightNursery);
    f.wards = i % 3 == 0 ? std::vector<std::string>{"kita"} : std::vector<std::string>{"chuo"};
    create(f);
  }
  create(fields("夜間相談室 (NPO)"));  // matches q and ward, not the category
  OrganizationQuery q;
  q.q = "夜間相談";  // a trigram query…
  q.wards = {"chuo"};
  q.categories = {Category::kNightNursery};
  q.limit = 3;
  std::vector<std::string> seen;
  for (int64_t offset : {0, 3, 6, 9}) {
    q.offset = offset;
    auto page = search_organizations(*db_, nullptr, q);
    ASSERT_OK(page);
    EXPECT_EQ(page->total, 8) << "offset " << offset;
    for (const auto& o : page->items) seen.push_back(o.fields.name);
  }
  EXPECT_EQ(seen.size(), 8u);
  q.q = "夜間";  // a short word also matches ほしぞら夜間保育園 (chuo, night nursery)
  q.offset = 6;
  auto short_word = search_organizations(*db_, nullptr, q);
  ASSERT_OK(short_word);
  EXPECT_EQ(short_word->total, 9);
  EXPECT_EQ(short_word->items.size(), 3u);
  q.offset = 30;  // past the end: no row carries the total, which is still counted
  auto past = search_organizations(*db_, nullptr, q);
  ASSERT_OK(past);
  EXPECT_TRUE(past->items.empty());
  EXPECT_EQ(past->total, 9);
  OrganizationQuery near;
  near.near = Near{43.0556, 141.3530, 2};
  near.limit = 1;
  auto nearby = search_organizations(*db_, nullptr, near);
  ASSERT_OK(nearby);
  EXPECT_EQ(nearby->total, 15);  // the 13 above, いとこんち and the clinic (not the nursery)
  ASSERT_EQ(nearby->items.size(), 1u);
  EXPECT_TRUE(nearby->items[0].distance_km.has_value());
}

// Wards and hours of a whole page are loaded together; each entry must get its own, in order.
TEST_F(DirectorySearchTest, EachResultCarriesItsOwnWardsAndHours) {
  OrganizationFields both = fields("二つの区", Category::kNursery);
  both.wards = {"teine", "chuo", "kita"};
  both.hours = {{1, std::nullopt, false, 9 * 60, 17 * 60, ""},
                {std::nullopt, Date{std::chrono::year{2026} / 5 / 3}, true, 0, 0, "祝日"}};
  create(both);
  OrganizationFields night = fields("夜だけ", Category::kNursery);
  night.wards = {"minami"};
  night.hours = {{5, std::nullopt, false, 18 * 60, 2 * 60, "金曜の夜"}};
  create(night);
  create(fields("時間なし", Category::kNursery));
  OrganizationQuery q;
  q.categories = {Category::kNursery};
  auto page = search_organizations(*db_, nullptr, q);
  ASSERT_OK(page);
  ASSERT_EQ(page->items.size(), 3u);
  for (const auto& o : page->items) {
    auto alone = get_organization(*db_, nullptr, o.id);  // loads one entry on its own
    ASSERT_OK(alone);
    EXPECT_EQ(o.fields.wards, alone->fields.wards) << o.fields.name;
    EXPECT_EQ(o.fields.hours, alone->fields.hours) << o.fields.name;
  }
  EXPECT_EQ(page->items[0].fields.name, "二つの区");                     // no kana: ordered by name
  EXPECT_EQ(page->items[0].fields.wards, (V{"chuo", "kita", "teine"}));  // the city's order
  EXPECT_EQ(page->items[0].fields.hours.size(), 2u);
  EXPECT_TRUE(page->items[2].fields.hours.empty());
}

}  // namespace
}  // namespace tsunagu::domain
