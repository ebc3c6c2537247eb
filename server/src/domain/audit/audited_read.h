// Reads of case and referral content are audited: what was read is on record before the answer
// leaves. audited_read() runs the read on a reader snapshot (beside other reads, never holding
// the single writer), where it collects one audit entry per thing read; then only those entries
// are appended, in one write that shares the group commit with other callers' writes; the result
// is returned after that commit. If the entries cannot be stored the caller gets Internal, never
// unrecorded data. A read whose result is an error records nothing (as a rolled-back
// transaction would); to record a refusal, return ok and carry the refusal beside the result.
//
// Thread-safety: as storage::Database::read() and write(); `fn` runs on the caller's thread.
#pragma once

#include <type_traits>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/audit/audit.h"
#include "storage/database.h"

namespace tsunagu::domain {

// `fn(storage::Connection&, AuditedReads&)` returns Status or Result<T>.
template <typename Fn>
auto audited_read(storage::Database& db, const Clock& clock, const Actor& actor,
                  const RequestMeta& meta, Fn&& fn)
    -> std::invoke_result_t<Fn, storage::Connection&, AuditedReads&> {
  using R = std::invoke_result_t<Fn, storage::Connection&, AuditedReads&>;
  AuditedReads reads;
  R result = db.read([&](storage::Connection& c) -> R { return fn(c, reads); });
  if (!result.ok()) return result;
  Status recorded = audit::record_reads(db, clock, actor, meta, reads);
  if (!recorded.ok()) return R(recorded.error());
  return result;
}

}  // namespace tsunagu::domain
