// Rows of meetings and their parts (invitations, attendees, agenda, decisions, action items) in
// and out of SQLite, for meetings.cc, meeting_decisions.cc and action_items.cc. No rules here:
// callers check scope and input first.
//
// Thread-safety: every function runs on the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/meetings/meetings.h"

namespace tsunagu::storage {
class Connection;
class Statement;
}  // namespace tsunagu::storage

namespace tsunagu::domain::meeting_store {

// The columns row_to_meeting() reads, in order, from `meetings m`.
extern const char kMeetingColumns[];
// The columns row_to_action_item() reads, in order, from `action_items a`.
extern const char kActionItemColumns[];

// The meeting's own row only (no parts).
Result<Meeting> row_to_meeting(const storage::Statement& s);
Result<ActionItem> row_to_action_item(const storage::Statement& s, Date today);

// The meeting's own row without its parts, or nullopt.
Result<std::optional<Meeting>> load_row(storage::Connection& c, const std::string& id);
// The meeting with all its parts, or nullopt.
Result<std::optional<Meeting>> load(storage::Connection& c, const std::string& id, Date today);

// Replaces the parts `fields` carries (invitations, attendees, agenda); leaves the others.
void replace_parts(storage::Connection& c, const std::string& id, const MeetingFields& fields);

// Bumps the meeting's version and updated_at (a part changed).
void touch(storage::Connection& c, const std::string& id, const std::string& now_utc);

// Whether `organization_id` was invited to, or attended, the meeting.
bool involves_organization(const Meeting& m, const std::optional<std::string>& organization_id);

// The distinct cases the meeting's agenda and decisions name.
std::vector<std::string> case_ids(const Meeting& m);

}  // namespace tsunagu::domain::meeting_store
