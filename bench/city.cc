// The synthetic city (city.h). How each table is written:
//
// Through the domain's own functions, exactly as the API writes them (checks, derived columns,
// audit entries, notifications): the demo network (load_demo: Sapporo's 87 partners, the demo
// accounts and households), organizations (insert_organization: search text, sort key, FTS row,
// hours, wards), services (insert_service), users (Accounts::insert with one precomputed
// Argon2id hash of kCityPassword, cheap parameters: the hash carries them, so the server verifies
// it as any other), cases (insert_case), case closures (Cases::close), meetings with
// attendance, agenda and minutes (insert_meeting), their action items (insert_action_item) and
// decisions (Meetings::decide, which also updates the case), capacity reports (update_capacity).
//
// The referrals take the documented bulk path, because a million of them through
// Referrals::create and ::transition (a transaction and the full referral join per step) would
// take most of an hour: each referral is inserted once with its final state (status, version =
// 1 + its transitions, sent/responded/closed times, reason, outcome, due_by as the domain sets
// it: the sent date + 7 days, + 1 when urgent, overdue_notified_at), together with all its
// referral_events rows as Referrals::create/transition and expire_overdue write them (creation,
// draft→sent, then each step with its actor, role, reason and note). What each step writes at
// its own time — the notification (notifications::deliver, the domain's function, with the
// payload referral_store::notify builds: urgency, status after the step, organization name,
// link) and the audit entry (audit::append with the entry the domain writes: referral.create
// "sent"/"draft", referral.read, referral.transition "sent->accepted", referral.expire,
// referral.overdue) — is written when the city's clock reaches that step, so notification ids
// and the audit chain are in time order. The sends are those of the ward's coordinators; a
// partner's answers are its partner user's, preceded by its read of the referral.
//
// Everything after the directory happens on one timeline: every event (a case opened or closed,
// a case page read, a referral sent, read, answered, expired, a meeting recorded, a decision, a
// capacity report) is planned first, sorted by time, and executed in that order with a FakeClock
// set to its time, batched into one transaction per Sapporo day (synchronous=OFF: a generator,
// not a server; the file is checkpointed at the end). Closures, decisions and capacity reports
// open transactions of their own (the domain's functions do), so they run right after their
// day's batch, at its last time when theirs was earlier: a closure is at most a day late, and
// the plan keeps cases on agendas open for two days after the meeting. The audit log is therefore
// one valid hash chain in time order; `tsunagu-server audit-verify` passes on the result.
//
// Shape of the city: 中央区 is the busy ward (2/11 of the cases and so of the referrals, every
// other ward 1/11). A referral goes to an active organization of its case's ward (85 %, a few
// organizations getting most: the square of a uniform draw picks the rank) or of the city. 1 %
// stay drafts; of those sent, 7 % get no answer and expire at the timer's first run after
// due_by (or are still waiting), 5 % are withdrawn by the ward, 20 % declined with a reason,
// the rest accepted and then completed with an outcome (1–31 days later), withdrawn (4 %), or
// still open. The last week's referrals are still open, as in a working network.
#include "bench/city.h"

#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/ids.h"
#include "domain/accounts/accounts.h"
#include "domain/accounts/passwords.h"
#include "domain/audit/audit.h"
#include "domain/cases/cases.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_services.h"
#include "domain/directory/organizations.h"
#include "domain/meetings/action_items.h"
#include "domain/meetings/meetings.h"
#include "domain/referrals/notifications.h"
#include "domain/seed/demo.h"
#include "storage/database.h"

namespace tsunagu::bench {
namespace {

namespace audit = domain::audit;
using Steady = std::chrono::steady_clock;
using domain::Actor;
constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

// The sizes as server_meta's "bench_city" records them.
constexpr std::pair<const char*, int64_t CityOptions::*> kSizes[] = {
    {"organizations", &CityOptions::organizations},
    {"services", &CityOptions::services},
    {"cases", &CityOptions::cases},
    {"referrals", &CityOptions::referrals},
    {"meetings", &CityOptions::meetings}};

// --- The seeded random generator that OpenSSL's RAND_bytes answers from while the city is made.

uint64_t g_rand_state = 0;

uint64_t splitmix64() {
  uint64_t z = (g_rand_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

int seeded_bytes(unsigned char* buf, int num) {
  for (int i = 0; i < num; i += 8) {
    uint64_t v = splitmix64();
    for (int k = 0; k < 8 && i + k < num; ++k)
      buf[i + k] = static_cast<unsigned char>(v >> (8 * k));
  }
  return 1;
}
int seeded_status() { return 1; }

// Installs the seeded method for its lifetime and puts OpenSSL's own back afterwards.
class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed) : previous_(RAND_get_rand_method()) {
    g_rand_state = seed ^ 0x7473756e61677521ULL;
    method_.bytes = seeded_bytes;
    method_.pseudorand = seeded_bytes;
    method_.status = seeded_status;
    RAND_set_rand_method(&method_);
  }
  ~SeededRandom() { RAND_set_rand_method(previous_); }
  SeededRandom(const SeededRandom&) = delete;
  SeededRandom& operator=(const SeededRandom&) = delete;

 private:
  const RAND_METHOD* previous_;
  RAND_METHOD method_{};
};

// --- The generator's own draws (std::mt19937_64 is specified exactly; no std distributions,
// whose results differ between standard libraries).

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  uint64_t below(uint64_t n) { return n == 0 ? 0 : engine_() % n; }
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

