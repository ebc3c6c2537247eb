// The life of a case as one table: which status may follow which, and what each step is called
// in the case's events and the audit log. cases.cc asks this table when a case is closed or
// reopened; the other features ask case_is_open() before they change what belongs to a case.
//
//   open → closed    (close, with a reason)
//   closed → open    (reopen, with a reason)
//   a closed case takes no other change: no edit, decision, referral or transfer
//
// Thread-safety: pure functions over a constant table.
#pragma once

#include <optional>
#include <string_view>

#include "common/result.h"
#include "domain/base/word_enum.h"

namespace tsunagu::domain {

enum class CaseStatus { kOpen, kClosed };

// The statuses' names: words::kCaseStatuses, in the enum's order.
template <>
struct WordTable<CaseStatus> {
  static constexpr Words kWords = words::kCaseStatuses;
  static constexpr CaseStatus kLast = CaseStatus::kClosed;
  static constexpr std::string_view kWhat = "case status";
};

struct CaseStep {
  CaseStatus from;
  CaseStatus to;
  const char* event;         // the case event's kind ("closed", "reopened")
  const char* audit_action;  // the audit entry's action ("case.close", "case.reopen")
  bool records_close;  // the step sets close_reason and closed_at (and the reverse clears them)
};

// The step from → to, or nullopt when it does not exist (including from == to).
std::optional<CaseStep> case_step(CaseStatus from, CaseStatus to);

// Whether a case with the status `status` takes changes: only an open one does.
constexpr bool case_is_open(CaseStatus status) { return status == CaseStatus::kOpen; }

// case_is_open() of a status read as text: an internal error when the word is not a case status.
Result<bool> case_is_open(std::string_view stored);

}  // namespace tsunagu::domain
