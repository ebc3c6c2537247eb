#include "domain/reports/referral_stats.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "domain/access/authorization.h"
#include "domain/base/where.h"
#include "storage/database.h"

namespace tsunagu::domain::reports {
namespace {

double rounded(double v) { return std::round(v * 100.0) / 100.0; }

std::optional<double> ratio(int64_t part, int64_t whole) {
  if (whole == 0) return std::nullopt;
  // Four decimal places: 2/3 is 0.6667.
  return std::round(static_cast<double>(part) / static_cast<double>(whole) * 10000.0) / 10000.0;
}

// The position of `value` in `set`, or -1.
constexpr int word_index(Words set, std::string_view value) {
  for (size_t i = 0; i < set.size(); ++i) {
    if (set[i].value == value) return static_cast<int>(i);
  }
  return -1;
}

constexpr int kDeclined = word_index(kSentStatuses, "declined");
constexpr int kCompleted = word_index(kSentStatuses, "completed");
constexpr int kEnrolled = word_index(words::kOutcomes, "enrolled");
constexpr int kGotHelp = word_index(words::kOutcomes, "got_help");
static_assert(kDeclined >= 0 && kCompleted >= 0 && kEnrolled >= 0 && kGotHelp >= 0);
static_assert(kSentStatuses.size() <= WordCounts::kMaxWords &&
              std::size(words::kDeclineReasons) <= WordCounts::kMaxWords &&
              std::size(words::kOutcomes) <= WordCounts::kMaxWords);

// One referral's facts, as indexes and milliseconds: nothing is copied per row.
struct Row {
  int status = -1;
  std::string_view status_text;  // when status is -1
  int reason = -1;               // -1: none or unknown (then reason_text is set)
  std::optional<std::string_view> reason_text;
  int outcome = -1;
  std::optional<std::string_view> outcome_text;
  std::optional<int64_t> response_ms, outcome_ms;  // from sending
};

// Days from sending, as Figures give them: the same double arithmetic as ever, on the
// milliseconds kept per row.
double days_of(int64_t ms) {
  return std::chrono::duration<double>(std::chrono::milliseconds(ms)).count() / 86400.0;
}

// The median and the p90 of `ms` (reordered) by selection instead of two sorts; the same
// elements median() and percentile90() pick from a sorted copy, so the same figures.
void median_and_p90(int64_t* ms, size_t n, std::optional<double>& med, std::optional<double>& p90) {
  if (n == 0) return;
  const size_t rank = static_cast<size_t>(std::ceil(0.9 * static_cast<double>(n)));
  const size_t at90 = std::max<size_t>(rank, 1) - 1;
  std::nth_element(ms, ms + n / 2, ms + n);
  const int64_t upper = ms[n / 2];
  if (n % 2 == 1) {
    med = rounded(days_of(upper));
  } else {
    // The largest of the lower half is the (n/2 − 1)-th smallest.
    const int64_t lower = *std::max_element(ms, ms + n / 2);
    med = rounded((days_of(lower) + days_of(upper)) / 2.0);
  }
  // ⌈0.9·n⌉ − 1 ≥ n/2 for every n ≥ 1: the p90 is in the upper half, already split off.
  std::nth_element(ms + n / 2, ms + at90, ms + n);
  p90 = rounded(days_of(ms[at90]));
}

// One group's counts: plain integers, no heap memory, so thousands of organizations stay compact
// while the rows visit them in no particular order.
struct Counts {
  int64_t sent = 0, answered = 0, with_outcome = 0, got_help = 0;
  int64_t outcome_times = 0;  // outcomes with a closed_at: durations kept
  std::array<int64_t, kSentStatuses.size()> by_status{};
  std::array<int64_t, std::size(words::kDeclineReasons)> reasons{};
  std::array<int64_t, std::size(words::kOutcomes)> outcomes{};

  void merge(const Counts& o) {
    sent += o.sent;
    answered += o.answered;
    with_outcome += o.with_outcome;
    got_help += o.got_help;
    outcome_times += o.outcome_times;
    for (size_t i = 0; i < by_status.size(); ++i) by_status[i] += o.by_status[i];
    for (size_t i = 0; i < reasons.size(); ++i) reasons[i] += o.reasons[i];
    for (size_t i = 0; i < outcomes.size(); ++i) outcomes[i] += o.outcomes[i];
  }
};

// Values outside the lists (none in a valid database), counted by name as the maps always did.
struct Others {
  std::map<std::string, int64_t, std::less<>> status{}, reasons{}, outcomes{};

