// What a meeting decides and what it should discuss: decisions (those on a case change the case
// in the same transaction) and the 実務者会議's suggested agenda built from live case data.
// Declared in meetings.h.
#include <algorithm>
#include <map>

#include "common/ids.h"
#include "domain/access/authorization.h"
#include "domain/audit/audit.h"
#include "domain/base/if_match.h"
#include "domain/base/json_column.h"
#include "domain/cases/case_words.h"
#include "domain/cases/cases.h"
#include "domain/meetings/meeting_rules.h"
#include "domain/meetings/meeting_states.h"
#include "domain/meetings/meeting_store.h"
#include "domain/meetings/meeting_wall.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

// Every open case of `ward` with its open referrals, in the order the meeting should take them:
// highest risk first, then never reviewed, then the longest since the last review.
Result<std::vector<SuggestedAgendaItem>> open_cases(storage::Connection& c, const std::string& ward,
                                                    Date today) {
  std::vector<SuggestedAgendaItem> items;
  std::map<std::string, size_t> index;
  auto s = c.prepare(
      "SELECT c.id, c.case_ref, c.household_label, c.risk_level, c.risk_categories,"
      " c.lead_user_id, u.display_name, c.last_reviewed_on, c.next_review_on"
      " FROM cases c LEFT JOIN users u ON u.id = c.lead_user_id"
      " WHERE c.ward = ?1 AND c.status = 'open'");
  s.bind(1, ward);
  const auto today_days = std::chrono::sys_days(today);
  while (s.step()) {
    SuggestedAgendaItem item;
    item.case_id = s.text(0);
    item.case_ref = s.text(1);
    item.household_label = s.text(2);
    TRY_ASSIGN(item.risk_level, decode_word<RiskLevel>(s.text(3)));
    item.risk_categories = strings_from_json(s.text(4));
    item.lead_user_id = s.optional_text(5);
    item.lead_display_name = s.optional_text(6);
    item.last_reviewed_on = s.optional_text(7);
    item.next_review_on = s.optional_text(8);
    if (item.last_reviewed_on) {
      if (auto d = parse_date(*item.last_reviewed_on); d.ok()) {
        item.days_since_last_review = (today_days - std::chrono::sys_days(*d)).count();
      }
    }
    index[item.case_id] = items.size();
    items.push_back(std::move(item));
  }
  auto r = c.prepare(
      "SELECT r.case_id, r.id, r.organization_id, o.name, r.status, r.due_by FROM referrals r"
      " JOIN organizations o ON o.id = r.organization_id"
      " WHERE r.ward = ?1 AND r.status IN ('draft', 'sent', 'accepted')"
      " ORDER BY r.created_at, r.id");
  r.bind(1, ward);
  const std::string today_text = format_date(today);
  while (r.step()) {
    auto it = index.find(r.text(0));
    if (it == index.end()) continue;  // a closed case's referral
    TRY_ASSIGN(const ReferralStatus status, decode_word<ReferralStatus>(r.text(4)));
    SuggestedAgendaItem::OpenReferral open{r.text(1), r.text(2), r.text(3), status,
                                           r.optional_text(5)};
    open.overdue = status != ReferralStatus::kDraft && open.due_by && *open.due_by < today_text;
    items[it->second].open_referrals.push_back(std::move(open));
  }
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    if (a.risk_level != b.risk_level) return a.risk_level > b.risk_level;
    // Never reviewed sorts as the longest wait.
    int64_t wait_a = a.days_since_last_review.value_or(INT64_MAX);
    int64_t wait_b = b.days_since_last_review.value_or(INT64_MAX);
    if (wait_a != wait_b) return wait_a > wait_b;
    return a.case_ref < b.case_ref;
  });
  return items;
}

// Loads the meeting for the ward roles who run it: NotFound out of scope, FailedPrecondition
// when it is cancelled or (with `practitioners_only`) of another kind.
Result<Meeting> load_to_run(storage::Connection& c, const Actor& actor, const std::string& id,
                            Date today, bool practitioners_only) {
  TRY_ASSIGN(Meeting m, load_meeting_in_scope(c, actor, id, today));
  TRY(authorize(&actor, Action::kMeetingWrite, {m.ward, std::nullopt}));
  if (practitioners_only && m.kind != MeetingKind::kPractitioners) {
    return Error::FailedPrecondition(
        "The suggested agenda is for practitioners' meetings (実務者会議) only.");
  }
  TRY(check_not_cancelled(m.status));
  return m;
}

}  // namespace

Result<Creation<Meeting>> Meetings::decide(const Actor& actor, const RequestMeta& meta,
                                           const std::string& id, const NewDecision& d,
                                           std::optional<int64_t> if_match,
                                           const std::optional<IdempotencyKey>& key) {
  TRY(authorize_role(&actor, Action::kMeetingWrite));
  std::vector<FieldError> errors;
  if (d.text.empty()) errors.push_back({"text", "is required"});
  for (auto [date, name] : {std::pair{&d.next_review_on, "next_review_on"},
                            std::pair{&d.plan_review_by, "plan_review_by"}}) {
    if (*date && !parse_date(**date).ok()) errors.push_back({name, "must be a date YYYY-MM-DD"});
  }
  if (!d.case_id && (d.lead_user_id || d.next_review_on || d.plan_review_by)) {
    errors.push_back({"case_id", "is required for a new lead or a review date"});
  }
  TRY(field_errors(std::move(errors), "meeting"));

  return db_.write([&](storage::Connection& c) -> Result<Creation<Meeting>> {
    Date today = tokyo_date(clock_.now());
    auto replay = [&](const std::string&) -> Result<Meeting> {
      return load_meeting_in_scope(c, actor, id, today);
    };
    return idempotency::create_once<Meeting>(c, clock_, actor.user_id, key, replay, [&] {
      return record_decision(c, actor, meta, id, d, if_match, today);
    });
  });
}

