// Changes that meetings make to cases, and the history every change leaves (case_events).
// Declared in cases.h.
#include <algorithm>

#include "domain/access/authorization.h"
#include "domain/audit/audit.h"
#include "domain/cases/cases.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

void add_event(storage::Connection& c, const std::string& at, const Actor& actor,
               const CaseDecision& d, const char* kind, const std::optional<std::string>& from,
               const std::optional<std::string>& to) {
  c.prepare(
       "INSERT INTO case_events (case_id, at, actor_id, kind, from_value, to_value, meeting_id,"
       " decision_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bind(1, d.case_id)
      .bind(2, at)
      .bind(3, actor.user_id)
      .bind(4, kind)
      .bind(5, from)
      .bind(6, to)
      .bind(7, d.meeting_id)
      .bind(8, d.decision_id)
      .run();
}

}  // namespace

Status apply_case_decision(storage::Connection& c, const Clock& clock, const Actor& actor,
                           const RequestMeta& meta, const CaseDecision& d) {
  TRY_ASSIGN(Case current, load_case_in_scope(c, actor, d.case_id));
  TRY(authorize(&actor, Action::kCaseWrite, {current.ward, std::nullopt}));
  if (!case_is_open(current.status)) {
    return Error::Field("case_id", "is a closed case; reopen it in the ward's record first");
  }
  TRY(check_case_lead(c, d.lead_user_id, current.ward));
  // A meeting recorded late does not move the last review back in time.
  const std::string reviewed = std::max(current.last_reviewed_on.value_or(""), d.reviewed_on);
  std::string now = format_utc(clock.now());
  c.prepare(
       "UPDATE cases SET lead_user_id = coalesce(?2, lead_user_id),"
       " next_review_on = coalesce(?3, next_review_on),"
       " support_plan = CASE WHEN ?6 IS NULL THEN support_plan"
       " ELSE json_set(support_plan, '$.review_by', ?6) END,"
       " last_reviewed_on = ?4,"
       " version = version + 1, updated_at = ?5 WHERE id = ?1")
      .bind(1, d.case_id)
      .bind(2, d.lead_user_id)
      .bind(3, d.next_review_on)
      .bind(4, reviewed)
      .bind(5, now)
      .bind(6, d.plan_review_by)
      .run();
  if (reviewed != current.last_reviewed_on) {
    add_event(c, now, actor, d, "reviewed", current.last_reviewed_on, reviewed);
  }
  if (d.lead_user_id && d.lead_user_id != current.lead_user_id) {
    add_event(c, now, actor, d, "lead_changed", current.lead_user_id, d.lead_user_id);
  }
  if (d.next_review_on && d.next_review_on != current.next_review_on) {
    add_event(c, now, actor, d, "review_scheduled", current.next_review_on, d.next_review_on);
  }
  if (d.plan_review_by && d.plan_review_by != current.support_plan.review_by) {
    add_event(c, now, actor, d, "plan_review_set", current.support_plan.review_by,
              d.plan_review_by);
  }
  audit::append(c, clock, &actor, meta,
                {"case.update", "case", d.case_id, d.case_id, std::nullopt,
                 "meeting decision " + d.decision_id});
  return Status::Ok();
}

Result<std::vector<CaseEvent>> Cases::events(const Actor& actor, const RequestMeta& meta,
                                             const std::string& id) {
  std::vector<CaseEvent> out;
  TRY(with_readable_case(
      db_, clock_, actor, meta, id, "case events",
      [&](storage::Connection& c, const Case& found, AuditedReads& reads) -> Status {
        auto s = c.prepare(
            "SELECT seq, at, actor_id, kind, from_value, to_value, meeting_id, decision_id,"
            " reason FROM case_events WHERE case_id = ?1 AND (?2 IS NULL OR at <= ?2)"
            " ORDER BY seq");
        // A ward the case moved away from sees its history up to the move.
        s.bind(1, id).bind(2, found.transferred_at
                                  ? std::optional(format_utc(*found.transferred_at))
                                  : std::nullopt);
        while (s.step()) {
          out.push_back({s.int64(0), parse_stored_time(s.text(1)), s.text(2), s.text(3),
                         s.optional_text(4), s.optional_text(5), s.optional_text(6),
                         s.optional_text(7), s.optional_text(8)});
        }
        reads.push_back({"case.events", "case", found.id, found.id, std::nullopt, std::nullopt});
        return Status::Ok();
      }));
  return out;
}

}  // namespace tsunagu::domain
