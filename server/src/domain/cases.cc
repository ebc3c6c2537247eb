#include "domain/cases.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/ids.h"
#include "domain/audit.h"
#include "domain/authorization.h"
#include "domain/choices.h"
#include "domain/idempotency.h"
#include "domain/json_column.h"
#include "domain/wards.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

using Json = nlohmann::json;

constexpr const char* kRiskCategories[] = {"specified_pregnancy", "abuse_certified",
                                           "parenting_difficulty", "other"};
constexpr const char* kSections[] = {"maternal_child_health", "child_welfare"};
constexpr const char* kRiskLevels[] = {"low", "medium", "high"};

constexpr char kColumns[] =
    "id, ward, case_ref, household_label, risk_categories, risk_level, sections, lead_user_id, "
    "status, close_reason, support_plan, next_review_on, last_reviewed_on, version, created_at, "
    "updated_at, closed_at";

std::string plan_to_json(const SupportPlan& p) {
  Json j = {{"goals", p.goals}, {"family_voice", p.family_voice}, {"services", p.services}};
  j["review_by"] = p.review_by ? Json(*p.review_by) : Json(nullptr);
  return j.dump();
}

SupportPlan plan_from_json(const std::string& text) {
  SupportPlan p;
  auto j = Json::parse(text, nullptr, false);
  if (!j.is_object()) return p;
  p.goals = strings_from_json(j.value("goals", Json::array()).dump());
  p.family_voice = j.value("family_voice", "");
  p.services = strings_from_json(j.value("services", Json::array()).dump());
  if (j.contains("review_by") && j["review_by"].is_string())
    p.review_by = j["review_by"].get<std::string>();
  return p;
}

Case row_to_case(const storage::Statement& s) {
  Case c;
  c.id = s.text(0);
  c.ward = s.text(1);
  c.case_ref = s.text(2);
  c.household_label = s.text(3);
  c.risk_categories = strings_from_json(s.text(4));
  c.risk_level = s.text(5);
  c.sections = strings_from_json(s.text(6));
  c.lead_user_id = s.optional_text(7);
  c.status = s.text(8);
  c.close_reason = s.optional_text(9);
  c.support_plan = plan_from_json(s.text(10));
  c.next_review_on = s.optional_text(11);
  c.last_reviewed_on = s.optional_text(12);
  c.version = s.int64(13);
  c.created_at = parse_stored_time(s.text(14));
  c.updated_at = parse_stored_time(s.text(15));
  if (auto closed = s.optional_text(16)) c.closed_at = parse_stored_time(*closed);
  return c;
}

// Checks what a field can be checked for without the database; collects every error.
void check_fields(const CaseFields& f, std::vector<FieldError>& errors) {
  if (f.risk_level && !is_one_of(kRiskLevels, *f.risk_level)) {
    errors.push_back({"risk_level", must_be_one_of(kRiskLevels)});
  }
  if (f.risk_categories) {
    for (size_t i = 0; i < f.risk_categories->size(); ++i) {
      if (!is_one_of(kRiskCategories, (*f.risk_categories)[i])) {
        errors.push_back(
            {"risk_categories[" + std::to_string(i) + "]", must_be_one_of(kRiskCategories)});
      }
    }
  }
  if (f.sections) {
    for (size_t i = 0; i < f.sections->size(); ++i) {
      if (!is_one_of(kSections, (*f.sections)[i])) {
        errors.push_back({"sections[" + std::to_string(i) + "]", must_be_one_of(kSections)});
      }
    }
  }
  auto check_date = [&](const std::optional<std::string>& d, const char* field) {
    if (d && !parse_date(*d).ok()) errors.push_back({field, "must be a date YYYY-MM-DD"});
  };
  check_date(f.next_review_on, "next_review_on");
  check_date(f.last_reviewed_on, "last_reviewed_on");
  if (f.support_plan) check_date(f.support_plan->review_by, "support_plan.review_by");
  if (f.case_ref && f.case_ref->empty()) errors.push_back({"case_ref", "must not be empty"});
  if (f.household_label && f.household_label->empty()) {
    errors.push_back({"household_label", "must not be empty"});
  }
}

