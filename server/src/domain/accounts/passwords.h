// Passwords: Argon2id hashing (libargon2) and the password rules. Only the encoded hash is ever
// stored ("$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>"), so the parameters a hash was made
// with travel with it and a stronger default later still verifies old hashes.
//
// Hashing is deliberately expensive (19 MiB, two passes): a semaphore lets at most a few hashes
// run at once, so a burst of logins queues instead of exhausting memory. verify_or_burn() does
// the same work when there is no user, so "unknown user" and "wrong password" take equally long.
//
// Thread-safety: a PasswordHasher may be shared by all threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagu::domain {

struct PasswordParams {
  uint32_t time_cost = 2;           // passes (OWASP: ≥ 2 with 19 MiB)
  uint32_t memory_kib = 19 * 1024;  // 19 MiB
  uint32_t parallelism = 1;

  // Tiny parameters that make tests fast. Never the default; only an explicit test option
  // (app::Config::cheap_password_hashing_for_tests) selects them.
  static PasswordParams cheap_for_tests() { return {2, 64, 1}; }
};

inline constexpr size_t kMinPasswordChars = 12;
inline constexpr size_t kMaxPasswordChars = 256;

class PasswordHasher {
 public:
  // `concurrent` bounds how many hashes run at once (memory_kib each); 0 = number of cores.
  explicit PasswordHasher(PasswordParams params = {}, unsigned concurrent = 0);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // A fresh random salt each call. Throws std::runtime_error if libargon2 fails (out of memory).
  std::string hash(std::string_view password) const;

  // True when `password` matches `encoded`. With no encoding (unknown user) it verifies against
  // an internal dummy hash with the same parameters and returns false: the same cost either way.
  bool verify_or_burn(const std::optional<std::string>& encoded, std::string_view password) const;

  const PasswordParams& params() const { return params_; }

 private:
  bool verify(const std::string& encoded, std::string_view password) const;
  PasswordParams params_;
  struct Slots;
  std::unique_ptr<Slots> slots_;
  std::string dummy_;
};

// Why `password` may not be used by `username`, or nullopt when it may: at least
// kMinPasswordChars characters (code points), at most kMaxPasswordChars, not on the list of
// common passwords, not the username, not one repeated character.
std::optional<std::string> password_problem(std::string_view password, std::string_view username);

}  // namespace tsunagu::domain
