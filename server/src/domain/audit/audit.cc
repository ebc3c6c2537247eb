#include "domain/audit/audit.h"

#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

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
    "organization_id, request_id, source_address, detail, prev_hash, hash, listed";
constexpr int kHashedColumns = 13;  // seq … detail; then listed, when present

std::string canonical_of(const std::vector<std::optional<std::string>>& fields) {
  Canonical c;
  for (const auto& f : fields) c.add(f);
  return c.text;
}

std::mutex& key_mutex() {
  static std::mutex m;
  return m;
}
std::shared_ptr<const std::string>& key_slot() {
  static std::shared_ptr<const std::string> key;
  return key;
}
std::shared_ptr<const std::string> current_key() {
  std::lock_guard lock(key_mutex());
  return key_slot();
}

std::string keying_mac(const std::string& key, int64_t keyed_from) {
  return hmac_sha256_hex(key, "tsunagu audit chain keyed from " + std::to_string(keyed_from));
}

struct Keying {
  int64_t keyed_from = 1;
  std::optional<std::string> mac;
};

std::optional<Keying> read_keying(storage::Connection& c) {
  auto s = c.prepare("SELECT keyed_from, mac FROM audit_keying WHERE id = 1");
  if (!s.step()) return std::nullopt;
  return Keying{s.int64(0), s.optional_text(1)};
}

}  // namespace

void set_chain_key(std::string key) {
  auto shared = std::make_shared<const std::string>(std::move(key));
  std::lock_guard lock(key_mutex());
  key_slot() = std::move(shared);
}

bool has_chain_key() { return current_key() != nullptr; }

Status bind_chain_key(storage::Database& db) {
  auto key = current_key();
  if (!key) return Error::FailedPrecondition("No audit key is set.");
  return db.write([&](storage::Connection& c) -> Status {
    auto keying = read_keying(c);
    if (!keying) return Error::FailedPrecondition("The audit keying record is missing.");
    const std::string mac = keying_mac(*key, keying->keyed_from);
    if (!keying->mac) {
      c.prepare("UPDATE audit_keying SET mac = ?1 WHERE id = 1").bind(1, mac).run();
      return Status::Ok();
    }
    if (!constant_time_equal(*keying->mac, mac)) {
      return Error::FailedPrecondition(
          "The audit key is not the key this database's audit chain was started with.");
    }
    return Status::Ok();
  });
}

std::string keyed_chain_hash(const std::string& prev_hash, const std::string& canonical_content) {
  auto key = current_key();
  if (!key) throw storage::StorageError(0, "no audit key is set");
  return hmac_sha256_hex(*key, prev_hash + "\n" + canonical_content);
}

std::string canonical_content(const std::vector<std::optional<std::string>>& fields) {
  return canonical_of(fields);
}

std::string chain_hash(const std::string& prev_hash, const std::string& canonical_content) {
  return sha256_hex(prev_hash + "\n" + canonical_content);
}

Entry list_page(std::string action, std::string resource_type, std::string organization_id,
                const std::vector<ListedRow>& rows) {
  nlohmann::json listed = nlohmann::json::array();
  for (const ListedRow& r : rows) {
    listed.push_back({{"id", r.id}, {"case_id", r.case_id}, {"ward", r.ward}});
  }
  return {std::move(action), std::move(resource_type),   std::nullopt,
          std::nullopt,      std::move(organization_id), std::nullopt,
          listed.dump()};
}

void append(storage::Connection& c, const Clock& clock, const Actor* actor, const RequestMeta& meta,
            const Entry& entry) {
  append_all(c, clock, actor, meta, {entry});
}

Status record_reads(storage::Database& db, const Clock& clock, const Actor& actor,
                    const RequestMeta& meta, const std::vector<Entry>& reads) {
  if (reads.empty()) return Status::Ok();
  return db.write([&](storage::Connection& c) -> Status {
    append_all(c, clock, &actor, meta, reads);
    return Status::Ok();
  });
}

