// Whose figures a report may show, resolved once per request: a ward role sees its wards (or the
// one ward it names), a partner only its own organization's referrals and action items. Reports
// build their SQL from this, so no report can widen what the caller's role allows.
//
// Thread-safety: plain data and pure functions over the caller's connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/access/actor.h"
#include "domain/access/authorization.h"

namespace tsunagu::storage {
class Connection;
}

namespace tsunagu::domain::reports {

struct ReportScope {
  bool partner = false;
  std::optional<std::string> organization_id;  // a partner's organization
  std::vector<std::string> wards;  // ward roles: the wards shown; a partner: empty or the one named
  std::string wards_json() const;  // the wards as a JSON array, for json_each(?)
  // "(?, ?)": one placeholder per ward, for `column IN` + this with `wards` bound. The planner
  // then knows how many wards it looks up (json_each(?) gives it no estimate), and picks the
  // ward-first indexes of the report lists.
  std::string ward_placeholders() const;
};

// Checks `action` for the caller's role (403), that `ward` is a ward code (400 naming `ward`),
// and that a ward role holds it (404, as for any record outside the caller's scope).
Result<ReportScope> resolve_scope(storage::Connection& c, const Actor& actor, Action action,
                                  const std::optional<std::string>& ward);

// Whole days from `from` to `to` (dates; negative when `to` is earlier).
int64_t days_between(const std::string& from_date, const std::string& to_date);

}  // namespace tsunagu::domain::reports
