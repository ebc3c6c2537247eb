// The casework a ward records on a case: the 特定妊婦 detailed assessment at pregnancy
// registration (scored by the server from the form's version, assessment_forms.h) and the
// coordinator's determination; contacts (家庭訪問, 同行訪問, 電話, 来所, the coordinator's 助言);
// and the case's timeline, where contacts, assessments, referrals, meetings, transfers and case
// events read as one history.
//
// Rules every function keeps:
// - Ward staff and coordinators of the case's ward write; a determination is the coordinator's.
// - A role that never reads cases (partners, admin, auditor) gets its 403 whether the case
//   exists or not; another ward gets the same 404 as for an unknown case.
// - A ward the case was transferred away from reads what happened before the move (its
//   assessments, contacts, timeline up to the move) and changes nothing (case.transferred).
// - Every change is audited in its own transaction; every read is on record before its answer
//   is returned (audited_read.h).
//
// Thread-safety: a Casework object may be shared by all request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/base/idempotency.h"
#include "domain/base/paging.h"
#include "domain/cases/assessment_forms.h"
#include "domain/cases/case_words.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

struct Determination {
  bool specified_pregnancy = false;
  RiskLevel risk_level = RiskLevel::kLow;
  std::optional<std::string> note;
  std::string determined_by;
  TimePoint determined_at;
};

struct Assessment {
  std::string id;
  std::string case_id;
  std::string ward;  // the ward that assessed
  std::string form;
  int form_version = 0;
  std::string assessed_on;  // YYYY-MM-DD
  nlohmann::json answers;   // {item_code: value}
  Score score;
  std::optional<std::string> note;
  std::string created_by;
  TimePoint created_at;
  std::optional<Determination> determination;
};

// POST …/assessments. form_version absent: the form's newest version.
struct NewAssessment {
  std::optional<std::string> form;
  std::optional<int64_t> form_version;
  std::optional<std::string> assessed_on;
  std::optional<nlohmann::json> answers;
  std::optional<std::string> note;
  std::vector<FieldError> input_errors;  // what reading the request found
};

// POST …/assessments/{aid}/determination.
struct NewDetermination {
  std::optional<bool> specified_pregnancy;
  std::optional<std::string> risk_level;
  std::optional<std::string> note;
  std::vector<FieldError> input_errors;
};

struct Contact {
  std::string id;
  std::string case_id;
  std::string ward;  // the ward that recorded it
  ContactKind kind = ContactKind::kOther;
  std::string on;  // YYYY-MM-DD
  std::vector<std::string> by_user_ids;
  std::optional<std::string> with_organization_id;
  std::string summary;
  std::optional<std::string> next_step;
  std::string created_by;
  TimePoint created_at;
};

// POST …/contacts. by_user_ids absent or empty: the caller alone.
struct NewContact {
  std::optional<std::string> kind;
  std::optional<std::string> on;
  std::optional<std::vector<std::string>> by_user_ids;
  std::optional<std::string> with_organization_id;
  std::optional<std::string> summary;
  std::optional<std::string> next_step;
  std::vector<FieldError> input_errors;
};

// One line of a case's history. `type`: contact, assessment, referral, meeting, transfer or
// event; `kind` within it (the contact's kind, the referral's new status, the meeting's kind,
// the transfer's status, the case event's kind); `ref_id` the record it comes from.
struct TimelineEntry {
  TimePoint at;
  std::string type;
  std::string kind;
  std::optional<std::string> ref_id;
  std::optional<std::string> actor_id;
  std::optional<std::string> summary;  // a contact's summary, a partner's name, a title
};

// The request bodies, read the same way for the API and the demo seed: what is wrong with their
// shape goes to input_errors, reported with the rules' findings.
NewAssessment read_new_assessment(const nlohmann::json& body);
NewDetermination read_new_determination(const nlohmann::json& body);
NewContact read_new_contact(const nlohmann::json& body);

// Within a write transaction: Casework's changes without their own transaction (for the API
// and the demo seed).
Result<Assessment> record_assessment(storage::Connection& c, const Clock& clock, const Actor& actor,
                                     const RequestMeta& meta, const std::string& case_id,
                                     const NewAssessment& in);
Result<Assessment> record_determination(storage::Connection& c, const Clock& clock,
                                        const Actor& actor, const RequestMeta& meta,
                                        const std::string& case_id,
                                        const std::string& assessment_id,
                                        const NewDetermination& in);
Result<Contact> record_contact(storage::Connection& c, const Clock& clock, const Actor& actor,
                               const RequestMeta& meta, const std::string& case_id,
                               const NewContact& in);

class Casework {
 public:
  Casework(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // `key`: the Idempotency-Key; a retry with it answers the assessment the first one made.
  Result<Creation<Assessment>> assess(const Actor& actor, const RequestMeta& meta,
                                      const std::string& case_id, const NewAssessment& in,
                                      const std::optional<IdempotencyKey>& key = std::nullopt);
  Result<Assessment> assessment(const Actor& actor, const RequestMeta& meta,
                                const std::string& case_id, const std::string& id);
  // Newest first.
  Result<Page<Assessment>> assessments(const Actor& actor, const RequestMeta& meta,
                                       const std::string& case_id, const PageRequest& page);
  // Records the coordinator's decision once and sets the case's risk_categories (adds or removes
  // specified_pregnancy) and risk_level in the same transaction, as one case event
  // ("determined"). A second determination of one assessment is FailedPrecondition.
  Result<Assessment> determine(const Actor& actor, const RequestMeta& meta,
                               const std::string& case_id, const std::string& assessment_id,
                               const NewDetermination& in);

  Result<Creation<Contact>> add_contact(const Actor& actor, const RequestMeta& meta,
                                        const std::string& case_id, const NewContact& in,
                                        const std::optional<IdempotencyKey>& key = std::nullopt);
  Result<Contact> contact(const Actor& actor, const RequestMeta& meta, const std::string& case_id,
                          const std::string& id);
  // Newest first (by the day of the contact, then by when it was recorded).
  Result<Page<Contact>> contacts(const Actor& actor, const RequestMeta& meta,
                                 const std::string& case_id, const PageRequest& page);

  // Everything that happened on the case, newest first.
  Result<Page<TimelineEntry>> timeline(const Actor& actor, const RequestMeta& meta,
                                       const std::string& case_id, const PageRequest& page);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace tsunagu::domain
