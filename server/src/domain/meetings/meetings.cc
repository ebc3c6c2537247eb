#include "domain/meetings/meetings.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/ids.h"
#include "common/merge_patch.h"
#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/audit/audit.h"
#include "domain/audit/audited_read.h"
#include "domain/base/if_match.h"
#include "domain/base/vocabulary.h"
#include "domain/base/wards.h"
#include "domain/meetings/meeting_rules.h"
#include "domain/meetings/meeting_states.h"
#include "domain/meetings/meeting_store.h"
#include "domain/referrals/notifications.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

constexpr const char* kNotStarted = "a meeting that has not started cannot have been held";

audit::Entry meeting_entry(const char* action, const Meeting& m,
                           std::optional<std::string> case_id = std::nullopt,
                           std::optional<std::string> detail = std::nullopt) {
  return {action, "meeting", m.id, std::move(case_id), std::nullopt, std::move(detail)};
}

}  // namespace

const char* kind_label(MeetingKind kind) {
  const std::string_view label = japanese_label(kind);
  return label.empty() ? "会議" : label.data();  // the labels are NUL-terminated literals
}

// Tells each organization invited by this change, and not before, of the meeting: its kind and
// time (a case meeting's title may name a household, so the title is left out).
void notify_invited(storage::Connection& c, const Clock& clock, const Meeting& m,
                    const std::vector<std::string>& invited_before) {
  std::vector<std::optional<std::string>> newly;
  for (const auto& org : m.invited_organization_ids) {
    if (std::find(invited_before.begin(), invited_before.end(), org) == invited_before.end()) {
      newly.emplace_back(org);
    }
  }
  if (newly.empty() || m.status == MeetingStatus::kCancelled) return;
  NotificationNote note;
  note.kind = "meeting.invited";
  note.meeting_id = m.id;
  note.meeting_kind = to_string(m.kind);
  note.starts_at = format_rfc3339(m.starts_at);
  note.status = to_string(m.status);
  note.link = "/meetings/" + m.id;
  deliver(c, clock, note, {}, newly);
}

Result<Meeting> insert_meeting(storage::Connection& c, const Clock& clock, const Actor& actor,
                               const RequestMeta& meta, const MeetingFields& f) {
  TRY(authorize_role(&actor, Action::kMeetingWrite));
  // One pass: the reader's findings, the rules of the fields, then the references.
  std::vector<FieldError> errors = f.input_errors;
  std::vector<FieldError> rules;
  for (auto [value, name] :
       {std::pair{&f.kind, "kind"}, std::pair{&f.title, "title"}, std::pair{&f.ward, "ward"},
        std::pair{&f.starts_at, "starts_at"}, std::pair{&f.ends_at, "ends_at"}}) {
    if (!*value) rules.push_back({name, "is required"});
  }
  if (f.ward && !actor.has_ward(*f.ward)) {
    rules.push_back({"ward", "is not one of your wards"});
  } else if (f.ward && !is_ward(c, *f.ward)) {
    rules.push_back({"ward", "is not a ward of Sapporo"});
  }
  auto times = meeting_rules::check_shape(f, rules);
  meeting_rules::check_order(times.starts_at, times.ends_at, rules);
  // A meeting is planned; one that already took place may be recorded as held.
  if (auto status = f.status ? parse_word<MeetingStatus>(*f.status) : std::nullopt) {
    auto step = meeting_step(std::nullopt, *status);
    if (!step) {
      rules.push_back({"status", "a new meeting is planned (or held, if it took place)"});
    } else if (step->once_started && times.starts_at && *times.starts_at > clock.now()) {
      rules.push_back({"status", kNotStarted});
    }
  }
  add_field_errors(errors, std::move(rules));
  // A kind outside the set was named by check_shape(); its meeting is no roundtable.
  const std::optional<MeetingKind> kind = f.kind ? parse_word<MeetingKind>(*f.kind) : std::nullopt;
  if (f.kind && f.ward) {
    TRY(meeting_rules::check_references(c, actor, kind == MeetingKind::kRoundtable, *f.ward, f,
                                        errors));
  }
  TRY(field_errors(std::move(errors), "meeting"));
  std::string id = new_uuid();
  std::string now = format_utc(clock.now());
  c.prepare(
       "INSERT INTO meetings (id, kind, title, ward, district, starts_at, ends_at, place, status,"
       " minutes, created_by, created_at, updated_at)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)")
      .bind(1, id)
      .bind(2, to_string(*kind))
      .bind(3, *f.title)
      .bind(4, *f.ward)
      .bind(5, f.district)
      .bind(6, format_utc(*times.starts_at))
      .bind(7, format_utc(*times.ends_at))
      .bind(8, f.place)
      .bind(9, f.status.value_or(to_string(MeetingStatus::kPlanned)))
      .bind(10, f.minutes.value_or(""))
      .bind(11, actor.user_id)
      .bind(12, now)
      .run();
  meeting_store::replace_parts(c, id, f);
  TRY_ASSIGN(std::optional<Meeting> created, meeting_store::load(c, id, tokyo_date(clock.now())));
  notify_invited(c, clock, *created, {});
  audit::append(c, clock, &actor, meta, meeting_entry("meeting.create", *created));
  return *created;
}

