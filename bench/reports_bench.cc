// bench/reports.sh runs this: the gaps report, the home overview and a year of referral
// statistics for 中央区's coordinator over a generated city — 10 wards, 5 000 organizations,
// 100 000 cases, 1 000 000 referrals over the last year, 3 000 meetings with agenda items and
// action items — each called repeatedly through the domain (audit entries included), p50/p99.
// The baseline, measured in the same run on the same database: a bare SQLite read, through the
// ward index, of the rows a year of one ward's statistics has to visit. Target: p99 < 200 ms.
//
// Usage: bench_reports DIR [CALLS] [REFERRALS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "common/ids.h"
#include "domain/demo.h"
#include "domain/passwords.h"
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

domain::Actor coordinator() {
  return {"b0000000-0000-4000-8000-000000000002",
          "coord.chuo",
          domain::Role::kCoordinator,
          {"chuo"},
          std::nullopt};
}

// 2026-11-30 09:00 in Sapporo: "now" for the data and the reports.
TimePoint bench_now() { return must(parse_rfc3339("2026-11-30T09:00:00+09:00"), "now"); }

std::string ago(int64_t minutes) { return format_utc(bench_now() - std::chrono::minutes(minutes)); }

// Bulk rows straight into the tables (not a measured path), one transaction.
void fill(storage::Database& db, int64_t organizations, int64_t cases, int64_t referrals) {
  auto filled = db.write([&](storage::Connection& c) -> Status {
    std::vector<std::string> wards, orgs, case_ids, case_wards;
    auto w = c.prepare("SELECT code FROM wards ORDER BY position");
    while (w.step()) wards.push_back(w.text(0));
    auto o = c.prepare("SELECT id FROM organizations");
    while (o.step()) orgs.push_back(o.text(0));
    const char* categories[] = {
        "youth_space", "npo",     "medical",        "nursery",
        "school",      "midwife", "resident_group", "family_support_center"};
    for (int64_t i = static_cast<int64_t>(orgs.size()); i < organizations; ++i) {
      orgs.push_back(new_uuid());
      c.prepare(
           "INSERT INTO organizations (id, name, category, address_visibility, visibility, status,"
           " capacity_status, capacity_updated_at, version, created_at, updated_at)"
           " VALUES (?1, ?2, ?3, 'network', 'network', 'active', 'open', ?4, 1, ?4, ?4)")
          .bind(1, orgs.back())
          .bind(2, "団体" + std::to_string(i))
          .bind(3, categories[i % 8])
          .bind(4, ago((i % 90) * 24 * 60))
          .run();
      c.prepare("INSERT INTO organization_wards (organization_id, ward) VALUES (?1, ?2)")
          .bind(1, orgs.back())
          .bind(2, wards[static_cast<size_t>(i) % wards.size()])
          .run();
    }
    const char* risks[] = {"low", "medium", "medium", "high", "low"};
    const char* categories_of_case[] = {"[\"parenting_difficulty\"]", "[\"specified_pregnancy\"]",
                                        "[\"abuse_certified\"]", "[]"};
    for (int64_t i = 0; i < cases; ++i) {
      case_ids.push_back(new_uuid());
      case_wards.push_back(wards[static_cast<size_t>(i) % wards.size()]);
      c.prepare(
           "INSERT INTO cases (id, ward, case_ref, household_label, risk_categories, risk_level,"
           " sections, status, support_plan, created_at, updated_at)"
           " VALUES (?1, ?2, ?3, 'X.Y.', ?4, ?5, ?6, ?7, ?8, ?9, ?9)")
          .bind(1, case_ids.back())
          .bind(2, case_wards.back())
          .bind(3, "C-" + std::to_string(i))
          .bind(4, categories_of_case[i % 4])
          .bind(5, risks[i % 5])
          .bind(6, i % 3 == 0 ? "[\"maternal_child_health\",\"child_welfare\"]"
                              : "[\"child_welfare\"]")
          .bind(7, i % 5 == 4 ? "closed" : "open")
          .bind(8, i % 7 == 0 ? "{\"review_by\":\"2026-10-01\"}" : "{\"review_by\":\"2027-03-01\"}")
          .bind(9, ago((i % 700) * 24 * 60))
          .run();
    }
    // A year of referrals, evenly spread. Old ones have mostly ended; the last two weeks' are
    // still open, as in a working network.
    const char* reasons[] = {"no_capacity", "not_eligible", "family_declined", "could_not_contact"};
    const char* outcomes[] = {"got_help", "enrolled", "not_enrolled", "waitlisted", "unknown"};
    for (int64_t i = 0; i < referrals; ++i) {
      const size_t k = static_cast<size_t>(i) % case_ids.size();
      const int64_t sent_min = (i * 525600) / referrals;  // minutes before now, over a year
      const int64_t answer_min = (i % 5) * 24 * 60 + 600;
      const int64_t close_min = (i % 20 + 2) * 24 * 60;
      std::string status;
      if (sent_min < 14 * 24 * 60) {
        status = i % 3 == 0 ? "sent" : "accepted";
      } else {
        const char* old[] = {"completed", "completed", "completed", "completed", "declined",
                             "declined",  "withdrawn", "expired",   "completed", "completed"};
        status = i % 97 == 0 ? "accepted" : old[i % 10];
      }
      const bool answered = status == "accepted" || status == "declined" || status == "completed";
      const bool terminal = status != "sent" && status != "accepted";
      c.prepare(
           "INSERT INTO referrals (id, case_id, ward, organization_id, status, urgency,"
           " legal_basis, summary, created_by, created_at, updated_at, sent_at, due_by,"
           " responded_at, closed_at, reason_code, outcome)"
           " VALUES (?1, ?2, ?3, ?4, ?5, 'routine', 'council', '受け入れ依頼', ?6, ?7, ?7, ?7,"
           " ?8, ?9, ?10, ?11, ?12)")
          .bind(1, new_uuid())
          .bind(2, case_ids[k])
          .bind(3, case_wards[k])
          .bind(4, orgs[static_cast<size_t>(i * 7919) % orgs.size()])
          .bind(5, status)
          .bind(6, coordinator().user_id)
          .bind(7, ago(sent_min))
          .bind(8, format_date(tokyo_date(bench_now() - std::chrono::minutes(sent_min) +
                                          std::chrono::days(14))))
          .bind(9, answered ? std::optional<std::string>(ago(sent_min - answer_min)) : std::nullopt)
          .bind(10, terminal ? std::optional<std::string>(ago(sent_min - close_min)) : std::nullopt)
          .bind(11, status == "declined" || status == "withdrawn"
                        ? std::optional<std::string>(reasons[i % 4])
                        : std::nullopt)
          .bind(12,
                status == "completed" ? std::optional<std::string>(outcomes[i % 5]) : std::nullopt)
          .run();
    }
    // Meetings: 300 per ward over the year, two cases on each agenda, an action item each.
    for (int64_t i = 0; i < 3000; ++i) {
      const std::string id = new_uuid();
      const std::string ward = wards[static_cast<size_t>(i) % wards.size()];
      const int64_t start_min = (i * 525600) / 3000 - 30 * 24 * 60;  // a month ahead to 11 back
      c.prepare(
           "INSERT INTO meetings (id, kind, title, ward, starts_at, ends_at, status, created_by,"
           " created_at, updated_at) VALUES (?1, 'case_conference', '合同ケース会議', ?2, ?3, ?4,"
           " ?5, ?6, ?3, ?3)")
          .bind(1, id)
          .bind(2, ward)
          .bind(3, ago(start_min))
          .bind(4, ago(start_min - 60))
          .bind(5, start_min > 0 ? "held" : "planned")
          .bind(6, coordinator().user_id)
          .run();
      for (int a = 0; a < 2; ++a) {
        c.prepare(
             "INSERT INTO meeting_agenda_items (meeting_id, position, title, case_id)"
             " VALUES (?1, ?2, '検討', ?3)")
            .bind(1, id)
            .bind(2, a)
            .bind(3, case_ids[static_cast<size_t>(
                                  i * 10 + a * 10 +
                                  static_cast<int64_t>(std::find(wards.begin(), wards.end(), ward) -
                                                       wards.begin())) %
                              case_ids.size()])
            .run();
      }
      c.prepare(
           "INSERT INTO action_items (id, meeting_id, title, owner_user_id, due_on, status,"
           " created_at, updated_at) VALUES (?1, ?2, '宿題', ?3, ?4, ?5, ?6, ?6)")
          .bind(1, new_uuid())
          .bind(2, id)
          .bind(3, coordinator().user_id)
          .bind(4, format_date(tokyo_date(bench_now() - std::chrono::minutes(start_min) +
                                          std::chrono::days(14))))
          .bind(5, i % 4 == 0 ? "open" : "done")
          .bind(6, ago(start_min))
          .run();
    }
    return Status::Ok();
  });
  if (!filled.ok()) {
    std::fprintf(stderr, "bench: fill failed: %s\n", filled.error().to_string().c_str());
    std::exit(1);
  }
}

