// Optimistic concurrency on the wire: a resource's `version` travels as a strong ETag ("7") —
// If-Match compares strongly (RFC 9110 §13.1.1), so a weak tag could never match — and a change
// may carry If-Match with it; a stale one is 412 (api.md, "General"). W/"7" is accepted too.
// One helper for every resource that has a version.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <httplib.h>

#include "common/result.h"

namespace tsunagu::http {

// "<version>"
std::string etag_for(int64_t version);

// The version an If-Match header asks for: nullopt without the header or for "*"; Aborted (412)
// for a value that is no ETag of ours, since it cannot match the current version.
Result<std::optional<int64_t>> if_match_version(const httplib::Request& req);

// Sets the ETag header of a response.
void set_etag(httplib::Response& res, int64_t version);

// For content without a version (a rendered feed): a strong ETag from its bytes.
std::string etag_of_content(const std::string& body);

// Whether If-None-Match names `etag` or is "*", i.e. the client's copy is current and the
// answer is 304 (RFC 9110 §13.1.2: a list, compared weakly, so W/"x" matches "x").
bool if_none_match(const httplib::Request& req, const std::string& etag);

}  // namespace tsunagu::http
