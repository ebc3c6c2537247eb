// The Idempotency-Key header of a creating POST, and the answer's marker for a replay.
#pragma once

#include <optional>

#include <httplib.h>

#include "common/result.h"
#include "domain/base/idempotency.h"

namespace tsunagu::http {

// nullopt without the header; 400 for an empty or overlong key (1–200 characters). The request
// hash covers the path and the body, so the same key on another route or body is refused.
Result<std::optional<domain::IdempotencyKey>> idempotency_key(const httplib::Request& req);
// As above, hashing `compared` in place of the body: for a body that holds a secret (a new
// user's password), which nothing in the key table may be derived from.
Result<std::optional<domain::IdempotencyKey>> idempotency_key(const httplib::Request& req,
                                                              const std::string& compared);

// Location of the created resource, and Idempotent-Replayed: true when it was an earlier one.
void mark_created(httplib::Response& res, const std::string& location, bool replayed);

}  // namespace tsunagu::http
