// Meetings that hold the network together: 座談会 roundtables (kind `roundtable`), 合同ケース会議
// (`case_conference`), the 要対協's 実務者会議 (`practitioners`), 個別ケース検討会議
// (`individual`) and the ward's attendance at the 児童相談所's regular meeting
// (`child_guidance_conference`: a case meeting, never a roundtable's openness), with invitations,
// attendance, agenda, minutes, decisions and action items.
//
// Rules every function keeps:
// - The confidentiality wall: residents attend roundtables without a duty of confidentiality, so
//   a roundtable holds no case — no agenda item with a case, and no text that quotes a case_ref
//   or household label of the ward (meeting_wall.h).
// - Scope: ward roles see and run the meetings of their wards (another ward's is NotFound); a
//   partner sees only meetings its organization was invited to, and of a case meeting only the
//   time, the place and its own action items (Meeting::redacted). Admin and auditor: none.
// - A decision on a case (a new lead worker, the next review date) changes the case in the same
//   transaction as the decision, with case events and audit entries.
// - Every change and every read of a case meeting's content is audited in its transaction.
//
// Thread-safety: a Meetings object may be shared by all request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/base/idempotency.h"
#include "domain/base/paging.h"
#include "domain/cases/case_words.h"
#include "domain/meetings/action_item_states.h"
#include "domain/meetings/meeting_states.h"
#include "domain/meetings/meeting_words.h"
#include "domain/referrals/referral_states.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

// Exactly one of organization_id, user_id and name (a resident without an account).
struct Attendee {
  std::optional<std::string> organization_id;
  std::optional<std::string> user_id;
  std::optional<std::string> name;
  std::optional<std::string> role;  // 司会, 記録, 参加 … as the ward writes it
  std::optional<bool> present;      // unknown until attendance is taken
};

struct AgendaItem {
  std::string title;
  std::optional<std::string> case_id;
  std::string notes;
};

struct MeetingDecision {
  std::string id;
  std::string text;
  std::optional<std::string> case_id;
  std::optional<std::string> lead_user_id;    // the case's new lead worker
  std::optional<std::string> next_review_on;  // the case's next review, YYYY-MM-DD
  std::optional<std::string> plan_review_by;  // the support plan's review date
  std::string recorded_by;
  TimePoint recorded_at;
};

struct ActionItem {
  std::string id;
  std::string meeting_id;
  std::string title;
  std::optional<std::string> owner_organization_id;
  std::optional<std::string> owner_user_id;
  std::optional<std::string> due_on;  // YYYY-MM-DD
  ActionItemStatus status = ActionItemStatus::kOpen;
  int64_t version = 0;
  TimePoint created_at;
  TimePoint updated_at;
  bool overdue = false;  // open and past due_on (Asia/Tokyo)
  // Names beside the ids, so a list reads without further calls.
  std::string meeting_title;
  std::optional<std::string> owner_organization_name;
  std::optional<std::string> owner_user_name;
};

struct Meeting {
  std::string id;
  MeetingKind kind = MeetingKind::kRoundtable;
  std::string title;
  std::string ward;
  std::optional<std::string> district;
  TimePoint starts_at;
  TimePoint ends_at;
  std::optional<std::string> place;
  MeetingStatus status = MeetingStatus::kPlanned;
  std::vector<std::string> invited_organization_ids;
  std::vector<Attendee> attendees;
  std::vector<AgendaItem> agenda;
  std::string minutes;
  std::vector<MeetingDecision> decisions;
  std::vector<ActionItem> action_items;
  int64_t version = 0;
  std::string created_by;
  TimePoint created_at;
  TimePoint updated_at;
  // A partner's view of a case meeting: title is the kind's name, and agenda, minutes,
  // decisions and other owners' action items are left out.
  bool redacted = false;
};

// Input for create (required: kind, title, ward, starts_at, ends_at; status planned, or held
// for a meeting that took place) and PATCH (any but kind and ward). Times are RFC 3339 text,
// checked here so every broken field is named at once. Arrays replace what the meeting had.
struct MeetingFields {
  std::optional<std::string> kind;
  std::optional<std::string> title;
  std::optional<std::string> ward;
  std::optional<std::string> district;
  std::optional<std::string> starts_at;
  std::optional<std::string> ends_at;
  std::optional<std::string> place;
  std::optional<std::string> status;
  std::optional<std::vector<std::string>> invited_organization_ids;
  std::optional<std::vector<Attendee>> attendees;
  std::optional<std::vector<AgendaItem>> agenda;
  std::optional<std::string> minutes;
  // A change (JSON Merge Patch): the optional fields sent as null, to be emptied (district,
  // place).
  std::vector<std::string> removed;
  // What the request's reader found wrong (shapes, unknown fields, required fields sent as
  // null), reported with the rules' findings in one answer.
  std::vector<FieldError> input_errors;
};

