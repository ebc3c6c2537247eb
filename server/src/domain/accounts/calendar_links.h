// Subscription links for the iCalendar feed: calendar apps (a phone's, Outlook's) fetch a URL
// and cannot send a bearer token, so each user may hold one secret link,
// /api/v1/calendar/<token>.ics. The token is 256 random bits shown once; only its SHA-256 is
// kept. Issuing a new link replaces the old one, revoking deletes it, and a disabled user's
// link stops working at once. The feed behind it holds no case data (Meetings::calendar), so a
// leaked link tells when and where meetings are, never about whom.
//
// Thread-safety: a CalendarLinks object may be shared by all request threads.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain {

class CalendarLinks {
 public:
  CalendarLinks(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // A new token for the caller's link (the old one stops working); audited.
  Result<std::string> issue(const Actor& actor, const RequestMeta& meta);
  // Deletes the caller's link, if any; audited.
  Status revoke(const Actor& actor, const RequestMeta& meta);
  // The enabled user a token belongs to, as the Actor the feed is read for; NotFound for an
  // unknown or revoked token and for a disabled user.
  Result<Actor> resolve(std::string_view token);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace tsunagu::domain
