// Meetings as an iCalendar feed (RFC 5545), for the calendar apps ward staff and partners
// already use: one VEVENT per meeting with its time (UTC), place and status. The domain has
// already named case meetings by their kind only (Meetings::calendar), and nothing else of a
// meeting — agenda, minutes, decisions — is written here: a calendar leaves the office.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "domain/meetings/meetings.h"

namespace tsunagu::http {

// The whole VCALENDAR, lines ended by CRLF and folded at 75 octets.
std::string render_calendar(const std::vector<domain::Meeting>& meetings,
                            std::string_view calendar_name);

// TEXT value escaping: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11).
std::string ical_escape(std::string_view text);

// One content line, folded so no line exceeds 75 octets and no UTF-8 character is split,
// ending in CRLF (RFC 5545 §3.1).
std::string ical_line(std::string_view line);

// 20260402T093000Z
std::string ical_utc(TimePoint t);

}  // namespace tsunagu::http
