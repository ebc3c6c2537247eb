#include "http/idempotency_key.h"

#include "common/hash.h"

namespace tsunagu::http {

Result<std::optional<domain::IdempotencyKey>> idempotency_key(const httplib::Request& req) {
  return idempotency_key(req, req.body);
}

Result<std::optional<domain::IdempotencyKey>> idempotency_key(const httplib::Request& req,
                                                              const std::string& compared) {
  if (!req.has_header("Idempotency-Key")) return std::optional<domain::IdempotencyKey>();
  std::string key = req.get_header_value("Idempotency-Key");
  if (key.empty() || key.size() > 200) {
    return Error::Malformed("Idempotency-Key must be 1 to 200 characters.");
  }
  return std::optional<domain::IdempotencyKey>(
      domain::IdempotencyKey{key, sha256_hex(req.path + "\n" + compared)});
}

void mark_created(httplib::Response& res, const std::string& location, bool replayed) {
  res.set_header("Location", location);
  if (replayed) res.set_header("Idempotent-Replayed", "true");
}

}  // namespace tsunagu::http
