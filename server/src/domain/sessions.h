// Signing in and out, and turning a bearer token back into an Actor. A token is 256 random bits
// shown to the client once; the database keeps only its SHA-256, so a copy of the database
// does not let anyone sign in. A token dies at the first of: its absolute expiry (default 12 h
// after sign-in), its idle expiry (default 30 min after last use), logout, the user being
// disabled, a new password.
//
// Sign-in answers identically for an unknown user, a disabled user and a wrong password: the
// same error, and the same Argon2 work (PasswordHasher::verify_or_burn). Failures are counted
// by LoginThrottle and audited.
//
// Thread-safety: a Sessions object may be shared by all threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"
#include "domain/accounts.h"
#include "domain/actor.h"
#include "domain/login_throttle.h"
#include "domain/passwords.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

struct SessionPolicy {
  std::chrono::minutes idle{30};
  std::chrono::minutes absolute{12 * 60};
  // last_used_at is written at most this often per token, so a busy client does not turn every
  // read into a disk write; idle expiry is exact to within this step.
  std::chrono::seconds touch_every{60};
};

struct SignIn {
  std::string token;     // 64 hex digits; never stored
  TimePoint expires_at;  // the absolute expiry
  User user;
};

class Sessions {
 public:
  Sessions(storage::Database& db, const Clock& clock, const PasswordHasher& hasher,
           LoginThrottle& throttle, SessionPolicy policy = {})
      : db_(db), clock_(clock), hasher_(hasher), throttle_(throttle), policy_(policy) {}

  // Unauthenticated ("The username or password is wrong.") for every kind of wrong credential;
  // ResourceExhausted with retry-after when the username or the address is throttled.
  Result<SignIn> login(const std::string& username, const std::string& password,
                       const RequestMeta& meta);

  // The actor behind `token`; Unauthenticated when it is unknown, expired or revoked, or its
  // user is disabled. Refreshes the idle timer.
  Result<Actor> resolve(std::string_view token);

  // Revokes `token` (the caller's own). Idempotent for an already revoked token.
  Status logout(const Actor& actor, const RequestMeta& meta, std::string_view token);

  // Deletes expired sessions and forgets old throttle entries; returns the sessions removed.
  int64_t purge_expired();

  // The absolute expiry of a live `token` (for a browser that asks again after a reload);
  // Unauthenticated as resolve() for a dead one.
  Result<TimePoint> expires_at(std::string_view token);

  const SessionPolicy& policy() const { return policy_; }

 private:
  storage::Database& db_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  LoginThrottle& throttle_;
  SessionPolicy policy_;
};

// Deletes every session of `user_id` within the caller's transaction; returns how many.
int64_t revoke_sessions(storage::Connection& c, const std::string& user_id);

}  // namespace tsunagu::domain
