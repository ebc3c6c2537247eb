// The directory index checked, not trusted: on a generated directory (names, kana and
// descriptions with short and long words, services active and archived, weekly slots running
// overnight, dated closings and special hours, archived and network-only entries, hidden and
// network addresses, entries without a location, capacity reports of every age) thousands of
// random searches — every filter and combination, every view, paging, open_at at random
// instants around midnight and on exception dates, near with random points and radii — are
// answered by the index and by the SQL reference, and must agree exactly: ids in order, total,
// errors, and the bytes of the JSON page the handler sends.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "domain/directory/directory_index.h"
#include "domain/directory/directory_search.h"
#include "domain/directory/directory_services.h"
#include "domain/directory/directory_store.h"
#include "domain/directory/organizations.h"
#include "http/directory_json.h"
#include "http/json_io.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::domain {
namespace {

constexpr uint32_t kSeed = 20261202;
constexpr int kOrganizations = 400;
constexpr int kQueriesPerTest = 1250;  // × 8 tests = 10 000 searches

const char* const kWards[] = {"chuo",     "kita",   "higashi", "shiroishi", "atsubetsu",
                              "toyohira", "kiyota", "minami",  "nishi",     "teine"};
const char* const kSyllables[] = {"さ", "つ", "き", "た", "ひ", "ま", "わ", "り",
                                  "ほ", "し", "ぞ", "ら", "こ", "も", "れ", "び"};
const char* const kKinds[] = {"保育園",     "クリニック", "相談室",     "居場所",
                              "こども食堂", "町内会",     "夜間保育所", "ｷｯｽﾞﾙｰﾑ"};
const char* const kWords[] = {"保育", "夜間", "子育て", "相談",     "食堂",       "支援", "ＮＰＯ",
                              "npo",  "学習", "見守り", "産後ケア", "一時預かり", "子",   "夜"};
const char* const kServices[] = {"夜間保育",   "一時預かり", "子育て相談", "学習支援",
                                 "食事の提供", "発達相談",   "産後ケア",   "見守り"};
const char* const kQueryWords[] = {
    "保育",   "夜間",     "子育て", "相談",   "食堂", "支援",       "npo",        "ＮＰＯ",
    "NPO",    "学習",     "子",     "夜",     "育",   "保育園",     "クリニック", "くりにっく",
    "キッズ", "ｷｯｽﾞ",     "さつき", "サツキ", "ほし", "こども食堂", "産後ケア",   "見守り",
    "町内会", "すすきの", "札幌",   "相談室", "一時", "ない言葉",   "zz",         "s"};
const char* const kDistricts[] = {"すすきの", "狸小路", "円山"};

// The window every instant falls in: 2026-04-01 … 2026-04-15 (Tokyo).
TimePoint window_start() { return *parse_rfc3339("2026-04-01T00:00:00+09:00"); }

class DirectoryIndexCompareTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto db = storage::Database::open({dir_->file("compare.db"), storage::Synchronous::kOff});
    ASSERT_TRUE(db.ok()) << db.error().to_string();
    db_ = std::move(*db).release();
    generate();
  }
  static void TearDownTestSuite() {
    delete db_;
    delete dir_;
    db_ = nullptr;
    dir_ = nullptr;
  }

  static std::string word(std::mt19937& rng, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += kSyllables[rng() % std::size(kSyllables)];
    return out;
  }

  static OrganizationFields organization(std::mt19937& rng) {
    OrganizationFields f;
    std::string kana = word(rng, 2 + static_cast<int>(rng() % 3));
    f.name = kana + kKinds[rng() % std::size(kKinds)];
    // Some without a reading (sorted by name), some sharing one (ordered by id).
    f.name_kana = rng() % 6 == 0 ? "" : rng() % 8 == 0 ? "さつき" : kana;
    f.description = std::string(kWords[rng() % std::size(kWords)]) + "と" +
                    kWords[rng() % std::size(kWords)] + "の" + word(rng, 3) + "。";
    f.category = static_cast<Category>(rng() % 13);
    f.wards = {kWards[rng() % 10]};
    if (rng() % 4 == 0) f.wards.push_back(kWards[rng() % 10]);
    if (f.wards.size() == 2 && f.wards[0] == f.wards[1]) f.wards.pop_back();
    f.district = rng() % 3 == 0 ? kDistricts[rng() % std::size(kDistricts)] : "";
    f.address = "札幌市架空町" + std::to_string(rng() % 30) + "条";
    f.address_visibility = static_cast<AddressVisibility>(rng() % 3);
    if (rng() % 6 != 0) {
      // A few share a point, so equal distances are ordered by kana and id.
      f.lat = rng() % 10 == 0 ? 43.0556 : 42.98 + (rng() % 1500) / 10000.0;
      f.lon = rng() % 10 == 0 ? 141.3530 : 141.24 + (rng() % 2400) / 10000.0;
    }
    f.visibility = rng() % 4 == 0 ? Visibility::kNetwork : Visibility::kPublic;
    f.council_member = rng() % 3 == 0;
    f.status = rng() % 7 == 0 ? EntryStatus::kInactive : EntryStatus::kActive;
    if (rng() % 3 == 0) f.tags = {kWords[rng() % std::size(kWords)]};
    int slots = static_cast<int>(rng() % 4);
    for (int i = 0; i < slots; ++i) {
      int opens = static_cast<int>(rng() % 48) * 30;
      int length = rng() % 5 == 0 ? 24 * 60 : static_cast<int>(1 + rng() % 16) * 60;
      int closes = (opens + length) % 1440;  // overnight when it wraps; 24 h when equal
      f.hours.push_back({static_cast<int>(rng() % 7), std::nullopt, false, opens, closes, ""});
    }
    int exceptions = rng() % 3 == 0 ? static_cast<int>(1 + rng() % 3) : 0;
    std::vector<int> days;
    for (int i = 0; i < exceptions; ++i) {
      int day = static_cast<int>(rng() % 14);
      if (std::find(days.begin(), days.end(), day) != days.end()) continue;
      days.push_back(day);
      Date date = add_days(tokyo_date(window_start()), day);
      if (rng() % 2 == 0) {
        f.hours.push_back({std::nullopt, date, true, 0, 0, "休館"});
      } else {
        int opens = static_cast<int>(rng() % 48) * 30;
        int closes = (opens + static_cast<int>(1 + rng() % 12) * 60) % 1440;
        f.hours.push_back({std::nullopt, date, false, opens, closes, "特別"});
        if (rng() % 2 == 0)
          f.hours.push_back(
              {std::nullopt, date, false, (opens + 600) % 1440, (opens + 660) % 1440, ""});
      }
    }
    return f;
  }

  static void generate() {
    std::mt19937 rng(kSeed);
    FakeClock clock(window_start());
    RequestMeta meta{"compare", ""};
    auto status = write_directory(*db_, [&](storage::Connection& c) -> Status {
      for (int i = 0; i < kOrganizations; ++i) {
        TRY_ASSIGN(Organization o, insert_organization(c, clock, nullptr, meta, organization(rng)));
        ids_.push_back(o.id);
        int services = static_cast<int>(rng() % 4);
        for (int s = 0; s < services; ++s) {
          ServiceFields f;
          f.name = kServices[rng() % std::size(kServices)];
          f.description = word(rng, 3) + "のための" + f.name;
          if (rng() % 3 == 0) f.eligibility = kWords[rng() % std::size(kWords)];
          if (rng() % 5 == 0) f.status = EntryStatus::kInactive;
          TRY(insert_service(c, clock, nullptr, meta, o.id, f));
        }
        if (rng() % 10 < 7) {
          // Reported between 45 days before the window and its end.
          auto at = window_start() - std::chrono::hours(24 * 45) +
                    std::chrono::minutes(static_cast<int64_t>(rng() % (60 * 24 * 60)));
          o.capacity = Capacity{static_cast<CapacityStatus>(rng() % 4), "残り" + word(rng, 1),
                                std::chrono::time_point_cast<TimePoint::duration>(at)};
          o.version += 1;
          store::update_capacity(c, o);
        }
      }
      return Status::Ok();
    });
    ASSERT_TRUE(status.ok()) << status.error().to_string();
  }

  // Every kind of caller, including ones the policy treats alike.
  std::vector<Actor> callers() const {
    return {
        Actor{"u-admin", "admin", Role::kAdmin, {}, std::nullopt},
        Actor{"u-coord", "coord", Role::kCoordinator, {"chuo"}, std::nullopt},
        Actor{"u-staff", "staff", Role::kWardStaff, {"kita"}, std::nullopt},
        Actor{"u-aud", "auditor", Role::kAuditor, {}, std::nullopt},
        Actor{"u-p1", "partner1", Role::kPartner, {}, ids_[0]},
        Actor{"u-p2", "partner2", Role::kPartner, {}, ids_[7]},
        Actor{"u-p3", "partner3", Role::kPartner, {}, ids_[13]},
        Actor{"u-p4", "partner-no-org", Role::kPartner, {}, std::nullopt},
        // Not a shape the accounts table allows; the two paths must still agree.
        Actor{"u-odd", "odd", Role::kCoordinator, {"chuo"}, ids_[7]},
    };
  }

  static OrganizationQuery random_query(std::mt19937& rng) {
    OrganizationQuery q;
    auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
    int words = chance(45) ? 0 : static_cast<int>(1 + rng() % 3);
    if (chance(1)) words = 9;  // too many: both refuse
    for (int i = 0; i < words; ++i) {
      if (!q.q.empty()) q.q += chance(20) ? "　" : " ";
      q.q += chance(15) ? word(rng, 1 + static_cast<int>(rng() % 3))
                        : kQueryWords[rng() % std::size(kQueryWords)];
    }
    if (chance(25)) {
      q.categories.push_back(static_cast<Category>(rng() % 13));
      if (chance(40)) q.categories.push_back(static_cast<Category>(rng() % 13));
    }
    if (chance(25)) {
      q.wards.push_back(kWards[rng() % 10]);
      if (chance(30)) q.wards.push_back(kWards[rng() % 10]);
      if (chance(3)) q.wards.push_back("nowhere");  // both refuse
    }
    if (chance(10)) q.district = kDistricts[rng() % std::size(kDistricts)];
    if (chance(35)) {
      // Whole days and random minutes, often late in the evening or just after midnight.
      int day = static_cast<int>(rng() % 15) - 1;
      int minute = chance(50) ? static_cast<int>(rng() % 1440)
                              : (23 * 60 + static_cast<int>(rng() % 180)) % 1440;
      q.open_at = window_start() + std::chrono::hours(24 * day) + std::chrono::minutes(minute) +
                  std::chrono::seconds(rng() % 60);
    }
    if (chance(15)) q.council_member = chance(50);
    if (chance(20)) {
      for (int i = 0; i < 4; ++i) {
        if (chance(40)) q.capacity.push_back(static_cast<CapacityStatus>(i));
      }
      q.capacity_unknown = chance(40);
    }
    if (chance(25)) {
      const double radii[] = {0.3, 1, 2.5, 5, 8, 20, 60, 100};
      q.near = Near{42.97 + (rng() % 1700) / 10000.0, 141.23 + (rng() % 2600) / 10000.0,
                    radii[rng() % std::size(radii)]};
      if (chance(10)) {  // on the shared point
        q.near->lat = 43.0556;
        q.near->lon = 141.3530;
      }
    }
    if (chance(30)) q.status = chance(50) ? EntryStatus::kActive : EntryStatus::kInactive;
    const int limits[] = {1, 3, 10, 20, 50};
    q.limit = chance(4) ? 200 : limits[rng() % std::size(limits)];
    q.offset = chance(50) ? 0 : static_cast<int64_t>(rng() % 120);
    return q;
  }

  static std::string describe(const OrganizationQuery& q, const Actor* actor) {
    std::string s = "q='" + q.q + "' view=" + (actor ? actor->username : "anonymous");
    for (Category c : q.categories) s += std::string(" category=") + to_string(c);
    for (const auto& w : q.wards) s += " ward=" + w;
    if (!q.district.empty()) s += " district=" + q.district;
    if (q.open_at) s += " open_at=" + format_rfc3339(*q.open_at);
    if (q.council_member) s += std::string(" council=") + (*q.council_member ? "1" : "0");
    for (CapacityStatus c : q.capacity) s += std::string(" capacity=") + to_string(c);
    if (q.capacity_unknown) s += " capacity=unknown";
    if (q.near) {
      s += " near=" + std::to_string(q.near->lat) + "," + std::to_string(q.near->lon) + "/" +
           std::to_string(q.near->within_km);
    }
    if (q.status) s += std::string(" status=") + to_string(*q.status);
    return s + " offset=" + std::to_string(q.offset) + " limit=" + std::to_string(q.limit);
  }

  // One search both ways; false (with a failure recorded) when they differ. Counts searches
  // that found something in *non_empty.
  bool agree(const OrganizationQuery& q, const Actor* actor, TimePoint now, uint32_t seed,
             int* non_empty) {
    std::string what = describe(q, actor) + " (seed " + std::to_string(seed) + ")";
    auto sql = search_organizations_sql(*db_, actor, q);
    auto index = search_organizations(*db_, actor, q);
    auto json = search_organizations_json(*db_, actor, q, now);
    if (sql.ok() != index.ok() || sql.ok() != json.ok()) {
      ADD_FAILURE() << "one path failed: " << what << "\n sql "
                    << (sql.ok() ? "ok" : sql.error().to_string()) << "\n index "
                    << (index.ok() ? "ok" : index.error().to_string());
      return false;
    }
    if (!sql.ok()) {
      EXPECT_EQ(sql.error().to_string(), index.error().to_string()) << what;
      EXPECT_EQ(sql.error().to_string(), json.error().to_string()) << what;
      return sql.error().to_string() == index.error().to_string();
    }
    if (sql->total > 0) ++*non_empty;
    std::vector<std::string> sql_ids, index_ids;
    for (const auto& o : sql->items) sql_ids.push_back(o.id);
    for (const auto& o : index->items) index_ids.push_back(o.id);
    EXPECT_EQ(sql_ids, index_ids) << what;
    EXPECT_EQ(sql->total, index->total) << what;
    EXPECT_EQ(sql->total, json->total) << what;
    http::PageRequest paging{1, q.limit};
    // The records (search_organizations(), which the HSDS routes render) field by field …
    for (size_t i = 0; i < sql->items.size() && i < index->items.size(); ++i) {
      const Organization& a = sql->items[i];
      const Organization& b = index->items[i];
      EXPECT_TRUE(a.fields == b.fields) << what << " " << a.id;
      EXPECT_EQ(a.distance_km, b.distance_km) << what << " " << a.id;
      EXPECT_EQ(a.address_withheld, b.address_withheld) << what << " " << a.id;
      EXPECT_EQ(a.version, b.version) << what;
      EXPECT_EQ(a.created_at, b.created_at) << what;
      EXPECT_EQ(a.updated_at, b.updated_at) << what;
      EXPECT_EQ(a.capacity.has_value(), b.capacity.has_value()) << what;
      if (a.capacity && b.capacity) {
        EXPECT_EQ(a.capacity->status, b.capacity->status) << what;
        EXPECT_EQ(a.capacity->note, b.capacity->note) << what;
        EXPECT_EQ(a.capacity->updated_at, b.capacity->updated_at) << what;
      }
    }
    // … and the bytes the list handler sends.
    Json sql_items = Json::array();
    for (const auto& o : sql->items) sql_items.push_back(organization_json(o, now));
    std::string expected = http::page_envelope(sql_items, sql->total, paging)
                               .dump(-1, ' ', false, Json::error_handler_t::replace);
    EXPECT_EQ(expected, http::page_envelope_json(json->items, json->total, paging)) << what;
    return sql_ids == index_ids && sql->total == index->total &&
           expected == http::page_envelope_json(json->items, json->total, paging);
  }

  void run_queries(uint32_t part) {
    uint32_t seed = kSeed + part;
    std::mt19937 rng(seed);
    std::vector<Actor> actors = callers();
    int failures = 0;
    int non_empty = 0;
    for (int i = 0; i < kQueriesPerTest && failures < 5; ++i) {
      OrganizationQuery q = random_query(rng);
      size_t who = rng() % (actors.size() + 2);  // anonymous twice as often as each other
      const Actor* actor = who < actors.size() ? &actors[who] : nullptr;
      TimePoint now = window_start() + std::chrono::minutes(rng() % (60 * 24 * 15));
      if (!agree(q, actor, now, seed, &non_empty)) ++failures;
    }
    // The generator and the queries must find something often enough to test anything.
    EXPECT_GT(non_empty, kQueriesPerTest / 4) << "seed " << seed;
  }

  static testing::TempDir* dir_;
  static storage::Database* db_;
  static std::vector<std::string> ids_;
};

