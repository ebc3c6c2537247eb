#include "domain/accounts/csrf.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

#include "common/hash.h"

namespace tsunagu::domain {
namespace {
constexpr std::string_view kPurpose = "tsunagu csrf token v1";
}  // namespace

std::string csrf_token_for(std::string_view session_token) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), session_token.data(), static_cast<int>(session_token.size()),
           reinterpret_cast<const unsigned char*>(kPurpose.data()), kPurpose.size(), mac,
           &length) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 0xf];
  }
  return out;
}

bool csrf_token_matches(std::string_view session_token, std::string_view presented) {
  return constant_time_equal(csrf_token_for(session_token), presented);
}

}  // namespace tsunagu::domain
