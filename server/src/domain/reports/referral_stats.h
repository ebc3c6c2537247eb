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

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/actor.h"
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

struct Figures {
  int64_t sent = 0;
  std::map<std::string, int64_t> by_status;        // every status but draft, zeros included
  std::map<std::string, int64_t> decline_reasons;  // every reason code, zeros included
  std::map<std::string, int64_t> outcomes;         // every outcome, zeros included
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
