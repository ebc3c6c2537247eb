#include "domain/accounts/login_throttle.h"

#include <algorithm>

#include "storage/database.h"

namespace tsunagu::domain {
namespace {

constexpr char kTooMany[] = "Too many failed attempts; wait before trying again.";

std::string pair_key(const std::string& username, const std::string& address) {
  return "user " + username + " from " + address;
}
std::string address_key(const std::string& address) { return "address " + address; }

}  // namespace

Attempt::Attempt(Attempt&& other) noexcept
    : throttle_(std::exchange(other.throttle_, nullptr)),
      pair_key_(std::move(other.pair_key_)),
      address_key_(std::move(other.address_key_)) {}

Attempt::~Attempt() {
  if (throttle_ != nullptr) throttle_->release(*this);
}

std::optional<int> LoginThrottle::wait_seconds(State& s, int free_failures, TimePoint now) const {
  if (s.failures > 0 && now - s.last_failure >= policy_.forget_after) s.failures = 0;
  if (s.failures + s.in_flight < free_failures) return std::nullopt;
  // The free failures are all used or reserved by attempts still being checked.
  if (s.failures < free_failures) return 1;
  // Past them: a delay that doubles with each failure, and one attempt at a time.
  const int past = std::min(s.failures - free_failures, 30);
  auto delay =
      std::min<std::chrono::seconds>(policy_.max_delay, policy_.first_delay * (1LL << past));
  const TimePoint free_at = s.last_failure + delay;
  if (now < free_at) {
    auto seconds = std::chrono::ceil<std::chrono::seconds>(free_at - now).count();
    return static_cast<int>(std::max<int64_t>(1, seconds));
  }
  if (s.in_flight > 0) return 1;
  return std::nullopt;
}

Result<Attempt> LoginThrottle::begin(const std::string& username, const std::string& address,
                                     TimePoint now) {
  std::string pk = pair_key(username, address);
  std::string ak = address_key(address);
  std::lock_guard lock(mutex_);
  State& pair = keys_[pk];
  State& addr = keys_[ak];
  auto wait_pair = wait_seconds(pair, policy_.per_user_address, now);
  auto wait_addr = wait_seconds(addr, policy_.per_address, now);
  if (wait_pair || wait_addr) {
    return Error::ResourceExhausted(kTooMany,
                                    std::max(wait_pair.value_or(0), wait_addr.value_or(0)));
  }
  ++pair.in_flight;
  ++addr.in_flight;
  return Attempt(this, std::move(pk), std::move(ak));
}

void LoginThrottle::release(const Attempt& attempt) {
  std::lock_guard lock(mutex_);
  for (const std::string* key : {&attempt.pair_key_, &attempt.address_key_}) {
    auto it = keys_.find(*key);
    if (it == keys_.end()) continue;
    if (it->second.in_flight > 0) --it->second.in_flight;
    if (it->second.in_flight == 0 && it->second.failures == 0) keys_.erase(it);
  }
}

void LoginThrottle::write_row(storage::Connection& c, const std::string& key, const State& s) {
  c.prepare(
       "INSERT INTO login_throttle (key, failures, last_failure_at) VALUES (?1, ?2, ?3)"
       " ON CONFLICT (key) DO UPDATE SET failures = ?2, last_failure_at = ?3")
      .bind(1, key)
      .bind(2, static_cast<int64_t>(s.failures))
      .bind(3, format_utc(s.last_failure))
      .run();
}

void LoginThrottle::failed(Attempt& attempt, TimePoint now, storage::Connection* c) {
  if (attempt.throttle_ == nullptr) return;
  std::vector<std::pair<std::string, State>> rows;
  {
    std::lock_guard lock(mutex_);
    for (const std::string* key : {&attempt.pair_key_, &attempt.address_key_}) {
      State& s = keys_[*key];
      if (s.in_flight > 0) --s.in_flight;
      if (s.failures > 0 && now - s.last_failure >= policy_.forget_after) s.failures = 0;
      ++s.failures;
      s.last_failure = std::max(s.last_failure, now);
      rows.emplace_back(*key, s);
    }
  }
  attempt.throttle_ = nullptr;
  if (c != nullptr) {
    for (const auto& [key, state] : rows) write_row(*c, key, state);
  }
}

void LoginThrottle::succeeded(Attempt& attempt, storage::Connection* c) {
  if (attempt.throttle_ == nullptr) return;
  {
    std::lock_guard lock(mutex_);
    if (auto it = keys_.find(attempt.pair_key_); it != keys_.end()) {
      it->second.failures = 0;
      if (it->second.in_flight > 0) --it->second.in_flight;
      if (it->second.in_flight == 0) keys_.erase(it);
    }
    if (auto it = keys_.find(attempt.address_key_); it != keys_.end()) {
      if (it->second.in_flight > 0) --it->second.in_flight;
      if (it->second.in_flight == 0 && it->second.failures == 0) keys_.erase(it);
    }
  }
  attempt.throttle_ = nullptr;
  if (c != nullptr) {
    c->prepare("DELETE FROM login_throttle WHERE key = ?1").bind(1, attempt.pair_key_).run();
  }
}

Status LoginThrottle::load(storage::Database& db) {
  return db.read([&](storage::Connection& c) -> Status {
    auto s = c.prepare("SELECT key, failures, last_failure_at FROM login_throttle");
    std::lock_guard lock(mutex_);
    while (s.step()) {
      State& state = keys_[s.text(0)];
      state.failures = static_cast<int>(std::min<int64_t>(s.int64(1), 1 << 20));
      state.last_failure = parse_stored_time(s.text(2));
    }
    return Status::Ok();
  });
}

void LoginThrottle::prune(TimePoint now, storage::Connection* c) {
  {
    std::lock_guard lock(mutex_);
    std::erase_if(keys_, [&](const auto& kv) {
      return kv.second.in_flight == 0 &&
             (kv.second.failures == 0 || now - kv.second.last_failure >= policy_.forget_after);
    });
  }
  if (c != nullptr) {
    c->prepare("DELETE FROM login_throttle WHERE last_failure_at <= ?1")
        .bind(1, format_utc(now - policy_.forget_after))
        .run();
  }
}

}  // namespace tsunagu::domain
