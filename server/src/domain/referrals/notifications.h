// Notifications: what a user is told without asking, and what a phone's screen can show of it.
// Who is told (the producers call deliver() inside their own write transaction):
// - a referral sent: the receiving organization's users (referral.received);
// - a partner's answer, an expiry, an accepted referral past due: whoever sent it and the case's
//   lead (referral.decided, referral.expired, referral.overdue); once the referral has moved
//   with its case to another ward, that ward's coordinators instead of the sender;
// - a case transfer requested: the receiving ward's coordinators (transfer.received); answered
//   or withdrawn: whoever requested it (transfer.decided);
// - a withdrawal: the receiving organization (referral.withdrawn);
// - an invitation to a meeting: the invited organization's users (meeting.invited);
// - an action item given to someone: its owner, a user or an organization (action_item.assigned).
// A notification carries the kind, the urgency, an organization's name, the new status and a
// link to the web client's page — never a case reference, a household label or a summary.
// Ids are opaque (random), so counting them tells nothing about the network's traffic.
//
// Thread-safety: a Notifications object may be shared by all request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/base/paging.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

// What a notification says.
struct NotificationNote {
  std::string kind;
  std::optional<std::string> referral_id;
  std::optional<std::string> meeting_id;
  std::optional<std::string> action_item_id;
  std::optional<std::string> urgency;            // routine | urgent (referrals)
  std::optional<std::string> organization_name;  // the partner concerned
  std::optional<std::string> status;             // the referral's or item's new status
  std::optional<std::string> meeting_kind;       // for invitations
  std::optional<std::string> starts_at;          // RFC 3339, for invitations
  std::string link;                              // the web client's path, e.g. /referrals/{id}
};

struct Notification {
  std::string id;  // opaque
  NotificationNote note;
  TimePoint created_at;
  bool read = false;
};

struct NotificationPage {
  Page<Notification> page;
  int64_t unread = 0;  // of all the user's notifications, whatever the page
};

// Within a write transaction: one notification to each user and each organization named
// (duplicates and empty ids skipped).
void deliver(storage::Connection& c, const Clock& clock, const NotificationNote& note,
             const std::vector<std::optional<std::string>>& user_ids,
             const std::vector<std::optional<std::string>>& organization_ids);

class Notifications {
 public:
  Notifications(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The actor's notifications (addressed to them, or to their organization), newest first,
  // with the count of unread ones.
  Result<NotificationPage> list(const Actor& actor, bool unread_only, const PageRequest& page);
  // Marks one as read for this user; NotFound when it is not theirs (or no such id).
  Status mark_read(const Actor& actor, const std::string& id);
  // Marks every notification of the user read; returns how many were unread.
  Result<int64_t> mark_all_read(const Actor& actor);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace tsunagu::domain
