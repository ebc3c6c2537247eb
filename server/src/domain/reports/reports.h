// The reports' service object: the gaps report, the overview, the referral statistics and the
// network map for the HTTP layer, in one place that holds the database and the clock. Each call
// is the report's own function (gaps.h, overview.h, referral_stats.h, network.h), which scopes,
// authorises and audits as its header says.
//
// Thread-safety: a Reports object may be shared by all request threads.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/reports/gaps.h"
#include "domain/reports/network.h"
#include "domain/reports/overview.h"
#include "domain/reports/referral_stats.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain::reports {

class Reports {
 public:
  Reports(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<GapsReport> gaps(const Actor& actor, const RequestMeta& meta, const GapParams& params) {
    return gaps_report(db_, clock_, actor, meta, params);
  }
  Result<Overview> overview(const Actor& actor, const RequestMeta& meta) {
    return reports::overview(db_, clock_, actor, meta);
  }
  Result<ReferralStats> referral_stats(const Actor& actor, const StatsParams& params) {
    return reports::referral_stats(db_, actor, params);
  }
  Result<Network> network_map(const Actor& actor, const std::optional<std::string>& ward,
                              const std::optional<std::string>& district) {
    return reports::network_map(db_, clock_, actor, ward, district);
  }

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace tsunagu::domain::reports