// A review that is recorded cannot have happened after today (Asia/Tokyo).
void check_not_future(const std::optional<std::string>& reviewed_on, const Clock& clock,
                      std::vector<FieldError>& errors) {
  if (reviewed_on && parse_date(*reviewed_on).ok() &&
      *reviewed_on > format_date(tokyo_date(clock.now()))) {
    errors.push_back({"last_reviewed_on", "must not be in the future"});
  }
}

Status validation(std::vector<FieldError> errors) {
  if (errors.empty()) return Status::Ok();
  return Error::InvalidArgument("The case has invalid fields.", std::move(errors));
}

// Sorted and without duplicates, so the stored form does not depend on the order sent.
std::string canonical_set(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return Json(v).dump();
}

audit::Entry case_entry(const char* action, const Case& c, std::optional<std::string> detail = {}) {
  return {action, "case", c.id, c.id, std::nullopt, std::move(detail)};
}

Status check_version(const Case& current, std::optional<int64_t> if_match) {
  if (if_match && *if_match != current.version) {
    return Error::Aborted("The case has changed since you read it (version " +
                          std::to_string(current.version) + "). Reload and try again.");
  }
  return Status::Ok();
}

constexpr char kNoSuchCase[] = "No such case.";

Result<Case> reload(storage::Connection& c, const std::string& id) {
  auto s = c.prepare(std::string("SELECT ") + kColumns + " FROM cases WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return Error::NotFound(kNoSuchCase);
  return row_to_case(s);
}

}  // namespace

Result<Case> load_case_in_scope(storage::Connection& c, const Actor& actor, const std::string& id) {
  TRY_ASSIGN(Case found, reload(c, id));
  // Out of scope answers exactly as an unknown id.
  if (!authorize(&actor, Action::kCaseRead, {found.ward, std::nullopt}).ok()) {
    return Error::NotFound(kNoSuchCase);
  }
  return found;
}

Status with_readable_case(storage::Database& db, const Clock& clock, const Actor& actor,
                          const RequestMeta& meta, const std::string& id, const char* what,
                          const std::function<Status(storage::Connection&, const Case&)>& body) {
  const Status role = authorize_role(&actor, Action::kCaseRead);
  std::optional<Error> denied;
  TRY(db.write([&](storage::Connection& c) -> Status {
    auto found = reload(c, id);
    if (!found.ok()) return role.ok() ? found.error() : role.error();
    Status allowed =
        role.ok() ? authorize(&actor, Action::kCaseRead, {found->ward, std::nullopt}) : role;
    if (!allowed.ok()) {
      audit::append(
          c, clock, &actor, meta,
          {"case.read_denied", "case", id, id, std::nullopt, std::string("denied read: ") + what});
      denied = allowed.error().kind() == ErrorKind::kNotFound ? Error::NotFound(kNoSuchCase)
                                                              : allowed.error();
      return Status::Ok();  // commits the audit entry; the caller still gets `denied`
    }
    return body(c, *found);
  }));
  if (denied) return *denied;
  return Status::Ok();
}

Status check_case_lead(storage::Connection& c, const std::optional<std::string>& lead,
                       const std::string& ward) {
  if (!lead) return Status::Ok();
  auto s = c.prepare(
      "SELECT 1 FROM users u JOIN user_wards w ON w.user_id = u.id WHERE u.id = ?1"
      " AND w.ward = ?2 AND u.disabled = 0 AND u.role IN ('coordinator', 'ward_staff')");
  s.bind(1, *lead).bind(2, ward);
  if (!s.step())
    return Error::Field("lead_user_id", "is not a coordinator or staff member of the ward");
  return Status::Ok();
}

