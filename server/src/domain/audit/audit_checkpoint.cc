#include "domain/audit/audit_checkpoint.h"

#include <sodium.h>

#include <algorithm>
#include <optional>
#include <sstream>

#include "common/ids.h"
#include "domain/audit/audit.h"
#include "storage/database.h"

namespace tsunagu::domain::audit {
namespace {

constexpr char kMagic[] = "tsunagu-audit-checkpoint 1";

Status init_sodium() {
  if (sodium_init() < 0) return Error::Internal("libsodium cannot be initialised.");
  return Status::Ok();
}

// Hex → bytes of exactly `size`; nullopt for anything else.
std::optional<std::string> from_hex(std::string_view hex, size_t size) {
  std::string out(size, '\0');
  size_t len = 0;
  if (hex.size() != size * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), size, hex.data(), hex.size(),
                     nullptr, &len, nullptr) != 0 ||
      len != size) {
    return std::nullopt;
  }
  return out;
}

// The signed text: every line but the signature.
std::string signed_part(const Checkpoint& cp) {
  return std::string(kMagic) + "\nentries: " + std::to_string(cp.entries) +
         "\nhead: " + cp.head_hash + "\nkeyed_from: " + std::to_string(cp.keyed_from) +
         "\nat: " + cp.at + "\n";
}

bool is_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

SigningKeys generate_signing_keys() {
  (void)init_sodium();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  SigningKeys keys{to_hex(std::string_view(reinterpret_cast<char*>(sk), sizeof sk)),
                   to_hex(std::string_view(reinterpret_cast<char*>(pk), sizeof pk))};
  sodium_memzero(sk, sizeof sk);
  return keys;
}

Result<Checkpoint> make_checkpoint(storage::Database& db, const Clock& clock,
                                   const std::string& secret_key_hex) {
  TRY(init_sodium());
  auto sk = from_hex(secret_key_hex, crypto_sign_SECRETKEYBYTES);
  if (!sk) return Error::InvalidArgument("The signing key is not an Ed25519 secret key in hex.");
  TRY_ASSIGN(Verification v, verify(db));
  if (!v.ok) {
    return Error::FailedPrecondition("The audit log is broken at entry " +
                                     std::to_string(v.broken_at.value_or(0)) + " (" + v.reason +
                                     "); no checkpoint is signed for a broken chain.");
  }
  Checkpoint cp{v.entries, v.head_hash.empty() ? "-" : v.head_hash, v.keyed_from,
                format_utc(clock.now()), ""};
  std::string message = signed_part(cp);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), reinterpret_cast<const unsigned char*>(sk->data()));
  sodium_memzero(sk->data(), sk->size());
  cp.signature = to_hex(std::string_view(reinterpret_cast<char*>(sig), sizeof sig));
  return cp;
}

std::string format_checkpoint(const Checkpoint& cp) {
  return signed_part(cp) + "signature: " + cp.signature + "\n";
}

Result<Checkpoint> parse_checkpoint(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  auto bad = [](const std::string& what) {
    return Error::InvalidArgument("The checkpoint file is malformed: " + what + ".");
  };
  if (!std::getline(in, line) || line != kMagic)
    return bad("it does not start with " + std::string(kMagic));
  Checkpoint cp;
  auto field = [&](const char* name, std::string& out) -> bool {
    std::string prefix = std::string(name) + ": ";
    if (!std::getline(in, line) || line.rfind(prefix, 0) != 0) return false;
    out = line.substr(prefix.size());
    return !out.empty();
  };
  std::string entries, keyed_from;
  if (!field("entries", entries)) return bad("no entries line");
  if (!field("head", cp.head_hash)) return bad("no head line");
  if (!field("keyed_from", keyed_from)) return bad("no keyed_from line");
  if (!field("at", cp.at)) return bad("no at line");
  if (!field("signature", cp.signature)) return bad("no signature line");
  try {
    size_t used = 0;
    cp.entries = std::stoll(entries, &used);
    if (used != entries.size() || cp.entries < 0) return bad("entries is not a count");
    cp.keyed_from = std::stoll(keyed_from, &used);
    if (used != keyed_from.size() || cp.keyed_from < 1) return bad("keyed_from is not a seq");
  } catch (const std::exception&) {
    return bad("entries or keyed_from is not a number");
  }
  if (!(cp.head_hash.size() == 64 && is_hex(cp.head_hash)) &&
      !(cp.entries == 0 && cp.head_hash == "-")) {
    return bad("head is not a hash");
  }
  if (cp.signature.size() != crypto_sign_BYTES * 2 || !is_hex(cp.signature)) {
    return bad("signature is not an Ed25519 signature in hex");
  }
  return cp;
}

Status check_signature(const Checkpoint& cp, const std::string& public_key_hex) {
  TRY(init_sodium());
  auto pk = from_hex(public_key_hex, crypto_sign_PUBLICKEYBYTES);
  if (!pk) return Error::InvalidArgument("The public key is not an Ed25519 public key in hex.");
  auto sig = from_hex(cp.signature, crypto_sign_BYTES);
  std::string message = signed_part(cp);
  if (!sig || crypto_sign_verify_detached(
                  reinterpret_cast<const unsigned char*>(sig->data()),
                  reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                  reinterpret_cast<const unsigned char*>(pk->data())) != 0) {
    return Error::PermissionDenied(
        "The checkpoint's signature does not verify with this public key: it is forged, "
        "altered or signed with another key.");
  }
  return Status::Ok();
}

Result<CheckpointCheck> compare_with_checkpoint(storage::Database& db, const Checkpoint& cp) {
  return db.read([&](storage::Connection& c) -> Result<CheckpointCheck> {
    CheckpointCheck out;
    auto count = c.prepare("SELECT count(*), coalesce(max(seq), 0) FROM audit_log");
    count.step();
    const int64_t last = count.int64(1);
    if (last < cp.entries) {
      out.ok = false;
      out.reason = "the tail was cut: the log ends at entry " + std::to_string(last) +
                   ", the checkpoint of " + cp.at + " counted " + std::to_string(cp.entries);
      return out;
    }
    if (cp.entries == 0) return out;
    auto at = c.prepare("SELECT hash FROM audit_log WHERE seq = ?1");
    at.bind(1, cp.entries);
    if (!at.step()) {
      out.ok = false;
      out.reason = "the history was rewritten: entry " + std::to_string(cp.entries) +
                   " of the checkpoint is missing";
    } else if (at.text(0) != cp.head_hash) {
      out.ok = false;
      out.reason = "the history was rewritten: entry " + std::to_string(cp.entries) +
                   " has another hash than at the checkpoint of " + cp.at;
    }
    auto keying = c.prepare("SELECT keyed_from FROM audit_keying WHERE id = 1");
    if (out.ok && (!keying.step() || keying.int64(0) != cp.keyed_from)) {
      out.ok = false;
      out.reason =
          "the keying record was altered: the chain's keyed start is not the "
          "checkpoint's entry " +
          std::to_string(cp.keyed_from);
    }
    return out;
  });
}

}  // namespace tsunagu::domain::audit