 private:
  std::mt19937_64 engine_;
};

// --- Words of the city.

struct Ward {
  const char* code;
  const char* name;  // without 区
  double lat, lon;
  std::array<const char*, 3> districts;
};
const std::array<Ward, 10> kWards = {{
    {"chuo", "中央", 43.0554, 141.3410, {"すすきの", "大通", "円山"}},
    {"kita", "北", 43.0907, 141.3408, {"麻生", "篠路", "新琴似"}},
    {"higashi", "東", 43.0763, 141.3636, {"元町", "栄町", "伏古"}},
    {"shiroishi", "白石", 43.0474, 141.4050, {"南郷", "本通", "菊水"}},
    {"atsubetsu", "厚別", 43.0361, 141.4747, {"新さっぽろ", "もみじ台", "大谷地"}},
    {"toyohira", "豊平", 43.0312, 141.3800, {"平岸", "月寒", "福住"}},
    {"kiyota", "清田", 42.9996, 141.4438, {"平岡", "北野", "真栄"}},
    {"minami", "南", 42.9904, 141.3536, {"真駒内", "澄川", "藤野"}},
    {"nishi", "西", 43.0745, 141.3010, {"琴似", "発寒", "西野"}},
    {"teine", "手稲", 43.1217, 141.2456, {"手稲本町", "前田", "星置"}},
}};

const std::array<const char*, 24> kSyllables = {"さ", "つ", "き", "ひ", "ま", "わ", "り", "ほ",
                                                "し", "ぞ", "ら", "こ", "も", "れ", "び", "あ",
                                                "お", "ば", "や", "の", "は", "な", "み", "す"};

struct CategoryWords {
  domain::Category category;
  std::array<const char*, 3> suffixes;
  std::array<const char*, 4> services;
  bool night;  // slots that run past midnight
};
// Weighted by how often each kind of partner appears (the list repeats the common ones).
const std::array<CategoryWords, 16> kCategories = {{
    {domain::Category::kYouthSpace,
     {"の居場所", "ユースセンター", "ひろば"},
     {"夜の居場所", "食事の提供", "学習支援", "相談"},
     true},
    {domain::Category::kYouthSpace,
     {"こども食堂", "ひろば", "の家"},
     {"こども食堂", "学習支援", "見守り", "遊び場"},
     false},
    {domain::Category::kNightNursery,
     {"夜間保育園", "夜間保育所", "ナイトナーサリー"},
     {"夜間保育", "一時預かり", "病児保育", "休日保育"},
     true},
    {domain::Category::kFamilySupportCenter,
     {"児童家庭支援センター", "子育て支援センター", "家庭支援室"},
     {"子育て相談", "ショートステイ", "トワイライトステイ", "家庭訪問"},
     false},
    {domain::Category::kMedical,
     {"クリニック", "小児科", "産婦人科"},
     {"小児科診療", "妊婦健診", "発達相談", "予防接種"},
     false},
    {domain::Category::kMedical,
     {"病院", "こどもクリニック", "内科小児科"},
     {"夜間診療", "発達外来", "産後ケア", "母乳外来"},
     false},
    {domain::Category::kMidwife,
     {"助産院", "助産所", "母乳相談室"},
     {"産後ケア", "母乳相談", "妊娠相談", "訪問指導"},
     false},
    {domain::Category::kHealthCenter,
     {"保健センター", "健康づくりセンター", "保健相談所"},
     {"乳幼児健診", "母子手帳交付", "育児相談", "栄養相談"},
     false},
    {domain::Category::kSchool,
     {"小学校", "中学校", "高等学校"},
     {"スクールカウンセラー", "放課後学習", "登校支援", "教育相談"},
     false},
    {domain::Category::kNursery,
     {"保育園", "こども園", "幼稚園"},
     {"一時預かり", "延長保育", "子育て相談", "園庭開放"},
     false},
    {domain::Category::kNursery,
     {"保育所", "認定こども園", "乳児園"},
     {"一時預かり", "休日保育", "病後児保育", "子育てひろば"},
     false},
    {domain::Category::kResidentGroup,
     {"町内会", "民生委員協議会", "地区社会福祉協議会"},
     {"見守り", "ふれあいサロン", "子ども会", "登下校の見守り"},
     false},
    {domain::Category::kNpo,
     {"ネットワーク", "支援の会", "サポートセンター"},
     {"ひとり親支援", "フードバンク", "ヤングケアラー相談", "不登校の相談"},
     false},
    {domain::Category::kNpo,
     {"子ども応援団", "こども未来基金", "若者支援センター"},
     {"若者の相談", "就労支援", "外国ルーツの子の支援", "学習支援"},
     true},
    {domain::Category::kChildGuidanceCenter,
     {"児童相談所分室", "児童相談室", "こども相談所"},
     {"児童相談", "一時保護", "里親相談", "療育相談"},
     false},
    {domain::Category::kOther,
     {"学習教室", "こどもの家", "ファミリーサポート"},
     {"学習支援", "送迎支援", "ファミリーサポート", "家事支援"},
     true},
}};

const std::array<const char*, 14> kTags = {
    "子ども食堂", "学習支援", "夜間",   "相談",     "外国語対応",     "送迎", "一時保護",
    "産後ケア",   "発達支援", "不登校", "ひとり親", "ヤングケアラー", "無料", "予約不要"};
const std::array<const char*, 8> kSummaries = {
    "母が夜勤。3歳児の夜間保育を相談したい。",
    "中学生が夜に帰宅できない日がある。居場所を探している。",
    "産後の体調が不安定。産後ケアの利用を希望。",
    "妊婦健診が未受診。受診に同行してほしい。",
    "ひとり親家庭。食事の支援と学習支援を希望。",
    "発達の遅れが心配。相談先を紹介したい。",
    "不登校の小学生。日中の居場所を探している。",
    "外国籍の母。通訳付きの相談を希望。",
};
const std::array<const char*, 4> kIntakes = {
    "母の携帯に夕方以降連絡可。", "本人は対面での相談を希望。", "保健師が初回に同行予定。",
    "きょうだい2人。下の子は保育園在籍。"};
const std::array<const char*, 7> kDeclineReasons = {
    "no_capacity",       "no_capacity",     "not_eligible",        "out_of_area",
    "could_not_contact", "family_declined", "service_not_provided"};
const std::array<const char*, 3> kWithdrawReasons = {"family_declined", "referred_elsewhere",
                                                     "duplicate"};
const std::array<const char*, 6> kOutcomes = {"enrolled", "enrolled",   "got_help",
                                              "got_help", "waitlisted", "not_enrolled"};
const std::array<const char*, 4> kCloseReasons = {"支援目標を達成したため", "転出したため",
                                                  "関係機関に引き継いだため",
                                                  "家庭の状況が安定したため"};

std::string word(Rng& rng, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += kSyllables[rng.below(kSyllables.size())];
  return out;
}

std::string fmt_int(int64_t n) {
  std::string s = std::to_string(n), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) out.push_back(' ');
    out.push_back(s[i]);
  }
  return out;
}

TimePoint at_ms(int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }
int64_t ms_of(TimePoint t) { return t.time_since_epoch().count(); }

template <typename T>
T must(Result<T> r, const std::string& what) {
  if (!r.ok()) {
    std::fprintf(stderr, "gen: %s failed: %s\n", what.c_str(), r.error().to_string().c_str());
    std::exit(1);
  }
  return std::move(r).value();
}
void must(const Status& s, const std::string& what) {
  if (!s.ok()) {
    std::fprintf(stderr, "gen: %s failed: %s\n", what.c_str(), s.error().to_string().c_str());
    std::exit(1);
  }
}

// --- What is planned before the timeline runs.

enum Kind : uint8_t {
  kCaseCreate,
  kCaseRead,
  kRefCreate,
  kRefRead,
  kRefStep1,
  kRefStep2,
  kRefOverdue,
  kMeeting,
  // These go through domain functions that open a transaction of their own (run_own).
  kCaseClose,
  kDecision,
  kCapacity,
};
bool own_transaction(uint8_t k) { return k >= kCaseClose; }

struct Event {
  int64_t t;
  uint32_t index;
  uint8_t kind;
  bool operator<(const Event& o) const {
    if (t != o.t) return t < o.t;
    if (kind != o.kind) return kind < o.kind;
    return index < o.index;
  }
};

struct CasePlan {
  int64_t created, closes;  // closes: 0 when it stays open
  uint8_t ward;
  std::string id;  // known once created
  std::string lead;
};

// What becomes of a referral.
enum Path : uint8_t {
  kDraft,
  kStillSent,
  kExpired,
  kWithdrawnSent,
  kDeclined,
  kStillAccepted,
  kCompleted,
  kWithdrawnAccepted,
};

struct ReferralPlan {
  int64_t sent;       // created (and sent, unless a draft)
  int64_t step1 = 0;  // accept, decline, withdraw or expire
  int64_t step2 = 0;  // complete or withdraw after acceptance
  int64_t overdue = 0;
  int32_t case_index;
  int32_t organization;
  int32_t service = -1;
  int32_t sender;  // index into the ward's coordinators
  Path path;
  uint8_t reason = 0, outcome = 0, summary = 0, basis = 0;
  bool urgent = false;
  std::string id;
};

struct MeetingPlan {
  int64_t starts, recorded;
  uint8_t ward;
  uint8_t kind;
  std::vector<int32_t> cases;
  std::vector<int32_t> invited;
  std::string id;
};

struct OrgInfo {
  std::string id, name;
  std::vector<uint8_t> wards;
  std::vector<int32_t> services;  // indexes into service ids
  bool active = true;
  std::string partner_user;  // id, when it has one
};

const std::array<const char*, 5> kMeetingKinds = {"roundtable", "case_conference", "practitioners",
                                                  "individual", "child_guidance_conference"};

class City {
 public:
  City(const CityOptions& o, TimePoint now)
      : o_(o), rng_(o.seed), now_(ms_of(now)), t0_(now_ - 400 * kDay), clock_(at_ms(t0_)) {}

