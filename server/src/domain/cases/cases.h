// Cases (世帯) as the network needs them: the ward's own case number, a household label
// (initials or a pseudonym — never a required name), risk categories and level, the sections
// involved, the lead worker, the サポートプラン (support plan) and review dates. The ward keeps the
// authoritative record; Tsunagu keeps the minimum to refer and to plan.
//
// Every function takes the acting user: cases are scoped by ward (another ward's case is
// NotFound), admin and auditor see no case content (PermissionDenied); every change is audited in
// its own transaction, and every read is on record before its answer is returned
// (audited_read.h).
//
// Thread-safety: a Cases object may be shared by all request threads.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/merge_patch.h"
#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/audit/audit.h"
#include "domain/base/idempotency.h"
#include "domain/base/paging.h"
#include "domain/cases/case_states.h"
#include "domain/cases/case_words.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

struct SupportPlan {
  std::vector<std::string> goals;
  std::string family_voice;  // the family's own words
  std::vector<std::string> services;
  std::optional<std::string> review_by;  // YYYY-MM-DD
};

struct Case {
  std::string id;
  std::string ward;
  std::string case_ref;
  std::string household_label;
  std::vector<std::string>
      risk_categories;  // specified_pregnancy (特定妊婦), abuse_certified
                        // (虐待認定世帯), parenting_difficulty (育児困難世帯), other
  RiskLevel risk_level = RiskLevel::kLow;
  std::vector<std::string> sections;  // maternal_child_health, child_welfare
  std::optional<std::string> lead_user_id;
  CaseStatus status = CaseStatus::kOpen;
  std::optional<std::string> close_reason;
  SupportPlan support_plan;
  std::optional<std::string> next_review_on;
  std::optional<std::string> last_reviewed_on;
  int64_t version = 0;
  TimePoint created_at;
  TimePoint updated_at;
  std::optional<TimePoint> closed_at;
  // Set only in the view of a ward the case was transferred away from: the ward it moved to and
  // when. That view is the case as it left, read-only, and shows only what happened before.
  std::optional<std::string> transferred_to;
  std::optional<TimePoint> transferred_at;
};

// The support plan's part of a create or PATCH: each field the request sent; the rest stay as
// they are (on create: empty). null clears a field: goals and services become [], family_voice
// "", review_by absent.
struct SupportPlanPatch {
  std::optional<std::vector<std::string>> goals;
  std::optional<std::string> family_voice;
  std::optional<std::vector<std::string>> services;
  Patch<std::string> review_by;
};

// Input for create (required: ward, case_ref, household_label, risk_level) and PATCH (any;
// merged field by field). last_reviewed_on records a review that took place (not in the future).
// `removed` names required fields a PATCH sent as null, which is refused.
struct CaseFields {
  std::optional<std::string> ward;
  std::optional<std::string> case_ref;
  std::optional<std::string> household_label;
  std::optional<std::vector<std::string>> risk_categories;
  std::optional<std::string> risk_level;
  std::optional<std::vector<std::string>> sections;
  Patch<std::string> lead_user_id;
  std::optional<SupportPlanPatch> support_plan;
  Patch<std::string> next_review_on;
  std::optional<std::string> last_reviewed_on;
  std::vector<std::string> removed;
  // What reading the request found wrong (its shape, unknown fields); reported with the rules'
  // findings in one answer.
  std::vector<FieldError> input_errors;
};

// What changed on a case and why, beyond the audit log's "who": here, decisions of meetings.
// Kinds: lead_changed, review_scheduled, plan_review_set, reviewed (meeting decisions, from/to
// the single value); edited (a direct change: from/to are JSON objects of the changed fields
// before and after); closed and reopened (from/to the status, `reason` why).
struct CaseEvent {
  int64_t seq = 0;
  TimePoint at;
  std::string actor_id;
  std::string kind;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> meeting_id;
  std::optional<std::string> decision_id;
  std::optional<std::string> reason;
};

// A meeting's decision about a case: a new lead, the next review, the support plan's review
// date; the case counts as reviewed on `reviewed_on` (the meeting's date).
struct CaseDecision {
  std::string case_id;
  std::optional<std::string> lead_user_id;
  std::optional<std::string> next_review_on;
  std::optional<std::string> plan_review_by;
  std::string reviewed_on;
  std::string meeting_id;
  std::string decision_id;
};

