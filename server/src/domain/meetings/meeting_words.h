// The closed word sets of a meeting that the domain decides by, as enums over their tables in
// vocabulary.h (word_enum.h): the kind of a meeting. Its status and its action items' statuses
// are lifecycles of their own (meeting_states.h, action_item_states.h).
//
// Thread-safety: constant data.
#pragma once

#include <string_view>

#include "domain/base/word_enum.h"

namespace tsunagu::domain {

// 座談会 (a roundtable: residents attend, so it holds no case), 合同ケース会議, 実務者会議,
// 個別ケース検討会議, the 児童相談所's regular meeting: its names are words::kMeetingKinds.
enum class MeetingKind {
  kRoundtable,
  kCaseConference,
  kPractitioners,
  kIndividual,
  kChildGuidanceConference,
};

template <>
struct WordTable<MeetingKind> {
  static constexpr Words kWords = words::kMeetingKinds;
  static constexpr MeetingKind kLast = MeetingKind::kChildGuidanceConference;
  static constexpr std::string_view kWhat = "meeting kind";
};

}  // namespace tsunagu::domain