Result<Case> insert_case(storage::Connection& c, const Clock& clock, const Actor& actor,
                         const RequestMeta& meta, const CaseFields& f) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  std::vector<FieldError> errors;
  if (!f.ward) errors.push_back({"ward", "is required"});
  if (!f.case_ref) errors.push_back({"case_ref", "is required"});
  if (!f.household_label) errors.push_back({"household_label", "is required"});
  if (!f.risk_level) errors.push_back({"risk_level", "is required"});
  check_fields(f, errors);
  check_not_future(f.last_reviewed_on, clock, errors);
  if (f.ward && !actor.has_ward(*f.ward)) errors.push_back({"ward", "is not one of your wards"});
  TRY(validation(std::move(errors)));
  if (!is_ward(c, *f.ward)) return Error::Field("ward", "is not a ward of Sapporo");
  TRY(check_case_lead(c, f.lead_user_id, *f.ward));
  std::string id = new_uuid();
  std::string now = format_utc(clock.now());
  TRY(c.prepare("INSERT INTO cases (id, ward, case_ref, household_label, risk_categories,"
                " risk_level, sections, lead_user_id, support_plan, next_review_on,"
                " last_reviewed_on, created_at, updated_at)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)")
          .bind(1, id)
          .bind(2, *f.ward)
          .bind(3, *f.case_ref)
          .bind(4, *f.household_label)
          .bind(5, canonical_set(f.risk_categories.value_or(std::vector<std::string>{})))
          .bind(6, *f.risk_level)
          .bind(7, canonical_set(f.sections.value_or(std::vector<std::string>{})))
          .bind(8, f.lead_user_id)
          .bind(9, plan_to_json(f.support_plan.value_or(SupportPlan{})))
          .bind(10, f.next_review_on)
          .bind(11, f.last_reviewed_on)
          .bind(12, now)
          .run_unique("The ward already has a case with this case_ref."));
  TRY_ASSIGN(Case created, reload(c, id));
  audit::append(c, clock, &actor, meta, case_entry("case.create", created));
  return created;
}

Result<Creation<Case>> Cases::create(const Actor& actor, const RequestMeta& meta,
                                     const CaseFields& f,
                                     const std::optional<IdempotencyKey>& key) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  return db_.write([&](storage::Connection& c) -> Result<Creation<Case>> {
    return idempotency::create_once<Case>(
        c, clock_, actor.user_id, key,
        [&](const std::string& first_id) -> Result<Case> {
          TRY_ASSIGN(Case first, load_case_in_scope(c, actor, first_id));
          audit::append(c, clock_, &actor, meta, case_entry("case.read", first, "replay"));
          return first;
        },
        [&] { return insert_case(c, clock_, actor, meta, f); });
  });
}

Result<Case> Cases::get(const Actor& actor, const RequestMeta& meta, const std::string& id) {
  // A read of case content is audited, so it runs as a write.
  Case out;
  TRY(with_readable_case(db_, clock_, actor, meta, id, "case",
                         [&](storage::Connection& c, const Case& found) -> Status {
                           audit::append(c, clock_, &actor, meta, case_entry("case.read", found));
                           out = found;
                           return Status::Ok();
                         }));
  return out;
}

Result<Page<Case>> Cases::list(const Actor& actor, const RequestMeta& meta,
                               const CaseFilter& filter, const PageRequest& page) {
  TRY(authorize_role(&actor, Action::kCaseRead));
  if (filter.ward && !actor.has_ward(*filter.ward)) return Page<Case>{};  // nothing in scope
  if (filter.status && *filter.status != "open" && *filter.status != "closed") {
    return Error::Field("status", "must be open or closed");
  }
  if (filter.risk_level && !is_one_of(kRiskLevels, *filter.risk_level)) {
    return Error::Field("risk_level", must_be_one_of(kRiskLevels));
  }
  return db_.write([&](storage::Connection& c) -> Result<Page<Case>> {
    // The actor's wards as a JSON array, so one statement serves any number of wards.
    std::string wards = filter.ward ? Json::array({*filter.ward}).dump() : Json(actor.wards).dump();
    const char* where =
        " FROM cases WHERE ward IN (SELECT value FROM json_each(?1))"
        " AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR risk_level = ?3)";
    Page<Case> out;
    auto count = c.prepare(std::string("SELECT count(*)") + where);
    count.bind(1, wards).bind(2, filter.status).bind(3, filter.risk_level);
    count.step();
    out.total = count.int64(0);
    auto rows = c.prepare(std::string("SELECT ") + kColumns + where +
                          " ORDER BY CASE risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1"
                          " ELSE 2 END, ward, case_ref, id LIMIT ?4 OFFSET ?5");
    rows.bind(1, wards).bind(2, filter.status).bind(3, filter.risk_level);
    rows.bind(4, page.per_page).bind(5, page.offset());
    while (rows.step()) out.items.push_back(row_to_case(rows));
    for (const Case& k : out.items)
      audit::append(c, clock_, &actor, meta, case_entry("case.list", k));
    return out;
  });
}