  void run(const std::string& path) {
    const auto start = Steady::now();
    auto opened = storage::Database::open({path, storage::Synchronous::kOff});
    db_ = must(std::move(opened), "open " + path);
    must(domain::audit::bind_chain_key(*db_), "audit key");
    // A generator's writer: 512 MiB of page cache (SQLite's default 2 MiB re-reads every index
    // page from the OS at this size) and a larger WAL between checkpoints.
    must(db_->write([](storage::Connection& c) -> Status {
      c.exec("PRAGMA cache_size = -524288");
      c.exec("PRAGMA wal_autocheckpoint = 32768");
      return Status::Ok();
    }),
         "writer settings");
    hasher_ = std::make_unique<domain::PasswordHasher>(domain::PasswordParams::cheap_for_tests());
    phase_start_ = Steady::now();
    must(domain::load_demo_from(*db_, clock_, {kCityPassword, hasher_.get()}, TSUNAGU_SEED_DIR),
         "demo network");
    phase("demo network (load_demo)", 1, "network");
    directory();
    users();
    plan();
    timeline();
    must(db_->write([&](storage::Connection& c) -> Status {
      nlohmann::json j = {
          {"seed", o_.seed}, {"case_reads", o_.case_reads}, {"now", format_rfc3339(at_ms(now_))}};
      for (const auto& [name, member] : kSizes) j[name] = o_.*member;
      c.prepare("INSERT OR REPLACE INTO server_meta (key, value) VALUES ('bench_city', ?1)")
          .bind(1, j.dump())
          .run();
      return Status::Ok();
    }),
         "server_meta");
    phase_start_ = Steady::now();
    db_->checkpoint();
    counts();
    db_.reset();
    std::error_code ec;
    const double mb = static_cast<double>(std::filesystem::file_size(path, ec)) / 1e6;
    phase("checkpoint", 1, "file");
    std::fprintf(stderr, "gen: done in %.1f s: %s (%.0f MB)\n",
                 std::chrono::duration<double>(Steady::now() - start).count(), path.c_str(), mb);
  }

 private:
  void phase(const char* what, int64_t n, const char* unit) {
    const double s = std::chrono::duration<double>(Steady::now() - phase_start_).count();
    std::fprintf(stderr, "gen: %-44s %12s %-10s %7.1f s %10.0f /s\n", what, fmt_int(n).c_str(),
                 unit, s, s > 0 ? static_cast<double>(n) / s : 0.0);
    phase_start_ = Steady::now();
  }

  Actor user_actor(storage::Connection& c, const std::string& username) {
    auto s = c.prepare("SELECT id FROM users WHERE username = ?1");
    s.bind(1, username);
    if (!s.step()) return {};
    auto user = must(domain::find_user(c, s.text(0)), "user " + username);
    return domain::actor_of(*user);
  }

  // Organizations and services through the domain, at the network's start.
  void directory() {
    admin_ = must(
        db_->read([&](storage::Connection& c) -> Result<Actor> { return user_actor(c, "admin"); }),
        "admin");
    ward_orgs_.resize(kWards.size());
    int64_t made_services = 0;
    std::vector<int32_t> service_org(static_cast<size_t>(o_.services));
    for (auto& s : service_org)
      s = static_cast<int32_t>(rng_.below(static_cast<uint64_t>(o_.organizations)));
    std::vector<std::vector<int32_t>> services_of(static_cast<size_t>(o_.organizations));
    for (size_t k = 0; k < service_org.size(); ++k) {
      services_of[static_cast<size_t>(service_org[k])].push_back(static_cast<int32_t>(k));
    }
    service_ids_.resize(service_org.size());
    const Date today = tokyo_date(at_ms(now_));
    for (int64_t done = 0; done < o_.organizations;) {
      must(db_->write([&](storage::Connection& c) -> Status {
        for (int n = 0; n < 250 && done < o_.organizations; ++n, ++done) {
          clock_.set(at_ms(t0_ + done * 1000));
          OrgInfo info;
          const auto& cat = kCategories[rng_.below(kCategories.size())];
          domain::OrganizationFields f;
          const std::string kana = word(rng_, 2 + static_cast<int>(rng_.below(3)));
          const uint8_t w = static_cast<uint8_t>(rng_.below(kWards.size()));
          info.wards.push_back(w);
          if (rng_.chance(0.2)) {
            const uint8_t w2 = static_cast<uint8_t>(rng_.below(kWards.size()));
            if (w2 != w) info.wards.push_back(w2);
          }
          const char* district = kWards[w].districts[rng_.below(3)];
          f.name = (rng_.chance(0.4) ? std::string(district) : std::string()) + kana +
                   cat.suffixes[rng_.below(3)];
          f.name_kana = kana;
          f.category = cat.category;
          for (auto x : info.wards) f.wards.push_back(kWards[x].code);
          f.district = rng_.chance(0.6) ? district : "";
          f.description = std::string(kWards[w].name) + "区" + district + "の" +
                          cat.suffixes[rng_.below(3)] + "。" + cat.services[rng_.below(4)] + "と" +
                          cat.services[rng_.below(4)] + "を行っています。" + word(rng_, 3) +
                          "の会が運営。";
          f.address = "札幌市" + std::string(kWards[w].name) + "区" + district +
                      std::to_string(1 + rng_.below(20)) + "条" +
                      std::to_string(1 + rng_.below(15)) + "丁目";
          const uint64_t av = rng_.below(20);
          f.address_visibility = av < 10   ? domain::AddressVisibility::kPublic
                                 : av < 17 ? domain::AddressVisibility::kNetwork
                                           : domain::AddressVisibility::kHidden;
          if (!rng_.chance(0.05)) {
            f.lat = kWards[w].lat + (rng_.unit() - 0.5) * 0.04;
            f.lon = kWards[w].lon + (rng_.unit() - 0.5) * 0.05;
          }
          f.phone = "011-" + std::to_string(200 + rng_.below(800)) + "-" +
                    std::to_string(1000 + rng_.below(9000));
          if (rng_.chance(0.5)) f.email = "info" + std::to_string(done) + "@example.jp";
          if (rng_.chance(0.4)) f.website = "https://example.jp/o" + std::to_string(done);
          f.council_member = rng_.chance(0.4);
          f.visibility =
              rng_.chance(0.75) ? domain::Visibility::kPublic : domain::Visibility::kNetwork;
          const int ntags = static_cast<int>(rng_.below(4));
          for (int t = 0; t < ntags; ++t) {
            std::string tag = kTags[rng_.below(kTags.size())];
            if (std::find(f.tags.begin(), f.tags.end(), tag) == f.tags.end()) f.tags.push_back(tag);
          }
          f.languages = {"ja"};
          if (rng_.chance(0.1)) f.languages.push_back("en");
          if (rng_.chance(0.05)) f.languages.push_back(rng_.chance(0.5) ? "zh" : "vi");
          // Weekly slots: night partners run past midnight; some close on Sundays.
          const int opens =
              cat.night ? (17 + static_cast<int>(rng_.below(4))) * 60
                        : (7 + static_cast<int>(rng_.below(4))) * 60 + (rng_.chance(0.3) ? 30 : 0);
          const int closes = cat.night ? (1 + static_cast<int>(rng_.below(6))) * 60
                                       : opens + (6 + static_cast<int>(rng_.below(6))) * 60;
          for (int d = 0; d < 7; ++d) {
            if (d == 0 && !cat.night && rng_.chance(0.7)) continue;
            f.hours.push_back({d, std::nullopt, false, opens, closes % 1440, ""});
          }
          if (rng_.chance(0.15)) {  // dated exceptions: a closed day and shorter hours
            f.hours.push_back({std::nullopt, add_days(today, static_cast<int64_t>(rng_.below(20))),
                               true, 0, 0, "臨時休業"});
            f.hours.push_back({std::nullopt,
                               add_days(today, 20 + static_cast<int64_t>(rng_.below(20))), false,
                               opens, (opens + 180) % 1440, "短縮営業"});
          }
          info.active = !rng_.chance(0.03);
          f.status = info.active ? domain::EntryStatus::kActive : domain::EntryStatus::kInactive;
          auto o = domain::insert_organization(c, clock_, &admin_, meta_, f);
          if (!o.ok()) return o.error();
          info.id = o->id;
          info.name = f.name;
          for (int32_t k : services_of[static_cast<size_t>(done)]) {
            domain::ServiceFields s;
            s.name = cat.services[rng_.below(4)];
            s.description = word(rng_, 3) + "さんたちの" + s.name + "。" +
                            (rng_.chance(0.5) ? "予約制です。" : "予約は不要です。");
            if (rng_.chance(0.5)) s.eligibility = rng_.chance(0.5) ? "区内在住の方" : "どなたでも";
            if (rng_.chance(0.6)) {
              s.age_min = static_cast<int>(rng_.below(10));
              s.age_max = *s.age_min + 3 + static_cast<int>(rng_.below(12));
            }
            s.fee = rng_.chance(0.6) ? "無料" : "1回500円";
            s.how_to_apply = rng_.chance(0.5) ? "電話で申し込み" : "窓口で申し込み";
            if (rng_.chance(0.2)) {
              for (int d = 1; d <= 5; ++d)
                s.hours.push_back({d, std::nullopt, false, 600, 960, ""});
            }
            s.status =
                rng_.chance(0.03) ? domain::EntryStatus::kInactive : domain::EntryStatus::kActive;
            auto made = domain::insert_service(c, clock_, &admin_, meta_, o->id, s);
            if (!made.ok()) return made.error();
            service_ids_[static_cast<size_t>(k)] = made->id;
            if (s.status == domain::EntryStatus::kActive) info.services.push_back(k);
            ++made_services;
          }
          if (info.active) {
            for (auto x : info.wards) ward_orgs_[x].push_back(static_cast<int32_t>(orgs_.size()));
            city_orgs_.push_back(static_cast<int32_t>(orgs_.size()));
          }
          orgs_.push_back(std::move(info));
        }
        return Status::Ok();
      }),
           "organizations");
    }
    phase("organizations (insert_organization)", o_.organizations, "orgs");
    std::fprintf(stderr, "gen:   with %s services (insert_service)\n",
                 fmt_int(made_services).c_str());
  }

