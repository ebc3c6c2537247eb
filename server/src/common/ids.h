// Identifiers and random bytes from a cryptographically secure generator (OpenSSL RAND_bytes).
// Ids are opaque to clients (api.md): random UUID v4 strings, lowercase.
// Thread-safety: all functions may be called from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tsunagu {

// A random (version 4) UUID such as "3f0b9c1e-6a7d-4e2b-9c41-0d5e8f7a6b21".
std::string new_uuid();

// `n` bytes from the CSPRNG. Throws std::runtime_error if the generator fails (never expected).
std::string random_bytes(size_t n);

// Lowercase hexadecimal of arbitrary bytes.
std::string to_hex(std::string_view bytes);

// True for a string shaped like new_uuid()'s output (any version digit, lowercase or upper).
bool looks_like_uuid(std::string_view s);

}  // namespace tsunagu
