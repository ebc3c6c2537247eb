// The life of a meeting as one table: which status a new meeting may take, which status may
// follow which, and what each step requires. meetings.cc asks this table when a meeting is
// created or its status changes; no other code decides whether a move is legal.
//
//   (new) → planned | held     (held: only a meeting that has started, recorded afterwards)
//   planned → held             (only once it has started)
//   planned → cancelled        (only while it has no recorded decisions: those mean it took place)
//   terminal: held, cancelled  (a cancelled meeting takes no change at all)
//
// Thread-safety: pure functions over a constant table.
#pragma once

#include <optional>
#include <string_view>

#include "common/result.h"
#include "domain/base/word_enum.h"

namespace tsunagu::domain {

enum class MeetingStatus { kPlanned, kHeld, kCancelled };

// The statuses' names: words::kMeetingStatuses, in the enum's order.
template <>
struct WordTable<MeetingStatus> {
  static constexpr Words kWords = words::kMeetingStatuses;
  static constexpr MeetingStatus kLast = MeetingStatus::kCancelled;
  static constexpr std::string_view kWhat = "meeting status";
};

struct MeetingStep {
  std::optional<MeetingStatus> from;  // nullopt: the meeting is being created
  MeetingStatus to;
  bool once_started;       // the meeting's start is not in the future
  bool without_decisions;  // the meeting has no recorded decisions
};

// The step from → to (from nullopt: a new meeting's status), or nullopt when it does not exist
// (including from == to, which is no step).
std::optional<MeetingStep> meeting_step(std::optional<MeetingStatus> from, MeetingStatus to);

// Ok when a meeting of status `status` takes changes (its fields, decisions, action items):
// FailedPrecondition when it is cancelled.
Status check_not_cancelled(MeetingStatus status);

// check_not_cancelled() of a status read as text, answering the status: an internal error when
// the word is not a meeting status.
Result<MeetingStatus> check_not_cancelled(std::string_view stored);

}  // namespace tsunagu::domain
