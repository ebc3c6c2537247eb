#include "domain/audit.h"

#include "common/hash.h"
#include "storage/database.h"

namespace tsunagu::domain::audit {
namespace {

// Fields joined by U+001F (unit separator) with NULL written as U+0000, so no two different
// entries share a canonical form.
struct Canonical {
  std::string text;
  void add(const std::optional<std::string>& v) {
    if (!text.empty() || v) text.push_back('\x1f');
    if (v) {
      text += *v;
    } else {
      text.push_back('\0');
    }
  }
};

constexpr char kColumns[] =
    "seq, at, actor_id, actor_username, actor_role, action, resource_type, resource_id, case_id, "
    "organization_id, request_id, source_address, detail, prev_hash, hash";

std::string canonical_of(const std::vector<std::optional<std::string>>& fields) {
  Canonical c;
  for (const auto& f : fields) c.add(f);
  return c.text;
}

}  // namespace

std::string chain_hash(const std::string& prev_hash, const std::string& canonical_content) {
  return sha256_hex(prev_hash + "\n" + canonical_content);
}

void append(storage::Connection& c, const Clock& clock, const Actor* actor, const RequestMeta& meta,
            const Entry& entry) {
  std::string prev = kGenesisHash;
  int64_t seq = 1;
  {
    auto last = c.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (last.step()) {
      seq = last.int64(0) + 1;
      prev = last.text(1);
    }
  }
  auto opt = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); };
  std::vector<std::optional<std::string>> fields = {
      std::to_string(seq),
      format_utc(clock.now()),
      actor ? opt(actor->user_id) : std::nullopt,
      actor ? opt(actor->username) : std::nullopt,
      actor ? std::optional<std::string>(to_string(actor->role)) : std::nullopt,
      entry.action,
      entry.resource_type,
      entry.resource_id,
      entry.case_id,
      entry.organization_id,
      opt(meta.request_id),
      opt(meta.source_address),
      entry.detail};
  std::string hash = chain_hash(prev, canonical_of(fields));
  auto insert = c.prepare(
      "INSERT INTO audit_log (seq, at, actor_id, actor_username, actor_role, action, resource_type,"
      " resource_id, case_id, organization_id, request_id, source_address, detail, prev_hash, hash)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  insert.bind(1, seq);
  for (int i = 1; i < static_cast<int>(fields.size()); ++i) insert.bind(i + 1, fields[i]);
  insert.bind(14, prev).bind(15, hash).run();
}

Result<Verification> verify(storage::Database& db) {
  return db.read([](storage::Connection& c) -> Result<Verification> {
    Verification v;
    std::string prev = kGenesisHash;
    int64_t expected_seq = 1;
    auto rows = c.prepare(std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq");
    while (rows.step()) {
      int64_t seq = rows.int64(0);
      std::vector<std::optional<std::string>> fields;
      for (int i = 0; i < 13; ++i) fields.push_back(rows.optional_text(i));
      fields[0] = std::to_string(seq);
      std::string stored_prev = rows.text(13);
      std::string stored_hash = rows.text(14);
      auto broken = [&](std::string reason) {
        v.ok = false;
        v.broken_at = seq;
        v.reason = std::move(reason);
      };
      if (seq != expected_seq) {
        broken("entry " + std::to_string(expected_seq) + " is missing");
      } else if (stored_prev != prev) {
        broken("prev_hash does not match the previous entry");
      } else if (stored_hash != chain_hash(prev, canonical_of(fields))) {
        broken("content does not match its hash");
      }
      if (!v.ok) return v;
      prev = stored_hash;
      ++expected_seq;
      ++v.entries;
    }
    return v;
  });
}

}  // namespace tsunagu::domain::audit