void append_all(storage::Connection& c, const Clock& clock, const Actor* actor,
                const RequestMeta& meta, const std::vector<Entry>& entries) {
  if (entries.empty()) return;
  std::string prev = kGenesisHash;
  int64_t seq = 1;
  {
    // The first keyed entry binds the keying record to the key, if nothing did before
    // (bind_chain_key() at start does, and refuses a different key).
    auto key = current_key();
    if (!key) throw storage::StorageError(0, "no audit key is set");
    std::optional<int64_t> unbound;
    {
      auto keying = c.prepare("SELECT keyed_from FROM audit_keying WHERE id = 1 AND mac IS NULL");
      if (keying.step()) unbound = keying.int64(0);
    }
    if (unbound) {
      c.prepare("UPDATE audit_keying SET mac = ?1 WHERE id = 1")
          .bind(1, keying_mac(*key, *unbound))
          .run();
    }
  }
  {
    // max(seq) is one step down the rowid B-tree whatever the statistics say; with ORDER BY
    // seq DESC LIMIT 1, SQLite 3.40 planned a scan of audit_log_at and a sort once ANALYZE had
    // seen a large log (every append then read the whole log).
    auto last =
        c.prepare("SELECT seq, hash FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)");
    if (last.step()) {
      seq = last.int64(0) + 1;
      prev = last.text(1);
    }
  }
  auto opt = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); };
  for (const Entry& entry : entries) {
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
    if (entry.listed) fields.push_back(entry.listed);
    std::string hash = keyed_chain_hash(prev, canonical_of(fields));
    auto insert = c.prepare(
        "INSERT INTO audit_log (seq, at, actor_id, actor_username, actor_role, action,"
        " resource_type, resource_id, case_id, organization_id, request_id, source_address,"
        " detail, prev_hash, hash, listed)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    insert.bind(1, seq);
    for (int i = 1; i < kHashedColumns; ++i) insert.bind(i + 1, fields[i]);
    insert.bind(14, prev).bind(15, hash).bind(16, entry.listed).run();
    prev = std::move(hash);
    ++seq;
  }
}

Result<Verification> verify(storage::Database& db) {
  auto key = current_key();
  if (!key)
    return Error::FailedPrecondition("No audit key is set: the keyed chain cannot be checked.");
  return db.read([&](storage::Connection& c) -> Result<Verification> {
    Verification v;
    auto keying = read_keying(c);
    if (!keying) {
      v.ok = false;
      v.broken_at = 1;
      v.reason = "the audit keying record is missing";
      return v;
    }
    v.keyed_from = keying->keyed_from;
    // Whether keyed_from is the one the key was bound to; checked at the first keyed entry, so
    // a moved boundary (keyed entries passed off as unkeyed ones) is found.
    const bool boundary_holds =
        keying->mac && constant_time_equal(*keying->mac, keying_mac(*key, keying->keyed_from));
    std::string prev = kGenesisHash;
    int64_t expected_seq = 1;
    auto rows = c.prepare(std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq");
    while (rows.step()) {
      int64_t seq = rows.int64(0);
      std::vector<std::optional<std::string>> fields;
      for (int i = 0; i < kHashedColumns; ++i) fields.push_back(rows.optional_text(i));
      fields[0] = std::to_string(seq);
      if (auto listed = rows.optional_text(15)) fields.push_back(std::move(listed));
      std::string stored_prev = rows.text(13);
      std::string stored_hash = rows.text(14);
      auto broken = [&](std::string reason) {
        v.ok = false;
        v.broken_at = seq;
        v.reason = std::move(reason);
      };
      const bool keyed = seq >= v.keyed_from;
      if (seq != expected_seq) {
        broken("entry " + std::to_string(expected_seq) + " is missing");
      } else if (keyed && !boundary_holds) {
        broken(keying->mac ? "the keying record does not match the audit key (altered, or "
                             "another key)"
                           : "keyed entries but the keying record was never bound to a key");
      } else if (stored_prev != prev) {
        broken("prev_hash does not match the previous entry");
      } else if (!constant_time_equal(
                     stored_hash, keyed ? hmac_sha256_hex(*key, prev + "\n" + canonical_of(fields))
                                        : chain_hash(prev, canonical_of(fields)))) {
        broken(keyed ? "content does not match its keyed hash"
                     : "content does not match its (unkeyed) hash");
      }
      if (!v.ok) return v;
      prev = stored_hash;
      v.head_hash = stored_hash;
      ++expected_seq;
      ++v.entries;
      if (!keyed) ++v.unkeyed_entries;
    }
    return v;
  });
}

}  // namespace tsunagu::domain::audit
