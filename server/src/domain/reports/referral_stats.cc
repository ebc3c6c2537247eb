#include "domain/reports/referral_stats.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "domain/authorization.h"
#include "storage/database.h"

namespace tsunagu::domain::reports {
namespace {

constexpr const char* kStatuses[] = {"sent",      "accepted", "declined",
                                     "withdrawn", "expired",  "completed"};
constexpr const char* kReasons[] = {
    "no_capacity",        "not_eligible",      "service_not_provided",
    "out_of_area",        "could_not_contact", "family_declined",
    "referred_elsewhere", "duplicate",         "other"};
constexpr const char* kOutcomes[] = {"enrolled", "got_help", "not_enrolled", "waitlisted",
                                     "unknown"};

double rounded(double v) { return std::round(v * 100.0) / 100.0; }

std::optional<double> ratio(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  // Four decimal places: 2/3 is 0.6667.
  return std::round(static_cast<double>(part) / static_cast<double>(whole) * 10000.0) / 10000.0;
}

// One referral's facts, and the accumulation of many into Figures.
struct Row {
  std::string status;
  std::optional<std::string> reason, outcome;
  TimePoint sent_at;
  std::optional<TimePoint> responded_at, closed_at;
};

struct Accumulator {
  Figures f;
  std::vector<double> to_response, to_outcome;

  Accumulator() {
    for (const char* s : kStatuses) f.by_status[s] = 0;
    for (const char* r : kReasons) f.decline_reasons[r] = 0;
    for (const char* o : kOutcomes) f.outcomes[o] = 0;
  }

  void add(const Row& r) {
    ++f.sent;
    ++f.by_status[r.status];
    if (r.status == "declined" && r.reason) ++f.decline_reasons[*r.reason];
    auto days = [&](TimePoint t) {
      return std::chrono::duration<double>(t - r.sent_at).count() / 86400.0;
    };
    if (r.responded_at) {
      ++f.answered;
      to_response.push_back(days(*r.responded_at));
    }
    if (r.status == "completed" && r.outcome) {
      ++f.with_outcome;
      ++f.outcomes[*r.outcome];
      if (*r.outcome == "got_help" || *r.outcome == "enrolled") ++f.got_help;
      if (r.closed_at) to_outcome.push_back(days(*r.closed_at));
    }
  }

  void merge(const Accumulator& other) {
    f.sent += other.f.sent;
    for (const auto& [k, n] : other.f.by_status) f.by_status[k] += n;
    for (const auto& [k, n] : other.f.decline_reasons) f.decline_reasons[k] += n;
    for (const auto& [k, n] : other.f.outcomes) f.outcomes[k] += n;
    f.answered += other.f.answered;
    f.with_outcome += other.f.with_outcome;
    f.got_help += other.f.got_help;
    to_response.insert(to_response.end(), other.to_response.begin(), other.to_response.end());
    to_outcome.insert(to_outcome.end(), other.to_outcome.begin(), other.to_outcome.end());
  }

  Figures finish() {
    f.closed_loop_rate = ratio(f.with_outcome, f.sent);
    f.got_help_rate = ratio(f.got_help, f.with_outcome);
    f.median_days_to_response = median(to_response);
    f.p90_days_to_response = percentile90(to_response);
    f.median_days_to_outcome = median(to_outcome);
    f.p90_days_to_outcome = percentile90(std::move(to_outcome));
    return f;
  }
};

std::string tokyo_midnight_utc(Date d) {
  return format_utc(TimePoint(std::chrono::sys_days(d)) - kTokyoOffset);
}

// An organization's name, a ward's name; the key itself for categories and months.
std::string group_label(storage::Connection& c, GroupBy g, const std::string& key) {
  const char* sql = g == GroupBy::kOrganization ? "SELECT name FROM organizations WHERE id = ?1"
                    : g == GroupBy::kWard       ? "SELECT name FROM wards WHERE code = ?1"
                                                : nullptr;
  if (!sql) return key;
  auto s = c.prepare(sql);
  s.bind(1, key);
  return s.step() ? s.text(0) : key;
}

}  // namespace

const char* to_string(GroupBy g) {
  switch (g) {
    case GroupBy::kNone:
      return "";
    case GroupBy::kOrganization:
      return "organization";
    case GroupBy::kCategory:
      return "category";
    case GroupBy::kWard:
      return "ward";
    case GroupBy::kMonth:
      return "month";
  }
  return "";
}

std::optional<GroupBy> parse_group_by(const std::string& text) {
  for (GroupBy g : {GroupBy::kOrganization, GroupBy::kCategory, GroupBy::kWard, GroupBy::kMonth}) {
    if (text == to_string(g)) return g;
  }
  return std::nullopt;
}

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return rounded(n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0);
}

