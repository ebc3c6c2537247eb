// Signing in and out, and turning a bearer token back into an Actor. A token is 256 random bits
// shown to the client once; the database keeps only its SHA-256, so a copy of the database
// does not let anyone sign in. A token dies at the first of: its absolute expiry (default 12 h
// after sign-in), its idle expiry (default 30 min after last use), logout, the user being
// disabled, a new password (which also revokes the user's calendar subscription link).
//
// Sign-in answers identically for an unknown user, a disabled user and a wrong password: the
// same error, and the same Argon2 work (PasswordHasher::verify_or_burn). Failures are counted
// by LoginThrottle and audited.
//
// Thread-safety: a Sessions object may be shared by all threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/accounts/accounts.h"
#include "domain/accounts/login_throttle.h"
#include "domain/accounts/passwords.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

struct SessionPolicy {
  std::chrono::minutes idle{30};
  std::chrono::minutes absolute{12 * 60};
  // last_used_at is written at most this often per token, so a busy client does not turn every
  // read into a disk write. The exact last use is kept in memory meanwhile (and written by
  // purge_expired() and flush_last_uses()), so idle expiry is exact; only a crash can lose up
  // to this step of it.
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
  // Writes the remembered exact last uses to the table (at shutdown, and before a purge).
  void flush_last_uses();

  // The absolute expiry of a live `token` (for a browser that asks again after a reload);
  // Unauthenticated as resolve() for a dead one.
  Result<TimePoint> expires_at(std::string_view token);

  const SessionPolicy& policy() const { return policy_; }

 private:
  storage::Database& db_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  TimePoint remembered_use(const std::string& token_hash);
  void remember_use(const std::string& token_hash, TimePoint at);

  LoginThrottle& throttle_;
  SessionPolicy policy_;
  std::mutex uses_mutex_;
  std::map<std::string, TimePoint> last_use_;  // token hash → exact last use, newer than stored
};

// What revoke_credentials() deleted.
struct Revoked {
  int64_t sessions = 0;
  int64_t calendar_links = 0;
};

// Deletes every session of `user_id` and their calendar subscription link (a secret that works
// without a password too) within the caller's transaction: for a new password, a reset, and
// disabling.
Revoked revoke_credentials(storage::Connection& c, const std::string& user_id);
// "revoked 2 session(s) and the calendar link", for audit details.
std::string describe(const Revoked& r);

}  // namespace tsunagu::domain