  void users() {
    const std::string hash = hasher_->hash(kCityPassword);
    int64_t made = 0;
    must(db_->write([&](storage::Connection& c) -> Status {
      auto add = [&](const std::string& username, const std::string& display, domain::Role role,
                     std::vector<std::string> wards,
                     std::optional<std::string> org) -> Result<Actor> {
        Actor existing = user_actor(c, username);
        if (!existing.user_id.empty()) return existing;
        domain::NewUser u;
        u.username = username;
        u.display_name = display;
        u.role = role;
        u.wards = std::move(wards);
        u.organization_id = std::move(org);
        u.password = kCityPassword;
        TRY_ASSIGN(auto user, domain::Accounts::insert(c, clock_, u, hash));
        ++made;
        return domain::actor_of(user);
      };
      coordinators_.resize(kWards.size());
      staff_.resize(kWards.size());
      for (size_t w = 0; w < kWards.size(); ++w) {
        const std::string code = kWards[w].code, name = std::string(kWards[w].name) + "区";
        for (int k = 1; k <= 2; ++k) {
          TRY_ASSIGN(auto a, add((k == 1 ? "coord." : "coord2.") + code,
                                 name + " おやこ支援担当係長" + (k == 1 ? "" : "（副）"),
                                 domain::Role::kCoordinator, {code}, std::nullopt));
          coordinators_[w].push_back(a);
        }
        for (int k = 1; k <= 6; ++k) {
          TRY_ASSIGN(auto a,
                     add("staff." + code + "." + std::to_string(k),
                         name + (k % 2 ? " 保健師 " : " 家庭児童相談員 ") + std::to_string(k),
                         domain::Role::kWardStaff, {code}, std::nullopt));
          staff_[w].push_back(a);
        }
      }
      partner_of_.assign(orgs_.size(), -1);
      for (size_t i = 0; i < orgs_.size(); ++i) {
        if (!orgs_[i].active) continue;
        char name[32];
        std::snprintf(name, sizeof name, "partner.o%05zu", i);
        TRY_ASSIGN(auto a,
                   add(name, orgs_[i].name + " 担当", domain::Role::kPartner, {}, orgs_[i].id));
        orgs_[i].partner_user = a.user_id;
        partners_.push_back(a);
        partner_of_[i] = static_cast<int32_t>(partners_.size() - 1);
      }
      return Status::Ok();
    }),
         "users");
    phase("users (Accounts::insert)", made, "users");
  }

