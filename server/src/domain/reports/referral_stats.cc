#include "domain/reports/referral_stats.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
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

// Statuses, reasons and outcomes are counted in arrays indexed as the lists above; a value
// outside them (none in a valid database) is still counted, by name, as the maps always did.
template <size_t N>
int index_of(const char* const (&names)[N], std::string_view value) {
  for (size_t i = 0; i < N; ++i) {
    if (value == names[i]) return static_cast<int>(i);
  }
  return -1;
}

constexpr int kDeclined = 2, kCompleted = 5;  // indexes in kStatuses
constexpr int kEnrolled = 0, kGotHelp = 1;    // indexes in kOutcomes

// One referral's facts, as indexes and milliseconds: nothing is copied per row.
struct Row {
  int status = -1;
  std::string_view status_text;  // when status is -1
  int reason = -1;               // -1: none or unknown (then reason_text is set)
  std::optional<std::string_view> reason_text;
  int outcome = -1;
  std::optional<std::string_view> outcome_text;
  bool has_outcome = false;
  TimePoint sent_at{};
  std::optional<TimePoint> responded_at{}, closed_at{};
};

// Days from sending, as Figures give them: the same double arithmetic as ever, on the
// milliseconds kept per row.
double days_of(int64_t ms) {
  return std::chrono::duration<double>(std::chrono::milliseconds(ms)).count() / 86400.0;
}

// The median and the p90 of `ms` (reordered) by selection instead of two sorts; the same
// elements median() and percentile90() pick from a sorted copy, so the same figures.
void median_and_p90(std::vector<int64_t>& ms, std::optional<double>& med,
                    std::optional<double>& p90) {
  if (ms.empty()) return;
  const size_t n = ms.size();
  const size_t rank = static_cast<size_t>(std::ceil(0.9 * static_cast<double>(n)));
  const size_t at90 = std::max<size_t>(rank, 1) - 1;
  std::nth_element(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(n / 2), ms.end());
  const int64_t upper = ms[n / 2];
  if (n % 2 == 1) {
    med = rounded(days_of(upper));
  } else {
    // The largest of the lower half is the (n/2 − 1)-th smallest.
    const int64_t lower =
        *std::max_element(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(n / 2));
    med = rounded((days_of(lower) + days_of(upper)) / 2.0);
  }
  // ⌈0.9·n⌉ − 1 ≥ n/2 for every n ≥ 1: the p90 is in the upper half, already split off.
  std::nth_element(ms.begin() + static_cast<std::ptrdiff_t>(n / 2),
                   ms.begin() + static_cast<std::ptrdiff_t>(at90), ms.end());
  p90 = rounded(days_of(ms[at90]));
}

struct Accumulator {
  int64_t sent = 0, answered = 0, with_outcome = 0, got_help = 0;
  std::array<int64_t, std::size(kStatuses)> by_status{};
  std::array<int64_t, std::size(kReasons)> reasons{};
  std::array<int64_t, std::size(kOutcomes)> outcomes{};
  std::map<std::string, int64_t, std::less<>> other_status{}, other_reasons{}, other_outcomes{};
  std::vector<int64_t> to_response{}, to_outcome{};  // milliseconds

  template <typename Map>
  static void count_other(Map& m, std::string_view key) {
    auto it = m.find(key);
    if (it == m.end()) it = m.emplace(std::string(key), 0).first;
    ++it->second;
  }

  void add(const Row& r) {
    ++sent;
    if (r.status >= 0) {
      ++by_status[static_cast<size_t>(r.status)];
    } else {
      count_other(other_status, r.status_text);
    }
    if (r.status == kDeclined && r.reason_text) {
      if (r.reason >= 0) {
        ++reasons[static_cast<size_t>(r.reason)];
      } else {
        count_other(other_reasons, *r.reason_text);
      }
    }
    if (r.responded_at) {
      ++answered;
      to_response.push_back((*r.responded_at - r.sent_at).count());
    }
    if (r.status == kCompleted && r.outcome_text) {
      ++with_outcome;
      if (r.outcome >= 0) {
        ++outcomes[static_cast<size_t>(r.outcome)];
      } else {
        count_other(other_outcomes, *r.outcome_text);
      }
      if (r.outcome == kGotHelp || r.outcome == kEnrolled) ++got_help;
      if (r.closed_at) to_outcome.push_back((*r.closed_at - r.sent_at).count());
    }
  }

  void merge(const Accumulator& other) {
    sent += other.sent;
    answered += other.answered;
    with_outcome += other.with_outcome;
    got_help += other.got_help;
    for (size_t i = 0; i < by_status.size(); ++i) by_status[i] += other.by_status[i];
    for (size_t i = 0; i < reasons.size(); ++i) reasons[i] += other.reasons[i];
    for (size_t i = 0; i < outcomes.size(); ++i) outcomes[i] += other.outcomes[i];
    for (const auto& [k, n] : other.other_status) other_status[k] += n;
    for (const auto& [k, n] : other.other_reasons) other_reasons[k] += n;
    for (const auto& [k, n] : other.other_outcomes) other_outcomes[k] += n;
    to_response.insert(to_response.end(), other.to_response.begin(), other.to_response.end());
    to_outcome.insert(to_outcome.end(), other.to_outcome.begin(), other.to_outcome.end());
  }