struct Latency {
  double p50_ms, p99_ms;
};

template <typename Fn>
Latency measure(int calls, Fn&& fn) {
  std::vector<double> ms;
  for (int i = 0; i < calls; ++i) {
    auto start = Steady::now();
    fn();
    ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
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

void print(const char* label, Latency l, Latency base) {
  std::printf("%-52s p50 %7.2f ms  p99 %7.2f ms  ratio %5.2f\n", label, l.p50_ms, l.p99_ms,
              l.p99_ms / base.p99_ms);
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
  std::filesystem::create_directories(dir);
  log::set_level(log::Level::kWarn);
  FakeClock clock(bench_now());
  {
    auto db = must(storage::Database::open({dir + "/reports.db"}), "open");
    domain::PasswordHasher hasher(domain::PasswordParams::cheap_for_tests());
    must(domain::load_demo(*db, clock, {"bench-password-2026", &hasher}), "demo");
    std::fprintf(stderr,
                 "bench reports: filling 5 000 organizations, 100 000 cases, %lld referrals…\n",
                 static_cast<long long>(total));
    auto start = Steady::now();
    fill(*db, 5000, 100000, total);
    db->checkpoint();
    std::fprintf(stderr, "bench reports: filled in %.1f s\n",
                 std::chrono::duration<double>(Steady::now() - start).count());
  }
  // Reopened, as a server would start on it: open refreshes the planner's statistics.
  auto db = must(storage::Database::open({dir + "/reports.db"}), "reopen");
  const domain::RequestMeta meta{"bench", "127.0.0.1"};
  const std::string year_ago = format_utc(bench_now() - std::chrono::days(365));
  int64_t rows = 0;
  Latency base = measure(calls, [&] { rows = bare_year_scan(*db, year_ago); });
  std::printf("%-52s p50 %7.2f ms  p99 %7.2f ms  ratio %5.2f\n",
              ("bare read of a year of chuo (" + std::to_string(rows) + " rows, baseline)").c_str(),
              base.p50_ms, base.p99_ms, 1.0);
  print("gaps report, chuo (audited rows)",
        measure(calls,
                [&] {
                  must(domain::reports::gaps_report(*db, clock, coordinator(), meta, {}), "gaps");
                }),
        base);
  print("overview, coordinator of chuo",
        measure(
            calls,
            [&] { must(domain::reports::overview(*db, clock, coordinator(), meta), "overview"); }),
        base);
  domain::reports::StatsParams year;
  year.to = tokyo_date(bench_now());
  year.from = add_days(year.to, -364);
  print("referral statistics, chuo, a year",
        measure(calls,
                [&] { must(domain::reports::referral_stats(*db, coordinator(), year), "stats"); }),
        base);
  year.group_by = domain::reports::GroupBy::kOrganization;
  print("referral statistics, chuo, a year, by organization",
        measure(calls,
                [&] { must(domain::reports::referral_stats(*db, coordinator(), year), "stats"); }),
        base);
  std::printf("target: p99 < 200 ms each\n");
  return 0;
}
