// The CSRF token of a browser session: HMAC-SHA256 keyed by the session's token (256 random bits
// that only the cookie carries). Deriving it means nothing more is stored — the database keeps
// only the session token's hash, and from neither the hash nor the CSRF token can the session
// token be recovered — and the page can fetch it again after a reload.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace tsunagu::domain {

// 64 lowercase hex digits.
std::string csrf_token_for(std::string_view session_token);

// Whether `presented` is the CSRF token of `session_token` (compared in constant time).
bool csrf_token_matches(std::string_view session_token, std::string_view presented);

}  // namespace tsunagu::domain
