// A lifecycle as one constant table of steps: each step names the status it leaves (`from`) and
// the status it reaches (`to`), with whatever the entity's rules attach to the step (who may take
// it, what it requires). A pair the table does not list is no step at all; the feature answers it
// with 409. The tables are referral_states, transfer_states, action_item_states, meeting_states
// and case_states; every one is looked up here, the same way.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <cstddef>
#include <optional>

namespace tsunagu::domain {

// The step from → to in `table`, or nullopt when it does not list one.
template <typename Step, std::size_t N, typename From, typename To>
constexpr std::optional<Step> find_step(const Step (&table)[N], const From& from, const To& to) {
  for (const Step& step : table) {
    if (step.from == from && step.to == to) return step;
  }
  return std::nullopt;
}

}  // namespace tsunagu::domain