testing::TempDir* DirectoryIndexCompareTest::dir_ = nullptr;
storage::Database* DirectoryIndexCompareTest::db_ = nullptr;
std::vector<std::string> DirectoryIndexCompareTest::ids_;

TEST_F(DirectoryIndexCompareTest, RandomSearchesAgreeWithSqlPart1) { run_queries(1); }
TEST_F(DirectoryIndexCompareTest, RandomSearchesAgreeWithSqlPart2) { run_queries(2); }
TEST_F(DirectoryIndexCompareTest, RandomSearchesAgreeWithSqlPart3) { run_queries(3); }
TEST_F(DirectoryIndexCompareTest, RandomSearchesAgreeWithSqlPart4) { run_queries(4); }
TEST_F(DirectoryIndexCompareTest, RandomSearchesAgreeWithSqlPart5) { run_queries(5); }
TEST_F(DirectoryIndexCompareTest, RandomSearchesAgreeWithSqlPart6) { run_queries(6); }
TEST_F(DirectoryIndexCompareTest, RandomSearchesAgreeWithSqlPart7) { run_queries(7); }
TEST_F(DirectoryIndexCompareTest, RandomSearchesAgreeWithSqlPart8) { run_queries(8); }

}  // namespace
}  // namespace tsunagu::domain
