// Brute-force protection for sign-in: failed attempts are counted per username and per source
// address over a sliding window. At the limit, further attempts are refused (429 with
// Retry-After) until the oldest failure in the window ages out — before any password is checked,
// so a locked account cannot be guessed at. Unknown usernames are counted exactly like real
// ones, so the lockout reveals nothing about which accounts exist.
//
// The counters live in memory: a restart forgets them (an attacker gains at most one more
// window). Memory is bounded: old entries are dropped as they age out, and prune() clears idle
// keys.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "common/time.h"

namespace tsunagu::domain {

struct ThrottlePolicy {
  int per_username = 5;  // failures within `window` that lock a username
  int per_address = 20;  // failures within `window` that block an address
  std::chrono::minutes window{15};
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottlePolicy policy = {}) : policy_(policy) {}

  // Seconds to wait when `username` or `address` is at its limit at `now`; nullopt otherwise.
  std::optional<int> retry_after(const std::string& username, const std::string& address,
                                 TimePoint now);
  void record_failure(const std::string& username, const std::string& address, TimePoint now);
  // A successful sign-in clears the username's failures (not the address's).
  void record_success(const std::string& username);
  // Forgets keys whose failures have all aged out.
  void prune(TimePoint now);

 private:
  using Failures = std::deque<TimePoint>;
  std::optional<int> blocked(std::map<std::string, Failures>& map, const std::string& key,
                             int limit, TimePoint now);
  ThrottlePolicy policy_;
  std::mutex mutex_;
  std::map<std::string, Failures> by_username_;
  std::map<std::string, Failures> by_address_;
};

}  // namespace tsunagu::domain