  static void count(std::map<std::string, int64_t, std::less<>>& m, std::string_view key) {
    auto it = m.find(key);
    if (it == m.end()) it = m.emplace(std::string(key), 0).first;
    ++it->second;
  }
  void merge(const Others& o) {
    for (const auto& [k, n] : o.status) status[k] += n;
    for (const auto& [k, n] : o.reasons) reasons[k] += n;
    for (const auto& [k, n] : o.outcomes) outcomes[k] += n;
  }
};

// The figures of counts and their durations (milliseconds, reordered): the maps built once here.
Figures figures_of(const Counts& c, const Others* others, int64_t* response, size_t responses,
                   int64_t* outcome, size_t outcomes) {
  Figures f;
  f.sent = c.sent;
  f.answered = c.answered;
  f.with_outcome = c.with_outcome;
  f.got_help = c.got_help;
  for (size_t i = 0; i < c.by_status.size(); ++i) f.by_status.slot(i) = c.by_status[i];
  for (size_t i = 0; i < c.reasons.size(); ++i) f.decline_reasons.slot(i) = c.reasons[i];
  for (size_t i = 0; i < c.outcomes.size(); ++i) f.outcomes.slot(i) = c.outcomes[i];
  if (others) {
    for (const auto& [k, n] : others->status) f.by_status.add(k, n);
    for (const auto& [k, n] : others->reasons) f.decline_reasons.add(k, n);
    for (const auto& [k, n] : others->outcomes) f.outcomes.add(k, n);
  }
  f.closed_loop_rate = ratio(f.with_outcome, f.sent);
  f.got_help_rate = ratio(f.got_help, f.with_outcome);
  median_and_p90(response, responses, f.median_days_to_response, f.p90_days_to_response);
  median_and_p90(outcome, outcomes, f.median_days_to_outcome, f.p90_days_to_outcome);
  return f;
}

// Every row's counts in its group, its durations appended to two flat arrays tagged with the
// group (no vector per group to grow), sorted into groups once at the end.
class Tally {
 public:
  int add_group() {
    counts_.emplace_back();
    return static_cast<int>(counts_.size() - 1);
  }
  size_t groups() const { return counts_.size(); }

  void add(int g, const Row& r) {
    Counts& c = counts_[static_cast<size_t>(g)];
    ++c.sent;
    if (r.status >= 0) {
      ++c.by_status[static_cast<size_t>(r.status)];
    } else {
      Others::count(others_[g].status, r.status_text);
    }
    if (r.status == kDeclined && r.reason_text) {
      if (r.reason >= 0) {
        ++c.reasons[static_cast<size_t>(r.reason)];
      } else {
        Others::count(others_[g].reasons, *r.reason_text);
      }
    }
    if (r.response_ms) {
      ++c.answered;
      response_group_.push_back(g);
      response_ms_.push_back(*r.response_ms);
    }
    if (r.status == kCompleted && r.outcome_text) {
      ++c.with_outcome;
      if (r.outcome >= 0) {
        ++c.outcomes[static_cast<size_t>(r.outcome)];
      } else {
        Others::count(others_[g].outcomes, *r.outcome_text);
      }
      if (r.outcome == kGotHelp || r.outcome == kEnrolled) ++c.got_help;
      if (r.outcome_ms) {
        ++c.outcome_times;
        outcome_group_.push_back(g);
        outcome_ms_.push_back(*r.outcome_ms);
      }
    }
  }

  // The figures of `outputs` groups, group g counted in to[g] (categories fold organizations).
  std::vector<Figures> grouped(const std::vector<int>& to, size_t outputs) {
    std::vector<Counts> counts(outputs);
    std::map<int, Others> others;
    for (size_t g = 0; g < counts_.size(); ++g)
      counts[static_cast<size_t>(to[g])].merge(counts_[g]);
    for (const auto& [g, o] : others_) others[to[static_cast<size_t>(g)]].merge(o);
    auto response = by_group(response_group_, response_ms_, to, outputs);
    auto outcome = by_group(outcome_group_, outcome_ms_, to, outputs);
    std::vector<Figures> out;
    out.reserve(outputs);
    for (size_t i = 0; i < outputs; ++i) {
      auto o = others.find(static_cast<int>(i));
      out.push_back(figures_of(
          counts[i], o != others.end() ? &o->second : nullptr,
          response.ms.data() + response.start[i], response.start[i + 1] - response.start[i],
          outcome.ms.data() + outcome.start[i], outcome.start[i + 1] - outcome.start[i]));
    }
    return out;
  }

