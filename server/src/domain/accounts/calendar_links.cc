#include "domain/accounts/calendar_links.h"

#include "common/hash.h"
#include "common/ids.h"
#include "domain/access/authorization.h"
#include "domain/accounts/accounts.h"
#include "domain/audit/audit.h"
#include "storage/database.h"

namespace tsunagu::domain {

Result<std::string> CalendarLinks::issue(const Actor& actor, const RequestMeta& meta) {
  TRY(authorize_role(&actor, Action::kCalendarRead));
  std::string token = to_hex(random_bytes(32));
  return db_.write([&](storage::Connection& c) -> Result<std::string> {
    c.prepare(
         "INSERT INTO calendar_links (user_id, token_hash, created_at) VALUES (?1, ?2, ?3)"
         " ON CONFLICT (user_id) DO UPDATE SET token_hash = ?2, created_at = ?3")
        .bind(1, actor.user_id)
        .bind(2, sha256_hex(token))
        .bind(3, format_utc(clock_.now()))
        .run();
    audit::append(c, clock_, &actor, meta,
                  {"calendar_link.issue", "user", actor.user_id, std::nullopt,
                   actor.organization_id, std::nullopt});
    return token;
  });
}

Status CalendarLinks::revoke(const Actor& actor, const RequestMeta& meta) {
  TRY(authorize_role(&actor, Action::kCalendarRead));
  return db_.write([&](storage::Connection& c) -> Status {
    c.prepare("DELETE FROM calendar_links WHERE user_id = ?1").bind(1, actor.user_id).run();
    audit::append(c, clock_, &actor, meta,
                  {"calendar_link.revoke", "user", actor.user_id, std::nullopt,
                   actor.organization_id, std::nullopt});
    return Status::Ok();
  });
}

Result<Actor> CalendarLinks::resolve(std::string_view token) {
  return db_.read([&](storage::Connection& c) -> Result<Actor> {
    auto s = c.prepare("SELECT user_id FROM calendar_links WHERE token_hash = ?1");
    s.bind(1, sha256_hex(token));
    if (!s.step()) return Error::NotFound("No such calendar.");
    TRY_ASSIGN(auto user, find_user(c, s.text(0)));
    if (!user || user->disabled) return Error::NotFound("No such calendar.");
    Actor actor = actor_of(*user);
    // A role that has no calendar (admin, auditor) has no link either.
    if (may_at_all(&actor, Action::kCalendarRead) != Decision::kAllow) {
      return Error::NotFound("No such calendar.");
    }
    return actor;
  });
}

}  // namespace tsunagu::domain
