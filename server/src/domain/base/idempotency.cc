#include "domain/base/idempotency.h"

#include "storage/database.h"

namespace tsunagu::domain::idempotency {

Result<std::optional<std::string>> replayed(storage::Connection& c, const Clock& clock,
                                            const std::string& user_id, const IdempotencyKey& key) {
  auto seen = c.prepare(
      "SELECT request_hash, resource_id, created_at FROM idempotency_keys"
      " WHERE user_id = ?1 AND key = ?2");
  seen.bind(1, user_id).bind(2, key.key);
  if (!seen.step()) return std::optional<std::string>();
  if (clock.now() - parse_stored_time(seen.text(2)) < kWindow) {
    if (seen.text(0) != key.request_hash) {
      return Error::Field("Idempotency-Key", "was used before with a different request");
    }
    return std::optional<std::string>(seen.text(1));
  }
  c.prepare("DELETE FROM idempotency_keys WHERE user_id = ?1 AND key = ?2")
      .bind(1, user_id)
      .bind(2, key.key)
      .run();
  return std::optional<std::string>();
}

void remember(storage::Connection& c, const Clock& clock, const std::string& user_id,
              const IdempotencyKey& key, const std::string& resource_id) {
  c.prepare(
       "INSERT INTO idempotency_keys (user_id, key, request_hash, resource_id, created_at)"
       " VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(1, user_id)
      .bind(2, key.key)
      .bind(3, key.request_hash)
      .bind(4, resource_id)
      .bind(5, format_utc(clock.now()))
      .run();
}

}  // namespace tsunagu::domain::idempotency
