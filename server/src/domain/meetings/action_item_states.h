// The life of an action item (会議の宿題) as one table: which status may follow which, and who may
// take each step. The ward that runs the meeting may take every step; the owner (a partner
// organization or its user) may close its own item, done or dropped, but only the ward reopens.
//
//   open → done | dropped      (the owner or the ward)
//   done → open, dropped → open (the ward: reopening)
//
// Thread-safety: pure functions over a constant table.
#pragma once

#include <optional>
#include <string_view>

#include "domain/base/word_enum.h"

namespace tsunagu::domain {

enum class ActionItemStatus { kOpen, kDone, kDropped };

// The statuses' names: words::kActionItemStatuses, in the enum's order.
template <>
struct WordTable<ActionItemStatus> {
  static constexpr Words kWords = words::kActionItemStatuses;
  static constexpr ActionItemStatus kLast = ActionItemStatus::kDropped;
  static constexpr std::string_view kWhat = "action item status";
};

inline std::optional<ActionItemStatus> parse_action_item_status(std::string_view s) {
  return parse_word<ActionItemStatus>(s);
}

struct ActionItemStep {
  ActionItemStatus from;
  ActionItemStatus to;
  bool ward_only;  // the meeting's ward only (a partner owner may not)
};

// The step from → to, or nullopt when it does not exist (including from == to).
std::optional<ActionItemStep> action_item_step(ActionItemStatus from, ActionItemStatus to);

}  // namespace tsunagu::domain
