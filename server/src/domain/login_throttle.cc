#include "domain/login_throttle.h"

#include <algorithm>

namespace tsunagu::domain {

std::optional<int> LoginThrottle::blocked(std::map<std::string, Failures>& map,
                                          const std::string& key, int limit, TimePoint now) {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  Failures& f = it->second;
  while (!f.empty() && f.front() + policy_.window <= now) f.pop_front();
  if (static_cast<int>(f.size()) < limit) return std::nullopt;
  // Free again when enough of the oldest failures have aged out to drop below the limit.
  TimePoint free_at = f[f.size() - static_cast<size_t>(limit)] + policy_.window;
  auto seconds = std::chrono::ceil<std::chrono::seconds>(free_at - now).count();
  return static_cast<int>(std::max<int64_t>(1, seconds));
}

std::optional<int> LoginThrottle::retry_after(const std::string& username,
                                              const std::string& address, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto user = blocked(by_username_, username, policy_.per_username, now);
  auto addr = blocked(by_address_, address, policy_.per_address, now);
  if (user && addr) return std::max(*user, *addr);
  return user ? user : addr;
}

void LoginThrottle::record_failure(const std::string& username, const std::string& address,
                                   TimePoint now) {
  std::lock_guard lock(mutex_);
  auto add = [&](Failures& f, int limit) {
    f.push_back(now);
    // Only the newest `limit` failures can ever matter.
    while (static_cast<int>(f.size()) > limit) f.pop_front();
  };
  add(by_username_[username], policy_.per_username);
  add(by_address_[address], policy_.per_address);
}

void LoginThrottle::record_success(const std::string& username) {
  std::lock_guard lock(mutex_);
  by_username_.erase(username);
}

void LoginThrottle::prune(TimePoint now) {
  std::lock_guard lock(mutex_);
  for (auto* map : {&by_username_, &by_address_}) {
    std::erase_if(*map, [&](const auto& kv) {
      return kv.second.empty() || kv.second.back() + policy_.window <= now;
    });
  }
}

}  // namespace tsunagu::domain