  // Every event of the timeline, planned before any runs.
  void plan() {
    const int64_t year_start = now_ - 365 * kDay;
    // Cases: opened from the network's start to three days ago; a quarter of the older ones
    // closed 2–10 months after they opened.
    const int64_t c_from = t0_ + 2 * kDay, c_to = now_ - 3 * kDay;
    cases_.resize(static_cast<size_t>(o_.cases));
    ward_cases_.resize(kWards.size());
    for (int64_t i = 0; i < o_.cases; ++i) {
      CasePlan& k = cases_[static_cast<size_t>(i)];
      k.created = c_from + static_cast<int64_t>((static_cast<double>(i) + rng_.unit()) *
                                                static_cast<double>(c_to - c_from) /
                                                static_cast<double>(o_.cases));
      const uint64_t slot = rng_.below(kWards.size() + 1);
      k.ward = static_cast<uint8_t>(slot == kWards.size() ? 0 : slot);
      k.closes = 0;
      if (rng_.chance(0.25)) {
        const int64_t closes =
            k.created + 60 * kDay + static_cast<int64_t>(rng_.unit() * 240 * kDay);
        if (closes < now_ - kDay) k.closes = closes;
      }
      ward_cases_[k.ward].push_back(static_cast<int32_t>(i));
      events_.push_back({k.created, static_cast<uint32_t>(i), kCaseCreate});
      if (k.closes) events_.push_back({k.closes, static_cast<uint32_t>(i), kCaseClose});
    }
    // An open case of ward `w` opened before `t` (and not closing within `margin`), recent ones
    // likelier; -1 when there is none.
    auto open_case = [&](uint8_t w, int64_t t, int64_t margin) -> int32_t {
      const auto& list = ward_cases_[w];
      auto end = std::upper_bound(list.begin(), list.end(), t, [&](int64_t x, int32_t ci) {
        return x < cases_[static_cast<size_t>(ci)].created;
      });
      const uint64_t n = static_cast<uint64_t>(end - list.begin());
      if (n == 0) return -1;
      for (int attempt = 0; attempt < 30; ++attempt) {
        const uint64_t back = rng_.below(std::min<uint64_t>(n, 4000));
        const int32_t ci = list[n - 1 - back];
        const int64_t closes = cases_[static_cast<size_t>(ci)].closes;
        if (closes == 0 || closes > t + margin) return ci;
      }
      return -1;
    };
    const Date today = tokyo_date(at_ms(now_));
    referrals_.resize(static_cast<size_t>(o_.referrals));
    for (int64_t j = 0; j < o_.referrals; ++j) {
      ReferralPlan& r = referrals_[static_cast<size_t>(j)];
      r.sent = year_start + static_cast<int64_t>((static_cast<double>(j) + rng_.unit()) *
                                                 static_cast<double>(365 * kDay - 2 * kHour) /
                                                 static_cast<double>(o_.referrals));
      const uint64_t slot = rng_.below(kWards.size() + 1);
      uint8_t w = static_cast<uint8_t>(slot == kWards.size() ? 0 : slot);
      int32_t ci = open_case(w, r.sent - kHour, 60 * kDay);
      // A small city may have no open case in that ward yet: the next ward that has one.
      for (size_t next = 1; ci < 0 && next <= kWards.size(); ++next) {
        ci = open_case(static_cast<uint8_t>((w + next) % kWards.size()), r.sent - kHour, 0);
      }
      if (ci < 0) {
        std::fprintf(stderr, "gen: no open case before a referral; more cases are needed\n");
        std::exit(1);
      }
      w = cases_[static_cast<size_t>(ci)].ward;
      r.case_index = ci;
      const auto& local = ward_orgs_[w];
      const auto& pool = (local.empty() || rng_.chance(0.15)) ? city_orgs_ : local;
      const double u = rng_.unit();
      r.organization = pool[static_cast<size_t>(u * u * static_cast<double>(pool.size()))];
      const auto& services = orgs_[static_cast<size_t>(r.organization)].services;
      if (!services.empty() && rng_.chance(0.5)) {
        r.service = services[rng_.below(services.size())];
      }
      r.sender = static_cast<int32_t>(rng_.below(2));
      r.urgent = rng_.chance(0.08);
      r.summary = static_cast<uint8_t>(rng_.below(kSummaries.size()));
      r.basis = static_cast<uint8_t>(rng_.below(20));  // <9 consent, <19 council, else statute
      const Date due = add_days(tokyo_date(at_ms(r.sent)), r.urgent ? 1 : 7);
      // The server's timer runs every few minutes; 00:05 the day after due_by stands for it.
      const int64_t timer =
          ms_of(must(parse_rfc3339(format_date(add_days(due, 1)) + "T00:05:00+09:00"), "due"));
      const int64_t answer =
          r.sent + kHour + static_cast<int64_t>(rng_.unit() * (r.urgent ? 20 : 84) * kHour);
      const bool due_passed = format_date(due) < format_date(today);
      if (rng_.chance(0.01)) {
        r.path = kDraft;
      } else if (rng_.chance(0.07) || answer > now_) {
        r.path = due_passed ? kExpired : kStillSent;
        if (due_passed) r.step1 = timer;
      } else {
        r.step1 = answer;
        const double v = rng_.unit();
        if (v < 0.05) {
          r.path = kWithdrawnSent;
          r.reason = static_cast<uint8_t>(rng_.below(kWithdrawReasons.size()));
        } else if (v < 0.25) {
          r.path = kDeclined;
          r.reason = static_cast<uint8_t>(rng_.below(kDeclineReasons.size()));
        } else {
          const double d = rng_.unit();
          const int64_t later = answer + kDay + static_cast<int64_t>(d * d * 30 * kDay);
          if (rng_.chance(0.04) && later <= now_) {
            r.path = kWithdrawnAccepted;
            r.reason = static_cast<uint8_t>(rng_.below(kWithdrawReasons.size()));
            r.step2 = later;
          } else if (later <= now_) {
            r.path = kCompleted;
            r.outcome = static_cast<uint8_t>(rng_.below(kOutcomes.size()));
            r.step2 = later;
          } else {
            r.path = kStillAccepted;
          }
          // Accepted and still without an outcome when the timer passes due_by: told once.
          const int64_t end = r.path == kStillAccepted ? now_ : r.step2;
          if (timer > answer && timer < end && timer <= now_) r.overdue = timer;
        }
      }
      const uint32_t idx = static_cast<uint32_t>(j);
      if (rng_.chance(o_.case_reads)) events_.push_back({r.sent - 5 * kMinute, idx, kCaseRead});
      events_.push_back({r.sent, idx, kRefCreate});
      const bool answered = r.path == kDeclined || r.path == kCompleted ||
                            r.path == kStillAccepted || r.path == kWithdrawnAccepted;
      if (answered) events_.push_back({r.step1 - 10 * kMinute, idx, kRefRead});
      if (r.step1) events_.push_back({r.step1, idx, kRefStep1});
      if (r.step2) events_.push_back({r.step2, idx, kRefStep2});
      if (r.overdue) events_.push_back({r.overdue, idx, kRefOverdue});
    }
    // Meetings: from the network's start to a month ahead; those past were recorded as held
    // three hours after they began, the coming ones planned in the last two weeks.
    const int64_t m_from = t0_ + 5 * kDay, m_to = now_ + 30 * kDay;
    meetings_.resize(static_cast<size_t>(o_.meetings));
    for (int64_t i = 0; i < o_.meetings; ++i) {
      MeetingPlan& m = meetings_[static_cast<size_t>(i)];
      const int64_t day = m_from + static_cast<int64_t>((static_cast<double>(i) + rng_.unit()) *
                                                        static_cast<double>(m_to - m_from) /
                                                        static_cast<double>(o_.meetings));
      const int64_t tokyo_midnight = (day + 9 * kHour) / kDay * kDay - 9 * kHour;
      const int hours[] = {10, 14, 18};
      m.starts = tokyo_midnight + hours[rng_.below(3)] * kHour;
      const uint64_t slot = rng_.below(kWards.size() + 1);
      m.ward = static_cast<uint8_t>(slot == kWards.size() ? 0 : slot);
      const uint64_t kind = rng_.below(20);
      m.kind = kind < 5 ? 0 : kind < 12 ? 1 : kind < 15 ? 2 : kind < 18 ? 3 : 4;
      m.recorded = m.starts + 3 * kHour <= now_
                       ? m.starts + 3 * kHour
                       : now_ - static_cast<int64_t>(rng_.unit() * 14 * kDay);
      if (m.kind != 0) {
        const int n = 1 + static_cast<int>(rng_.below(4));
        for (int a = 0; a < n; ++a) {
          const int32_t ci = open_case(m.ward, m.recorded - kHour, 2 * kDay);
          if (ci >= 0 && std::find(m.cases.begin(), m.cases.end(), ci) == m.cases.end()) {
            m.cases.push_back(ci);
          }
        }
      }
      const auto& local = ward_orgs_[m.ward];
      const int invited = local.empty() ? 0 : 1 + static_cast<int>(rng_.below(4));
      for (int a = 0; a < invited; ++a) {
        const int32_t org = local[rng_.below(local.size())];
        if (std::find(m.invited.begin(), m.invited.end(), org) == m.invited.end()) {
          m.invited.push_back(org);
        }
      }
      events_.push_back({m.recorded, static_cast<uint32_t>(i), kMeeting});
      if (m.starts + 3 * kHour <= now_) {
        events_.push_back({m.recorded + 10 * kMinute, static_cast<uint32_t>(i), kDecision});
      }
    }
    // Capacity: four in five partners reported within the last two months (some are stale).
    for (size_t i = 0; i < orgs_.size(); ++i) {
      if (!orgs_[i].active || !rng_.chance(0.8)) continue;
      const double u = rng_.unit();
      events_.push_back(
          {now_ - static_cast<int64_t>(u * u * 60 * kDay), static_cast<uint32_t>(i), kCapacity});
    }
    std::sort(events_.begin(), events_.end());
    phase("plan of the timeline (sorted events)", static_cast<int64_t>(events_.size()), "events");
  }

  // --- The timeline.

  const Actor& sender_of(const ReferralPlan& r) {
    return coordinators_[cases_[static_cast<size_t>(r.case_index)].ward]
                        [static_cast<size_t>(r.sender)];
  }
  const Actor& partner_of(const ReferralPlan& r) {
    return partners_[static_cast<size_t>(partner_of_[static_cast<size_t>(r.organization)])];
  }
  audit::Entry referral_entry(const char* action, const ReferralPlan& r,
                              std::optional<std::string> detail = {}) {
    return {action,
            "referral",
            r.id,
            cases_[static_cast<size_t>(r.case_index)].id,
            orgs_[static_cast<size_t>(r.organization)].id,
            std::move(detail)};
  }
  // A notification as referral_store::notify builds it, for the audience it names.
  void notify(storage::Connection& c, const ReferralPlan& r, const char* kind, const char* status,
              bool to_partner) {
    domain::NotificationNote note;
    note.kind = kind;
    note.referral_id = r.id;
    note.urgency = r.urgent ? "urgent" : "routine";
    note.status = status;
    note.organization_name = orgs_[static_cast<size_t>(r.organization)].name;
    note.link = "/referrals/" + r.id;
    if (to_partner) {
      domain::deliver(c, clock_, note, {}, {orgs_[static_cast<size_t>(r.organization)].id});
    } else {
      domain::deliver(c, clock_, note,
                      {sender_of(r).user_id, cases_[static_cast<size_t>(r.case_index)].lead}, {});
    }
  }

