// The audit trail that answers "who saw this family's data" (APPI). Every change, and every read
// of case or referral content, appends an entry inside the same write transaction as the change
// (or the read): if the entry cannot be written, the transaction — and so the request — fails.
// Entries are chained and keyed: hash = HMAC-SHA-256(key, prev_hash || canonical content), with
// a key kept outside the database (set_chain_key(), from --audit-key-file or TSUNAGU_AUDIT_KEY),
// so whoever can write the database file cannot recompute the chain after an edit. Entries
// written before the chain was keyed (before migration 0008: the audit_keying row's keyed_from)
// keep their plain SHA-256 chain; verify() checks both and reports how many are unkeyed. A cut
// tail is invisible to any chain: signed checkpoints (audit_checkpoint.h) find it.
//
// Thread-safety: append() runs on the caller's write transaction (the single writer), which
// serialises the chain; verify() reads one snapshot. The key is one per process: set it before
// the first append (the application does at start); it may be read from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain::audit {

struct Entry {
  std::string action;         // "<resource>.<verb>": "referral.read", "organization.update"
  std::string resource_type;  // "referral", "case", "organization", "user", …
  std::optional<std::string> resource_id;
  std::optional<std::string> case_id;
  std::optional<std::string> organization_id;
  std::optional<std::string> detail;  // short and free of case content
  // A list page shown to an organization's user, as one entry: the JSON array of its rows
  // (list_page() builds it). Empty for an entry about one thing.
  std::optional<std::string> listed = std::nullopt;
};

// One row of a list page: the record shown and the household it concerns.
struct ListedRow {
  std::string id;
  std::string case_id;
  std::string ward;
};

// The entry for a page of rows shown to a user of `organization_id` (a partner's inbox page):
// `action` on `resource_type`, no case_id of its own, `listed` naming every row in page order.
// search() finds it by any of its households through the organizations they were referred to,
// so use it only for pages scoped to the reader's organization.
Entry list_page(std::string action, std::string resource_type, std::string organization_id,
                const std::vector<ListedRow>& rows);

// The process's chain key (at least kMinKeyBytes bytes). Replaces any earlier one.
void set_chain_key(std::string key);
bool has_chain_key();
inline constexpr size_t kMinKeyBytes = 32;

// Binds the database's keyed chain to the current key: writes the keying record's MAC when the
// database has none yet, and fails (FailedPrecondition) when it was keyed with another key —
// extending the chain under a wrong key would break it for every later verification.
Status bind_chain_key(storage::Database& db);

// Appends `entry` for `actor` (nullptr: the system or an anonymous caller) at clock.now().
// Must be called inside a write transaction; throws StorageError on failure (also when no key
// is set) so the whole transaction rolls back.
void append(storage::Connection& c, const Clock& clock, const Actor* actor, const RequestMeta& meta,
            const Entry& entry);

// Appends `entries` in order, as append() of each would, reading the chain's head once.
void append_all(storage::Connection& c, const Clock& clock, const Actor* actor,
                const RequestMeta& meta, const std::vector<Entry>& entries);

// Appends `reads` (what a read on a reader snapshot showed `actor`) in one write of their own,
// which shares the group commit with other callers' writes; Ok at once when there are none. An
// error when they cannot be stored: the caller must then not answer with what was read.
Status record_reads(storage::Database& db, const Clock& clock, const Actor& actor,
                    const RequestMeta& meta, const std::vector<Entry>& reads);

struct Verification {
  bool ok = true;
  int64_t entries = 0;               // entries whose links hold, from the first
  int64_t unkeyed_entries = 0;       // of those, written before the chain was keyed (plain SHA-256)
  int64_t keyed_from = 1;            // the first keyed entry's seq
  std::string head_hash;             // the hash of the last entry checked ("" for an empty log)
  std::optional<int64_t> broken_at;  // seq of the first entry whose link does not hold
  std::string reason;                // why, when broken
};

// Recomputes the whole chain in order. FailedPrecondition when no key is set.
Result<Verification> verify(storage::Database& db);

// An entry's canonical content from its stored fields: the 13 from seq to detail in column
// order, then `listed` only when the entry has it (so entries without it hash as they always
// did); and the hash an unkeyed (pre-0008) entry must have. Exposed for tests.
std::string canonical_content(const std::vector<std::optional<std::string>>& fields);
std::string chain_hash(const std::string& prev_hash, const std::string& canonical_content);
// The hash a keyed entry must have under the current key.
std::string keyed_chain_hash(const std::string& prev_hash, const std::string& canonical_content);

inline constexpr char kGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace tsunagu::domain::audit

namespace tsunagu::domain {
// The entries an audited read collects (audited_read.h): one per record, or page, of case
// content it read.
using AuditedReads = std::vector<audit::Entry>;
}  // namespace tsunagu::domain
