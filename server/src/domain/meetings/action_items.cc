#include "domain/meetings/action_items.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/ids.h"
#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/audit/audit.h"
#include "domain/base/choices.h"
#include "domain/base/if_match.h"
#include "domain/base/wards.h"
#include "domain/directory/organizations.h"
#include "domain/meetings/action_item_states.h"
#include "domain/meetings/meeting_rules.h"
#include "domain/meetings/meeting_states.h"
#include "domain/meetings/meeting_store.h"
#include "domain/meetings/meeting_wall.h"
#include "domain/referrals/notifications.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

constexpr Words kStatuses = words::kActionItemStatuses;

audit::Entry item_entry(const char* action, const ActionItem& a) {
  return {action, "action_item", a.id, std::nullopt, a.owner_organization_id, a.meeting_id};
}

// What needs no database, after what the request's reader found: `creating` requires a title
// and one owner.
std::vector<FieldError> field_errors(const ActionItemFields& f, bool creating) {
  std::vector<FieldError> errors;
  if (creating && !f.title) errors.push_back({"title", "is required"});
  if (f.title && f.title->empty()) errors.push_back({"title", "must not be empty"});
  if (f.owner_organization_id && f.owner_user_id) {
    errors.push_back({"owner_user_id", "give one owner: an organization or a user, not both"});
  } else if (creating && !f.owner_organization_id && !f.owner_user_id) {
    errors.push_back({"owner_organization_id", "is required (or owner_user_id)"});
  }
  if (f.due_on && !parse_date(*f.due_on).ok()) {
    errors.push_back({"due_on", "must be a date YYYY-MM-DD"});
  }
  if (f.status && !is_one_of(kStatuses, *f.status)) {
    errors.push_back(invalid_choice("status", kStatuses));
  }
  std::vector<FieldError> all = f.input_errors;
  add_field_errors(all, std::move(errors));
  return all;
}

// Within a transaction: the owners named exist, and a roundtable's title quotes no case; then
// one answer with these and the fields' `errors`. The roundtable's wall, when it is the only
// thing broken, answers with its own problem.
Status check_references(storage::Connection& c, const Meeting& m, const ActionItemFields& f,
                        std::vector<FieldError> errors) {
  std::vector<FieldError> found;
  if (f.owner_organization_id) {
    TRY(check_active_organization(c, *f.owner_organization_id, "owner_organization_id", found));
  }
  if (f.owner_user_id) meeting_rules::check_user(c, *f.owner_user_id, "owner_user_id", found);
  add_field_errors(errors, std::move(found));
  if (m.kind == MeetingKind::kRoundtable && f.title) {
    Status wall = check_roundtable_wall(c, m.ward, {{"title", *f.title}});
    if (!wall.ok() && errors.empty()) return wall;
    if (!wall.ok()) add_field_errors(errors, wall.error().fields());
  }
  return field_errors(std::move(errors), "action item");
}

// A status change must be a step of the lifecycle table (409 otherwise), and a partner owner
// may not reopen (403). The same status again is no step and is let through unchanged.
Status check_status_step(const Actor& actor, ActionItemStatus from,
                         const std::optional<std::string>& to) {
  if (!to) return Status::Ok();
  const std::optional<ActionItemStatus> next = parse_action_item_status(*to);
  if (next == from) return Status::Ok();
  auto step = next ? action_item_step(from, *next) : std::nullopt;
  if (!step) {
    return Error::FailedPrecondition("An action item that is " + std::string(to_string(from)) +
                                     " cannot become " + *to + "; reopen it first.");
  }
  if (step->ward_only && !access::edits_action_item_details(actor)) {
    return Error::PermissionDenied("Only the ward that runs the meeting reopens an action item.");
  }
  return Status::Ok();
}

// Tells an item's owner, a user or an organization, that it is theirs now.
void notify_owner(storage::Connection& c, const Clock& clock, const ActionItem& item) {
  NotificationNote note;
  note.kind = "action_item.assigned";
  note.action_item_id = item.id;
  note.meeting_id = item.meeting_id;
  note.status = to_string(item.status);
  note.link = "/meetings/" + item.meeting_id;
  deliver(c, clock, note, {item.owner_user_id}, {item.owner_organization_id});
}

Result<std::optional<ActionItem>> load_item(storage::Connection& c, const std::string& id,
                                            Date today) {
  auto s = c.prepare(std::string("SELECT ") + meeting_store::kActionItemColumns +
                     " FROM action_items a WHERE a.id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::optional<ActionItem>();
  TRY_ASSIGN(ActionItem item, meeting_store::row_to_action_item(s, today));
  return std::optional(std::move(item));
}

}  // namespace

