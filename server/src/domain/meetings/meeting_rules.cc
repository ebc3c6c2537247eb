#include "domain/meetings/meeting_rules.h"

#include <algorithm>

#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/base/choices.h"
#include "domain/cases/cases.h"
#include "domain/directory/organizations.h"
#include "domain/meetings/meeting_store.h"
#include "domain/meetings/meeting_wall.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

constexpr Words kKinds = words::kMeetingKinds;
constexpr Words kStatuses = words::kMeetingStatuses;

std::optional<TimePoint> parse_time(const std::optional<std::string>& text, const char* field,
                                    std::vector<FieldError>& errors) {
  if (!text) return std::nullopt;
  auto t = parse_rfc3339(*text);
  if (!t.ok()) {
    errors.push_back(
        {field, "must be an RFC 3339 time with offset, e.g. 2026-04-02T18:30:00+09:00"});
    return std::nullopt;
  }
  return *t;
}

std::string at(const char* list, size_t i, const char* field) {
  return std::string(list) + "[" + std::to_string(i) + "]" + (*field ? "." : "") + field;
}

}  // namespace

Result<Meeting> load_meeting_in_scope(storage::Connection& c, const Actor& actor,
                                      const std::string& id, Date today) {
  TRY_ASSIGN(std::optional<Meeting> found, meeting_store::load(c, id, today));
  if (!found) return not_found();
  std::optional<std::string> org;
  if (meeting_store::involves_organization(*found, actor.organization_id)) {
    org = actor.organization_id;
  }
  TRY(authorize(&actor, Action::kMeetingRead, {found->ward, org}));
  return *found;
}

Meeting meeting_view(const Actor& actor, Meeting m) {
  if (!access::sees_partner_view(actor) || m.kind == MeetingKind::kRoundtable) return m;
  m.redacted = true;
  m.title = kind_label(m.kind);
  m.agenda.clear();
  m.minutes.clear();
  m.decisions.clear();
  std::erase_if(m.action_items, [&](const ActionItem& a) {
    return a.owner_organization_id != actor.organization_id && a.owner_user_id != actor.user_id;
  });
  return m;
}

namespace meeting_rules {

Times check_shape(const MeetingFields& f, std::vector<FieldError>& errors) {
  if (f.kind && !is_one_of(kKinds, *f.kind)) {
    errors.push_back(invalid_choice("kind", kKinds));
  }
  if (f.status && !is_one_of(kStatuses, *f.status)) {
    errors.push_back(invalid_choice("status", kStatuses));
  }
  if (f.title && f.title->empty()) errors.push_back({"title", "must not be empty"});
  Times t{parse_time(f.starts_at, "starts_at", errors), parse_time(f.ends_at, "ends_at", errors)};
  if (f.attendees) {
    for (size_t i = 0; i < f.attendees->size(); ++i) {
      const Attendee& a = (*f.attendees)[i];
      int who = (a.organization_id ? 1 : 0) + (a.user_id ? 1 : 0) + (a.name ? 1 : 0);
      if (who != 1) {
        errors.push_back(
            {at("attendees", i, ""), "needs exactly one of organization_id, user_id or name"});
      } else if (a.name && a.name->empty()) {
        errors.push_back({at("attendees", i, "name"), "must not be empty"});
      }
    }
  }
  if (f.agenda) {
    for (size_t i = 0; i < f.agenda->size(); ++i) {
      if ((*f.agenda)[i].title.empty()) {
        errors.push_back({at("agenda", i, "title"), "must not be empty"});
      }
    }
  }
  return t;
}

void check_order(std::optional<TimePoint> starts_at, std::optional<TimePoint> ends_at,
                 std::vector<FieldError>& errors) {
  if (starts_at && ends_at && *ends_at <= *starts_at) {
    errors.push_back({"ends_at", "must be after starts_at"});
  }
}

Status check_filter(const MeetingFilter& filter) {
  std::vector<FieldError> errors;
  if (filter.kind && !is_one_of(kKinds, *filter.kind)) {
    errors.push_back(invalid_choice("kind", kKinds));
  }
  if (filter.status && !is_one_of(kStatuses, *filter.status)) {
    errors.push_back(invalid_choice("status", kStatuses));
  }
  if (filter.from && filter.to && *filter.to <= *filter.from) {
    errors.push_back({"to", "must be after from"});
  }
  if (errors.empty()) return Status::Ok();
  return Error::Parameters(std::move(errors));
}

void check_user(storage::Connection& c, const std::string& user_id, const std::string& field,
                std::vector<FieldError>& errors) {
  auto s = c.prepare("SELECT disabled FROM users WHERE id = ?1");
  s.bind(1, user_id);
  if (!s.step() || s.int64(0) != 0) errors.push_back({field, "is not an active user"});
}

Status check_references(storage::Connection& c, const Actor& actor, bool roundtable,
                        const std::string& ward, const MeetingFields& f,
                        std::vector<FieldError>& errors) {
  if (f.invited_organization_ids) {
    for (size_t i = 0; i < f.invited_organization_ids->size(); ++i) {
      TRY(check_active_organization(c, (*f.invited_organization_ids)[i],
                                    at("invited_organization_ids", i, ""), errors));
    }
  }
  if (f.attendees) {
    for (size_t i = 0; i < f.attendees->size(); ++i) {
      const Attendee& a = (*f.attendees)[i];
      if (a.organization_id) {
        TRY(check_active_organization(c, *a.organization_id, at("attendees", i, "organization_id"),
                                      errors));
      }
      if (a.user_id) check_user(c, *a.user_id, at("attendees", i, "user_id"), errors);
    }
  }
  std::vector<WallText> texts;
  if (f.title) texts.push_back({"title", *f.title});
  if (f.place) texts.push_back({"place", *f.place});
  if (f.minutes) texts.push_back({"minutes", *f.minutes});
  if (f.agenda) {
    for (size_t i = 0; i < f.agenda->size(); ++i) {
      const AgendaItem& item = (*f.agenda)[i];
      texts.push_back({at("agenda", i, "title"), item.title});
      texts.push_back({at("agenda", i, "notes"), item.notes});
      if (!item.case_id) continue;
      if (roundtable) {
        errors.push_back({at("agenda", i, "case_id"),
                          "a roundtable (座談会) holds no case; take it to a case conference"});
        continue;
      }
      auto found = load_case_in_scope(c, actor, *item.case_id);
      if (!found.ok() || found->ward != ward) {
        errors.push_back({at("agenda", i, "case_id"), "is not a case of this meeting's ward"});
      }
    }
  }
  if (roundtable) {
    Status wall = check_roundtable_wall(c, ward, texts);
    // Only the wall is broken: its own answer, with its code and sentence.
    if (!wall.ok() && errors.empty()) return wall;
    if (!wall.ok()) add_field_errors(errors, wall.error().fields());
  }
  return Status::Ok();
}

}  // namespace meeting_rules
}  // namespace tsunagu::domain