  void insert_referral(storage::Connection& c, ReferralPlan& r) {
    r.id = new_uuid();
    const CasePlan& k = cases_[static_cast<size_t>(r.case_index)];
    const Actor& sender = sender_of(r);
    const Actor& partner = partner_of(r);
    const bool sent = r.path != kDraft;
    const std::string sent_at = format_utc(at_ms(r.sent));
    std::optional<std::string> step1, step2;
    if (r.step1) step1 = format_utc(at_ms(r.step1));
    if (r.step2) step2 = format_utc(at_ms(r.step2));
    const char* status = "sent";
    std::optional<std::string> reason, outcome, responded, closed, note;
    int64_t version = 1;
    std::optional<std::string> updated = sent_at;
    // The events as Referrals::create/transition and expire_overdue insert them, written after
    // the referral row they refer to.
    struct Step {
      std::optional<std::string> at;
      const Actor* actor;
      const char* from;
      const char* to;
      std::optional<std::string> why, text;
    };
    std::vector<Step> steps;
    auto event = [&](const std::optional<std::string>& at, const Actor* actor, const char* from,
                     const char* to, const std::optional<std::string>& why,
                     const std::optional<std::string>& text) {
      steps.push_back({at, actor, from, to, why, text});
    };
    event(sent_at, &sender, nullptr, "draft", std::nullopt, std::nullopt);
    if (sent) event(sent_at, &sender, "draft", "sent", std::nullopt, std::nullopt);
    switch (r.path) {
      case kDraft:
        status = "draft";
        break;
      case kStillSent:
        break;
      case kExpired:
        status = "expired";
        closed = step1;
        event(step1, nullptr, "sent", "expired", std::nullopt, "No answer by the due date.");
        break;
      case kWithdrawnSent:
        status = "withdrawn";
        reason = kWithdrawReasons[r.reason];
        closed = step1;
        event(step1, &sender, "sent", "withdrawn", reason, std::nullopt);
        break;
      case kDeclined:
        status = "declined";
        reason = kDeclineReasons[r.reason];
        responded = closed = step1;
        event(step1, &partner, "sent", "declined", reason, std::nullopt);
        break;
      case kStillAccepted:
      case kCompleted:
      case kWithdrawnAccepted:
        status = "accepted";
        responded = step1;
        event(step1, &partner, "sent", "accepted", std::nullopt, std::nullopt);
        if (r.path == kCompleted) {
          status = "completed";
          outcome = kOutcomes[r.outcome];
          closed = step2;
          event(step2, &partner, "accepted", "completed", std::nullopt, std::nullopt);
        } else if (r.path == kWithdrawnAccepted) {
          status = "withdrawn";
          reason = kWithdrawReasons[r.reason];
          closed = step2;
          event(step2, &sender, "accepted", "withdrawn", reason, std::nullopt);
        }
        break;
    }
    if (r.step1) ++version, updated = step1;
    if (r.step2) ++version, updated = step2;
    const Date due = add_days(tokyo_date(at_ms(r.sent)), r.urgent ? 1 : 7);
    const bool consent = r.basis < 9;
    c.prepare(
         "INSERT INTO referrals (id, case_id, ward, organization_id, service_id, status, urgency,"
         " legal_basis, consent_obtained_on, consent_obtained_by, consent_scope, summary,"
         " intake_note, internal_note, due_by, reason_code, response_note, outcome, version,"
         " created_by, created_at, updated_at, sent_at, responded_at, closed_at,"
         " overdue_notified_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
         " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)")
        .bind(1, r.id)
        .bind(2, k.id)
        .bind(3, std::string(kWards[k.ward].code))
        .bind(4, orgs_[static_cast<size_t>(r.organization)].id)
        .bind(5, r.service >= 0 ? std::optional(service_ids_[static_cast<size_t>(r.service)])
                                : std::nullopt)
        .bind(6, status)
        .bind(7, r.urgent ? "urgent" : "routine")
        .bind(8, consent        ? "consent"
                 : r.basis < 19 ? "council"
                                : "statute")
        .bind(9, consent ? std::optional(format_date(tokyo_date(at_ms(r.sent)))) : std::nullopt)
        .bind(10, consent ? std::optional(sender.username) : std::nullopt)
        .bind(11, consent ? std::optional<std::string>("紹介先との情報共有に同意") : std::nullopt)
        .bind(12, kSummaries[r.summary])
        .bind(13,
              r.summary % 2 ? std::optional<std::string>(kIntakes[r.summary % 4]) : std::nullopt)
        .bind(14,
              r.summary % 5 == 0 ? std::optional<std::string>("前回の紹介は辞退。") : std::nullopt)
        .bind(15, sent ? std::optional(format_date(due)) : std::nullopt)
        .bind(16, reason)
        .bind(17, note)
        .bind(18, outcome)
        .bind(19, version)
        .bind(20, sender.user_id)
        .bind(21, sent_at)
        .bind(22, *updated)
        .bind(23, sent ? std::optional(sent_at) : std::nullopt)
        .bind(24, responded)
        .bind(25, closed)
        .bind(26, r.overdue ? std::optional(format_utc(at_ms(r.overdue))) : std::nullopt)
        .run();
    for (const Step& e : steps) {
      c.prepare(
           "INSERT INTO referral_events (referral_id, at, actor_id, actor_role, from_status,"
           " to_status, reason_code, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
          .bind(1, r.id)
          .bind(2, *e.at)
          .bind(3, e.actor ? std::optional(e.actor->user_id) : std::nullopt)
          .bind(4, e.actor ? to_string(e.actor->role) : "system")
          .bind(5, e.from ? std::optional<std::string>(e.from) : std::nullopt)
          .bind(6, e.to)
          .bind(7, e.why)
          .bind(8, e.text)
          .run();
    }
    if (sent) notify(c, r, "referral.received", "sent", true);
    audit::append(c, clock_, &sender, meta_,
                  referral_entry("referral.create", r, sent ? "sent" : "draft"));
    ++audits_;
  }

  // The step a referral takes at step1 or step2: its notification and audit entry.
  void referral_step(storage::Connection& c, const ReferralPlan& r, bool second) {
    const Actor* actor = nullptr;
    const char *from = "sent", *to = nullptr;
    bool to_partner = false;
    switch (r.path) {
      case kExpired:
        notify(c, r, "referral.expired", "expired", false);
        audit::append(c, clock_, nullptr, {}, referral_entry("referral.expire", r));
        ++audits_;
        return;
      case kWithdrawnSent:
        actor = &sender_of(r), to = "withdrawn", to_partner = true;
        break;
      case kDeclined:
        actor = &partner_of(r), to = "declined";
        break;
      case kCompleted:
      case kWithdrawnAccepted:
      case kStillAccepted:
        if (!second) {
          actor = &partner_of(r), to = "accepted";
        } else if (r.path == kCompleted) {
          actor = &partner_of(r), from = "accepted", to = "completed";
        } else {
          actor = &sender_of(r), from = "accepted", to = "withdrawn", to_partner = true;
        }
        break;
      default:
        return;
    }
    notify(c, r, to_partner ? "referral.withdrawn" : "referral.decided", to, to_partner);
    audit::append(c, clock_, actor, actor->role == domain::Role::kPartner ? partner_meta_ : meta_,
                  referral_entry("referral.transition", r, std::string(from) + "->" + to));
    ++audits_;
  }

  Status run(storage::Connection& c, const Event& e) {
    clock_.set(at_ms(e.t));
    switch (e.kind) {
      case kCaseCreate: {
        CasePlan& k = cases_[e.index];
        const auto& staff = staff_[k.ward];
        const Actor& lead = staff[e.index % staff.size()];
        const Actor& by = coordinators_[k.ward][e.index % 2];
        domain::CaseFields f;
        f.ward = kWards[k.ward].code;
        f.case_ref = std::string(kWards[k.ward].name) + "-" +
                     format_date(tokyo_date(at_ms(k.created))).substr(0, 4) + "-" +
                     std::to_string(10000 + e.index);
        const char letters[] = "ABCDEFGHIJKMNOPRSTUWY";
        f.household_label =
            std::string(1, letters[rng_.below(21)]) + "." + letters[rng_.below(21)] + ".";
        std::vector<std::string> risks;
        const double u = rng_.unit();
        if (u < 0.15) risks.push_back("specified_pregnancy");
        if (u > 0.1 && u < 0.22) risks.push_back("abuse_certified");
        if (u > 0.3 && u < 0.8) risks.push_back("parenting_difficulty");
        if (u >= 0.95) risks.push_back("other");
        f.risk_categories = risks;
        const uint64_t level = rng_.below(20);
        f.risk_level = level < 8 ? "low" : level < 15 ? "medium" : "high";
        if (!risks.empty() && risks[0] == "abuse_certified") f.risk_level = "high";
        const uint64_t sec = rng_.below(3);
        f.sections = sec == 0 ? std::vector<std::string>{"maternal_child_health"}
                     : sec == 1
                         ? std::vector<std::string>{"child_welfare"}
                         : std::vector<std::string>{"maternal_child_health", "child_welfare"};
        f.lead_user_id = std::optional(lead.user_id);
        domain::SupportPlanPatch plan;
        plan.goals = std::vector<std::string>{"生活リズムを整える", "相談先を持つ"};
        plan.family_voice = "困ったときに相談できる場所がほしい";
        plan.services = std::vector<std::string>{"家庭訪問"};
        plan.review_by = std::optional(format_date(
            add_days(tokyo_date(at_ms(k.created)), 90 + static_cast<int64_t>(rng_.below(90)))));
        f.support_plan = plan;
        f.next_review_on = std::optional(format_date(
            add_days(tokyo_date(at_ms(k.created)), 30 + static_cast<int64_t>(rng_.below(60)))));
        TRY_ASSIGN(auto made, domain::insert_case(c, clock_, by, meta_, f));
        k.id = made.id;
        k.lead = lead.user_id;
        ++audits_;
        return Status::Ok();
      }
      case kCaseRead: {
        const ReferralPlan& r = referrals_[e.index];
        audit::append(c, clock_, &sender_of(r), meta_,
                      {"case.read", "case", cases_[static_cast<size_t>(r.case_index)].id,
                       cases_[static_cast<size_t>(r.case_index)].id, std::nullopt, std::nullopt});
        ++audits_;
        return Status::Ok();
      }
      case kRefCreate:
        insert_referral(c, referrals_[e.index]);
        return Status::Ok();
      case kRefRead: {
        const ReferralPlan& r = referrals_[e.index];
        audit::append(c, clock_, &partner_of(r), partner_meta_, referral_entry("referral.read", r));
        ++audits_;
        return Status::Ok();
      }
      case kRefStep1:
      case kRefStep2:
        referral_step(c, referrals_[e.index], e.kind == kRefStep2);
        return Status::Ok();
      case kRefOverdue: {
        const ReferralPlan& r = referrals_[e.index];
        notify(c, r, "referral.overdue", "accepted", false);
        audit::append(c, clock_, nullptr, {}, referral_entry("referral.overdue", r));
        ++audits_;
        return Status::Ok();
      }
      case kMeeting:
        return insert_meeting(c, meetings_[e.index]);
      default:
        return Error::Internal("not a batched event");
    }
    return Status::Ok();
  }

  Status insert_meeting(storage::Connection& c, MeetingPlan& m) {
    const Actor& by = coordinators_[m.ward][m.recorded % 2 == 0 ? 0 : 1];
    const bool held = m.starts + 3 * kHour <= now_;
    const std::string kind = kMeetingKinds[m.kind];
    domain::MeetingFields f;
    f.kind = kind;
    f.title = std::string(kWards[m.ward].name) + "区 " +
              domain::kind_label(domain::parse_word<domain::MeetingKind>(kind).value()) + " " +
              format_date(tokyo_date(at_ms(m.starts)));
    f.ward = kWards[m.ward].code;
    if (m.kind == 0) f.district = kWards[m.ward].districts[m.starts / kDay % 3];
    f.starts_at = format_rfc3339(at_ms(m.starts));
    f.ends_at = format_rfc3339(at_ms(m.starts + 90 * kMinute));
    f.place = std::string(kWards[m.ward].name) + "区役所 会議室";
    f.status = held ? "held" : "planned";
    std::vector<std::string> invited;
    std::vector<domain::Attendee> attendees;
    attendees.push_back({std::nullopt, by.user_id, std::nullopt, std::string("司会"),
                         held ? std::optional(true) : std::nullopt});
    attendees.push_back({std::nullopt, staff_[m.ward][m.starts / kDay % 6].user_id, std::nullopt,
                         std::string("記録"), held ? std::optional(true) : std::nullopt});
    for (int32_t o : m.invited) {
      invited.push_back(orgs_[static_cast<size_t>(o)].id);
      attendees.push_back({orgs_[static_cast<size_t>(o)].id, std::nullopt, std::nullopt,
                           std::string("参加"),
                           held ? std::optional(m.starts / kMinute % 5 != 0) : std::nullopt});
    }
    if (m.kind == 0) {
      attendees.push_back({std::nullopt, std::nullopt, std::string("民生委員 ") + word(rng_, 2),
                           std::string("参加"), held ? std::optional(true) : std::nullopt});
    }
    f.invited_organization_ids = invited;
    f.attendees = attendees;
    std::vector<domain::AgendaItem> agenda;
    if (m.kind == 0) {
      agenda.push_back({"地域の子どもの居場所について", std::nullopt, ""});
      agenda.push_back({"夜間の見守り体制", std::nullopt, ""});
    }
    for (int32_t ci : m.cases) {
      agenda.push_back({"ケース検討", cases_[static_cast<size_t>(ci)].id, "支援の方針を確認"});
    }
    f.agenda = agenda;
    if (held) f.minutes = "参加者で現状を共有し、次回までの役割分担を確認した。";
    TRY_ASSIGN(auto made, domain::insert_meeting(c, clock_, by, meta_, f));
    m.id = made.id;
    ++audits_;
    if (!held) return Status::Ok();
    const int items = 1 + static_cast<int>(m.starts / kMinute % 2);
    for (int a = 0; a < items; ++a) {
      domain::ActionItemFields item;
      item.title = a == 0 ? "次回の見守り当番を決める" : "関係機関に連絡する";
      const Date due = add_days(tokyo_date(at_ms(m.starts)), 14);
      item.due_on = format_date(due);
      if (a == 1 && !invited.empty()) {
        item.owner_organization_id = invited[0];
      } else {
        item.owner_user_id = by.user_id;
      }
      item.status = (m.starts < now_ - 21 * kDay && m.starts / kMinute % 5 != 1) ? "done" : "open";
      TRY(domain::insert_action_item(c, clock_, by, meta_, m.id, item));
      ++audits_;
    }
    return Status::Ok();
  }

  // Closures, decisions and capacity reports go through the domain's own functions, each of
  // which opens a transaction: they run right after the batch that holds their time, at that
  // batch's last time if theirs is earlier, so the audit chain stays in time order.
  void run_own(const Event& e, int64_t not_before) {
    clock_.set(at_ms(std::max(e.t, not_before)));
    switch (e.kind) {
      case kCaseClose: {
        const CasePlan& k = cases_[e.index];
        domain::Cases cases(*db_, clock_);
        must(cases.close(coordinators_[k.ward][0], meta_, k.id, kCloseReasons[e.index % 4],
                         std::nullopt),
             "case close");
        break;
      }
      case kDecision: {
        const MeetingPlan& m = meetings_[e.index];
        domain::Meetings meetings(*db_, clock_);
        domain::NewDecision d;
        d.text = m.cases.empty() ? "次回は夏休み前に開催する。" : "支援方針を継続し、次回見直す。";
        if (!m.cases.empty()) {
          d.case_id = cases_[static_cast<size_t>(m.cases[0])].id;
          d.next_review_on = format_date(add_days(tokyo_date(at_ms(m.starts)), 60));
        }
        must(meetings.decide(coordinators_[m.ward][m.recorded % 2 == 0 ? 0 : 1], meta_, m.id, d,
                             std::nullopt),
             "decision");
        break;
      }
      case kCapacity: {
        const OrgInfo& o = orgs_[e.index];
        const Actor& p = partners_[static_cast<size_t>(partner_of_[e.index])];
        const auto status = static_cast<domain::CapacityStatus>(e.index % 4);
        must(domain::update_capacity(*db_, clock_, &p, partner_meta_, o.id, std::nullopt, status,
                                     e.index % 3 == 0 ? "今月は空きがあります" : ""),
             "capacity");
        break;
      }
      default:
        break;
    }
    ++audits_;
  }

  void timeline() {
    size_t i = 0;
    size_t next_report = events_.size() / 10;
    const auto start = Steady::now();
    int64_t made_cases = 0, made_referrals = 0;
    while (i < events_.size()) {
      // One batch: the events of one Sapporo day (at most 20 000), then the deferred ones.
      const int64_t day_end = (events_[i].t + 9 * kHour) / kDay * kDay + kDay - 9 * kHour;
      std::vector<size_t> deferred;
      int64_t last = events_[i].t;
      must(db_->write([&](storage::Connection& c) -> Status {
        for (int n = 0; n < 20000 && i < events_.size() && events_[i].t < day_end; ++n, ++i) {
          if (own_transaction(events_[i].kind)) {
            deferred.push_back(i);
            continue;
          }
          made_cases += events_[i].kind == kCaseCreate;
          made_referrals += events_[i].kind == kRefCreate;
          last = events_[i].t;
          TRY(run(c, events_[i]));
        }
        return Status::Ok();
      }),
           "timeline at " + format_utc(clock_.now()));
      for (size_t d : deferred) run_own(events_[d], last);
      if (i >= next_report || i == events_.size()) {
        const double s = std::chrono::duration<double>(Steady::now() - start).count();
        std::fprintf(stderr,
                     "gen:   %3zu %% of the timeline (%s): %s cases, %s referrals, %s audit "
                     "entries, %.0f events/s\n",
                     i * 100 / events_.size(), format_date(tokyo_date(clock_.now())).c_str(),
                     fmt_int(made_cases).c_str(), fmt_int(made_referrals).c_str(),
                     fmt_int(audits_).c_str(), s > 0 ? static_cast<double>(i) / s : 0.0);
        next_report = i + events_.size() / 10;
      }
    }
    phase("the timeline (cases, referrals, meetings, audit)", static_cast<int64_t>(events_.size()),
          "events");
  }

  void counts() {
    must(db_->read([&](storage::Connection& c) -> Status {
      const char* tables[] = {"organizations", "services",          "users",         "cases",
                              "referrals",     "referral_events",   "notifications", "meetings",
                              "action_items",  "meeting_decisions", "audit_log"};
      std::string line = "gen: rows:";
      for (const char* t : tables) {
        auto s = c.prepare(std::string("SELECT count(*) FROM ") + t);
        s.step();
        line += std::string(" ") + t + " " + fmt_int(s.int64(0)) + ",";
      }
      line.pop_back();
      std::fprintf(stderr, "%s\n", line.c_str());
      auto st = c.prepare("SELECT status, count(*) FROM referrals GROUP BY status ORDER BY 2 DESC");
      line = "gen: referrals by status:";
      while (st.step()) line += " " + st.text(0) + " " + fmt_int(st.int64(1)) + ",";
      line.pop_back();
      std::fprintf(stderr, "%s\n", line.c_str());
      return Status::Ok();
    }),
         "counts");
  }

  const CityOptions o_;
  Rng rng_;
  const int64_t now_, t0_;
  FakeClock clock_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<domain::PasswordHasher> hasher_;
  Steady::time_point phase_start_;
  const domain::RequestMeta meta_{"", "10.19.0.10"};
  const domain::RequestMeta partner_meta_{"", "203.0.113.19"};
  Actor admin_;
  std::vector<OrgInfo> orgs_;
  std::vector<std::vector<int32_t>> ward_orgs_;
  std::vector<int32_t> city_orgs_;
  std::vector<std::string> service_ids_;
  std::vector<std::vector<Actor>> coordinators_, staff_;
  std::vector<Actor> partners_;
  std::vector<int32_t> partner_of_;
  std::vector<CasePlan> cases_;
  std::vector<std::vector<int32_t>> ward_cases_;
  std::vector<ReferralPlan> referrals_;
  std::vector<MeetingPlan> meetings_;
  std::vector<Event> events_;
  int64_t audits_ = 0;
};

}  // namespace