Result<Creation<Meeting>> Meetings::create(const Actor& actor, const RequestMeta& meta,
                                           const MeetingFields& f,
                                           const std::optional<IdempotencyKey>& key) {
  TRY(authorize_role(&actor, Action::kMeetingWrite));
  return db_.write([&](storage::Connection& c) -> Result<Creation<Meeting>> {
    return idempotency::create_once<Meeting>(
        c, clock_, actor.user_id, key,
        [&](const std::string& first_id) -> Result<Meeting> {
          TRY_ASSIGN(Meeting first,
                     load_meeting_in_scope(c, actor, first_id, tokyo_date(clock_.now())));
          audit::append(c, clock_, &actor, meta,
                        meeting_entry("meeting.read", first, std::nullopt, "replay"));
          return first;
        },
        [&] { return insert_meeting(c, clock_, actor, meta, f); });
  });
}

Result<Meeting> Meetings::get(const Actor& actor, const RequestMeta& meta, const std::string& id) {
  TRY(authorize_role(&actor, Action::kMeetingRead));
  // A case meeting's content is case data, so reading it is audited (per case).
  return audited_read(db_, clock_, actor, meta,
                      [&](storage::Connection& c, AuditedReads& reads) -> Result<Meeting> {
                        TRY_ASSIGN(Meeting found,
                                   load_meeting_in_scope(c, actor, id, tokyo_date(clock_.now())));
                        Meeting view = meeting_view(actor, std::move(found));
                        auto cases = meeting_store::case_ids(view);
                        if (cases.empty()) reads.push_back(meeting_entry("meeting.read", view));
                        for (const auto& case_id : cases) {
                          reads.push_back(meeting_entry("meeting.read", view, case_id));
                        }
                        return view;
                      });
}

Result<Page<Meeting>> Meetings::list(const Actor& actor, const MeetingFilter& filter,
                                     const PageRequest& page) {
  TRY(authorize_role(&actor, Action::kMeetingRead));
  TRY(meeting_rules::check_filter(filter));
  return db_.read([&](storage::Connection& c) -> Result<Page<Meeting>> {
    TRY(check_ward_param(c, filter.ward));
    // Ward roles: their wards (or the one asked for, if theirs). Partners: invited or attending.
    nlohmann::json wards = nlohmann::json::array();
    const bool partner = access::lists_organization_rows(actor);
    if (!partner) {
      for (const auto& w : actor.wards) {
        if (!filter.ward || *filter.ward == w) wards.push_back(w);
      }
    }
    std::optional<std::string> partner_org;
    if (partner) partner_org = actor.organization_id.value_or("");
    const std::string where =
        " FROM meetings m WHERE (?1 IS NULL OR m.starts_at >= ?1) AND (?2 IS NULL OR "
        "m.starts_at < ?2) AND (?3 IS NULL OR m.kind = ?3) AND (?4 IS NULL OR m.status = ?4)"
        " AND (?5 IS NULL OR m.ward = ?5) AND ((?6 IS NULL AND m.ward IN (SELECT value FROM"
        " json_each(?7))) OR (?6 IS NOT NULL AND (EXISTS (SELECT 1 FROM meeting_invitations i"
        " WHERE i.meeting_id = m.id AND i.organization_id = ?6) OR EXISTS (SELECT 1 FROM"
        " meeting_attendees a WHERE a.meeting_id = m.id AND a.organization_id = ?6))))";
    auto bind = [&](storage::Statement& s) {
      s.bind(1, filter.from ? std::optional(format_utc(*filter.from)) : std::nullopt)
          .bind(2, filter.to ? std::optional(format_utc(*filter.to)) : std::nullopt)
          .bind(3, filter.kind)
          .bind(4, filter.status)
          .bind(5, filter.ward)
          .bind(6, partner_org)
          .bind(7, wards.dump());
    };
    Page<Meeting> out;
    auto count = c.prepare("SELECT count(*)" + where);
    bind(count);
    count.step();
    out.total = count.int64(0);
    auto rows = c.prepare(std::string("SELECT ") + meeting_store::kMeetingColumns + where +
                          " ORDER BY m.starts_at, m.id LIMIT ?8 OFFSET ?9");
    bind(rows);
    rows.bind(8, page.per_page).bind(9, page.offset());
    while (rows.step()) {
      TRY_ASSIGN(Meeting m, meeting_store::row_to_meeting(rows));
      out.items.push_back(meeting_view(actor, std::move(m)));
    }
    return out;
  });
}