Result<ActionItem> insert_action_item(storage::Connection& c, const Clock& clock,
                                      const Actor& actor, const RequestMeta& meta,
                                      const std::string& meeting_id, const ActionItemFields& f) {
  TRY(authorize_role(&actor, Action::kMeetingWrite));
  std::vector<FieldError> errors = field_errors(f, true);
  Date today = tokyo_date(clock.now());
  TRY_ASSIGN(Meeting m, load_meeting_in_scope(c, actor, meeting_id, today));
  TRY(authorize(&actor, Action::kMeetingWrite, {m.ward, std::nullopt}));
  TRY(check_not_cancelled(m.status));
  TRY(check_references(c, m, f, std::move(errors)));
  std::string id = new_uuid();
  std::string now = format_utc(clock.now());
  c.prepare(
       "INSERT INTO action_items (id, meeting_id, title, owner_organization_id, owner_user_id,"
       " due_on, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)")
      .bind(1, id)
      .bind(2, m.id)
      .bind(3, *f.title)
      .bind(4, f.owner_organization_id)
      .bind(5, f.owner_user_id)
      .bind(6, f.due_on)
      .bind(7, f.status.value_or(to_string(ActionItemStatus::kOpen)))
      .bind(8, now)
      .run();
  meeting_store::touch(c, m.id, now);
  TRY_ASSIGN(std::optional<ActionItem> created, load_item(c, id, today));
  notify_owner(c, clock, *created);
  audit::append(c, clock, &actor, meta, item_entry("action_item.create", *created));
  return *created;
}

Result<Creation<ActionItem>> ActionItems::create(const Actor& actor, const RequestMeta& meta,
                                                 const std::string& meeting_id,
                                                 const ActionItemFields& f,
                                                 const std::optional<IdempotencyKey>& key) {
  TRY(authorize_role(&actor, Action::kMeetingWrite));
  return db_.write([&](storage::Connection& c) -> Result<Creation<ActionItem>> {
    return idempotency::create_once<ActionItem>(
        c, clock_, actor.user_id, key,
        [&](const std::string& first_id) -> Result<ActionItem> {
          TRY_ASSIGN(std::optional<ActionItem> first,
                     load_item(c, first_id, tokyo_date(clock_.now())));
          if (!first) return not_found();
          return *first;
        },
        [&] { return insert_action_item(c, clock_, actor, meta, meeting_id, f); });
  });
}

namespace {
// The organization an item is owned by as `actor` sees it: a partner user also acts on what was
// given to it by name.
std::optional<std::string> owner_for(const ActionItem& item, const Actor& actor) {
  if (item.owner_user_id == actor.user_id) return actor.organization_id;
  return item.owner_organization_id;
}
}  // namespace

Result<ActionItem> ActionItems::get(const Actor& actor, const std::string& id) {
  TRY(authorize_role(&actor, Action::kMeetingRead));
  return db_.read([&](storage::Connection& c) -> Result<ActionItem> {
    TRY_ASSIGN(std::optional<ActionItem> item, load_item(c, id, tokyo_date(clock_.now())));
    if (!item) return not_found();
    TRY_ASSIGN(std::optional<Meeting> m, meeting_store::load_row(c, item->meeting_id));
    if (!m) return not_found();
    TRY(authorize(&actor, Action::kMeetingRead, {m->ward, owner_for(*item, actor)}));
    return *item;
  });
}

