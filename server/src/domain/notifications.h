// The notification outbox as its readers see it: what a mailer would send, and what the web
// client lists for a user — new referrals for a partner's staff, decisions and expiries for the
// sender. A notification names a referral and a kind, never case content.
//
// Thread-safety: a Notifications object may be shared by all request threads.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "common/time.h"
#include "domain/actor.h"
#include "domain/paging.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain {

struct Notification {
  int64_t id = 0;
  std::string kind;  // referral.received | referral.decided | referral.expired | referral.overdue
  std::optional<std::string> referral_id;
  TimePoint created_at;
  bool read = false;
};

class Notifications {
 public:
  Notifications(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The actor's notifications (addressed to them, or to their organization), newest first.
  Result<Page<Notification>> list(const Actor& actor, bool unread_only, const PageRequest& page);
  // Marks one as read for this user; NotFound when it is not theirs.
  Status mark_read(const Actor& actor, int64_t id);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace tsunagu::domain
