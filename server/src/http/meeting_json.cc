#include "http/meeting_json.h"

namespace tsunagu::http {
namespace {

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
            {"kind", domain::to_string(m.kind)},
            {"title", m.title},
            {"ward", m.ward},
            {"district", nullable(m.district)},
            {"starts_at", format_rfc3339(m.starts_at)},
            {"ends_at", format_rfc3339(m.ends_at)},
            {"place", nullable(m.place)},
            {"status", domain::to_string(m.status)},
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
          {"meeting_title", a.meeting_title},
          {"title", a.title},
          {"owner_organization_id", nullable(a.owner_organization_id)},
          {"owner_organization_name", nullable(a.owner_organization_name)},
          {"owner_user_id", nullable(a.owner_user_id)},
          {"owner_user_name", nullable(a.owner_user_name)},
          {"due_on", nullable(a.due_on)},
          {"status", domain::to_string(a.status)},
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
                           {"status", domain::to_string(r.status)},
                           {"due_by", nullable(r.due_by)},
                           {"overdue", r.overdue}});
    }
    out.push_back(
        {{"case_id", item.case_id},
         {"case_ref", item.case_ref},
         {"household_label", item.household_label},
         {"risk_level", domain::to_string(item.risk_level)},
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

}  // namespace tsunagu::http
