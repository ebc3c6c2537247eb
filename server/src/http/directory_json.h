// The directory on the wire: organizations and services as JSON (as the caller may see them —
// a withheld address is left out, not blanked), and the list endpoint's query parameters parsed
// into a domain query, each bad parameter a 400 naming it.
//
// Thread-safety: pure functions.
#pragma once

#include <httplib.h>

#include "common/time.h"
#include "domain/directory.h"
#include "domain/directory_search.h"
#include "http/json_io.h"

namespace tsunagu::http {

// `now` dates the capacity report ("age_minutes", "stale").
Json organization_json(const domain::Organization& o, TimePoint now);
Json service_json(const domain::Service& s);

// ?q=&category=&ward=&district=&open_at=&council_member=&capacity=&near=&within_km=&status=
// plus paging. open_at=now is the clock's now. Lists are comma-separated.
Result<domain::OrganizationQuery> parse_organization_query(const httplib::Request& req,
                                                           const Paging& paging, TimePoint now);

}  // namespace tsunagu::http
