#include "http/meeting_json.h"

namespace tsunagu::http {
namespace {

constexpr size_t kTitle = 200;
constexpr size_t kNote = 2000;
constexpr size_t kMinutes = 20000;
constexpr size_t kIdChars = 64;

// An array of objects under `key`, each read by `read_item(reader)`; nullopt when absent.
template <typename T, typename ReadItem>
std::optional<std::vector<T>> read_objects(FieldReader& r, const char* key, size_t max_items,
                                           ReadItem read_item) {
  const Json* list = r.raw(key);
  if (list == nullptr) return std::nullopt;
  if (!list->is_array()) {
    r.fail(key, "must be an array");
    return std::nullopt;
  }
  if (list->size() > max_items) {
    r.fail(key, "must have at most " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<T> out;
  for (size_t i = 0; i < list->size(); ++i) {
    FieldReader item((*list)[i], r.prefix() + key + "[" + std::to_string(i) + "].");
    out.push_back(read_item(item));
    r.absorb(item);
  }
  return out;
}

domain::Attendee read_attendee(FieldReader& r) {
  domain::Attendee a;
  a.organization_id = r.string("organization_id", Need::kOptional, kIdChars);
  a.user_id = r.string("user_id", Need::kOptional, kIdChars);
  a.name = r.string("name", Need::kOptional, 100);
  a.role = r.string("role", Need::kOptional, 50);
  a.present = r.boolean("present");
  return a;
}

domain::AgendaItem read_agenda_item(FieldReader& r) {
  domain::AgendaItem item;
  item.title = r.string("title", Need::kRequired, kTitle).value_or("");
  item.case_id = r.string("case_id", Need::kOptional, kIdChars);
  item.notes = r.string("notes", Need::kOptional, kNote).value_or("");
  return item;
}

Json attendee_json(const domain::Attendee& a) {
  Json j = Json::object();
  if (a.organization_id) j["organization_id"] = *a.organization_id;
  if (a.user_id) j["user_id"] = *a.user_id;
  if (a.name) j["name"] = *a.name;
  j["role"] = nullable(a.role);
  j["present"] = a.present ? Json(*a.present) : Json(nullptr);
  return j;
}

}  // namespace

Json meeting_summary_json(const domain::Meeting& m) {
  Json j = {{"id", m.id},
            {"kind", m.kind},
            {"title", m.title},
            {"ward", m.ward},
            {"district", nullable(m.district)},
            {"starts_at", format_rfc3339(m.starts_at)},
            {"ends_at", format_rfc3339(m.ends_at)},
            {"place", nullable(m.place)},
            {"status", m.status},
            {"version", m.version}};
  if (m.redacted) j["redacted"] = true;
  return j;
}

Json meeting_json(const domain::Meeting& m) {
  Json j = meeting_summary_json(m);
  j["invited_organization_ids"] = m.invited_organization_ids;
  Json attendees = Json::array();
  for (const auto& a : m.attendees) attendees.push_back(attendee_json(a));
  j["attendees"] = std::move(attendees);
  Json agenda = Json::array();
  for (const auto& item : m.agenda) {
    agenda.push_back(
        {{"title", item.title}, {"case_id", nullable(item.case_id)}, {"notes", item.notes}});
  }
  j["agenda"] = std::move(agenda);
  j["minutes"] = m.minutes;
  Json decisions = Json::array();
  for (const auto& d : m.decisions) {
    decisions.push_back({{"id", d.id},
                         {"text", d.text},
                         {"case_id", nullable(d.case_id)},
                         {"lead_user_id", nullable(d.lead_user_id)},
                         {"next_review_on", nullable(d.next_review_on)},
                         {"plan_review_by", nullable(d.plan_review_by)},
                         {"recorded_by", d.recorded_by},
                         {"recorded_at", format_rfc3339(d.recorded_at)}});
  }
  j["decisions"] = std::move(decisions);
  Json items = Json::array();
  for (const auto& a : m.action_items) items.push_back(action_item_json(a));
  j["action_items"] = std::move(items);
  j["redacted"] = m.redacted;
  j["created_by"] = m.created_by;
  j["created_at"] = format_rfc3339(m.created_at);
  j["updated_at"] = format_rfc3339(m.updated_at);
  return j;
}

Json action_item_json(const domain::ActionItem& a) {
  return {{"id", a.id},
          {"meeting_id", a.meeting_id},
          {"title", a.title},
          {"owner_organization_id", nullable(a.owner_organization_id)},
          {"owner_user_id", nullable(a.owner_user_id)},
          {"due_on", nullable(a.due_on)},
          {"status", a.status},
          {"overdue", a.overdue},
          {"version", a.version},
          {"created_at", format_rfc3339(a.created_at)},
          {"updated_at", format_rfc3339(a.updated_at)}};
}

Json suggested_agenda_json(const std::vector<domain::SuggestedAgendaItem>& items) {
  Json out = Json::array();
  for (const auto& item : items) {
    Json referrals = Json::array();
    for (const auto& r : item.open_referrals) {
      referrals.push_back({{"id", r.id},
                           {"organization_id", r.organization_id},
                           {"organization_name", r.organization_name},
                           {"status", r.status},
                           {"due_by", nullable(r.due_by)},
                           {"overdue", r.overdue}});
    }
    out.push_back(
        {{"case_id", item.case_id},
         {"case_ref", item.case_ref},
         {"household_label", item.household_label},
         {"risk_level", item.risk_level},
         {"risk_categories", item.risk_categories},
         {"lead", item.lead_user_id ? Json{{"id", *item.lead_user_id},
                                           {"display_name", nullable(item.lead_display_name)}}
                                    : Json(nullptr)},
         {"last_reviewed_on", nullable(item.last_reviewed_on)},
         {"days_since_last_review",
          item.days_since_last_review ? Json(*item.days_since_last_review) : Json(nullptr)},
         {"next_review_on", nullable(item.next_review_on)},
         {"open_referrals", std::move(referrals)}});
  }
  return out;
}

Json network_memory_json(const domain::NetworkMemory& n) {
  Json members = Json::array();
  for (const auto& m : n.members) {
    members.push_back({{"organization_id", m.organization_id},
                       {"name", m.name},
                       {"category", m.category},
                       {"roundtables", m.roundtables},
                       {"last_attended_on", m.last_attended_on}});
  }
  Json pairs = Json::array();
  for (const auto& p : n.pairs) {
    pairs.push_back({{"organization_ids", {p.organization_a, p.organization_b}},
                     {"meetings", p.meetings},
                     {"last_met_on", p.last_met_on}});
  }
  return {{"organizations", std::move(members)}, {"met", std::move(pairs)}};
}

Result<domain::MeetingFields> read_meeting_fields(const Json& body, bool creating) {
  FieldReader r(body);
  domain::MeetingFields f;
  const Need need = creating ? Need::kRequired : Need::kOptional;
  if (creating) {
    f.kind = r.string("kind", need, 30);
    f.ward = r.string("ward", need, 20);
  }
  f.title = r.string("title", need, kTitle);
  f.district = r.string("district", Need::kOptional, 100);
  f.starts_at = r.string("starts_at", need, 40);
  f.ends_at = r.string("ends_at", need, 40);
  f.place = r.string("place", Need::kOptional, kTitle);
  f.status = r.string("status", Need::kOptional, 20);
  f.invited_organization_ids =
      r.strings("invited_organization_ids", Need::kOptional, 100, kIdChars);
  f.attendees = read_objects<domain::Attendee>(r, "attendees", 200, read_attendee);
  f.agenda = read_objects<domain::AgendaItem>(r, "agenda", 100, read_agenda_item);
  f.minutes = r.string("minutes", Need::kOptional, kMinutes);
  TRY(r.finish());
  return f;
}

Result<domain::NewDecision> read_decision(const Json& body) {
  FieldReader r(body);
  domain::NewDecision d;
  d.text = r.string("text", Need::kRequired, kNote).value_or("");
  d.case_id = r.string("case_id", Need::kOptional, kIdChars);
  d.lead_user_id = r.string("lead_user_id", Need::kOptional, kIdChars);
  d.next_review_on = r.string("next_review_on", Need::kOptional, 10);
  d.plan_review_by = r.string("plan_review_by", Need::kOptional, 10);
  TRY(r.finish());
  return d;
}

Result<domain::ActionItemFields> read_action_item_fields(const Json& body) {
  FieldReader r(body);
  domain::ActionItemFields f;
  f.title = r.string("title", Need::kOptional, kTitle);
  f.owner_organization_id = r.string("owner_organization_id", Need::kOptional, kIdChars);
  f.owner_user_id = r.string("owner_user_id", Need::kOptional, kIdChars);
  f.due_on = r.string("due_on", Need::kOptional, 10);
  f.status = r.string("status", Need::kOptional, 20);
  TRY(r.finish());
  return f;
}

}  // namespace tsunagu::http
