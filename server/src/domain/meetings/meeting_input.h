// Meetings, decisions, action items and cases as JSON objects → the domain's input structs, with
// every field error at once (common/field_reader.h). The API and the demo seed read the same
// shapes through this one path.
//
// Thread-safety: pure functions.
#pragma once

#include "common/field_reader.h"
#include "common/result.h"
#include "domain/cases/cases.h"
#include "domain/meetings/action_items.h"
#include "domain/meetings/meetings.h"

namespace tsunagu::domain {

// The body of POST (creating: kind and ward, and the required fields) and PATCH /meetings.
Result<MeetingFields> read_meeting_fields(const Json& body, bool creating);
Result<NewDecision> read_decision(const Json& body);
// The body of POST /meetings/{id}/action-items (creating) and PATCH /action-items/{id}, where
// null removes the due date.
Result<ActionItemFields> read_action_item_fields(const Json& body, bool creating);
// The body of POST (creating: ward, and the required fields) and PATCH /cases.
Result<CaseFields> read_case_fields(const Json& body, bool creating);

}  // namespace tsunagu::domain