std::optional<double> percentile90(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t rank = static_cast<size_t>(std::ceil(0.9 * static_cast<double>(values.size())));
  return rounded(values[std::max<size_t>(rank, 1) - 1]);
}

Result<ReferralStats> referral_stats(storage::Database& db, const Actor& actor,
                                     const StatsParams& params) {
  ReferralStats out;
  out.params = params;
  return db.read([&](storage::Connection& c) -> Result<ReferralStats> {
    TRY_ASSIGN(out.scope, resolve_scope(c, actor, Action::kReportRead, params.ward));
    Where where;
    where.add("r.sent_at >= ?", {tokyo_midnight_utc(params.from)})
        .add("r.sent_at < ?", {tokyo_midnight_utc(add_days(params.to, 1))});
    if (out.scope.partner) {
      where.add("r.organization_id = ?", {out.scope.organization_id.value_or("")});
      if (!out.scope.wards.empty()) where.add("r.ward = ?", {out.scope.wards.front()});
    } else {
      where.add("r.ward IN (SELECT value FROM json_each(?))", {out.scope.wards_json()});
    }
    // The referrals' own columns only: a year of a ward is ~100 000 rows, and a join per row
    // to organizations and wards would double the time. Labels are looked up per group after.
    auto s = c.prepare(
        "SELECT r.status, r.reason_code, r.outcome, r.sent_at, r.responded_at, r.closed_at,"
        " r.organization_id, r.ward FROM referrals r" +
        where.sql());
    where.bind(s);
    Accumulator total;
    // Hashed while the rows stream by (a year of a busy ward is ~180 000 rows into ~5 000
    // organizations: a tree of UUID keys cost more than reading the rows), ordered after.
    std::unordered_map<std::string, Accumulator> hashed;  // key → figures
    while (s.step()) {
      Row row{s.text(0),    s.optional_text(1), s.optional_text(2), parse_stored_time(s.text(3)),
              std::nullopt, std::nullopt};
      if (auto t = s.optional_text(4)) row.responded_at = parse_stored_time(*t);
      if (auto t = s.optional_text(5)) row.closed_at = parse_stored_time(*t);
      total.add(row);
      switch (params.group_by) {
        case GroupBy::kNone:
          break;
        case GroupBy::kOrganization:
        case GroupBy::kCategory:  // by organization first; folded into categories below
          hashed[s.text(6)].add(row);
          break;
        case GroupBy::kWard:
          hashed[s.text(7)].add(row);
          break;
        case GroupBy::kMonth:
          hashed[format_date(tokyo_date(row.sent_at)).substr(0, 7)].add(row);
          break;
      }
    }
    std::map<std::string, Accumulator> groups;
    for (auto& [key, acc] : hashed) groups.emplace(key, std::move(acc));
    if (params.group_by == GroupBy::kCategory) {
      std::map<std::string, Accumulator> by_category;
      for (auto& [org, acc] : groups) {
        auto cat = c.prepare("SELECT category FROM organizations WHERE id = ?1");
        cat.bind(1, org);
        by_category[cat.step() ? cat.text(0) : "other"].merge(acc);
      }
      groups = std::move(by_category);
    }
    out.total = total.finish();
    for (auto& [key, acc] : groups) {
      out.groups.push_back({key, group_label(c, params.group_by, key), acc.finish()});
    }
    // Months in order; everything else busiest first.
    if (params.group_by != GroupBy::kMonth) {
      std::stable_sort(
          out.groups.begin(), out.groups.end(),
          [](const StatsGroup& a, const StatsGroup& b) { return a.figures.sent > b.figures.sent; });
    }
    return out;
  });
}

}  // namespace tsunagu::domain::reports
