// bench/reports.sh runs this: the gaps report, the home overview and a year of referral
// statistics over the generated city (bench/city.h, the one bench_gen writes: 10 wards, 5 000
// organizations, 100 000 cases, 1 000 000 referrals over the last year with their histories,
// 20 000 meetings with agenda, decisions and action items, the year of audit) — each called
// repeatedly through the domain (audit entries included), p50/p99. 中央区 is the busy ward: it
// holds 2/11 of the cases and so of the referrals (~180 000 a year), the others 1/11 each.
//
// No call is a repeat of the one before: the clock moves 7 minutes per call for the gaps report
// and the overview (their cut-offs move with it, and each call writes its audit entries); the
// statistics' year ends on a different day each call (and moves between wards
// where the label says so). SQLite's prepared statements and the OS page cache stay warm, as in
// a running server; nothing caches a result.
//
// The baseline, measured in the same run on the same database: a bare SQLite read, through the
// ward index, of the rows a year of 中央区's statistics has to visit. Target: p99 < 200 ms.
// After the figures, the plans: every SELECT one call of each report ran, with its share of the
// call's time (SQLite's profile trace) and its EXPLAIN QUERY PLAN.
//
// Usage: bench_reports DIR [CALLS] [REFERRALS]   (a DIR/reports.db of an earlier run is reused;
// otherwise the city is generated there with the default seed and REFERRALS referrals). The
// reports run at the city's own "now" (as generated), and write their audit entries into it.
#include <sqlite3.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "bench/city.h"
#include "domain/audit/audit.h"
#include "domain/reports/gaps.h"
#include "domain/reports/overview.h"
#include "domain/reports/referral_stats.h"
#include "storage/database.h"

namespace {

using namespace tsunagu;
using Steady = std::chrono::steady_clock;

template <typename T>
T must(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "bench: %s failed: %s\n", what, r.error().to_string().c_str());
    std::exit(1);
  }
  return std::move(r).value();
}

void must(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "bench: %s failed: %s\n", what, s.error().to_string().c_str());
    std::exit(1);
  }
}

double seconds_since(Steady::time_point start) {
  return std::chrono::duration<double>(Steady::now() - start).count();
}

constexpr char kBusyWard[] = "chuo";

// The demo's coordinator of 中央区 for the busy ward; a coordinator of its own for each other.
domain::Actor ward_actor(domain::Role role, const std::string& ward) {
  if (role == domain::Role::kCoordinator && ward == kBusyWard) {
    return {"b0000000-0000-4000-8000-000000000002", "coord.chuo", role, {ward}, std::nullopt};
  }
  return {"bench-" + std::string(domain::to_string(role)) + "-" + ward,
          std::string(domain::to_string(role)) + "." + ward,
          role,
          {ward},
          std::nullopt};
}

domain::Actor coordinator() { return ward_actor(domain::Role::kCoordinator, kBusyWard); }

// "Now" for the reports: the city's own (bench::CityOptions::now, read from the file).
TimePoint g_now;
TimePoint bench_now() { return g_now; }

struct Latency {
  double p50_ms, p99_ms;          // wall clock
  double cpu_p50_ms, cpu_p99_ms;  // the calling thread's CPU time: what a quiet core would take
};

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// Calls fn(i) for i in [0, calls): p50 and p99 (with 100 calls, the slowest but one).
template <typename Fn>
Latency measure(int calls, Fn&& fn) {
  std::vector<double> ms, cpu;
  for (int i = 0; i < calls; ++i) {
    const double cpu_start = thread_cpu_ms();
    auto start = Steady::now();
    fn(i);
    ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - start).count());
    cpu.push_back(thread_cpu_ms() - cpu_start);
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  const size_t p99 = ms.size() * 99 / 100;
  const size_t at = std::min(ms.size() - 1, p99 > 0 ? p99 - 1 : 0);
  return {ms[ms.size() / 2], ms[at], cpu[cpu.size() / 2], cpu[at]};
}

