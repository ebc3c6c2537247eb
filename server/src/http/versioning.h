// Optimistic concurrency on the wire: `version` travels as a strong ETag ("3"), and If-Match
// carries the version the client read. A stale If-Match is the domain's Aborted (412).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <httplib.h>

#include "common/result.h"

namespace tsunagu::http {

void set_etag(httplib::Response& res, int64_t version);

// nullopt without If-Match (or with "*"); 400 when it is not a version this server issued.
Result<std::optional<int64_t>> if_match_version(const httplib::Request& req);

}  // namespace tsunagu::http
