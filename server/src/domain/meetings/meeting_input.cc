#include "domain/meetings/meeting_input.h"

#include <utility>

#include "common/merge_patch.h"

namespace tsunagu::domain {
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

Attendee read_attendee(FieldReader& r) {
  Attendee a;
  a.organization_id = r.string("organization_id", Need::kOptional, kIdChars);
  a.user_id = r.string("user_id", Need::kOptional, kIdChars);
  a.name = r.string("name", Need::kOptional, 100);
  a.role = r.string("role", Need::kOptional, 50);
  a.present = r.boolean("present");
  return a;
}

AgendaItem read_agenda_item(FieldReader& r) {
  AgendaItem item;
  item.title = r.string("title", Need::kRequired, kTitle).value_or("");
  item.case_id = r.string("case_id", Need::kOptional, kIdChars);
  item.notes = r.string("notes", Need::kOptional, kNote).value_or("");
  return item;
}

}  // namespace

Result<MeetingFields> read_meeting_fields(const Json& body, bool creating) {
  FieldReader r(body);
  MeetingFields f;
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
  f.attendees = read_objects<Attendee>(r, "attendees", 200, read_attendee);
  f.agenda = read_objects<AgendaItem>(r, "agenda", 100, read_agenda_item);
  f.minutes = r.string("minutes", Need::kOptional, kMinutes);
  if (!creating) {
    const std::vector<std::string> removed = read_patch_nulls(
        r, body, {"title", "starts_at", "ends_at", "status"},
        {"district", "place", "minutes", "invited_organization_ids", "attendees", "agenda"});
    // Emptied lists and minutes are ordinary values; district and place become unset.
    if (contains_key(removed, "minutes")) f.minutes = "";
    if (contains_key(removed, "invited_organization_ids")) f.invited_organization_ids.emplace();
    if (contains_key(removed, "attendees")) f.attendees.emplace();
    if (contains_key(removed, "agenda")) f.agenda.emplace();
    for (const char* key : {"district", "place"}) {
      if (contains_key(removed, key)) f.removed.emplace_back(key);
    }
  }
  if (!body.is_object()) TRY(r.finish());
  f.input_errors = r.take_errors();
  return f;
}

Result<NewDecision> read_decision(const Json& body) {
  FieldReader r(body);
  NewDecision d;
  d.text = r.string("text", Need::kRequired, kNote).value_or("");
  d.case_id = r.string("case_id", Need::kOptional, kIdChars);
  d.lead_user_id = r.string("lead_user_id", Need::kOptional, kIdChars);
  d.next_review_on = r.string("next_review_on", Need::kOptional, 10);
  d.plan_review_by = r.string("plan_review_by", Need::kOptional, 10);
  TRY(r.finish());
  return d;
}

Result<ActionItemFields> read_action_item_fields(const Json& body, bool creating) {
  FieldReader r(body);
  ActionItemFields f;
  f.title = r.string("title", Need::kOptional, kTitle);
  f.owner_organization_id = r.string("owner_organization_id", Need::kOptional, kIdChars);
  f.owner_user_id = r.string("owner_user_id", Need::kOptional, kIdChars);
  f.due_on = r.string("due_on", Need::kOptional, 10);
  f.status = r.string("status", Need::kOptional, 20);
  if (!creating) {
    const std::vector<std::string> removed = read_patch_nulls(
        r, body, {"title", "status"}, {"due_on", "owner_organization_id", "owner_user_id"});
    f.due_on_removed = contains_key(removed, "due_on");
    // Naming one owner replaces the other; removing the only owner leaves the item with none.
    if (!f.owner_organization_id && !f.owner_user_id) {
      for (const char* key : {"owner_organization_id", "owner_user_id"}) {
        if (contains_key(removed, key)) r.fail(key, "cannot be removed");
      }
    }
  }
  if (!body.is_object()) TRY(r.finish());
  f.input_errors = r.take_errors();
  return f;
}

namespace {

// A nullable string of a merge patch: left out, null (remove) or a value.
Patch<std::string> patch_string(FieldReader& r, const Json& object, const char* key,
                                size_t max_chars) {
  if (sent_null(object, key)) {
    r.raw(key);  // known, and null
    return std::optional<std::string>();
  }
  if (auto v = r.string(key, Need::kOptional, max_chars)) return std::optional<std::string>(*v);
  return std::nullopt;
}

SupportPlanPatch read_plan(FieldReader& p, const Json& plan) {
  SupportPlanPatch sp;
  auto list = [&](const char* key, size_t items, size_t chars) {
    if (sent_null(plan, key)) {
      p.raw(key);
      return std::optional(std::vector<std::string>{});
    }
    return p.strings(key, Need::kOptional, items, chars);
  };
  sp.goals = list("goals", 20, 500);
  if (sent_null(plan, "family_voice")) {
    p.raw("family_voice");
    sp.family_voice = "";
  } else {
    sp.family_voice = p.string("family_voice", Need::kOptional, 2000);
  }
  sp.services = list("services", 20, 200);
  sp.review_by = patch_string(p, plan, "review_by", 10);
  return sp;
}

}  // namespace

Result<CaseFields> read_case_fields(const Json& body, bool creating) {
  FieldReader r(body);
  CaseFields f;
  const Need need = creating ? Need::kRequired : Need::kOptional;
  if (creating) f.ward = r.string("ward", Need::kRequired, 20);
  if (!creating && body.is_object()) {
    for (const char* required : {"ward", "case_ref", "household_label", "risk_level"}) {
      if (sent_null(body, required)) f.removed.emplace_back(required);
    }
  }
  f.case_ref = r.string("case_ref", need, 50);
  f.household_label = r.string("household_label", need, 50);
  f.risk_categories = r.strings("risk_categories", Need::kOptional, 4, 40);
  if (sent_null(body, "risk_categories")) f.risk_categories = std::vector<std::string>{};
  f.risk_level = r.string("risk_level", need, 10);
  f.sections = r.strings("sections", Need::kOptional, 2, 40);
  if (sent_null(body, "sections")) f.sections = std::vector<std::string>{};
  f.lead_user_id = patch_string(r, body, "lead_user_id", 64);
  f.next_review_on = patch_string(r, body, "next_review_on", 10);
  f.last_reviewed_on = r.string("last_reviewed_on", Need::kOptional, 10);
  if (const Json* plan = r.raw("support_plan")) {
    FieldReader p(*plan, "support_plan.");
    f.support_plan = read_plan(p, *plan);
    r.absorb(p);
  } else if (sent_null(body, "support_plan")) {  // the whole plan removed
    f.support_plan = SupportPlanPatch{std::vector<std::string>{}, "", std::vector<std::string>{},
                                      std::optional<std::string>()};
  }
  if (!body.is_object()) TRY(r.finish());
  f.input_errors = r.take_errors();
  return f;
}

}  // namespace tsunagu::domain