// The floor: the rows a year of one ward's statistics visits, read bare through the ward index.
int64_t bare_year_scan(storage::Database& db, const std::string& from) {
  return must(db.read([&](storage::Connection& c) -> Result<int64_t> {
    auto s = c.prepare(
        "SELECT status, sent_at, responded_at, closed_at FROM referrals"
        " WHERE ward = 'chuo' AND created_at >= ?1");
    s.bind(1, from);
    int64_t n = 0;
    while (s.step()) n += s.is_null(1) ? 0 : 1;
    return n;
  }),
              "bare scan");
}

void print(const std::string& label, Latency l, Latency base) {
  std::printf("%-60s p50 %7.1f  p99 %7.1f ms  ratio %5.2f | CPU p50 %6.1f  p99 %6.1f ms\n",
              label.c_str(), l.p50_ms, l.p99_ms, l.p99_ms / base.p99_ms, l.cpu_p50_ms,
              l.cpu_p99_ms);
  std::fflush(stdout);
}

// SQLite's profile trace, installed on every connection the process opens (an auto-extension),
// recording while `tracing` is set: each statement's SQL, its first bound form, runs and time.
struct Traced {
  std::string expanded;
  int64_t runs = 0;
  double ms = 0;
};
struct Trace {
  std::mutex mutex;
  bool tracing = false;
  std::vector<std::string> order;  // SQL texts, first run first
  std::map<std::string, Traced> statements;
};
Trace& trace() {
  static Trace t;
  return t;
}

int on_profile(unsigned type, void*, void* statement, void* nanoseconds) {
  if (type != SQLITE_TRACE_PROFILE) return 0;
  Trace& t = trace();
  std::lock_guard lock(t.mutex);
  if (!t.tracing) return 0;
  auto* stmt = static_cast<sqlite3_stmt*>(statement);
  const std::string sql = sqlite3_sql(stmt);
  Traced& s = t.statements[sql];
  if (s.runs++ == 0) {
    t.order.push_back(sql);
    char* expanded = sqlite3_expanded_sql(stmt);
    s.expanded = expanded ? expanded : sql;
    sqlite3_free(expanded);
  }
  s.ms += static_cast<double>(*static_cast<sqlite3_int64*>(nanoseconds)) / 1e6;
  return 0;
}

int install_profile(sqlite3* db, const char**, const sqlite3_api_routines*) {
  sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, on_profile, nullptr);
  return SQLITE_OK;
}