  // The figures of every row (reorders the durations: call after grouped()).
  Figures total() {
    Counts c;
    Others o;
    for (const auto& g : counts_) c.merge(g);
    for (const auto& [g, other] : others_) o.merge(other);
    return figures_of(c, &o, response_ms_.data(), response_ms_.size(), outcome_ms_.data(),
                      outcome_ms_.size());
  }

 private:
  struct Bucketed {
    std::vector<size_t> start;  // outputs + 1 offsets into ms
    std::vector<int64_t> ms;
  };
  // A counting sort of the durations by their output group.
  static Bucketed by_group(const std::vector<int>& group, const std::vector<int64_t>& ms,
                           const std::vector<int>& to, size_t outputs) {
    Bucketed b{std::vector<size_t>(outputs + 1, 0), std::vector<int64_t>(ms.size())};
    for (int g : group) ++b.start[static_cast<size_t>(to[static_cast<size_t>(g)]) + 1];
    for (size_t i = 1; i <= outputs; ++i) b.start[i] += b.start[i - 1];
    std::vector<size_t> next(b.start.begin(), b.start.end() - 1);
    for (size_t i = 0; i < ms.size(); ++i) {
      b.ms[next[static_cast<size_t>(to[static_cast<size_t>(group[i])])]++] = ms[i];
    }
    return b;
  }