Result<Meeting> Meetings::update(const Actor& actor, const RequestMeta& meta, const std::string& id,
                                 const MeetingFields& f, std::optional<int64_t> if_match) {
  TRY(authorize_role(&actor, Action::kMeetingWrite));
  // One pass: the reader's findings and the rules of the fields, then (once the meeting is
  // read) its order of times and the references, all in one answer.
  std::vector<FieldError> shape = f.input_errors;
  std::vector<FieldError> rules;
  if (f.kind) rules.push_back({"kind", "cannot be changed; plan a new meeting instead"});
  if (f.ward) rules.push_back({"ward", "cannot be changed; plan a new meeting instead"});
  auto times = meeting_rules::check_shape(f, rules);
  add_field_errors(shape, std::move(rules));

  return db_.write([&](storage::Connection& c) -> Result<Meeting> {
    std::vector<FieldError> errors = shape;
    Date today = tokyo_date(clock_.now());
    TRY_ASSIGN(Meeting current, load_meeting_in_scope(c, actor, id, today));
    TRY(authorize(&actor, Action::kMeetingWrite, {current.ward, std::nullopt}));
    TRY(check_if_match(if_match, current.version, "meeting"));
    TRY(check_not_cancelled(current.status));
    const MeetingStatus status = current.status;
    const bool status_readable = std::none_of(
        errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "status"; });
    const std::optional<MeetingStatus> to =
        f.status && status_readable ? parse_word<MeetingStatus>(*f.status) : std::nullopt;
    // The same status again is no step and is let through unchanged.
    std::optional<MeetingStep> step;
    if (to && *to != status) {
      step = meeting_step(status, *to);
      if (!step) {
        return Error::FailedPrecondition("A " + std::string(to_string(status)) +
                                         " meeting cannot become " + *f.status + ".");
      }
      if (step->without_decisions && !current.decisions.empty()) {
        return Error::FailedPrecondition(
            "The meeting has recorded decisions, so it took place and cannot be cancelled.");
      }
    }
    std::vector<FieldError> order;
    const TimePoint starts_at = times.starts_at.value_or(current.starts_at);
    meeting_rules::check_order(starts_at, times.ends_at.value_or(current.ends_at), order);
    if (step && step->once_started && starts_at > clock_.now()) {
      order.push_back({"status", kNotStarted});
    }
    add_field_errors(errors, std::move(order));
    TRY(meeting_rules::check_references(c, actor, current.kind == MeetingKind::kRoundtable,
                                        current.ward, f, errors));
    TRY(field_errors(std::move(errors), "meeting"));
    c.prepare(
         "UPDATE meetings SET title = coalesce(?2, title),"
         " district = CASE WHEN ?10 THEN NULL ELSE coalesce(?3, district) END,"
         " starts_at = coalesce(?4, starts_at), ends_at = coalesce(?5, ends_at),"
         " place = CASE WHEN ?11 THEN NULL ELSE coalesce(?6, place) END,"
         " status = coalesce(?7, status), minutes = coalesce(?8, minutes),"
         " version = version + 1, updated_at = ?9 WHERE id = ?1")
        .bind(1, id)
        .bind(2, f.title)
        .bind(3, f.district)
        .bind(4, times.starts_at ? std::optional(format_utc(*times.starts_at)) : std::nullopt)
        .bind(5, times.ends_at ? std::optional(format_utc(*times.ends_at)) : std::nullopt)
        .bind(6, f.place)
        .bind(7, f.status)
        .bind(8, f.minutes)
        .bind(9, format_utc(clock_.now()))
        .bind(10, contains_key(f.removed, "district"))
        .bind(11, contains_key(f.removed, "place"))
        .run();
    meeting_store::replace_parts(c, id, f);
    TRY_ASSIGN(std::optional<Meeting> updated, meeting_store::load(c, id, today));
    notify_invited(c, clock_, *updated, current.invited_organization_ids);
    audit::append(c, clock_, &actor, meta, meeting_entry("meeting.update", *updated));
    return *updated;
  });
}