struct MeetingFilter {
  std::optional<TimePoint> from;  // starts at or after
  std::optional<TimePoint> to;    // starts before
  std::optional<std::string> ward;
  std::optional<std::string> kind;
  std::optional<std::string> status;
};

struct NewDecision {
  std::string text;
  std::optional<std::string> case_id;
  std::optional<std::string> lead_user_id;
  std::optional<std::string> next_review_on;
  std::optional<std::string> plan_review_by;
};

// One line of a 実務者会議's suggested agenda: an open case of the ward and where it stands.
struct SuggestedAgendaItem {
  struct OpenReferral {
    std::string id;
    std::string organization_id;
    std::string organization_name;
    ReferralStatus status = ReferralStatus::kDraft;  // draft | sent | accepted
    std::optional<std::string> due_by;
    bool overdue = false;
  };
  std::string case_id;
  std::string case_ref;
  std::string household_label;
  RiskLevel risk_level = RiskLevel::kLow;
  std::vector<std::string> risk_categories;
  std::optional<std::string> lead_user_id;
  std::optional<std::string> lead_display_name;
  std::optional<std::string> last_reviewed_on;
  std::optional<int64_t> days_since_last_review;  // nullopt: never reviewed
  std::optional<std::string> next_review_on;
  std::vector<OpenReferral> open_referrals;
};

// Who has met whom at roundtables: each organization present at a held roundtable of the ward,
// and each pair that sat at the same table.
struct NetworkMemory {
  struct Member {
    std::string organization_id;
    std::string name;
    std::string category;
    int64_t roundtables = 0;
    std::string last_attended_on;  // YYYY-MM-DD
  };
  struct Pair {
    std::string organization_a;  // a < b
    std::string organization_b;
    int64_t meetings = 0;
    std::string last_met_on;
  };
  std::vector<Member> members;
  std::vector<Pair> pairs;
};

class Meetings {
 public:
  Meetings(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Creation<Meeting>> create(const Actor& actor, const RequestMeta& meta,
                                   const MeetingFields& fields,
                                   const std::optional<IdempotencyKey>& key = std::nullopt);
  Result<Meeting> get(const Actor& actor, const RequestMeta& meta, const std::string& id);
  // The calendar: times, places and titles, never agenda or minutes; ordered by starts_at.
  Result<Page<Meeting>> list(const Actor& actor, const MeetingFilter& filter,
                             const PageRequest& page);
  // `if_match`: the version the caller read; a different one is Aborted (412). Status moves
  // planned → held | cancelled only (FailedPrecondition otherwise).
  Result<Meeting> update(const Actor& actor, const RequestMeta& meta, const std::string& id,
                         const MeetingFields& fields, std::optional<int64_t> if_match);
  // Records a decision; one on a case updates that case (lead, next review, the support plan's
  // review date, last review = the meeting's date) in the same transaction. With `key`, a retry
  // of the same request answers the meeting as it now is and records nothing twice.
  Result<Creation<Meeting>> decide(const Actor& actor, const RequestMeta& meta,
                                   const std::string& id, const NewDecision& decision,
                                   std::optional<int64_t> if_match,
                                   const std::optional<IdempotencyKey>& key = std::nullopt);

  // For a practitioners' meeting: every open case of its ward, highest risk first, then the
  // longest without review. Reading it is audited per case.
  Result<std::vector<SuggestedAgendaItem>> suggested_agenda(const Actor& actor,
                                                            const RequestMeta& meta,
                                                            const std::string& id);
  // Appends the suggested cases that are not on the agenda yet.
  Result<Meeting> adopt_suggested_agenda(const Actor& actor, const RequestMeta& meta,
                                         const std::string& id, std::optional<int64_t> if_match);

  // The meetings `actor` is invited to (as a user, through their organization, or as the one
  // who planned it), from 90 days ago on, for the iCalendar feed. No case data.
  Result<std::vector<Meeting>> calendar(const Actor& actor);

  Result<NetworkMemory> network_memory(const Actor& actor, const std::string& ward,
                                       const std::optional<std::string>& district);

 private:
  // decide()'s work within its transaction: every check, the decision, the case it changes.
  Result<Meeting> record_decision(storage::Connection& c, const Actor& actor,
                                  const RequestMeta& meta, const std::string& id,
                                  const NewDecision& d, std::optional<int64_t> if_match,
                                  Date today);

  storage::Database& db_;
  const Clock& clock_;
};

// Within a write transaction: create() without the Idempotency-Key — every check, the insert
// with its parts, and the audit entry. For create() and the demo.
Result<Meeting> insert_meeting(storage::Connection& c, const Clock& clock, const Actor& actor,
                               const RequestMeta& meta, const MeetingFields& fields);

// The Japanese name of a meeting kind (座談会, 合同ケース会議, 実務者会議, 個別ケース検討会議).
const char* kind_label(MeetingKind kind);

}  // namespace tsunagu::domain
