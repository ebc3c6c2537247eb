#include "domain/meetings/action_item_states.h"

#include "domain/base/lifecycle.h"

namespace tsunagu::domain {
namespace {

using S = ActionItemStatus;

// The whole lifecycle. A pair that is not listed is no step (409).
constexpr ActionItemStep kSteps[] = {
    {S::kOpen, S::kDone, false},
    {S::kOpen, S::kDropped, false},
    {S::kDone, S::kOpen, true},
    {S::kDropped, S::kOpen, true},
};

}  // namespace

std::optional<ActionItemStep> action_item_step(ActionItemStatus from, ActionItemStatus to) {
  return find_step(kSteps, from, to);
}

}  // namespace tsunagu::domain
