// Closed-loop referrals (紹介): a ward refers a family's case to a partner organization, and the
// referral moves through the state table in referral_states.h until it ends with a decision or
// an outcome. Every step is compare-and-set on `version` inside one write transaction together
// with its event, its audit entry and its notifications, so twenty concurrent accepts produce
// exactly one success and nothing acknowledged is ever half-written.
//
// Who sees what: the referring ward's coordinators and staff see everything; the receiving
// partner sees its inbox only — the summary while the referral is sent, the intake packet once
// it accepted, never internal_note, and after the end only what it wrote itself (view()).
// Admin and auditor see no referral content.
//
// Thread-safety: a Referrals object may be shared by all request threads and the timer thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/merge_patch.h"
#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/base/idempotency.h"
#include "domain/base/paging.h"
#include "domain/referrals/referral_states.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

struct Consent {
  std::string obtained_on;  // YYYY-MM-DD
  std::string obtained_by;  // who asked the family
  std::string scope;        // what the family agreed to share, with whom
};

// Whom the partner calls back about a pending referral: the ward's office as the directory lists
// it (its desk phone) and who sent the referral.
struct WardContact {
  std::string ward;
  std::string ward_name;  // 中央区
  std::string organization_id;
  std::string name;  // 中央区役所 保健福祉課
  std::string phone;
  std::optional<std::string> sent_by_name;
};

struct Referral {
  std::string id;
  std::optional<std::string> case_id;  // hidden from partners
  std::string ward;
  std::string organization_id;
  std::optional<std::string> service_id;
  ReferralStatus status = ReferralStatus::kDraft;
  Urgency urgency = Urgency::kRoutine;
  std::optional<LegalBasis> legal_basis;
  std::optional<Consent> consent;
  std::optional<std::string> summary;
  std::optional<std::string> intake_note;
  std::optional<std::string> household_label;  // from the case; part of the intake packet
  std::optional<std::string> internal_note;
  std::optional<std::string> due_by;
  std::optional<std::string> reason_code;
  std::optional<std::string> response_note;
  std::optional<std::string> outcome;
  int64_t version = 0;
  std::optional<std::string> created_by;
  TimePoint created_at;
  TimePoint updated_at;
  std::optional<TimePoint> sent_at;
  std::optional<TimePoint> responded_at;
  std::optional<TimePoint> closed_at;
  bool overdue = false;  // sent or accepted, and past due_by without an answer or outcome
  // Names beside the ids, so a list reads without further calls.
  std::string organization_name;
  std::optional<std::string> service_name;
  // While the referral waits on the partner (sent or accepted), when the ward's office is listed.
  std::optional<WardContact> ward_contact;
};

struct NewReferral {
  std::string case_id;
  std::string organization_id;
  std::optional<std::string> service_id;
  std::string urgency = "routine";
  std::optional<std::string> legal_basis;
  std::optional<Consent> consent;
  std::string summary;
  std::optional<std::string> intake_note;
  std::optional<std::string> internal_note;
  std::optional<std::string> due_by;
  bool send = false;
  // What reading the request found wrong (its shape, unknown fields); create() reports these
  // together with the rules' findings, in one answer.
  std::vector<FieldError> input_errors;
};

// A change to a draft (JSON Merge Patch): a field left out keeps its value, null removes an
// optional one. The case is fixed: a referral for another case is a new referral.
struct DraftChanges {
  std::optional<std::string> organization_id;
  Patch<std::string> service_id;
  std::optional<std::string> urgency;
  Patch<std::string> legal_basis;
  Patch<Consent> consent;
  std::optional<std::string> summary;
  Patch<std::string> intake_note;
  Patch<std::string> internal_note;
  Patch<std::string> due_by;
  std::vector<FieldError> input_errors;  // as NewReferral::input_errors
};

struct TransitionRequest {
  std::string to;
  std::optional<std::string> reason_code;
  std::optional<std::string> note;
  std::optional<std::string> outcome;
  // What the request's reader found wrong with its shape, reported with the rules' findings.
  std::vector<FieldError> input_errors{};
};

struct ReferralFilter {
  std::optional<std::string> status;
  std::optional<std::string> organization_id;
  std::optional<std::string> case_id;
  std::optional<std::string> ward;
  bool overdue_only = false;
};

struct ReferralEvent {
  int64_t seq = 0;
  TimePoint at;
  std::optional<std::string> actor_id;
  std::string actor_role;  // a role, or "system"
  std::optional<ReferralStatus> from;
  ReferralStatus to = ReferralStatus::kDraft;
  std::optional<std::string> reason_code;
  std::optional<std::string> note;
};

class Referrals {
 public:
  Referrals(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Creation<Referral>> create(const Actor& actor, const RequestMeta& meta,
                                    const NewReferral& input,
                                    const std::optional<IdempotencyKey>& key);
  Result<Referral> get(const Actor& actor, const RequestMeta& meta, const std::string& id);
  Result<Page<Referral>> list(const Actor& actor, const RequestMeta& meta,
                              const ReferralFilter& filter, const PageRequest& page);
  // Changes a draft before it is sent (FailedPrecondition once it was); the same rules as
  // create(), in one answer. `if_match` as for transition().
  Result<Referral> edit_draft(const Actor& actor, const RequestMeta& meta, const std::string& id,
                              const DraftChanges& changes, std::optional<int64_t> if_match);
  // `if_match`: the version the caller read; a different one is Aborted (412).
  Result<Referral> transition(const Actor& actor, const RequestMeta& meta, const std::string& id,
                              const TransitionRequest& request, std::optional<int64_t> if_match);
  Result<std::vector<ReferralEvent>> events(const Actor& actor, const RequestMeta& meta,
                                            const std::string& id);

  // The timer's work: sent referrals past due_by become expired (an event by the system, the
  // sender notified); accepted ones past due_by without an outcome notify the sender once.
  // Returns how many referrals expired.
  Result<int> expire_overdue();

 private:
  storage::Database& db_;
  const Clock& clock_;
};

// What `actor` may see of `r` (fields it may not see are cleared). Exposed for tests.
Referral view(const Actor& actor, Referral r);
// Whether view() keeps the household's label of a referral in `status` for `actor`: ward roles
// always, the receiving partner once it accepted (part of the intake packet).
bool household_shown(const Actor& actor, ReferralStatus status);

}  // namespace tsunagu::domain
