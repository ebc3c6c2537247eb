#include "domain/accounts/passwords.h"

#include <argon2.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "common/ids.h"
#include "common/text.h"

namespace tsunagu::domain {

// A counting semaphore with a plain mutex: std::counting_semaphore needs its maximum at compile
// time, and the number of cores is known only at run time.
struct PasswordHasher::Slots {
  explicit Slots(unsigned n) : free(n) {}
  void acquire() {
    std::unique_lock lock(mutex);
    cv.wait(lock, [this] { return free > 0; });
    --free;
  }
  void release() {
    {
      std::lock_guard lock(mutex);
      ++free;
    }
    cv.notify_one();
  }
  std::mutex mutex;
  std::condition_variable cv;
  unsigned free;
};

namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

// Holds one of the hasher's slots for a scope.
template <typename S>
class SlotGuard {
 public:
  explicit SlotGuard(S& s) : slots_(s) { slots_.acquire(); }
  ~SlotGuard() { slots_.release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;

 private:
  S& slots_;
};

// Common passwords of at least twelve characters (shorter ones already fail the length rule),
// compared case-insensitively. A short list on purpose: it stops the obvious, the length rule and
// Argon2 do the rest.
constexpr std::array<std::string_view, 40> kCommon = {
    "123456789012", "1234567890123",    "12345678901234",   "123456789012345",  "1234567890qwerty",
    "qwertyuiop12", "qwertyuiopasdf",   "qwertyuiopasdfgh", "qwerty123456",     "123456qwerty",
    "password1234", "password12345",    "password123456",   "passwordpassword", "password1234567",
    "p@ssw0rd1234", "p@ssword1234",     "iloveyou1234",     "iloveyou123456",   "abcdefghijkl",
    "abc123abc123", "abcd1234abcd1234", "aaaaaaaaaaaa",     "111111111111",     "000000000000",
    "letmein12345", "welcome12345",     "welcome123456",    "administrator",    "administrator1",
    "changeme1234", "trustno1trustno1", "sunshine1234",     "football1234",     "baseball1234",
    "1qaz2wsx3edc", "1q2w3e4r5t6y",     "zaq12wsxcde3",     "tsunagu12345",     "sapporo12345",
};

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordParams params, unsigned concurrent)
    : params_(params),
      slots_(std::make_unique<Slots>(
          concurrent != 0 ? concurrent : std::max(1u, std::thread::hardware_concurrency()))) {
  dummy_ = hash(to_hex(random_bytes(16)));
}

PasswordHasher::~PasswordHasher() = default;

std::string PasswordHasher::hash(std::string_view password) const {
  std::string salt = random_bytes(kSaltBytes);
  size_t length = argon2_encodedlen(params_.time_cost, params_.memory_kib, params_.parallelism,
                                    kSaltBytes, kHashBytes, Argon2_id);
  std::string encoded(length, '\0');
  int rc;
  {
    SlotGuard guard(*slots_);
    rc = argon2id_hash_encoded(params_.time_cost, params_.memory_kib, params_.parallelism,
                               password.data(), password.size(), salt.data(), salt.size(),
                               kHashBytes, encoded.data(), encoded.size());
  }
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool PasswordHasher::verify(const std::string& encoded, std::string_view password) const {
  SlotGuard guard(*slots_);
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool PasswordHasher::verify_or_burn(const std::optional<std::string>& encoded,
                                    std::string_view password) const {
  if (!encoded) {
    (void)verify(dummy_, password);
    return false;
  }
  return verify(*encoded, password);
}

std::optional<std::string> password_problem(std::string_view password, std::string_view username) {
  size_t chars = utf8_length(password);
  if (chars < kMinPasswordChars) {
    return "must be at least " + std::to_string(kMinPasswordChars) + " characters";
  }
  if (chars > kMaxPasswordChars) {
    return "must be at most " + std::to_string(kMaxPasswordChars) + " characters";
  }
  std::string lower = ascii_lower(password);
  if (std::find(kCommon.begin(), kCommon.end(), lower) != kCommon.end()) {
    return "is too common; choose a longer phrase of your own";
  }
  if (!username.empty() && lower.find(ascii_lower(username)) != std::string::npos) {
    return "must not contain the username";
  }
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; })) {
    return "must not be one character repeated";
  }
  return std::nullopt;
}

}  // namespace tsunagu::domain
