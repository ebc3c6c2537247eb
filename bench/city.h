// The benchmarks' synthetic city: one deterministic, seeded generator of Sapporo's
// network at scale — 10 wards, 5 000 organizations, 20 000 services, users of every role,
// 100 000 cases, 1 000 000 referrals with their histories, 20 000 meetings and the year of audit
// all that wrote — for bench/gen (the command line), bench/mixed.sh and bench_reports. How each
// table is written (the domain's functions, or the documented bulk path) is in city.cc's header.
//
// Same seed and options (and `now`) → the same database content, byte for byte in every table:
// the process's OpenSSL random generator is replaced by one seeded from `seed` while the city is
// generated, so the domain's new_uuid(), password salts and notification ids repeat too.
//
// Thread-safety: generate_city() replaces the process-wide OpenSSL RAND method for its duration;
// run it alone, on one thread, in a process that serves nothing.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"
#include "common/time.h"

namespace tsunagu::bench {

struct CityOptions {
  uint64_t seed = 19;
  int64_t organizations = 5000;
  int64_t services = 20000;
  int64_t cases = 100000;
  int64_t referrals = 1000000;
  int64_t meetings = 20000;
  // The share of referrals whose sender read the case page just before (a case.read entry).
  double case_reads = 0.25;
  // "Now" of the city (RFC 3339): the year of history ends here. Empty: today 09:00 in Sapporo,
  // so the open referrals are not yet due when a server starts on it the same day.
  std::string now;
};

// The audit key the city's chain is keyed with (a server started on it needs the same:
// TSUNAGU_AUDIT_KEY), and every generated account's password.
inline constexpr char kCityAuditKey[] = "tsunagu-bench-city-audit-key-0123456789abcdef";
inline constexpr char kCityPassword[] = "bench-city-password-2026";

// `now` resolved (the option, or today 09:00 in Sapporo).
Result<TimePoint> city_now(const CityOptions& options);

// Writes the city into a new database at `path` (which must not exist), printing a line per
// phase with counts and rates on stderr and the total time at the end. Records the options in
// server_meta ("bench_city", JSON) so readers of the file know what it holds.
Status generate_city(const std::string& path, const CityOptions& options);

// The options a database at `path` was generated with (from server_meta).
Result<CityOptions> read_city_options(const std::string& path);

}  // namespace tsunagu::bench