  // The Figures, maps built once here. Reorders the kept durations.
  Figures finish() {
    Figures f;
    f.sent = sent;
    f.answered = answered;
    f.with_outcome = with_outcome;
    f.got_help = got_help;
    for (size_t i = 0; i < by_status.size(); ++i) f.by_status[kStatuses[i]] = by_status[i];
    for (size_t i = 0; i < reasons.size(); ++i) f.decline_reasons[kReasons[i]] = reasons[i];
    for (size_t i = 0; i < outcomes.size(); ++i) f.outcomes[kOutcomes[i]] = outcomes[i];
    for (const auto& [k, n] : other_status) f.by_status[k] += n;
    for (const auto& [k, n] : other_reasons) f.decline_reasons[k] += n;
    for (const auto& [k, n] : other_outcomes) f.outcomes[k] += n;
    f.closed_loop_rate = ratio(f.with_outcome, f.sent);
    f.got_help_rate = ratio(f.got_help, f.with_outcome);
    median_and_p90(to_response, f.median_days_to_response, f.p90_days_to_response);
    median_and_p90(to_outcome, f.median_days_to_outcome, f.p90_days_to_outcome);
    return f;
  }
};

std::string tokyo_midnight_utc(Date d) {
  return format_utc(TimePoint(std::chrono::sys_days(d)) - kTokyoOffset);
}

// Stored times are written by format_utc ("YYYY-MM-DDTHH:MM:SS.mmmZ"): read those directly;
// anything else goes through parse_stored_time, as before.
bool digits(std::string_view s, size_t at, size_t n, int& out) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

TimePoint stored_time(std::string_view s) {
  int y, mo, d, h, mi, sec, ms;
  if (s.size() == 24 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
      s[16] == ':' && s[19] == '.' && s[23] == 'Z' && digits(s, 0, 4, y) && digits(s, 5, 2, mo) &&
      digits(s, 8, 2, d) && digits(s, 11, 2, h) && digits(s, 14, 2, mi) && digits(s, 17, 2, sec) &&
      digits(s, 20, 3, ms) && h <= 23 && mi <= 59 && sec <= 59) {
    const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                    std::chrono::day{static_cast<unsigned>(d)}};
    if (date.ok()) {
      return TimePoint(std::chrono::sys_days(date)) + std::chrono::hours(h) +
             std::chrono::minutes(mi) + std::chrono::seconds(sec) + std::chrono::milliseconds(ms);
    }
  }
  return parse_stored_time(s);
}

// Hashes a group key from its first and last 8 bytes (organization ids are random UUIDs, ward
// codes and the rest short): equal keys are still compared whole.
struct KeyHash {
  size_t operator()(std::string_view k) const {
    if (k.size() < 16) return std::hash<std::string_view>{}(k);
    uint64_t a, b;
    std::memcpy(&a, k.data(), 8);
    std::memcpy(&b, k.data() + k.size() - 8, 8);
    return static_cast<size_t>((a * 0x9E3779B97F4A7C15ULL) ^ (b * 0xC2B2AE3D27D4EB4FULL) ^
                               k.size());
  }
};

// The groups met while the rows stream by: each key once, its accumulator by index.
class Groups {
 public:
  Accumulator& at(std::string_view key) {
    if (last_ >= 0 && keys_[static_cast<size_t>(last_)] == key)
      return accs_[static_cast<size_t>(last_)];
    auto it = index_.find(key);
    if (it == index_.end()) {
      keys_.emplace_back(key);  // a deque: the view below stays valid
      accs_.emplace_back();
      it = index_.emplace(keys_.back(), static_cast<int>(accs_.size() - 1)).first;
    }
    last_ = it->second;
    return accs_[static_cast<size_t>(last_)];
  }
  std::deque<std::string>& keys() { return keys_; }
  std::deque<Accumulator>& accumulators() { return accs_; }

 private:
  std::deque<std::string> keys_;
  std::deque<Accumulator> accs_;
  std::unordered_map<std::string_view, int, KeyHash> index_;
  int last_ = -1;
};

// An organization's name and category, a ward's name, for the keys met: one query each.
struct Label {
  std::string name, category;
};
std::unordered_map<std::string, Label> organization_labels(storage::Connection& c,
                                                           const std::deque<std::string>& ids) {
  std::unordered_map<std::string, Label> out;
  if (ids.empty()) return out;
  auto s = c.prepare(
      "SELECT id, name, category FROM organizations WHERE id IN (SELECT value FROM json_each(?1))");
  s.bind(1, nlohmann::json(ids).dump());
  while (s.step()) out[s.text(0)] = {s.text(1), s.text(2)};
  return out;
}

