#include "domain/meetings/meeting_states.h"

#include "domain/base/lifecycle.h"

namespace tsunagu::domain {
namespace {

using S = MeetingStatus;

// The whole lifecycle. A pair that is not listed is no step (409; 422 for a new meeting).
constexpr MeetingStep kSteps[] = {
    // from           to              once_started  without_decisions
    {std::nullopt, S::kPlanned, false, false},
    {std::nullopt, S::kHeld, true, false},
    {S::kPlanned, S::kHeld, true, false},
    {S::kPlanned, S::kCancelled, false, true},
};

}  // namespace

std::optional<MeetingStep> meeting_step(std::optional<MeetingStatus> from, MeetingStatus to) {
  return find_step(kSteps, from, to);
}

Status check_not_cancelled(MeetingStatus status) {
  if (status == S::kCancelled) return Error::FailedPrecondition("The meeting is cancelled.");
  return Status::Ok();
}

Result<MeetingStatus> check_not_cancelled(std::string_view stored) {
  TRY_ASSIGN(const MeetingStatus status, decode_word<MeetingStatus>(stored));
  TRY(check_not_cancelled(status));
  return status;
}

}  // namespace tsunagu::domain
