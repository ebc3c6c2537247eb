// Idempotency-Key for creations (api.md, "General"): the same key and body from the same user
// within 24 hours answer with the resource the first request created, not a second one. A phone
// that retries a referral over a bad connection must not refer a family twice. The key table
// keeps the id of the resource only, never a copy of the body.
//
// Thread-safety: both functions run inside the caller's write transaction.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "common/time.h"

namespace tsunagu::storage {
class Connection;
}

namespace tsunagu::domain {

// An Idempotency-Key header and the hash of what it was sent with (route and body).
struct IdempotencyKey {
  std::string key;
  std::string request_hash;
};

// What a creation answers: the resource, and whether it was made by an earlier request with the
// same key (the HTTP layer says so in a header).
template <typename T>
struct Creation {
  T resource;
  bool replayed = false;
};

namespace idempotency {

inline constexpr auto kWindow = std::chrono::hours(24);

// The id the key created before, if it did so within the window; nullopt for a new key (an
// expired one is forgotten). InvalidArgument naming Idempotency-Key when the key was used with a
// different request.
Result<std::optional<std::string>> replayed(storage::Connection& c, const Clock& clock,
                                            const std::string& user_id, const IdempotencyKey& key);

// Records that `key` created `resource_id`.
void remember(storage::Connection& c, const Clock& clock, const std::string& user_id,
              const IdempotencyKey& key, const std::string& resource_id);

// Within a write transaction, the whole of a creation with an optional key: the resource an
// earlier request with `key` made (`replay(id)` → Result<T>, e.g. loaded in the caller's
// scope), or a new one from `create()` → Result<T>, remembered under `key`. T has `id`.
template <typename T, typename Replay, typename Create>
Result<Creation<T>> create_once(storage::Connection& c, const Clock& clock,
                                const std::string& user_id,
                                const std::optional<IdempotencyKey>& key, Replay replay,
                                Create create) {
  if (key) {
    TRY_ASSIGN(auto first_id, replayed(c, clock, user_id, *key));
    if (first_id) {
      TRY_ASSIGN(T first, replay(*first_id));
      return Creation<T>{std::move(first), true};
    }
  }
  TRY_ASSIGN(T created, create());
  if (key) remember(c, clock, user_id, *key, created.id);
  return Creation<T>{std::move(created), false};
}

}  // namespace idempotency
}  // namespace tsunagu::domain