Result<Case> Cases::update(const Actor& actor, const RequestMeta& meta, const std::string& id,
                           const CaseFields& f, std::optional<int64_t> if_match) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  std::vector<FieldError> errors;
  if (f.ward)
    errors.push_back({"ward", "cannot be changed; close the case and open one in the other ward"});
  check_fields(f, errors);
  check_not_future(f.last_reviewed_on, clock_, errors);
  TRY(validation(std::move(errors)));
  return db_.write([&](storage::Connection& c) -> Result<Case> {
    TRY_ASSIGN(Case current, load_case_in_scope(c, actor, id));
    TRY(authorize(&actor, Action::kCaseWrite, {current.ward, std::nullopt}));
    TRY(check_version(current, if_match));
    if (current.status == "closed") return Error::FailedPrecondition("The case is closed.");
    TRY(check_case_lead(c, f.lead_user_id, current.ward));
    std::string now = format_utc(clock_.now());
    TRY(c.prepare("UPDATE cases SET case_ref = coalesce(?2, case_ref),"
                  " household_label = coalesce(?3, household_label),"
                  " risk_categories = coalesce(?4, risk_categories),"
                  " risk_level = coalesce(?5, risk_level), sections = coalesce(?6, sections),"
                  " lead_user_id = coalesce(?7, lead_user_id),"
                  " support_plan = coalesce(?8, support_plan),"
                  " next_review_on = coalesce(?9, next_review_on),"
                  " last_reviewed_on = coalesce(?10, last_reviewed_on),"
                  " version = version + 1, updated_at = ?11 WHERE id = ?1")
            .bind(1, id)
            .bind(2, f.case_ref)
            .bind(3, f.household_label)
            .bind(4, f.risk_categories ? std::optional(canonical_set(*f.risk_categories))
                                       : std::nullopt)
            .bind(5, f.risk_level)
            .bind(6, f.sections ? std::optional(canonical_set(*f.sections)) : std::nullopt)
            .bind(7, f.lead_user_id)
            .bind(8, f.support_plan ? std::optional(plan_to_json(*f.support_plan)) : std::nullopt)
            .bind(9, f.next_review_on)
            .bind(10, f.last_reviewed_on)
            .bind(11, now)
            .run_unique("The ward already has a case with this case_ref."));
    TRY_ASSIGN(Case updated, reload(c, id));
    audit::append(c, clock_, &actor, meta, case_entry("case.update", updated));
    return updated;
  });
}

Result<Case> Cases::close(const Actor& actor, const RequestMeta& meta, const std::string& id,
                          const std::string& reason, std::optional<int64_t> if_match) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  if (reason.empty()) return Error::Field("reason", "is required");
  return db_.write([&](storage::Connection& c) -> Result<Case> {
    TRY_ASSIGN(Case current, load_case_in_scope(c, actor, id));
    TRY(authorize(&actor, Action::kCaseWrite, {current.ward, std::nullopt}));
    TRY(check_version(current, if_match));
    if (current.status == "closed") return Error::FailedPrecondition("The case is already closed.");
    std::string now = format_utc(clock_.now());
    c.prepare(
         "UPDATE cases SET status = 'closed', close_reason = ?2, closed_at = ?3,"
         " updated_at = ?3, version = version + 1 WHERE id = ?1")
        .bind(1, id)
        .bind(2, reason)
        .bind(3, now)
        .run();
    TRY_ASSIGN(Case closed, reload(c, id));
    audit::append(c, clock_, &actor, meta, case_entry("case.close", closed));
    return closed;
  });
}

}  // namespace tsunagu::domain
