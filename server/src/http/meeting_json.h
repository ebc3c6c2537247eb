// Meetings and action items on the wire (api.md, "Meetings"; docs/api.md): one JSON-to-struct
// path and one struct-to-JSON path for each, shared by meeting_routes.cc and
// action_item_routes.cc.
//
// Thread-safety: pure functions.
#pragma once

#include <vector>

#include "common/result.h"
#include "domain/action_items.h"
#include "domain/meetings.h"
#include "http/json_io.h"

namespace tsunagu::http {

Json meeting_json(const domain::Meeting& m);
// The calendar's line for a meeting: no parts.
Json meeting_summary_json(const domain::Meeting& m);
Json action_item_json(const domain::ActionItem& a);
Json suggested_agenda_json(const std::vector<domain::SuggestedAgendaItem>& items);
Json network_memory_json(const domain::NetworkMemory& n);

// The body of POST (creating: kind and ward allowed) and PATCH /meetings.
Result<domain::MeetingFields> read_meeting_fields(const Json& body, bool creating);
Result<domain::NewDecision> read_decision(const Json& body);
Result<domain::ActionItemFields> read_action_item_fields(const Json& body);

}  // namespace tsunagu::http
