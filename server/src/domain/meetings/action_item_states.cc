#include "domain/meetings/action_item_states.h"

#include <array>

namespace tsunagu::domain {
namespace {

using S = ActionItemStatus;

constexpr std::array<ActionItemStep, 4> kSteps = {{
    {S::kOpen, S::kDone, false},
    {S::kOpen, S::kDropped, false},
    {S::kDone, S::kOpen, true},
    {S::kDropped, S::kOpen, true},
}};

constexpr std::array<std::pair<S, const char*>, 3> kNames = {{
    {S::kOpen, "open"},
    {S::kDone, "done"},
    {S::kDropped, "dropped"},
}};

}  // namespace

const char* to_string(ActionItemStatus s) {
  for (const auto& [status, name] : kNames)
    if (status == s) return name;
  return "open";  // unreachable: every enumerator is in the table
}

std::optional<ActionItemStatus> parse_action_item_status(std::string_view s) {
  for (const auto& [status, name] : kNames)
    if (s == name) return status;
  return std::nullopt;
}

std::optional<ActionItemStep> action_item_step(ActionItemStatus from, ActionItemStatus to) {
  for (const auto& step : kSteps)
    if (step.from == from && step.to == to) return step;
  return std::nullopt;
}

}  // namespace tsunagu::domain
