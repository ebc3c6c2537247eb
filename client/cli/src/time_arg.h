// Times and dates typed on the command line, turned into what the API takes: RFC 3339 with the
// Asia/Tokyo offset (+09:00; Japan keeps no daylight saving time) and YYYY-MM-DD dates. "today"
// and "tomorrow" are the Asia/Tokyo calendar days of `now`, whatever the machine's time zone.
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace tsunagu::cli {

// Accepts "today HH:MM", "tomorrow HH:MM", "HH:MM" (today), "YYYY-MM-DD HH:MM", "now" and full
// RFC 3339 ("2026-12-01T23:30:00+09:00", "…Z"); returns RFC 3339 in +09:00 (RFC 3339 input is
// returned as given). Anything else throws UsageError naming `option`.
std::string parse_time_option(std::string_view option, std::string_view text,
                              std::chrono::system_clock::time_point now);

// Accepts "YYYY-MM-DD", "today", "tomorrow", "yesterday"; returns YYYY-MM-DD. Anything else
// throws UsageError naming `option`.
std::string parse_date_option(std::string_view option, std::string_view text,
                              std::chrono::system_clock::time_point now);

}  // namespace tsunagu::cli