Result<std::vector<Meeting>> Meetings::calendar(const Actor& actor) {
  TRY(authorize_role(&actor, Action::kCalendarRead));
  return db_.read([&](storage::Connection& c) -> Result<std::vector<Meeting>> {
    auto s = c.prepare(
        std::string("SELECT ") + meeting_store::kMeetingColumns +
        " FROM meetings m WHERE m.starts_at >= ?1 AND (m.created_by = ?2"
        " OR EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id"
        " AND a.user_id = ?2) OR (?3 IS NOT NULL AND (EXISTS (SELECT 1 FROM meeting_invitations i"
        " WHERE i.meeting_id = m.id AND i.organization_id = ?3) OR EXISTS (SELECT 1 FROM"
        " meeting_attendees a WHERE a.meeting_id = m.id AND a.organization_id = ?3))))"
        " ORDER BY m.starts_at, m.id LIMIT 1000");
    s.bind(1, format_utc(clock_.now() - std::chrono::days(90)))
        .bind(2, actor.user_id)
        .bind(3, actor.organization_id);
    std::vector<Meeting> out;
    while (s.step()) {
      TRY_ASSIGN(Meeting m, meeting_store::row_to_meeting(s));
      // A calendar leaves the office on phones and in shared calendars: a case meeting is
      // named by its kind only, whoever asks.
      if (m.kind != MeetingKind::kRoundtable) m.title = kind_label(m.kind);
      m.minutes.clear();
      out.push_back(std::move(m));
    }
    return out;
  });
}

Result<NetworkMemory> Meetings::network_memory(const Actor& actor, const std::string& ward,
                                               const std::optional<std::string>& district) {
  TRY(authorize(&actor, Action::kNetworkRead, {ward, std::nullopt}));
  return db_.read([&](storage::Connection& c) -> Result<NetworkMemory> {
    // Organizations at held roundtables; attendance not taken counts as present.
    const std::string attended =
        "WITH att AS (SELECT DISTINCT a.meeting_id, a.organization_id, m.starts_at"
        " FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id"
        " WHERE m.kind = 'roundtable' AND m.status = 'held' AND m.ward = ?1"
        " AND (?2 IS NULL OR m.district = ?2) AND a.organization_id IS NOT NULL"
        " AND coalesce(a.present, 1) = 1) ";
    NetworkMemory out;
    auto members = c.prepare(attended +
                             "SELECT o.id, o.name, o.category, count(*), max(att.starts_at)"
                             " FROM att JOIN organizations o ON o.id = att.organization_id"
                             " GROUP BY o.id ORDER BY count(*) DESC, o.name_kana, o.id");
    members.bind(1, ward).bind(2, district);
    while (members.step()) {
      out.members.push_back({members.text(0), members.text(1), members.text(2), members.int64(3),
                             format_date(tokyo_date(parse_stored_time(members.text(4))))});
    }
    auto pairs = c.prepare(attended +
                           "SELECT x.organization_id, y.organization_id, count(*),"
                           " max(x.starts_at) FROM att x JOIN att y ON x.meeting_id ="
                           " y.meeting_id AND x.organization_id < y.organization_id"
                           " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2");
    pairs.bind(1, ward).bind(2, district);
    while (pairs.step()) {
      out.pairs.push_back({pairs.text(0), pairs.text(1), pairs.int64(2),
                           format_date(tokyo_date(parse_stored_time(pairs.text(3))))});
    }
    return out;
  });
}

}  // namespace tsunagu::domain