// Runs fn once with the trace on, then prints every query (SELECT or WITH) it ran, slowest first,
// with its share of the call and EXPLAIN QUERY PLAN (on a connection of its own, same bound
// values).
template <typename Fn>
void print_plans(const std::string& path, const std::string& label, Fn&& fn) {
  Trace& t = trace();
  {
    std::lock_guard lock(t.mutex);
    t.order.clear();
    t.statements.clear();
    t.tracing = true;
  }
  auto start = Steady::now();
  fn();
  const double call_ms = std::chrono::duration<double, std::milli>(Steady::now() - start).count();
  std::vector<std::pair<std::string, Traced>> selects;
  {
    std::lock_guard lock(t.mutex);
    t.tracing = false;
    for (const auto& sql : t.order) {
      if (sql.rfind("SELECT", 0) == 0 || sql.rfind("WITH", 0) == 0)
        selects.emplace_back(sql, t.statements[sql]);
    }
  }
  std::stable_sort(selects.begin(), selects.end(),
                   [](const auto& a, const auto& b) { return a.second.ms > b.second.ms; });
  std::printf("\n-- %s: one call %.1f ms\n", label.c_str(), call_ms);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "bench: cannot open %s for the plans\n", path.c_str());
    std::exit(1);
  }
  for (const auto& [sql, s] : selects) {
    std::string shown = sql.size() > 400 ? sql.substr(0, 400) + "…" : sql;
    std::printf("%8.2f ms  %3lld×  %s\n", s.ms, static_cast<long long>(s.runs), shown.c_str());
    sqlite3_stmt* explain = nullptr;
    if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + s.expanded).c_str(), -1, &explain,
                           nullptr) != SQLITE_OK) {
      std::printf("            (no plan: %s)\n", sqlite3_errmsg(db));
      continue;
    }
    std::map<int, int> depth;  // node id → indentation
    while (sqlite3_step(explain) == SQLITE_ROW) {
      const int id = sqlite3_column_int(explain, 0);
      const int parent = sqlite3_column_int(explain, 1);
      depth[id] = depth.count(parent) ? depth[parent] + 1 : 0;
      std::printf("            %*s%s\n", depth[id] * 2, "",
                  reinterpret_cast<const char*>(sqlite3_column_text(explain, 3)));
    }
    sqlite3_finalize(explain);
  }
  sqlite3_close(db);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_reports DIR [CALLS] [REFERRALS]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int calls = argc > 2 ? std::atoi(argv[2]) : 100;
  const int64_t total = argc > 3 ? std::atoll(argv[3]) : 1'000'000;
  const std::string path = dir + "/reports.db";
  std::filesystem::create_directories(dir);
  log::set_level(log::Level::kWarn);
  // Before any connection opens: every connection gets the (idle) profile trace.
  sqlite3_auto_extension(reinterpret_cast<void (*)()>(install_profile));
  if (std::filesystem::exists(path)) {
    // A city generated by an earlier run in the same DIR (bench/reports.sh passes a copy of the
    // cached one): reopening applies any newer migration, as a server upgrade would.
    std::fprintf(stderr, "bench reports: reusing %s\n", path.c_str());
  } else {
    bench::CityOptions city;
    city.referrals = total;
    must(bench::generate_city(path, city), "the city");
  }
  // The reports write audit entries, keyed as the city's chain is.
  domain::audit::set_chain_key(bench::kCityAuditKey);
  // Reopened, as a server would start on it: open applies newer migrations and refreshes the
  // planner's statistics (before anything opens it read-only, which would refuse an old schema).
  auto start = Steady::now();
  auto db = must(storage::Database::open({path}), "reopen");
  std::fprintf(stderr, "bench reports: reopened (migrations, ANALYZE) in %.1f s\n",
               seconds_since(start));
  const auto city = must(bench::read_city_options(path), "the city's options");
  g_now = must(bench::city_now(city), "the city's now");
  FakeClock clock(bench_now());
  const domain::RequestMeta meta{"bench", "127.0.0.1"};
  std::vector<std::string> wards;
  std::string partner_org;
  int64_t busy_year = 0, busy_open = 0, partner_open = 0;
  must(db->read([&](storage::Connection& c) -> Status {
    auto w = c.prepare("SELECT code FROM wards ORDER BY position");
    while (w.step()) wards.push_back(w.text(0));
    auto n = c.prepare(
        "SELECT count(*), sum(status IN ('sent', 'accepted')) FROM referrals WHERE ward = ?1");
    n.bind(1, std::string(kBusyWard));
    n.step();
    busy_year = n.int64(0);
    busy_open = n.int64(1);
    // The partner with the most open referrals: the fullest inbox and overview.
    auto p = c.prepare(
        "SELECT organization_id, count(*) FROM referrals WHERE status IN ('sent', 'accepted')"
        " GROUP BY organization_id ORDER BY count(*) DESC, organization_id LIMIT 1");
    p.step();
    partner_org = p.text(0);
    partner_open = p.int64(1);
    return Status::Ok();
  }),
       "sizes");
  std::printf(
      "%lld calls per line; %s: %lld referrals in the year, %lld open; the partner: %lld open\n",
      static_cast<long long>(calls), kBusyWard, static_cast<long long>(busy_year),
      static_cast<long long>(busy_open), static_cast<long long>(partner_open));
  const domain::Actor partner{
      "bench-partner", "partner.bench", domain::Role::kPartner, {}, partner_org};
  const domain::Actor admin{"bench-admin", "admin.bench", domain::Role::kAdmin, {}, std::nullopt};
  const domain::Actor auditor{
      "bench-auditor", "auditor.bench", domain::Role::kAuditor, {}, std::nullopt};
  auto at_call = [&](int i) { clock.set(bench_now() + std::chrono::minutes(7 * i)); };
  auto coordinator_of = [&](int i) {
    return ward_actor(domain::Role::kCoordinator, wards[static_cast<size_t>(i) % wards.size()]);
  };

  const std::string year_ago = format_utc(bench_now() - std::chrono::days(365));
  int64_t rows = 0;
  Latency base = measure(calls, [&](int) { rows = bare_year_scan(*db, year_ago); });
  print("bare read of a year of chuo (" + std::to_string(rows) + " rows, baseline)", base, base);

  print("gaps report, coordinator of chuo",
        measure(calls,
                [&](int i) {
                  at_call(i);
                  must(domain::reports::gaps_report(*db, clock, coordinator(), meta, {}), "gaps");
                }),
        base);
  print("gaps report, coordinators of the 10 wards in turn",
        measure(calls,
                [&](int i) {
                  at_call(i);
                  must(domain::reports::gaps_report(*db, clock, coordinator_of(i), meta, {}),
                       "gaps");
                }),
        base);
  auto overview_of = [&](const std::string& label, const domain::Actor& actor) {
    print("overview, " + label,
          measure(calls,
                  [&](int i) {
                    at_call(i);
                    must(domain::reports::overview(*db, clock, actor, meta), "overview");
                  }),
          base);
  };
  overview_of("coordinator of chuo", coordinator());
  overview_of("ward staff of chuo", ward_actor(domain::Role::kWardStaff, kBusyWard));
  overview_of("partner with the most open referrals", partner);
  overview_of("admin", admin);
  overview_of("auditor", auditor);
  clock.set(bench_now());

  // A year ending on a different day each call (the last 90 days in turn).
  auto year_to = [&](int i) {
    domain::reports::StatsParams p;
    p.to = add_days(tokyo_date(bench_now()), -(i % 90));
    p.from = add_days(p.to, -364);
    return p;
  };
  print("referral statistics, chuo, a year (its end moving)",
        measure(calls,
                [&](int i) {
                  must(domain::reports::referral_stats(*db, coordinator(), year_to(i)), "stats");
                }),
        base);
  const domain::reports::GroupBy groupings[] = {
      domain::reports::GroupBy::kOrganization, domain::reports::GroupBy::kCategory,
      domain::reports::GroupBy::kWard, domain::reports::GroupBy::kMonth};
  for (auto g : groupings) {
    print(std::string("referral statistics, chuo, a year, by ") + domain::reports::to_string(g),
          measure(calls,
                  [&](int i) {
                    auto p = year_to(i);
                    p.group_by = g;
                    must(domain::reports::referral_stats(*db, coordinator(), p), "stats");
                  }),
          base);
  }
  print("referral statistics, a year, the 10 wards in turn",
        measure(calls,
                [&](int i) {
                  must(domain::reports::referral_stats(*db, coordinator_of(i), year_to(i)),
                       "stats");
                }),
        base);
  print("referral statistics, a year, the partner",
        measure(calls,
                [&](int i) {
                  must(domain::reports::referral_stats(*db, partner, year_to(i)), "stats");
                }),
        base);
  std::printf("target: p99 < 200 ms each\n");

  std::printf("\nThe statements each report runs (one call, SQLite's time) and their plans:\n");
  print_plans(path, "gaps report, coordinator of chuo", [&] {
    must(domain::reports::gaps_report(*db, clock, coordinator(), meta, {}), "gaps");
  });
  print_plans(
      path, "overview, coordinator of chuo (the gaps report's lists, 5 rows each, and)",
      [&] { must(domain::reports::overview(*db, clock, coordinator(), meta), "overview"); });
  print_plans(path, "overview, partner",
              [&] { must(domain::reports::overview(*db, clock, partner, meta), "overview"); });
  print_plans(path, "referral statistics, chuo, a year, by organization", [&] {
    auto p = year_to(0);
    p.group_by = domain::reports::GroupBy::kOrganization;
    must(domain::reports::referral_stats(*db, coordinator(), p), "stats");
  });
  return 0;
}