Result<Meeting> Meetings::record_decision(storage::Connection& c, const Actor& actor,
                                          const RequestMeta& meta, const std::string& id,
                                          const NewDecision& d, std::optional<int64_t> if_match,
                                          Date today) {
  TRY_ASSIGN(Meeting m, load_to_run(c, actor, id, today, false));
  TRY(check_if_match(if_match, m.version, "meeting"));
  if (m.kind == MeetingKind::kRoundtable) {
    if (d.case_id) {
      return Error::Field("case_id",
                          "a roundtable (座談会) holds no case; decide it at a case conference");
    }
    TRY(check_roundtable_wall(c, m.ward, {{"text", d.text}}));
  }
  // A decision is what a meeting decided: one that has not taken place decided nothing, and
  // must not move a case's review into the future. (What the text may say is checked first.)
  if (m.status != MeetingStatus::kHeld) {
    return Error::FailedPrecondition(
        "Decisions are recorded for a meeting that was held; mark the meeting held first.");
  }
  if (d.case_id) {
    auto found = load_case_in_scope(c, actor, *d.case_id);
    if (!found.ok() || found->ward != m.ward) {
      return Error::Field("case_id", "is not a case of this meeting's ward");
    }
  }
  std::string decision_id = new_uuid();
  std::string now = format_utc(clock_.now());
  c.prepare(
       "INSERT INTO meeting_decisions (id, meeting_id, text, case_id, lead_user_id,"
       " next_review_on, plan_review_by, recorded_by, recorded_at)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
      .bind(1, decision_id)
      .bind(2, m.id)
      .bind(3, d.text)
      .bind(4, d.case_id)
      .bind(5, d.lead_user_id)
      .bind(6, d.next_review_on)
      .bind(7, d.plan_review_by)
      .bind(8, actor.user_id)
      .bind(9, now)
      .run();
  if (d.case_id) {
    TRY(apply_case_decision(c, clock_, actor, meta,
                            {*d.case_id, d.lead_user_id, d.next_review_on, d.plan_review_by,
                             format_date(tokyo_date(m.starts_at)), m.id, decision_id}));
  }
  meeting_store::touch(c, m.id, now);
  audit::append(c, clock_, &actor, meta,
                {"meeting.decision", "meeting", m.id, d.case_id, std::nullopt, decision_id});
  TRY_ASSIGN(std::optional<Meeting> decided, meeting_store::load(c, m.id, today));
  return *decided;
}

Result<std::vector<SuggestedAgendaItem>> Meetings::suggested_agenda(const Actor& actor,
                                                                    const RequestMeta& meta,
                                                                    const std::string& id) {
  TRY(authorize_role(&actor, Action::kMeetingWrite));
  return db_.write([&](storage::Connection& c) -> Result<std::vector<SuggestedAgendaItem>> {
    Date today = tokyo_date(clock_.now());
    TRY_ASSIGN(Meeting m, load_to_run(c, actor, id, today, true));
    TRY_ASSIGN(std::vector<SuggestedAgendaItem> items, open_cases(c, m.ward, today));
    for (const auto& item : items) {
      audit::append(
          c, clock_, &actor, meta,
          {"meeting.suggested_agenda", "meeting", m.id, item.case_id, std::nullopt, std::nullopt});
    }
    return items;
  });
}

Result<Meeting> Meetings::adopt_suggested_agenda(const Actor& actor, const RequestMeta& meta,
                                                 const std::string& id,
                                                 std::optional<int64_t> if_match) {
  TRY(authorize_role(&actor, Action::kMeetingWrite));
  return db_.write([&](storage::Connection& c) -> Result<Meeting> {
    Date today = tokyo_date(clock_.now());
    TRY_ASSIGN(Meeting m, load_to_run(c, actor, id, today, true));
    TRY(check_if_match(if_match, m.version, "meeting"));
    MeetingFields f;
    f.agenda = m.agenda;
    int adopted = 0;
    TRY_ASSIGN(const std::vector<SuggestedAgendaItem> open, open_cases(c, m.ward, today));
    for (const auto& item : open) {
      bool listed = std::any_of(m.agenda.begin(), m.agenda.end(),
                                [&](const AgendaItem& a) { return a.case_id == item.case_id; });
      if (listed) continue;
      std::string notes = "リスク" + std::string(japanese_label(item.risk_level)) +
                          "・進行中の紹介" + std::to_string(item.open_referrals.size()) +
                          "件・前回検討 " + item.last_reviewed_on.value_or("なし");
      f.agenda->push_back(
          {item.case_ref + "（" + item.household_label + "）", item.case_id, std::move(notes)});
      audit::append(c, clock_, &actor, meta,
                    {"meeting.update", "meeting", m.id, item.case_id, std::nullopt,
                     "adopted the suggested agenda"});
      ++adopted;
    }
    if (adopted > 0) {
      meeting_store::replace_parts(c, m.id, f);
      meeting_store::touch(c, m.id, format_utc(clock_.now()));
    }
    TRY_ASSIGN(std::optional<Meeting> adopted_into, meeting_store::load(c, m.id, today));
    return *adopted_into;
  });
}

}  // namespace tsunagu::domain