  std::vector<Counts> counts_;
  std::map<int, Others> others_;  // by group, rarely any
  std::vector<int> response_group_, outcome_group_;
  std::vector<int64_t> response_ms_, outcome_ms_;
};

// The first millisecond of Tokyo's day d, since 1970 (what referrals.sent_ms counts).
int64_t tokyo_midnight_ms(Date d) {
  return (TimePoint(std::chrono::sys_days(d)) - kTokyoOffset).time_since_epoch().count();
}

// The group keys met while the rows stream by, each once, numbered in order: an open-addressing
// table of (hash, number), one probe for most rows. Organization ids are random UUIDs: their
// first and last 8 bytes, mixed, make the hash; equal hashes are still compared whole.
class Keys {
 public:
  // The key's number, -1 when new (then add() it).
  int find(std::string_view key) {
    if (last_ >= 0 && keys_[static_cast<size_t>(last_)] == key) return last_;
    hash_ = hash(key);
    const size_t mask = slots_.size() - 1;
    for (slot_ = hash_ & mask;; slot_ = (slot_ + 1) & mask) {
      const Slot& s = slots_[slot_];
      if (s.number < 0) return -1;
      if (s.hash == hash_ && keys_[static_cast<size_t>(s.number)] == key) {
        return last_ = s.number;
      }
    }
  }
  // Adds the key find() just missed, as `number`.
  void add(std::string_view key, int number) {
    slots_[slot_] = {hash_, number};
    if (keys_.size() <= static_cast<size_t>(number)) keys_.resize(static_cast<size_t>(number) + 1);
    keys_[static_cast<size_t>(number)] = std::string(key);
    last_ = number;
    if (++used_ * 2 > slots_.size()) grow();
  }
  const std::vector<std::string>& keys() const { return keys_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    int number = -1;
  };
  static uint64_t hash(std::string_view k) {
    uint64_t h;
    if (k.size() >= 16) {
      uint64_t a, b;
      std::memcpy(&a, k.data(), 8);
      std::memcpy(&b, k.data() + k.size() - 8, 8);
      h = (a * 0x9E3779B97F4A7C15ULL) ^ b ^ k.size();
    } else {
      h = std::hash<std::string_view>{}(k);
    }
    h ^= h >> 32;
    h *= 0xC2B2AE3D27D4EB4FULL;
    return h ^ (h >> 29);
  }
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.number < 0) continue;
      size_t i = s.hash & mask;
      while (slots_[i].number >= 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_ = std::vector<Slot>(1024);
  size_t used_ = 0;
  std::vector<std::string> keys_;
  int last_ = -1;
  uint64_t hash_ = 0;
  size_t slot_ = 0;
};

// An organization's id, name and category, a ward's name, for the keys met: one query each.
struct Label {
  std::string name, category;
};
struct Organization {
  std::string id;
  Label label;
};
// The organizations of `seqs`, in that order; Internal when one is missing (referrals'
// organization_seq follows organization_id, which must name an organization).
Result<std::vector<Organization>> organizations_of(storage::Connection& c,
                                                   const std::vector<int64_t>& seqs) {
  std::unordered_map<int64_t, Organization> found;
  if (!seqs.empty()) {
    auto s = c.prepare(
        "SELECT seq, id, name, category FROM organizations"
        " WHERE seq IN (SELECT value FROM json_each(?1))");
    s.bind(1, nlohmann::json(seqs).dump());
    while (s.step()) found[s.int64(0)] = {s.text(1), {s.text(2), s.text(3)}};
  }
  std::vector<Organization> out;
  out.reserve(seqs.size());
  for (int64_t seq : seqs) {
    auto it = found.find(seq);
    if (it == found.end()) {
      return Error::Internal("a referral's organization_seq " + std::to_string(seq) +
                             " names no organization");
    }
    out.push_back(std::move(it->second));
  }
  return out;
}

std::unordered_map<std::string, Label> ward_labels(storage::Connection& c) {
  std::unordered_map<std::string, Label> out;
  auto s = c.prepare("SELECT code, name FROM wards");
  while (s.step()) out[s.text(0)] = {s.text(1), {}};
  return out;
}

}  // namespace

WordCounts::WordCounts(Words words) : words_(words) {}

int WordCounts::index_of(std::string_view value) const { return word_index(words_, value); }

void WordCounts::add(std::string_view value, int64_t n) {
  if (const int i = index_of(value); i >= 0) {
    counts_[static_cast<size_t>(i)] += n;
    return;
  }
  auto it = others_.find(value);
  if (it == others_.end()) it = others_.emplace(std::string(value), 0).first;
  it->second += n;
}

int64_t WordCounts::at(std::string_view name) const {
  if (const int i = index_of(name); i >= 0) return counts_[static_cast<size_t>(i)];
  auto it = others_.find(name);
  return it != others_.end() ? it->second : 0;
}

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
    where.add("r.sent_ms >= CAST(? AS INTEGER)", {std::to_string(tokyo_midnight_ms(params.from))})
        .add("r.sent_ms < CAST(? AS INTEGER)",
             {std::to_string(tokyo_midnight_ms(add_days(params.to, 1)))});
    if (out.scope.partner) {
      // By id: referrals_inbox gives the partner's own referrals (thousands), where a test of
      // organization_seq would scan every ward's year in referrals_ward_sent.
      where.add("r.organization_id = ?", {out.scope.organization_id.value_or("")});
      if (!out.scope.wards.empty()) where.add("r.ward = ?", {out.scope.wards.front()});
    } else {
      where.add("r.ward IN (SELECT value FROM json_each(?))", {out.scope.wards_json()});
    }
    // The referrals' own columns, read from referrals_ward_sent alone: a year of a ward is
    // ~180 000 rows, and a join per row to organizations and wards would double the time. Times
    // are integers (schema/0014_referral_figures.sql); labels are read after, one query.
    auto s = c.prepare(
        "SELECT r.status, r.reason_code, r.outcome, r.sent_ms, r.response_ms, r.outcome_ms,"
        " r.organization_seq, r.ward FROM referrals r" +
        where.sql());
    where.bind(s);
    Tally tally;
    // Groups by organization (folded into categories after), ward or month; without grouping
    // every row is in group 0. Rows come in (ward, sent_ms) order, so ward and month groups
    // repeat from row to row; organizations are numbered by their integer seq.
    Keys keys;
    std::vector<int> group_of_seq;  // by organizations.seq: its group, or -1
    std::vector<int64_t> seqs;      // by group: the organization's seq
    if (params.group_by == GroupBy::kNone) tally.add_group();
    // Months: the Tokyo month of the last row and its span, so a month's key is formatted once,
    // not per row.
    int64_t month_from = 0, month_to = 0;
    std::string month_key;
    auto group_of = [&](std::string_view key) {
      int g = keys.find(key);
      if (g < 0) {
        g = tally.add_group();
        keys.add(key, g);
      }
      return g;
    };
    while (s.step()) {
      Row row;
      row.status_text = s.text_view(0);
      row.status = word_index(kSentStatuses, row.status_text);
      if (row.status == kDeclined && !s.is_null(1)) {
        row.reason_text = s.text_view(1);
        row.reason = word_index(words::kDeclineReasons, *row.reason_text);
      }
      if (row.status == kCompleted && !s.is_null(2)) {
        row.outcome_text = s.text_view(2);
        row.outcome = word_index(words::kOutcomes, *row.outcome_text);
      }
      const int64_t sent_ms = s.int64(3);
      row.response_ms = s.optional_int64(4);
      row.outcome_ms = s.optional_int64(5);
      int g = 0;
      switch (params.group_by) {
        case GroupBy::kNone:
          break;
        case GroupBy::kOrganization:
        case GroupBy::kCategory: {  // by organization first; folded into categories below
          const int64_t seq = s.int64(6);
          if (seq < 0 || seq > std::numeric_limits<int>::max()) {
            return Error::Internal("a referral's organization_seq is out of range");
          }
          const auto at = static_cast<size_t>(seq);
          if (at >= group_of_seq.size()) group_of_seq.resize(at + 1, -1);
          g = group_of_seq[at];
          if (g < 0) {
            g = group_of_seq[at] = tally.add_group();
            seqs.push_back(seq);
          }
          break;
        }
        case GroupBy::kWard:
          g = group_of(s.text_view(7));
          break;
        case GroupBy::kMonth:
          if (month_key.empty() || sent_ms < month_from || sent_ms >= month_to) {
            const Date d = tokyo_date(TimePoint(std::chrono::milliseconds(sent_ms)));
            const Date first = d.year() / d.month() / std::chrono::day{1};
            month_from = tokyo_midnight_ms(first);
            month_to = tokyo_midnight_ms(first + std::chrono::months{1});
            month_key = format_date(d).substr(0, 7);
          }
          g = group_of(month_key);
          break;
      }
      tally.add(g, row);
    }
    if (params.group_by == GroupBy::kNone) {
      out.total = tally.total();
      return std::move(out);
    }

