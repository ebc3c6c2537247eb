// bench/referrals.sh runs this. Two measurements, each against a baseline from the same run:
//
// 1. Referral create+send throughput through the domain (validation, case and partner checks,
//    the referral row, two events, the partner's notification, the audit entry: one
//    transaction) vs a bare SQLite loop doing one single-row INSERT per transaction, both with
//    WAL and synchronous=FULL on the same disk. Target: ≥ 0.5 of the bare loop. Measured with
//    16 concurrent callers, as the server's workers call it under load (their writes commit in
//    groups, see storage/database.h), and with one caller, which waits for every fsync alone.
// 2. The partner inbox (page 1 and a deep page, 50 rows, audited) with 1 000 000 referrals in
//    the database: p50/p99 latency. Target: p99 < 20 ms.
//
// Usage: bench_referrals DIR [SECONDS] [REFERRALS]
//        bench_referrals --bare DIR SECONDS   (only the bare loop's rate, for bench/referrals.sh's
//                                              measurement over HTTP)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "common/ids.h"
#include "domain/accounts/passwords.h"
#include "domain/audit/audit.h"
#include "domain/cases/cases.h"
#include "domain/referrals/referrals.h"
#include "domain/seed/demo.h"
#include "storage/database.h"

namespace {

using namespace tsunagu;
using Steady = std::chrono::steady_clock;

constexpr char kItokonchi[] = "a0000000-0000-4000-8000-000000000001";     // whose inbox is read
constexpr char kNightNursery[] = "a0000000-0000-4000-8000-000000000002";  // who is sent to

template <typename T>
T must(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "bench: %s failed: %s\n", what, r.error().to_string().c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

double seconds_since(Steady::time_point start) {
  return std::chrono::duration<double>(Steady::now() - start).count();
}

// One single-row INSERT per transaction, WAL + synchronous=FULL: the floor of a durable write.
double bare_loop_rate(const std::string& path, double seconds) {
  storage::Connection c({path, storage::Synchronous::kFull, 5000, false});
  c.exec("CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, body TEXT NOT NULL)");
  int64_t n = 0;
  auto start = Steady::now();
  while (seconds_since(start) < seconds) {
    storage::Transaction tx(c);
    c.prepare("INSERT INTO t (id, body) VALUES (?1, ?2)").bind(1, new_uuid()).bind(2, "x").run();
    tx.commit();
    ++n;
  }
  return static_cast<double>(n) / seconds_since(start);
}

domain::Actor coordinator() {
  return {"b0000000-0000-4000-8000-000000000002",
          "coord.chuo",
          domain::Role::kCoordinator,
          {"chuo"},
          std::nullopt};
}

domain::Actor partner() {
  return {"b0000000-0000-4000-8000-000000000005",
          "partner.itokonchi",
          domain::Role::kPartner,
          {},
          std::string(kItokonchi)};
}

// `callers` threads each creating and sending referrals for `seconds`; referrals per second.
double create_send_rate(domain::Referrals& referrals, const std::string& case_id, double seconds,
                        int callers) {
  domain::NewReferral in;
  in.case_id = case_id;
  // Not いとこんち: the inbox measured below should hold the same share of the 1 000 000 however
  // fast this ran.
  in.organization_id = kNightNursery;
  in.legal_basis = "council";
  in.summary = "今夜の居場所が必要";
  in.send = true;
  std::atomic<int64_t> n{0};
  auto start = Steady::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < callers; ++t) {
    threads.emplace_back([&] {
      while (seconds_since(start) < seconds) {
        must(referrals.create(coordinator(), {"bench", "127.0.0.1"}, in, std::nullopt), "create");
        ++n;
      }
    });
  }
  for (auto& t : threads) t.join();
  return static_cast<double>(n) / seconds_since(start);
}

// Bulk rows straight into the tables (not a measured path): 10 000 cases over the ten wards and
// `total` referrals, 5 % of them to いとこんち, the rest over the demo's organizations; all but the
// drafts sent when made (a partner's inbox lists sent referrals only).
void fill(storage::Database& db, int64_t total) {
  auto status = db.write([&](storage::Connection& c) -> Status {
    std::vector<std::string> orgs;
    auto o = c.prepare("SELECT id FROM organizations WHERE id <> ?1");
    o.bind(1, kItokonchi);
    while (o.step()) orgs.push_back(o.text(0));
    std::vector<std::string> wards, cases;
    auto w = c.prepare("SELECT code FROM wards ORDER BY position");
    while (w.step()) wards.push_back(w.text(0));
    for (int i = 0; i < 10000; ++i) {
      cases.push_back(new_uuid());
      c.prepare(
           "INSERT INTO cases (id, ward, case_ref, household_label, risk_level, created_at,"
           " updated_at) VALUES (?1, ?2, ?3, 'X.Y.', 'medium', ?4, ?4)")
          .bind(1, cases.back())
          .bind(2, wards[static_cast<size_t>(i) % wards.size()])
          .bind(3, "B-" + std::to_string(i))
          .bind(4, "2025-01-01T00:00:00.000Z")
          .run();
    }
    const char* states[] = {"sent", "accepted", "completed", "declined", "draft"};
    for (int64_t i = 0; i < total; ++i) {
      size_t k = static_cast<size_t>(i) % cases.size();
      const std::string& org =
          i % 20 == 0 ? std::string(kItokonchi) : orgs[static_cast<size_t>(i) % orgs.size()];
      char at[32];
      std::snprintf(at, sizeof at, "2025-%02d-%02dT%02d:%02d:00.000Z", static_cast<int>(1 + i % 12),
                    static_cast<int>(1 + i % 28), static_cast<int>(i % 24),
                    static_cast<int>(i % 60));
      c.prepare(
           "INSERT INTO referrals (id, case_id, ward, organization_id, status, urgency,"
           " legal_basis, summary, created_by, created_at, updated_at, due_by, sent_at)"
           " VALUES (?1, ?2, ?3, ?4, ?5, 'routine', 'council', '受け入れ依頼', ?6, ?7, ?7,"
           " '2025-12-31', CASE WHEN ?5 = 'draft' THEN NULL ELSE ?7 END)")
          .bind(1, new_uuid())
          .bind(2, cases[k])
          .bind(3, wards[k % wards.size()])
          .bind(4, org)
          .bind(5, states[static_cast<size_t>(i) % 5])
          .bind(6, coordinator().user_id)
          .bind(7, at)
          .run();
    }
    return Status::Ok();
  });
  if (!status.ok()) {
    std::fprintf(stderr, "bench: fill failed: %s\n", status.error().to_string().c_str());
    std::exit(1);
  }
}

struct Latency {
  double p50_ms, p99_ms;
};

Latency inbox_latency(domain::Referrals& referrals, int page, int calls) {
  std::vector<double> ms;
  for (int i = 0; i < calls; ++i) {
    auto start = Steady::now();
    auto result = must(referrals.list(partner(), {"bench", "127.0.0.1"}, {}, {page, 50}), "list");
    ms.push_back(seconds_since(start) * 1000);
    if (result.items.empty()) {
      std::fprintf(stderr, "bench: the inbox page %d is empty\n", page);
      std::exit(1);
    }
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[ms.size() * 99 / 100]};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_referrals DIR [SECONDS] [REFERRALS] | --bare DIR SECONDS\n");
    return 2;
  }
  if (std::string(argv[1]) == "--bare" && argc == 4) {
    std::filesystem::create_directories(argv[2]);
    std::printf("%.0f\n", bare_loop_rate(std::string(argv[2]) + "/bare.db", std::atof(argv[3])));
    return 0;
  }
  const std::string dir = argv[1];
  const double seconds = argc > 2 ? std::atof(argv[2]) : 5;
  const int64_t total = argc > 3 ? std::atoll(argv[3]) : 1'000'000;
  std::filesystem::create_directories(dir);
  log::set_level(log::Level::kWarn);