// What GET /cases narrows by; every filter set must hold. A value outside its closed set is
// Malformed naming the parameter, so a misspelt filter never returns the unfiltered list.
struct CaseFilter {
  std::optional<std::string> ward;
  std::optional<std::string> status;      // open | closed
  std::optional<std::string> risk_level;  // low | medium | high
  std::optional<std::string> q;  // part of case_ref or household_label; width/kana/case folded
  std::optional<std::string> risk_category;  // one of the case's risk_categories
  std::optional<std::string> section;        // one of the case's sections
  std::optional<std::string> lead;           // the lead's user id, or "me" for the caller
};

class Cases {
 public:
  Cases(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Creation<Case>> create(const Actor& actor, const RequestMeta& meta,
                                const CaseFields& fields,
                                const std::optional<IdempotencyKey>& key = std::nullopt);
  Result<Case> get(const Actor& actor, const RequestMeta& meta, const std::string& id);
  Result<Page<Case>> list(const Actor& actor, const RequestMeta& meta, const CaseFilter& filter,
                          const PageRequest& page);
  // `if_match`: the version the caller read; a different current version is Aborted (412).
  Result<Case> update(const Actor& actor, const RequestMeta& meta, const std::string& id,
                      const CaseFields& fields, std::optional<int64_t> if_match);
  Result<Case> close(const Actor& actor, const RequestMeta& meta, const std::string& id,
                     const std::string& reason, std::optional<int64_t> if_match);
  // Opens a closed case again (FailedPrecondition when it is open); `reason` is required.
  Result<Case> reopen(const Actor& actor, const RequestMeta& meta, const std::string& id,
                      const std::string& reason, std::optional<int64_t> if_match);
  // The case's history of changes, oldest first (audited as a read).
  Result<std::vector<CaseEvent>> events(const Actor& actor, const RequestMeta& meta,
                                        const std::string& id);

 private:
  Result<Case> change_status(const Actor& actor, const RequestMeta& meta, const std::string& id,
                             const std::string& reason, std::optional<int64_t> if_match,
                             CaseStatus to);
  storage::Database& db_;
  const Clock& clock_;
};

// Within a transaction: the case if it exists and `actor` may see it (NotFound otherwise).
// Used by referrals and meetings; does not audit.
Result<Case> load_case_in_scope(storage::Connection& c, const Actor& actor, const std::string& id);

// Within a transaction: for a ward the case `id` was transferred away from (by an accepted
// transfer, the latest one), the case as it left that ward, with transferred_to/transferred_at
// set; nullopt when none of the actor's wards gave the case away.
Result<std::optional<Case>> former_ward_view(storage::Connection& c, const Actor& actor,
                                             const std::string& id);

// Runs `body` on the case `id` in an audited read (audited_read.h: a reader snapshot, then the
// entries `body` adds written in one commit) when `actor` may read it (a ward the case was
// transferred away from reads former_ward_view(), read-only). A case that exists but is not the
// actor's to read answers exactly as an unknown id does (the role's 403, or the same 404 body)
// and leaves a "case.read_denied" audit entry naming `what` was asked for, committed although
// the request fails: probing other wards' cases is on record.
Status with_readable_case(
    storage::Database& db, const Clock& clock, const Actor& actor, const RequestMeta& meta,
    const std::string& id, const char* what,
    const std::function<Status(storage::Connection&, const Case&, AuditedReads&)>& body);

// Within a write transaction: create() without the Idempotency-Key — every check (role, ward,
// fields, lead, a unique case_ref), the insert and its audit entry. For create() and the demo.
Result<Case> insert_case(storage::Connection& c, const Clock& clock, const Actor& actor,
                         const RequestMeta& meta, const CaseFields& fields);

// Within a write transaction: the case for a change by `actor` — in scope (NotFound), writable by
// the actor (PermissionDenied) and at the version the caller read (Aborted for a stale If-Match).
Result<Case> load_case_for_change(storage::Connection& c, const Actor& actor, const std::string& id,
                                  std::optional<int64_t> if_match);

// Within a transaction: Ok when `lead` is empty or an active coordinator or staff member of
// `ward`; InvalidArgument naming lead_user_id otherwise.
Status check_case_lead(storage::Connection& c, const std::optional<std::string>& lead,
                       const std::string& ward);

// Within the meeting's write transaction: applies `d` to the case (NotFound outside the actor's
// scope, FailedPrecondition when closed, InvalidArgument for a lead who cannot lead it), bumps
// its version, and writes its case events and a case.update audit entry.
Status apply_case_decision(storage::Connection& c, const Clock& clock, const Actor& actor,
                           const RequestMeta& meta, const CaseDecision& d);

}  // namespace tsunagu::domain