    // Each group's output: its key and label, and which output it counts in.
    std::vector<int> to(tally.groups());
    std::vector<std::pair<std::string, std::string>> outputs;  // key, label
    if (params.group_by == GroupBy::kCategory) {
      TRY_ASSIGN(const auto organizations, organizations_of(c, seqs));
      std::map<std::string, int> categories;
      for (size_t g = 0; g < organizations.size(); ++g) {
        const std::string& cat = organizations[g].label.category;
        auto [at, fresh] = categories.try_emplace(cat, static_cast<int>(outputs.size()));
        if (fresh) outputs.emplace_back(cat, cat);
        to[g] = at->second;
      }
    } else if (params.group_by == GroupBy::kOrganization) {
      TRY_ASSIGN(auto organizations, organizations_of(c, seqs));
      for (size_t g = 0; g < organizations.size(); ++g) {
        outputs.emplace_back(std::move(organizations[g].id),
                             std::move(organizations[g].label.name));
        to[g] = static_cast<int>(g);
      }
    } else {
      const auto& met = keys.keys();
      std::unordered_map<std::string, Label> labels;
      if (params.group_by == GroupBy::kWard) labels = ward_labels(c);
      for (size_t g = 0; g < met.size(); ++g) {
        auto it = labels.find(met[g]);
        outputs.emplace_back(met[g], it != labels.end() ? it->second.name : met[g]);
        to[g] = static_cast<int>(g);
      }
    }
    auto figures = tally.grouped(to, outputs.size());
    out.total = tally.total();
    // Busiest first for all but months, then by key. The order is found on indexes and each
    // group moved once: thousands of organizations' figures are too big to shuffle while sorting.
    std::vector<size_t> order(outputs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    const bool busiest_first = params.group_by != GroupBy::kMonth;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (busiest_first && figures[a].sent != figures[b].sent) {
        return figures[a].sent > figures[b].sent;
      }
      return outputs[a].first < outputs[b].first;
    });
    out.groups.reserve(outputs.size());
    for (size_t i : order) {
      out.groups.push_back(
          {std::move(outputs[i].first), std::move(outputs[i].second), std::move(figures[i])});
    }
    return std::move(out);
  });
}

}  // namespace tsunagu::domain::reports
