// The directory on the wire: services as JSON, and the list endpoint's query parameters parsed
// into a domain query, each bad parameter a 400 naming it.
//
// Thread-safety: pure functions.
#pragma once

#include <httplib.h>

#include "common/time.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_search.h"
#include "http/json_io.h"

namespace tsunagu::http {

// An organization is rendered by domain::organization_json() (domain/directory/directory_json.h),
// which the directory index also renders in advance.
Json service_json(const domain::Service& s);

// ?q=&category=&ward=&district=&open_at=&council_member=&capacity=&near=&within_km=&status=
// plus paging. open_at=now is the clock's now. Lists are comma-separated.
Result<domain::OrganizationQuery> parse_organization_query(const httplib::Request& req,
                                                           const PageRequest& paging,
                                                           TimePoint now);

}  // namespace tsunagu::http
