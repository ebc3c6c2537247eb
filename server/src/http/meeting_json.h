// Meetings and action items on the wire (api.md, "Meetings"; docs/api.md): the struct-to-JSON
// path for each, shared by meeting_routes.cc and action_item_routes.cc. Requests are read by
// domain/meetings/meeting_input.h, which the demo seed shares.
//
// Thread-safety: pure functions.
#pragma once

#include <vector>

#include "common/result.h"
#include "domain/meetings/action_items.h"
#include "domain/meetings/meetings.h"
#include "http/json_io.h"

namespace tsunagu::http {

Json meeting_json(const domain::Meeting& m);
// The calendar's line for a meeting: no parts.
Json meeting_summary_json(const domain::Meeting& m);
Json action_item_json(const domain::ActionItem& a);
Json suggested_agenda_json(const std::vector<domain::SuggestedAgendaItem>& items);
Json network_memory_json(const domain::NetworkMemory& n);

}  // namespace tsunagu::http
