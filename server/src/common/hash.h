// SHA-256 and HMAC-SHA-256 (OpenSSL) for the audit chain and for storing tokens only as hashes.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace tsunagu {

std::string sha256(std::string_view data);      // 32 raw bytes
std::string sha256_hex(std::string_view data);  // 64 lowercase hex digits

// HMAC-SHA-256 of `data` under `key`, as 64 lowercase hex digits.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// Compares in time independent of where the inputs differ (for secrets and their hashes).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace tsunagu
