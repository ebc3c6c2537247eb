// Referral statistics (GET /api/v1/reports/referrals): how the network answers and closes the
// loop over a period, in total and per organization, category, ward or month.
//
// The population is every referral sent (sent_at) within [from, to] (Asia/Tokyo dates, both
// inclusive) in the caller's scope. Figures, per group and in total (docs/api.md defines them):
// sent; current status counts; decline reasons; outcomes; closed_loop_rate = completed with an
// outcome / sent; got_help_rate = outcome got_help or enrolled / completed with an outcome;
// median and p90 days from sending to the partner's first answer (accept or decline) and to the
// outcome. A rate or a day figure without data is null, never NaN.
//
// Thread-safety: free functions; safe from any thread.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/base/vocabulary.h"
#include "domain/reports/report_scope.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain::reports {

enum class GroupBy { kNone, kOrganization, kCategory, kWard, kMonth };

struct StatsParams {
  std::optional<std::string> ward;
  Date from;
  Date to;  // inclusive
  GroupBy group_by = GroupBy::kNone;
};

// The statuses a sent referral can have: vocabulary.h's referral statuses but draft.
inline constexpr Words kSentStatuses = Words(words::kReferralStatuses).subspan(1);
static_assert(words::kReferralStatuses[0].value == "draft");

// Counts over one of vocabulary.h's closed word sets: a slot per word, zeros included, and, for
// a value outside the set met in stored data (none in a valid database), a count under that
// value's own name. Lists them in name order, as the JSON objects and CSV columns show them. Holds
// no heap memory unless such a value is met, so thousands of groups stay cheap to build.
class WordCounts {
 public:
  static constexpr size_t kMaxWords = 12;

  WordCounts() = default;
  explicit WordCounts(Words words);

  // The position of `value` in the set, or -1.
  int index_of(std::string_view value) const;
  // The count of the set's i-th word.
  int64_t& slot(size_t i) { return counts_[i]; }
  int64_t slot(size_t i) const { return counts_[i]; }
  // Adds n under `value`: its slot, or its own name when it is outside the set.
  void add(std::string_view value, int64_t n = 1);
  // The count under `name`; 0 for a name never counted.
  int64_t at(std::string_view name) const;

  // fn(name, count) for every word of the set and every other value met, in name order.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    std::array<size_t, kMaxWords> order{};
    for (size_t i = 0; i < words_.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(words_.size()),
              [&](size_t a, size_t b) { return words_[a].value < words_[b].value; });
    auto other = others_.begin();
    for (size_t k = 0; k < words_.size(); ++k) {
      const std::string_view name = words_[order[k]].value;
      for (; other != others_.end() && std::string_view(other->first) < name; ++other) {
        fn(std::string_view(other->first), other->second);
      }
      fn(name, counts_[order[k]]);
    }
    for (; other != others_.end(); ++other) fn(std::string_view(other->first), other->second);
  }

 private:
  Words words_;
  std::array<int64_t, kMaxWords> counts_{};
  std::map<std::string, int64_t, std::less<>> others_;
};

struct Figures {
  int64_t sent = 0;
  WordCounts by_status{kSentStatuses};                 // every status but draft
  WordCounts decline_reasons{words::kDeclineReasons};  // every reason code
  WordCounts outcomes{words::kOutcomes};               // every outcome
  int64_t answered = 0;      // accepted or declined by the partner at some point
  int64_t with_outcome = 0;  // completed with an outcome
  int64_t got_help = 0;      // outcome got_help or enrolled
  std::optional<double> closed_loop_rate, got_help_rate;
  std::optional<double> median_days_to_response, p90_days_to_response;
  std::optional<double> median_days_to_outcome, p90_days_to_outcome;
};

struct StatsGroup {
  std::string key;    // organization id, category code, ward code or YYYY-MM
  std::string label;  // organization name, ward name; the key otherwise
  Figures figures;
};

struct ReferralStats {
  StatsParams params;
  ReportScope scope;
  Figures total;
  std::vector<StatsGroup> groups;  // empty without group_by
};

const char* to_string(GroupBy g);  // "", "organization", "category", "ward", "month"
std::optional<GroupBy> parse_group_by(const std::string& text);

// The statistics for `actor` (403 admin and auditor, 404 another ward). Counts only: no case is
// read, so nothing is audited.
Result<ReferralStats> referral_stats(storage::Database& db, const Actor& actor,
                                     const StatsParams& params);

// The median (mean of the two middle values for an even count) and the p90 by nearest rank
// (the ⌈0.9·n⌉-th smallest), rounded to 0.01; nullopt for no values. Exposed for tests.
std::optional<double> median(std::vector<double> values);
std::optional<double> percentile90(std::vector<double> values);

}  // namespace tsunagu::domain::reports
