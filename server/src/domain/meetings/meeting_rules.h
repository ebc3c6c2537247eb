// The checks every meeting operation shares: the shape of its input (kinds, statuses, times,
// who an attendee is), the references it makes (organizations, users, cases) and the
// confidentiality wall of roundtables, the caller's scope, and the view a partner gets. Kept
// apart from meetings.cc so decisions and action items apply the very same rules.
//
// Thread-safety: pure functions, or functions on the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/meetings/meetings.h"

namespace tsunagu::storage {
class Connection;
}

namespace tsunagu::domain {

// Within a transaction: the meeting with its parts if `actor` may see it (NotFound otherwise).
Result<Meeting> load_meeting_in_scope(storage::Connection& c, const Actor& actor,
                                      const std::string& id, Date today);

// What `actor` may see of `m`: a partner sees of a case meeting only its time, place,
// attendance and its own action items (Meeting::redacted); everyone else sees all of it.
Meeting meeting_view(const Actor& actor, Meeting m);

namespace meeting_rules {

struct Times {
  std::optional<TimePoint> starts_at;
  std::optional<TimePoint> ends_at;
};

// Checks what needs no database (kind, status, times, attendees, agenda titles), adding to
// `errors`; returns the parsed times.
Times check_shape(const MeetingFields& f, std::vector<FieldError>& errors);
// ends_at must come after starts_at (when both are known).
void check_order(std::optional<TimePoint> starts_at, std::optional<TimePoint> ends_at,
                 std::vector<FieldError>& errors);
Status check_filter(const MeetingFilter& filter);

// Within a transaction: every organization and user named exists, every case on the agenda is
// a case of `ward` in the actor's scope, and a roundtable holds no case at all (no case_id, no
// text that quotes one). Adds each broken field to `errors` (the other rules' findings, so one
// answer names them all); when the roundtable's wall is the only thing broken, returns its own
// problem (code meeting.roundtable_case_data) instead.
// `roundtable`: whether the meeting is a roundtable (the wall applies).
Status check_references(storage::Connection& c, const Actor& actor, bool roundtable,
                        const std::string& ward, const MeetingFields& f,
                        std::vector<FieldError>& errors);

// Within a transaction: `user_id` is an enabled user; adds an error for `field` otherwise.
void check_user(storage::Connection& c, const std::string& user_id, const std::string& field,
                std::vector<FieldError>& errors);

}  // namespace meeting_rules
}  // namespace tsunagu::domain
