// Retention (APPI: personal data is kept no longer than needed): a case closed longer ago than
// the retention period has its content erased — the household label, the support plan, what
// its events, referrals and meetings say about the family — while the rows stay, so every count
// a report makes (cases by ward, risk and status, referrals by organization and outcome, the
// dates) is unchanged. Each erased case gets one audit entry ("case.erase"); the audit log itself
// is never rewritten (its entries hold ids, never case content).
//
// What is erased is one declared list, kErasures: a table, a column, which of its rows belong
// to the case, and the value written instead. A table added later that holds case content gets
// a line there, and plan() reports it and erase() clears it with no other change.
//
// A case counts as erased when it has a "case.erase" audit entry newer than its closing: a case
// that was reopened and closed again after an erasure is erased again once it is old enough.
//
// Thread-safety: plan() reads one snapshot; erase() takes one write transaction per case.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace tsunagu::storage {
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain::retention {

struct Erasure {
  const char* table;
  const char* column;
  const char* rows;    // SQL condition choosing the case's rows of `table`; ?1 is the case id
  const char* erased;  // SQL value written instead (may use the row's other columns; ?2 is
                       // kErasedLabel)
};

// Shown where the household label was.
inline constexpr char kErasedLabel[] = "（保存期間経過により消去）";

inline constexpr char kReferralsOfCase[] =
    "referral_id IN (SELECT id FROM referrals WHERE case_id = ?1)";

inline constexpr Erasure kErasures[] = {
    {"cases", "household_label", "id = ?1", "?2"},
    {"cases", "search_key", "id = ?1", "coalesce(fold_search(case_ref), '')"},
    {"cases", "support_plan", "id = ?1", "'{}'"},
    {"cases", "close_reason", "id = ?1", "NULL"},
    {"case_events", "from_value", "case_id = ?1", "NULL"},
    {"case_events", "to_value", "case_id = ?1", "NULL"},
    {"case_events", "reason", "case_id = ?1", "NULL"},
    {"referrals", "summary", "case_id = ?1", "''"},
    {"referrals", "intake_note", "case_id = ?1", "NULL"},
    {"referrals", "internal_note", "case_id = ?1", "NULL"},
    {"referrals", "response_note", "case_id = ?1", "NULL"},
    {"referrals", "consent_scope", "case_id = ?1", "NULL"},
    {"referral_events", "note", kReferralsOfCase, "NULL"},
    {"meeting_agenda_items", "notes", "case_id = ?1", "''"},
    {"meeting_decisions", "text", "case_id = ?1", "''"},
    {"case_contacts", "summary", "case_id = ?1", "''"},
    {"case_contacts", "next_step", "case_id = ?1", "NULL"},
    {"case_assessments", "answers", "case_id = ?1", "'{}'"},
    {"case_assessments", "note", "case_id = ?1", "NULL"},
    {"case_assessments", "determination_note", "case_id = ?1", "NULL"},
    {"case_transfers", "reason", "case_id = ?1", "''"},
    {"case_transfers", "response_note", "case_id = ?1", "NULL"},
    {"case_transfer_snapshots", "household_label", "id = ?1", "?2"},
    {"case_transfer_snapshots", "support_plan", "id = ?1", "'{}'"},
    {"case_transfer_snapshots", "close_reason", "id = ?1", "NULL"},
};

struct ExpiredCase {
  std::string case_id;
  std::string ward;
  std::string case_ref;   // the ward's own number: kept, it is how the ward finds the file
  std::string closed_at;  // format_utc
};

struct ColumnCount {
  std::string table;
  std::string column;
  int64_t values = 0;  // values that erase() would change
};

struct Plan {
  std::string closed_before;  // format_utc: cases closed before this are due
  std::vector<ExpiredCase> cases;
  std::vector<ColumnCount> columns;  // one per kErasures line, in its order
};

// What erase() would do now, without changing anything. `retention_days` ≥ 1.
Result<Plan> plan(storage::Database& db, const Clock& clock, int retention_days);

// Erases the content of every case plan() names, one transaction per case with its audit entry
// (a case reopened meanwhile is skipped). Returns how many cases were erased.
Result<int64_t> erase(storage::Database& db, const Clock& clock, int retention_days);

}  // namespace tsunagu::domain::retention
