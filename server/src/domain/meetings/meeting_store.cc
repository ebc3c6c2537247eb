#include "domain/meetings/meeting_store.h"

#include <algorithm>

#include "domain/meetings/action_item_states.h"
#include "storage/database.h"

namespace tsunagu::domain::meeting_store {

const char kMeetingColumns[] =
    "m.id, m.kind, m.title, m.ward, m.district, m.starts_at, m.ends_at, m.place, m.status,"
    " m.minutes, m.version, m.created_by, m.created_at, m.updated_at";
const char kActionItemColumns[] =
    "a.id, a.meeting_id, a.title, a.owner_organization_id, a.owner_user_id, a.due_on, a.status,"
    " a.version, a.created_at, a.updated_at,"
    " (SELECT title FROM meetings WHERE id = a.meeting_id),"
    " (SELECT name FROM organizations WHERE id = a.owner_organization_id),"
    " (SELECT display_name FROM users WHERE id = a.owner_user_id)";

Result<Meeting> row_to_meeting(const storage::Statement& s) {
  Meeting m;
  m.id = s.text(0);
  TRY_ASSIGN(m.kind, decode_word<MeetingKind>(s.text(1)));
  m.title = s.text(2);
  m.ward = s.text(3);
  m.district = s.optional_text(4);
  m.starts_at = parse_stored_time(s.text(5));
  m.ends_at = parse_stored_time(s.text(6));
  m.place = s.optional_text(7);
  TRY_ASSIGN(m.status, decode_word<MeetingStatus>(s.text(8)));
  m.minutes = s.text(9);
  m.version = s.int64(10);
  m.created_by = s.text(11);
  m.created_at = parse_stored_time(s.text(12));
  m.updated_at = parse_stored_time(s.text(13));
  return m;
}

Result<ActionItem> row_to_action_item(const storage::Statement& s, Date today) {
  ActionItem a;
  a.id = s.text(0);
  a.meeting_id = s.text(1);
  a.title = s.text(2);
  a.owner_organization_id = s.optional_text(3);
  a.owner_user_id = s.optional_text(4);
  a.due_on = s.optional_text(5);
  TRY_ASSIGN(a.status, decode_word<ActionItemStatus>(s.text(6)));
  a.version = s.int64(7);
  a.created_at = parse_stored_time(s.text(8));
  a.updated_at = parse_stored_time(s.text(9));
  a.overdue = a.status == ActionItemStatus::kOpen && a.due_on && *a.due_on < format_date(today);
  a.meeting_title = s.text(10);
  a.owner_organization_name = s.optional_text(11);
  a.owner_user_name = s.optional_text(12);
  return a;
}

namespace {

Status load_parts(storage::Connection& c, Meeting& m, Date today) {
  auto inv = c.prepare(
      "SELECT organization_id FROM meeting_invitations WHERE meeting_id = ?1"
      " ORDER BY organization_id");
  inv.bind(1, m.id);
  while (inv.step()) m.invited_organization_ids.push_back(inv.text(0));

  auto att = c.prepare(
      "SELECT organization_id, user_id, name, role, present FROM meeting_attendees"
      " WHERE meeting_id = ?1 ORDER BY position");
  att.bind(1, m.id);
  while (att.step()) {
    Attendee a{att.optional_text(0), att.optional_text(1), att.optional_text(2),
               att.optional_text(3), std::nullopt};
    if (auto p = att.optional_int64(4)) a.present = *p != 0;
    m.attendees.push_back(std::move(a));
  }

  auto agenda = c.prepare(
      "SELECT title, case_id, notes FROM meeting_agenda_items WHERE meeting_id = ?1"
      " ORDER BY position");
  agenda.bind(1, m.id);
  while (agenda.step()) {
    m.agenda.push_back({agenda.text(0), agenda.optional_text(1), agenda.text(2)});
  }

  auto dec = c.prepare(
      "SELECT id, text, case_id, lead_user_id, next_review_on, plan_review_by, recorded_by,"
      " recorded_at FROM meeting_decisions WHERE meeting_id = ?1 ORDER BY recorded_at, rowid");
  dec.bind(1, m.id);
  while (dec.step()) {
    m.decisions.push_back({dec.text(0), dec.text(1), dec.optional_text(2), dec.optional_text(3),
                           dec.optional_text(4), dec.optional_text(5), dec.text(6),
                           parse_stored_time(dec.text(7))});
  }

  auto items =
      c.prepare(std::string("SELECT ") + kActionItemColumns +
                " FROM action_items a WHERE a.meeting_id = ?1 ORDER BY a.created_at, a.id");
  items.bind(1, m.id);
  while (items.step()) {
    TRY_ASSIGN(ActionItem item, row_to_action_item(items, today));
    m.action_items.push_back(std::move(item));
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<Meeting>> load_row(storage::Connection& c, const std::string& id) {
  auto s = c.prepare(std::string("SELECT ") + kMeetingColumns + " FROM meetings m WHERE m.id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::optional<Meeting>();
  TRY_ASSIGN(Meeting m, row_to_meeting(s));
  return std::optional(std::move(m));
}

Result<std::optional<Meeting>> load(storage::Connection& c, const std::string& id, Date today) {
  TRY_ASSIGN(std::optional<Meeting> m, load_row(c, id));
  if (m) TRY(load_parts(c, *m, today));
  return m;
}

void replace_parts(storage::Connection& c, const std::string& id, const MeetingFields& f) {
  if (f.invited_organization_ids) {
    c.prepare("DELETE FROM meeting_invitations WHERE meeting_id = ?1").bind(1, id).run();
    for (const auto& org : *f.invited_organization_ids) {
      c.prepare(
           "INSERT OR IGNORE INTO meeting_invitations (meeting_id, organization_id)"
           " VALUES (?1, ?2)")
          .bind(1, id)
          .bind(2, org)
          .run();
    }
  }
  if (f.attendees) {
    c.prepare("DELETE FROM meeting_attendees WHERE meeting_id = ?1").bind(1, id).run();
    int position = 0;
    for (const Attendee& a : *f.attendees) {
      std::optional<int64_t> present;
      if (a.present) present = *a.present ? 1 : 0;
      c.prepare(
           "INSERT INTO meeting_attendees (meeting_id, position, organization_id, user_id, name,"
           " role, present) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
          .bind(1, id)
          .bind(2, position++)
          .bind(3, a.organization_id)
          .bind(4, a.user_id)
          .bind(5, a.name)
          .bind(6, a.role)
          .bind(7, present)
          .run();
    }
  }
  if (f.agenda) {
    c.prepare("DELETE FROM meeting_agenda_items WHERE meeting_id = ?1").bind(1, id).run();
    int position = 0;
    for (const AgendaItem& item : *f.agenda) {
      c.prepare(
           "INSERT INTO meeting_agenda_items (meeting_id, position, title, case_id, notes)"
           " VALUES (?1, ?2, ?3, ?4, ?5)")
          .bind(1, id)
          .bind(2, position++)
          .bind(3, item.title)
          .bind(4, item.case_id)
          .bind(5, item.notes)
          .run();
    }
  }
}

void touch(storage::Connection& c, const std::string& id, const std::string& now_utc) {
  c.prepare("UPDATE meetings SET version = version + 1, updated_at = ?2 WHERE id = ?1")
      .bind(1, id)
      .bind(2, now_utc)
      .run();
}

bool involves_organization(const Meeting& m, const std::optional<std::string>& organization_id) {
  if (!organization_id) return false;
  const auto& inv = m.invited_organization_ids;
  if (std::find(inv.begin(), inv.end(), *organization_id) != inv.end()) return true;
  return std::any_of(m.attendees.begin(), m.attendees.end(),
                     [&](const Attendee& a) { return a.organization_id == organization_id; });
}

std::vector<std::string> case_ids(const Meeting& m) {
  std::vector<std::string> out;
  for (const auto& item : m.agenda) {
    if (item.case_id) out.push_back(*item.case_id);
  }
  for (const auto& d : m.decisions) {
    if (d.case_id) out.push_back(*d.case_id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace tsunagu::domain::meeting_store