std::unordered_map<std::string, Label> ward_labels(storage::Connection& c) {
  std::unordered_map<std::string, Label> out;
  auto s = c.prepare("SELECT code, name FROM wards");
  while (s.step()) out[s.text(0)] = {s.text(1), {}};
  return out;
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
    // The referrals' own columns only: a year of a ward is ~180 000 rows, and a join per row
    // to organizations and wards would double the time. Labels are read after, one query.
    auto s = c.prepare(
        "SELECT r.status, r.reason_code, r.outcome, r.sent_at, r.responded_at, r.closed_at,"
        " r.organization_id, r.ward FROM referrals r" +
        where.sql());
    where.bind(s);
    Accumulator total;
    // Groups by organization (folded into categories after), ward or month. Rows come in
    // (ward, sent_at) order, so ward and month groups repeat from row to row.
    Groups groups;
    // Months: the Tokyo month of the last row and its span in UTC, so a month's key is formatted
    // once, not per row.
    TimePoint month_from{}, month_to{};
    std::string month_key;
    while (s.step()) {
      Row row;
      row.status_text = s.text_view(0);
      row.status = index_of(kStatuses, row.status_text);
      if (row.status == kDeclined && !s.is_null(1)) {
        row.reason_text = s.text_view(1);
        row.reason = index_of(kReasons, *row.reason_text);
      }
      if (row.status == kCompleted && !s.is_null(2)) {
        row.outcome_text = s.text_view(2);
        row.outcome = index_of(kOutcomes, *row.outcome_text);
      }
      row.sent_at = stored_time(s.text_view(3));
      if (!s.is_null(4)) row.responded_at = stored_time(s.text_view(4));
      if (!s.is_null(5)) row.closed_at = stored_time(s.text_view(5));
      switch (params.group_by) {
        case GroupBy::kNone:
          total.add(row);
          break;
        case GroupBy::kOrganization:
        case GroupBy::kCategory:  // by organization first; folded into categories below
          groups.at(s.text_view(6)).add(row);
          break;
        case GroupBy::kWard:
          groups.at(s.text_view(7)).add(row);
          break;
        case GroupBy::kMonth:
          if (month_key.empty() || row.sent_at < month_from || row.sent_at >= month_to) {
            const Date d = tokyo_date(row.sent_at);
            const Date first = d.year() / d.month() / std::chrono::day{1};
            month_from = TimePoint(std::chrono::sys_days(first)) - kTokyoOffset;
            month_to =
                TimePoint(std::chrono::sys_days(first + std::chrono::months{1})) - kTokyoOffset;
            month_key = format_date(d).substr(0, 7);
          }
          groups.at(month_key).add(row);
          break;
      }
    }
    // Grouped: the total is the groups together (each row was counted once, in its group).
    for (auto& acc : groups.accumulators()) total.merge(acc);
    out.total = total.finish();
    if (params.group_by == GroupBy::kNone) return out;

    struct Keyed {
      std::string key, label;
      Accumulator* acc;
    };
    std::vector<Keyed> keyed;
    std::deque<Accumulator> by_category;  // category groups, when folded
    auto& keys = groups.keys();
    auto& accs = groups.accumulators();
    if (params.group_by == GroupBy::kOrganization || params.group_by == GroupBy::kCategory) {
      const auto labels = organization_labels(c, keys);
      if (params.group_by == GroupBy::kOrganization) {
        for (size_t i = 0; i < keys.size(); ++i) {
          auto it = labels.find(keys[i]);
          keyed.push_back({keys[i], it != labels.end() ? it->second.name : keys[i], &accs[i]});
        }
      } else {
        std::map<std::string, Accumulator*> categories;
        for (size_t i = 0; i < keys.size(); ++i) {
          auto it = labels.find(keys[i]);
          const std::string& cat = it != labels.end() ? it->second.category : "other";
          auto [at, fresh] = categories.try_emplace(cat, nullptr);
          if (fresh) at->second = &by_category.emplace_back();
          at->second->merge(accs[i]);
        }
        for (auto& [cat, acc] : categories) keyed.push_back({cat, cat, acc});
      }
    } else if (params.group_by == GroupBy::kWard) {
      const auto labels = ward_labels(c);
      for (size_t i = 0; i < keys.size(); ++i) {
        auto it = labels.find(keys[i]);
        keyed.push_back({keys[i], it != labels.end() ? it->second.name : keys[i], &accs[i]});
      }
    } else {
      for (size_t i = 0; i < keys.size(); ++i) keyed.push_back({keys[i], keys[i], &accs[i]});
    }
    // By key (as the groups always came), then busiest first for all but months.
    std::sort(keyed.begin(), keyed.end(),
              [](const Keyed& a, const Keyed& b) { return a.key < b.key; });
    out.groups.reserve(keyed.size());
    for (auto& k : keyed) {
      out.groups.push_back({std::move(k.key), std::move(k.label), k.acc->finish()});
    }
    if (params.group_by != GroupBy::kMonth) {
      std::stable_sort(
          out.groups.begin(), out.groups.end(),
          [](const StatsGroup& a, const StatsGroup& b) { return a.figures.sent > b.figures.sent; });
    }
    return out;
  });
}

}  // namespace tsunagu::domain::reports