Result<ActionItem> ActionItems::update(const Actor& actor, const RequestMeta& meta,
                                       const std::string& id, const ActionItemFields& f,
                                       std::optional<int64_t> if_match) {
  TRY(authorize_role(&actor, Action::kActionItemUpdate));
  const std::vector<FieldError> errors = field_errors(f, false);
  return db_.write([&](storage::Connection& c) -> Result<ActionItem> {
    Date today = tokyo_date(clock_.now());
    TRY_ASSIGN(std::optional<ActionItem> current, load_item(c, id, today));
    if (!current) return not_found();
    // Its ward and kind.
    TRY_ASSIGN(std::optional<Meeting> m, meeting_store::load_row(c, current->meeting_id));
    // A partner acts on what its organization owns, or what was given to the partner user.
    TRY(authorize(&actor, Action::kActionItemUpdate, {m->ward, owner_for(*current, actor)}));
    if (!access::edits_action_item_details(actor) &&
        (f.title || f.owner_organization_id || f.owner_user_id || f.due_on || f.due_on_removed)) {
      return Error::PermissionDenied(
          "Partners mark their action items done or dropped; the ward changes the rest.");
    }
    TRY(check_if_match(if_match, current->version, "action item"));
    const bool status_readable = std::none_of(
        errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "status"; });
    if (status_readable) TRY(check_status_step(actor, current->status, f.status));
    TRY(check_references(c, *m, f, errors));
    std::string now = format_utc(clock_.now());
    // Naming one owner replaces the other.
    const bool new_owner = f.owner_organization_id || f.owner_user_id;
    c.prepare(
         "UPDATE action_items SET title = coalesce(?2, title),"
         " owner_organization_id = CASE WHEN ?7 THEN ?3 ELSE owner_organization_id END,"
         " owner_user_id = CASE WHEN ?7 THEN ?4 ELSE owner_user_id END,"
         " due_on = CASE WHEN ?9 THEN NULL ELSE coalesce(?5, due_on) END,"
         " status = coalesce(?6, status),"
         " version = version + 1, updated_at = ?8 WHERE id = ?1")
        .bind(1, id)
        .bind(2, f.title)
        .bind(3, f.owner_organization_id)
        .bind(4, f.owner_user_id)
        .bind(5, f.due_on)
        .bind(6, f.status)
        .bind(7, new_owner)
        .bind(8, now)
        .bind(9, f.due_on_removed)
        .run();
    TRY_ASSIGN(std::optional<ActionItem> updated, load_item(c, id, today));
    if (updated->owner_organization_id != current->owner_organization_id ||
        updated->owner_user_id != current->owner_user_id) {
      notify_owner(c, clock_, *updated);
    }
    audit::append(c, clock_, &actor, meta, item_entry("action_item.update", *updated));
    return *updated;
  });
}

Result<Page<ActionItem>> ActionItems::list(const Actor& actor, const ActionItemFilter& filter,
                                           const PageRequest& page) {
  TRY(authorize_role(&actor, Action::kMeetingRead));
  if (filter.status && !is_one_of(kStatuses, *filter.status)) {
    return Error::Parameters({invalid_choice("status", kStatuses)});
  }
  return db_.read([&](storage::Connection& c) -> Result<Page<ActionItem>> {
    TRY(check_ward_param(c, filter.ward));
    Date today = tokyo_date(clock_.now());
    // Partners only ever see what they own; ward roles the items of their wards' meetings.
    const bool mine = filter.mine || access::lists_organization_rows(actor);
    nlohmann::json wards = nlohmann::json::array();
    for (const auto& w : actor.wards) {
      if (!filter.ward || *filter.ward == w) wards.push_back(w);
    }
    const std::string where =
        " FROM action_items a JOIN meetings m ON m.id = a.meeting_id WHERE"
        " (CASE WHEN ?1 THEN (a.owner_user_id = ?2 OR (?3 IS NOT NULL AND"
        " a.owner_organization_id = ?3)) ELSE m.ward IN (SELECT value FROM json_each(?4)) END)"
        " AND (?5 IS NULL OR m.ward = ?5) AND (?6 IS NULL OR a.status = ?6)"
        " AND (?7 = 0 OR (a.status = 'open' AND a.due_on < ?8))"
        " AND (?9 IS NULL OR a.meeting_id = ?9)";
    auto bind = [&](storage::Statement& s) {
      s.bind(1, mine)
          .bind(2, actor.user_id)
          .bind(3, actor.organization_id)
          .bind(4, wards.dump())
          .bind(5, filter.ward)
          .bind(6, filter.status)
          .bind(7, filter.overdue_only)
          .bind(8, format_date(today))
          .bind(9, filter.meeting_id);
    };
    Page<ActionItem> out;
    auto count = c.prepare("SELECT count(*)" + where);
    bind(count);
    count.step();
    out.total = count.int64(0);
    auto rows = c.prepare(std::string("SELECT ") + meeting_store::kActionItemColumns + where +
                          " ORDER BY a.due_on IS NULL, a.due_on, a.created_at, a.id"
                          " LIMIT ?10 OFFSET ?11");
    bind(rows);
    rows.bind(10, page.per_page).bind(11, page.offset());
    while (rows.step()) {
      TRY_ASSIGN(ActionItem item, meeting_store::row_to_action_item(rows, today));
      out.items.push_back(std::move(item));
    }
    return out;
  });
}

}  // namespace tsunagu::domain
