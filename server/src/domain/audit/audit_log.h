// The audit log's service object for the HTTP layer: searching the log and verifying its chain
// on a caller's behalf (audit_query.h), in one place that holds the database and the clock.
// Both calls authorise (audit.read) and are themselves recorded.
//
// Thread-safety: an AuditLog object may be shared by all request threads.
#pragma once

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/audit/audit_query.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain::audit {

class AuditLog {
 public:
  AuditLog(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Page> search(const Actor& actor, const RequestMeta& meta, const Filter& filter) {
    return audit::search(db_, clock_, actor, meta, filter);
  }
  Result<Verification> verify(const Actor& actor, const RequestMeta& meta) {
    return verify_for(db_, clock_, actor, meta);
  }

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace tsunagu::domain::audit
