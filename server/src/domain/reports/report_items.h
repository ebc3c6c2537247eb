// The rows that reports list — a referral, a case, an action item, an organization — in one
// shape, each with the reason it is listed and a link (`href`) to the record, and the queries
// that fill them. A partner's rows never carry a case id, case reference or household label.
// Reading rows that name a case is audited like any other read of case content (audit_reads).
//
// Thread-safety: free functions over the caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/base/paging.h"
#include "domain/base/where.h"
#include "domain/reports/report_scope.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain::reports {

struct ReportItem {
  std::string reason;       // a stable code: past_due_by, no_answer, no_outcome, …
  std::string record_type;  // referral | case | action_item | organization | meeting | transfer
  std::string id;
  std::string href;  // the record in the API
  std::optional<std::string> ward;
  std::optional<std::string> status;
  std::optional<std::string> case_id, case_ref, household_label;  // never for partners
  std::optional<std::string> organization_id, organization_name;
  std::optional<std::string> title;       // an action item's or meeting's title
  std::optional<std::string> risk_level;  // cases
  std::vector<std::string> risk_categories, sections;
  std::optional<std::string> since;      // the date the listed condition started
  std::optional<std::string> due;        // the date it was due, when there is one
  std::optional<int64_t> days;           // whole days from `since` to today
  std::optional<std::string> starts_at;  // meetings: RFC 3339
  // The case the row concerns, for the audit entry only: never rendered (partners' rows have
  // no case_id, yet reading them is still recorded against the household).
  std::optional<std::string> audit_case_id;
};

// A list with its full count: `items` holds the slice asked for.
struct ItemList {
  int64_t total = 0;
  std::vector<ReportItem> items;
  PageRequest slice{};  // which rows: per_page 0 counts the rows and shows none
};

// The condition that lets a query of open referrals use the partial index referrals_due (its
// WHERE clause, word for word): add it to a Where that selects sent or accepted ones.
inline constexpr char kOpenReferrals[] = "r.status IN ('sent', 'accepted')";

// Referrals of the scope that match `where` (on alias r), ordered by `since_column` (a stored
// time of r whose date starts the clock), oldest first. `reason` fills ReportItem::reason.
ItemList referral_items(storage::Connection& c, const ReportScope& scope, Where where,
                        const std::string& reason, const std::string& since_column,
                        const std::string& today, const PageRequest& slice);

// Open action items of the scope (ward roles: their wards' meetings; partners: owned by their
// organization or by the caller) matching `where` (alias a, meetings m), earliest due first.
ItemList action_item_items(storage::Connection& c, const ReportScope& scope, const Actor& actor,
                           Where where, const std::string& reason, const std::string& today,
                           const PageRequest& slice);

// Appends one audit entry (`action`) per listed row that concerns a case, in one write.
Status audit_reads(storage::Database& db, const Clock& clock, const Actor& actor,
                   const RequestMeta& meta, const std::string& action,
                   const std::vector<const ItemList*>& lists);

}  // namespace tsunagu::domain::reports