Result<TimePoint> city_now(const CityOptions& options) {
  if (!options.now.empty()) return parse_rfc3339(options.now);
  return parse_rfc3339(format_date(tokyo_date(SystemClock().now())) + "T09:00:00+09:00");
}

Status generate_city(const std::string& path, const CityOptions& options) {
  if (std::filesystem::exists(path)) {
    return Error::FailedPrecondition(path + " exists; the city is written into a new file");
  }
  TRY_ASSIGN(TimePoint now, city_now(options));
  if (options.organizations < 1 || options.cases < 1 || options.referrals < 0 ||
      options.services < 0 || options.meetings < 0) {
    return Error::InvalidArgument("the city needs at least one organization and one case");
  }
  domain::audit::set_chain_key(kCityAuditKey);
  log::set_level(log::Level::kWarn);
  std::fprintf(stderr,
               "gen: seed %llu, now %s: %lld organizations, %lld services, %lld cases, %lld "
               "referrals, %lld meetings\n",
               static_cast<unsigned long long>(options.seed), format_rfc3339(now).c_str(),
               static_cast<long long>(options.organizations),
               static_cast<long long>(options.services), static_cast<long long>(options.cases),
               static_cast<long long>(options.referrals), static_cast<long long>(options.meetings));
  SeededRandom random(options.seed);
  City city(options, now);
  city.run(path);
  return Status::Ok();
}

Result<CityOptions> read_city_options(const std::string& path) {
  storage::DatabaseOptions d;
  d.path = path;
  d.readers = 1;
  d.read_only = true;
  TRY_ASSIGN(auto db, storage::Database::open(d));
  return db->read([&](storage::Connection& c) -> Result<CityOptions> {
    auto s = c.prepare("SELECT value FROM server_meta WHERE key = 'bench_city'");
    if (!s.step()) return Error::NotFound(path + " is not a generated city (no bench_city)");
    auto j = nlohmann::json::parse(s.text(0));
    CityOptions o;
    o.seed = j.at("seed").get<uint64_t>();
    for (const auto& [name, member] : kSizes) o.*member = j.at(name).get<int64_t>();
    o.case_reads = j.at("case_reads").get<double>();
    o.now = j.at("now").get<std::string>();
    return o;
  });
}

}  // namespace tsunagu::bench
