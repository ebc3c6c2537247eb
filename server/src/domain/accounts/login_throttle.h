// Brute-force protection for everything that checks a password: sign-in and the current
// password of POST /me/password. Failures are counted per source address and per (username,
// source address). Each key has a number of free failures; past it, every further attempt waits
// a delay that doubles with each failure (429 with Retry-After), up to a ceiling. Counting per
// (username, address) and not per username alone means nobody can lock another user out: the
// right password from another address still gets in. Counting per address bounds how many
// usernames one address can try.
//
// An attempt is reserved (begin()) before any password is checked, and counts as in flight until
// it is settled: concurrent guesses therefore cannot all pass the check before the first failure
// is recorded — at most the free failures are evaluated at once, and past them one at a time.
// Unknown usernames are counted exactly like real ones, so the throttle reveals nothing about
// which accounts exist.
//
// The counters are kept in memory and written through the caller's write transaction to the
// login_throttle table (failed(), succeeded()), and load() reads them back at start: a restart
// forgets nothing. prune() forgets keys whose last failure is older than `forget_after`.
//
// Thread-safety: every method may be called from any thread; an Attempt belongs to one caller.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "common/result.h"
#include "common/time.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

struct ThrottlePolicy {
  int per_user_address = 5;                 // free failures of one username from one address
  int per_address = 20;                     // free failures from one address, whatever the username
  std::chrono::seconds first_delay{30};     // the wait after the first failure past the free ones
  std::chrono::seconds max_delay{15 * 60};  // the delay doubles up to this
  std::chrono::seconds forget_after{60 * 60};  // a key this long without a failure starts over
};

class LoginThrottle;

// One reserved attempt. Settle it with LoginThrottle::failed() or succeeded(); one that is
// neither (an error on the way) is released when it goes away, counting nothing.
class Attempt {
 public:
  Attempt(Attempt&& other) noexcept;
  Attempt& operator=(Attempt&&) = delete;
  Attempt(const Attempt&) = delete;
  ~Attempt();

 private:
  friend class LoginThrottle;
  Attempt(LoginThrottle* throttle, std::string pair_key, std::string address_key)
      : throttle_(throttle), pair_key_(std::move(pair_key)), address_key_(std::move(address_key)) {}
  LoginThrottle* throttle_;  // null once settled or moved from
  std::string pair_key_;
  std::string address_key_;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottlePolicy policy = {}) : policy_(policy) {}

  // Reserves an attempt of `username` from `address` at `now`, or fails with ResourceExhausted
  // carrying the seconds to wait.
  Result<Attempt> begin(const std::string& username, const std::string& address, TimePoint now);
  // Counts the attempt as a failure at `now`, in memory and (with `c`, the caller's write
  // transaction) in the login_throttle table.
  void failed(Attempt& attempt, TimePoint now, storage::Connection* c);
  // A right password: forgets the (username, address) failures; the address's stay.
  void succeeded(Attempt& attempt, storage::Connection* c);

  // Reads the stored counters (at start).
  Status load(storage::Database& db);
  // Forgets keys whose last failure is `forget_after` old, in memory and (with `c`) in the table.
  void prune(TimePoint now, storage::Connection* c = nullptr);

  const ThrottlePolicy& policy() const { return policy_; }

 private:
  friend class Attempt;
  struct State {
    int failures = 0;
    TimePoint last_failure{};
    int in_flight = 0;
  };
  std::optional<int> wait_seconds(State& s, int free_failures, TimePoint now) const;
  void release(const Attempt& attempt);
  void write_row(storage::Connection& c, const std::string& key, const State& s);

  ThrottlePolicy policy_;
  std::mutex mutex_;
  std::map<std::string, State> keys_;
};

}  // namespace tsunagu::domain
