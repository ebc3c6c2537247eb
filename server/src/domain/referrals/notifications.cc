#include "domain/referrals/notifications.h"

#include <set>

#include <nlohmann/json.hpp>

#include "common/ids.h"
#include "domain/access/authorization.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

using Json = nlohmann::json;

// Addressed to the user, or to the user's organization.
constexpr char kMine[] =
    " FROM notifications n LEFT JOIN notification_reads r"
    " ON r.notification_id = n.id AND r.user_id = ?1"
    " WHERE (n.recipient_user_id = ?1 OR (?2 IS NOT NULL AND n.recipient_organization_id = ?2))";

Json payload(const NotificationNote& n) {
  Json j = Json::object();
  auto put = [&](const char* key, const std::optional<std::string>& v) {
    if (v) j[key] = *v;
  };
  put("urgency", n.urgency);
  put("organization_name", n.organization_name);
  put("status", n.status);
  put("meeting_kind", n.meeting_kind);
  put("starts_at", n.starts_at);
  j["link"] = n.link;
  return j;
}

NotificationNote note_from(const std::string& kind, const std::optional<std::string>& referral,
                           const std::optional<std::string>& meeting,
                           const std::optional<std::string>& item, const std::string& stored) {
  NotificationNote n;
  n.kind = kind;
  n.referral_id = referral;
  n.meeting_id = meeting;
  n.action_item_id = item;
  Json j = Json::parse(stored, nullptr, false);
  if (!j.is_object()) return n;
  auto get = [&](const char* key) -> std::optional<std::string> {
    if (j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
    return std::nullopt;
  };
  n.urgency = get("urgency");
  n.organization_name = get("organization_name");
  n.status = get("status");
  n.meeting_kind = get("meeting_kind");
  n.starts_at = get("starts_at");
  n.link = get("link").value_or("");
  return n;
}

void insert_one(storage::Connection& c, const std::string& now, const NotificationNote& note,
                const std::string& body, const std::optional<std::string>& user,
                const std::optional<std::string>& organization) {
  c.prepare(
       "INSERT INTO notifications (public_id, kind, recipient_user_id, recipient_organization_id,"
       " referral_id, meeting_id, action_item_id, payload, created_at)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
      .bind(1, new_uuid())
      .bind(2, note.kind)
      .bind(3, user)
      .bind(4, organization)
      .bind(5, note.referral_id)
      .bind(6, note.meeting_id)
      .bind(7, note.action_item_id)
      .bind(8, body)
      .bind(9, now)
      .run();
}

}  // namespace

void deliver(storage::Connection& c, const Clock& clock, const NotificationNote& note,
             const std::vector<std::optional<std::string>>& user_ids,
             const std::vector<std::optional<std::string>>& organization_ids) {
  const std::string now = format_utc(clock.now());
  const std::string body = payload(note).dump();
  std::set<std::string> users, organizations;
  for (const auto& u : user_ids) {
    if (u && !u->empty() && users.insert(*u).second) insert_one(c, now, note, body, *u, {});
  }
  for (const auto& o : organization_ids) {
    if (o && !o->empty() && organizations.insert(*o).second) {
      insert_one(c, now, note, body, {}, *o);
    }
  }
}

Result<NotificationPage> Notifications::list(const Actor& actor, bool unread_only,
                                             const PageRequest& page) {
  TRY(authorize_role(&actor, Action::kNotificationRead));
  return db_.read([&](storage::Connection& c) -> Result<NotificationPage> {
    std::string filter = unread_only ? " AND r.read_at IS NULL" : "";
    NotificationPage out;
    auto count = c.prepare(
        std::string("SELECT count(*), count(*) FILTER (WHERE r.read_at IS NULL)") + kMine);
    count.bind(1, actor.user_id).bind(2, actor.organization_id);
    count.step();
    out.unread = count.int64(1);
    out.page.total = unread_only ? out.unread : count.int64(0);
    auto rows = c.prepare(std::string("SELECT n.public_id, n.kind, n.referral_id, n.meeting_id,"
                                      " n.action_item_id, n.payload, n.created_at,"
                                      " r.read_at IS NOT NULL") +
                          kMine + filter + " ORDER BY n.id DESC LIMIT ?3 OFFSET ?4");
    rows.bind(1, actor.user_id).bind(2, actor.organization_id);
    rows.bind(3, page.per_page).bind(4, page.offset());
    while (rows.step()) {
      out.page.items.push_back(
          {rows.text(0),
           note_from(rows.text(1), rows.optional_text(2), rows.optional_text(3),
                     rows.optional_text(4), rows.text(5)),
           parse_stored_time(rows.text(6)), rows.int64(7) != 0});
    }
    return out;
  });
}

Status Notifications::mark_read(const Actor& actor, const std::string& id) {
  TRY(authorize_role(&actor, Action::kNotificationRead));
  return db_.write([&](storage::Connection& c) -> Status {
    auto mine = c.prepare(std::string("SELECT n.id") + kMine + " AND n.public_id = ?3");
    mine.bind(1, actor.user_id).bind(2, actor.organization_id).bind(3, id);
    if (!mine.step()) return not_found();
    c.prepare(
         "INSERT OR IGNORE INTO notification_reads (notification_id, user_id, read_at)"
         " VALUES (?1, ?2, ?3)")
        .bind(1, mine.int64(0))
        .bind(2, actor.user_id)
        .bind(3, format_utc(clock_.now()))
        .run();
    return Status::Ok();
  });
}

Result<int64_t> Notifications::mark_all_read(const Actor& actor) {
  TRY(authorize_role(&actor, Action::kNotificationRead));
  return db_.write([&](storage::Connection& c) -> Result<int64_t> {
    c.prepare(std::string("INSERT OR IGNORE INTO notification_reads (notification_id, user_id,"
                          " read_at) SELECT n.id, ?1, ?3") +
              kMine + " AND r.read_at IS NULL")
        .bind(1, actor.user_id)
        .bind(2, actor.organization_id)
        .bind(3, format_utc(clock_.now()))
        .run();
    return static_cast<int64_t>(c.changes());
  });
}

}  // namespace tsunagu::domain
