#include "domain/notifications.h"

#include "domain/authorization.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {
// Addressed to the user, or to the user's organization.
constexpr char kMine[] =
    " FROM notifications n LEFT JOIN notification_reads r"
    " ON r.notification_id = n.id AND r.user_id = ?1"
    " WHERE (n.recipient_user_id = ?1 OR (?2 IS NOT NULL AND n.recipient_organization_id = ?2))";
}  // namespace

Result<Page<Notification>> Notifications::list(const Actor& actor, bool unread_only,
                                               const PageRequest& page) {
  TRY(authorize_role(&actor, Action::kNotificationRead));
  return db_.read([&](storage::Connection& c) -> Result<Page<Notification>> {
    std::string filter = unread_only ? " AND r.read_at IS NULL" : "";
    Page<Notification> out;
    auto count = c.prepare(std::string("SELECT count(*)") + kMine + filter);
    count.bind(1, actor.user_id).bind(2, actor.organization_id);
    count.step();
    out.total = count.int64(0);
    auto rows = c.prepare(std::string("SELECT n.id, n.kind, n.referral_id, n.created_at,"
                                      " r.read_at IS NOT NULL") +
                          kMine + filter + " ORDER BY n.id DESC LIMIT ?3 OFFSET ?4");
    rows.bind(1, actor.user_id).bind(2, actor.organization_id);
    rows.bind(3, page.per_page).bind(4, page.offset());
    while (rows.step()) {
      out.items.push_back({rows.int64(0), rows.text(1), rows.optional_text(2),
                           parse_stored_time(rows.text(3)), rows.int64(4) != 0});
    }
    return out;
  });
}

Status Notifications::mark_read(const Actor& actor, int64_t id) {
  TRY(authorize_role(&actor, Action::kNotificationRead));
  return db_.write([&](storage::Connection& c) -> Status {
    auto mine = c.prepare(std::string("SELECT n.id") + kMine + " AND n.id = ?3");
    mine.bind(1, actor.user_id).bind(2, actor.organization_id).bind(3, id);
    if (!mine.step()) return Error::NotFound("No such notification.");
    c.prepare(
         "INSERT OR IGNORE INTO notification_reads (notification_id, user_id, read_at)"
         " VALUES (?1, ?2, ?3)")
        .bind(1, id)
        .bind(2, actor.user_id)
        .bind(3, format_utc(clock_.now()))
        .run();
    return Status::Ok();
  });
}

}  // namespace tsunagu::domain
