// Signed checkpoints of the audit chain. A keyed chain (audit.h) cannot be rewritten without the
// key, but it can be cut: delete the newest entries and the rest still verifies. A checkpoint
// records the entry count and the head hash at a moment, signed with an Ed25519 key (libsodium)
// that the operator keeps away from the server; audit-verify --checkpoint then finds a cut tail
// (fewer entries than the checkpoint) and a rewritten history (the entry at the checkpoint's
// count has another hash).
//
// The text form, one "name: value" per line, the signature over every line before it:
//   tsunagu-audit-checkpoint 1
//   entries: 1234
//   head: <64 hex digits>
//   keyed_from: 1
//   at: 2026-12-01T09:00:00.000Z
//   signature: <128 hex digits>
//
// Thread-safety: pure functions, apart from reading the database.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"
#include "common/time.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain::audit {

struct Checkpoint {
  int64_t entries = 0;
  std::string head_hash;  // the hash of entry `entries`
  int64_t keyed_from = 1;
  std::string at;         // format_utc()
  std::string signature;  // hex
};

struct SigningKeys {
  std::string secret_hex;  // 64 bytes (libsodium's secret key: seed and public key)
  std::string public_hex;  // 32 bytes
};

// A new Ed25519 key pair.
SigningKeys generate_signing_keys();

// Verifies the chain (refusing a broken one: FailedPrecondition) and signs its current state.
Result<Checkpoint> make_checkpoint(storage::Database& db, const Clock& clock,
                                   const std::string& secret_key_hex);

std::string format_checkpoint(const Checkpoint& cp);
// InvalidArgument naming what is wrong with the text.
Result<Checkpoint> parse_checkpoint(const std::string& text);

// PermissionDenied when the signature is not `public_key_hex`'s over the checkpoint.
Status check_signature(const Checkpoint& cp, const std::string& public_key_hex);

struct CheckpointCheck {
  bool ok = true;
  std::string reason;  // when not ok: "the tail was cut: …" or "the history was rewritten: …"
};

// Compares the database with a (signature-checked) checkpoint.
Result<CheckpointCheck> compare_with_checkpoint(storage::Database& db, const Checkpoint& cp);

}  // namespace tsunagu::domain::audit
