// The home screen in one call (GET /api/v1/overview), per role:
// - coordinator, ward_staff: the gaps report's counts and first rows, referrals awaiting an
//   answer, accepted ones without an outcome, the caller's open action items, the next meetings;
// - partner: its new (sent), accepted and overdue referrals, its open action items and the age
//   of its capacity — never a case reference or household label;
// - admin: counts about the directory and accounts; auditor: counts about the audit log. Neither
//   sees case content.
// Rows that concern a case are audited ("overview.read", and "report.gaps" for the gaps part).
//
// Thread-safety: free functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/access/policy.h"
#include "domain/reports/gaps.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain::reports {

inline constexpr int kOverviewItems = 5;  // rows per list on the home screen

struct CapacityAge {
  std::optional<std::string> status;      // open | limited | waitlist | full; none when never given
  std::optional<std::string> updated_at;  // RFC 3339
  std::optional<int64_t> age_days;
  bool stale = false;  // never given, or older than 30 days
};

struct Overview {
  std::string role;                         // the caller's role, by name
  access::Home home = access::Home::kNone;  // which of the screens above
  std::string today;
  std::vector<std::string> wards;
  std::vector<GapSection> gaps;                         // ward roles
  std::vector<std::pair<std::string, ItemList>> lists;  // named lists, in display order
  std::optional<CapacityAge> capacity;                  // partners
  std::vector<std::pair<std::string, int64_t>> counts;  // admin and auditor
};

Result<Overview> overview(storage::Database& db, const Clock& clock, const Actor& actor,
                          const RequestMeta& meta);

}  // namespace tsunagu::domain::reports