  // The audit chain is keyed as the server keys it (TSUNAGU_AUDIT_KEY, or a bench key).
  const char* key = std::getenv("TSUNAGU_AUDIT_KEY");
  domain::audit::set_chain_key(key != nullptr ? key : "bench-referrals-audit-key-0123456789abcdef");
  auto db = must(storage::Database::open({dir + "/referrals.db"}), "open");
  if (auto bound = domain::audit::bind_chain_key(*db); !bound.ok()) {
    std::fprintf(stderr, "bench: audit key failed: %s\n", bound.error().to_string().c_str());
    return 1;
  }
  SystemClock clock;
  domain::PasswordHasher hasher(domain::PasswordParams::cheap_for_tests());
  must(domain::load_demo_from(*db, clock, {"bench-password-2026", &hasher}, TSUNAGU_SEED_DIR),
       "demo");
  domain::Cases cases(*db, clock);
  domain::Referrals referrals(*db, clock);
  domain::CaseFields f;
  f.ward = "chuo";
  f.case_ref = "BENCH-1";
  f.household_label = "B.M.";
  f.risk_level = "high";
  auto bench_case = must(cases.create(coordinator(), {"bench", "127.0.0.1"}, f), "case").resource;

  // Alternating rounds, so a burst of load elsewhere on the machine hits both sides alike; the
  // medians are compared.
  const int rounds = 5;
  std::fprintf(
      stderr,
      "bench referrals: create+send vs bare SQLite loop, %d alternating rounds of %.1f s…\n",
      rounds, seconds / rounds);
  const int kCallers = 16;
  std::vector<double> bare_rates, concurrent_rates, serial_rates;
  for (int r = 0; r < rounds; ++r) {
    bare_rates.push_back(bare_loop_rate(dir + "/bare.db", seconds / rounds));
    concurrent_rates.push_back(
        create_send_rate(referrals, bench_case.id, seconds / rounds, kCallers));
    serial_rates.push_back(create_send_rate(referrals, bench_case.id, seconds / rounds, 1));
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const double bare = median(bare_rates);
  std::printf("%-48s %8.0f /s %6s\n", "bare SQLite insert+commit, 1 loop (baseline)", bare, "1.00");
  auto print_rates = [&](const std::string& label, const std::vector<double>& rates) {
    std::printf("%-48s %8.0f /s %6.2f\n", label.c_str(), median(rates), median(rates) / bare);
    std::printf("%-48s", "  ratio per round");
    for (int r = 0; r < rounds; ++r) std::printf(" %.2f", rates[r] / bare_rates[r]);
    std::printf("\n");
  };
  print_rates("referral create+send, " + std::to_string(kCallers) + " callers (audited)",
              concurrent_rates);
  print_rates("referral create+send, 1 caller (audited)", serial_rates);
  std::printf("target: ratio >= 0.50 (%d callers)\n", kCallers);

  std::fprintf(stderr, "bench referrals: filling %lld referrals…\n", static_cast<long long>(total));
  auto fill_start = Steady::now();
  fill(*db, total);
  // The fill is one huge transaction; the server's five-minute checkpoint would have copied it
  // into the main file before anyone read an inbox.
  db->checkpoint();
  std::fprintf(stderr, "bench referrals: filled and checkpointed in %.1f s\n",
               seconds_since(fill_start));
  Latency first = inbox_latency(referrals, 1, 300);
  Latency deep = inbox_latency(referrals, 20, 300);
  const std::string label = "partner inbox, page 1 of 50 (" + std::to_string(total) + " referrals)";
  std::printf("%-44s p50 %6.2f ms  p99 %6.2f ms\n", label.c_str(), first.p50_ms, first.p99_ms);
  std::printf("%-44s p50 %6.2f ms  p99 %6.2f ms\n", "partner inbox, page 20 of 50", deep.p50_ms,
              deep.p99_ms);
  std::printf("target: p99 < 20 ms\n");
  return 0;
}
