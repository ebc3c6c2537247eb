// The gaps report (切れ目なく、漏れなく): what is slipping in a ward's network, each row with the
// reason it is listed and a link to the record.
//
// Sections (api.md "Reports"): referrals sent and unanswered past due_by or `unanswered_days`;
// accepted without an outcome after `outcome_days`; open high-risk cases with no active referral
// and no meeting in `quiet_days`; support plans past review_by; transfers waiting for either
// ward; overdue action items; partners whose capacity is older than 30 days (one that never gave
// any is `unknown` in the directory, not listed). A partner's report holds only its own
// referrals, action items and capacity, without case references or household labels.
//
// Thread-safety: free functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/reports/report_items.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain::reports {

struct GapParams {
  std::optional<std::string> ward;
  int unanswered_days = 7;  // a sent referral without an answer this long is listed
  int outcome_days = 14;    // an accepted referral without an outcome this long is listed
  int quiet_days = 30;      // a high-risk case without referral or meeting this long is listed
  PageRequest slice;        // the page of each section (the totals count every row)
};

struct GapSection {
  std::string name;  // unanswered_referrals, accepted_without_outcome, quiet_high_risk_cases,
                     // plans_past_review, pending_transfers, overdue_action_items,
                     // stale_capacity
  ItemList list;
};

struct GapsReport {
  std::string today;  // YYYY-MM-DD, Asia/Tokyo
  ReportScope scope;
  GapParams params;
  std::vector<GapSection> sections;
};

// The days partner capacity may go without an update before it is listed.
inline constexpr int kCapacityStaleDaysForGaps = 30;

// The report for `actor`: 403 for admin and auditor, 404 for another ward. Rows that concern a
// case are audited ("report.gaps"), so a report that cannot be recorded is not answered.
Result<GapsReport> gaps_report(storage::Database& db, const Clock& clock, const Actor& actor,
                               const RequestMeta& meta, const GapParams& params);

}  // namespace tsunagu::domain::reports
