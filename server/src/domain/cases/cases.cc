#include "domain/cases/cases.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/ids.h"
#include "common/text.h"
#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/audit/audit.h"
#include "domain/audit/audited_read.h"
#include "domain/base/choices.h"
#include "domain/base/idempotency.h"
#include "domain/base/if_match.h"
#include "domain/base/json_column.h"
#include "domain/base/wards.h"
#include "domain/cases/household_label.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

using Json = nlohmann::json;

using words::kRiskCategories;
using words::kRiskLevels;
using words::kSections;

constexpr char kColumns[] =
    "id, ward, case_ref, household_label, risk_categories, risk_level, sections, lead_user_id, "
    "status, close_reason, support_plan, next_review_on, last_reviewed_on, version, created_at, "
    "updated_at, closed_at";

Json plan_json(const SupportPlan& p) {
  Json j = {{"goals", p.goals}, {"family_voice", p.family_voice}, {"services", p.services}};
  j["review_by"] = p.review_by ? Json(*p.review_by) : Json(nullptr);
  return j;
}

std::string plan_to_json(const SupportPlan& p) { return plan_json(p).dump(); }

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

// The case in kColumns' order, from column `at` on.
Result<Case> row_to_case(const storage::Statement& s, int at = 0) {
  Case c;
  c.id = s.text(at + 0);
  c.ward = s.text(at + 1);
  c.case_ref = s.text(at + 2);
  c.household_label = s.text(at + 3);
  c.risk_categories = strings_from_json(s.text(at + 4));
  TRY_ASSIGN(c.risk_level, decode_word<RiskLevel>(s.text(at + 5)));
  c.sections = strings_from_json(s.text(at + 6));
  c.lead_user_id = s.optional_text(at + 7);
  TRY_ASSIGN(c.status, decode_word<CaseStatus>(s.text(at + 8)));
  c.close_reason = s.optional_text(at + 9);
  c.support_plan = plan_from_json(s.text(at + 10));
  c.next_review_on = s.optional_text(at + 11);
  c.last_reviewed_on = s.optional_text(at + 12);
  c.version = s.int64(at + 13);
  c.created_at = parse_stored_time(s.text(at + 14));
  c.updated_at = parse_stored_time(s.text(at + 15));
  if (auto closed = s.optional_text(at + 16)) c.closed_at = parse_stored_time(*closed);
  return c;
}

// Checks what a field can be checked for without the database; collects every error.
void check_fields(const CaseFields& f, std::vector<FieldError>& errors) {
  if (f.risk_level && !is_one_of(kRiskLevels, *f.risk_level)) {
    errors.push_back(invalid_choice("risk_level", kRiskLevels));
  }
  if (f.risk_categories) {
    for (size_t i = 0; i < f.risk_categories->size(); ++i) {
      if (!is_one_of(kRiskCategories, (*f.risk_categories)[i])) {
        errors.push_back(
            invalid_choice("risk_categories[" + std::to_string(i) + "]", kRiskCategories));
      }
    }
  }
  if (f.sections) {
    for (size_t i = 0; i < f.sections->size(); ++i) {
      if (!is_one_of(kSections, (*f.sections)[i])) {
        errors.push_back(invalid_choice("sections[" + std::to_string(i) + "]", kSections));
      }
    }
  }
  auto check_date = [&](const std::optional<std::string>& d, const char* field) {
    if (d && !parse_date(*d).ok()) errors.push_back({field, "must be a date YYYY-MM-DD"});
  };
  check_date(f.next_review_on.value_or(std::nullopt), "next_review_on");
  check_date(f.last_reviewed_on, "last_reviewed_on");
  if (f.support_plan)
    check_date(f.support_plan->review_by.value_or(std::nullopt), "support_plan.review_by");
  for (const auto& field : f.removed) errors.push_back({field, "cannot be removed"});
  if (f.case_ref && f.case_ref->empty()) errors.push_back({"case_ref", "must not be empty"});
  if (f.household_label && f.household_label->empty()) {
    errors.push_back({"household_label", "must not be empty"});
  } else if (f.household_label) {
    if (auto problem = household_label_problem(*f.household_label)) {
      errors.push_back({"household_label", *problem});
    }
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

// The plan after `patch`: each field it sent replaces the plan's; the rest stay.
SupportPlan merged_plan(SupportPlan plan, const SupportPlanPatch& patch) {
  if (patch.goals) plan.goals = *patch.goals;
  if (patch.family_voice) plan.family_voice = *patch.family_voice;
  if (patch.services) plan.services = *patch.services;
  if (patch.review_by) plan.review_by = *patch.review_by;
  return plan;
}

// Sorted and without duplicates, so the stored form does not depend on the order sent.
std::vector<std::string> canonical(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// `current` with the merge patch `f` applied (JSON Merge Patch: what was not sent stays).
Case patched(Case current, const CaseFields& f) {
  if (f.case_ref) current.case_ref = *f.case_ref;
  if (f.household_label) current.household_label = *f.household_label;
  if (f.risk_categories) current.risk_categories = canonical(*f.risk_categories);
  // A risk level outside the set is check_fields()'s finding; the case keeps its own.
  if (auto level = f.risk_level ? parse_word<RiskLevel>(*f.risk_level) : std::nullopt) {
    current.risk_level = *level;
  }
  if (f.sections) current.sections = canonical(*f.sections);
  if (f.lead_user_id) current.lead_user_id = *f.lead_user_id;
  if (f.support_plan) current.support_plan = merged_plan(current.support_plan, *f.support_plan);
  if (f.next_review_on) current.next_review_on = *f.next_review_on;
  if (f.last_reviewed_on) current.last_reviewed_on = f.last_reviewed_on;
  return current;
}

Json optional_value(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

// The fields a PATCH can change, as JSON, for the case event's before and after.
Json editable_fields(const Case& c) {
  return {{"case_ref", c.case_ref},
          {"household_label", c.household_label},
          {"risk_categories", c.risk_categories},
          {"risk_level", to_string(c.risk_level)},
          {"sections", c.sections},
          {"lead_user_id", optional_value(c.lead_user_id)},
          {"support_plan", plan_json(c.support_plan)},
          {"next_review_on", optional_value(c.next_review_on)},
          {"last_reviewed_on", optional_value(c.last_reviewed_on)}};
}

// The fields that differ, before and after; both empty when nothing changed.
std::pair<Json, Json> changed_fields(const Case& before, const Case& after) {
  Json from = Json::object(), to = Json::object();
  Json a = editable_fields(before), b = editable_fields(after);
  for (auto it = a.begin(); it != a.end(); ++it) {
    if (b[it.key()] != it.value()) {
      from[it.key()] = it.value();
      to[it.key()] = b[it.key()];
    }
  }
  return {from, to};
}

// What GET /cases?q= looks in: the case number and the label, folded as searches are.
std::string search_key(const std::string& case_ref, const std::string& label) {
  auto folded = fold_for_search(case_ref + " " + label);  // both are NFC text already
  return folded.ok() ? *folded : std::string();
}

void add_case_event(storage::Connection& c, const std::string& case_id, const std::string& at,
                    const Actor& actor, const char* kind, const std::string& from,
                    const std::string& to, const std::optional<std::string>& reason) {
  c.prepare(
       "INSERT INTO case_events (case_id, at, actor_id, kind, from_value, to_value, reason)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind(1, case_id)
      .bind(2, at)
      .bind(3, actor.user_id)
      .bind(4, kind)
      .bind(5, from)
      .bind(6, to)
      .bind(7, reason)
      .run();
}

// The editable columns of a case, bound from parameter `first` on in one order: case_ref,
// household_label, risk_categories, risk_level, sections, lead_user_id, support_plan,
// next_review_on, last_reviewed_on, search_key. Insert and update both store a case by it.
storage::Statement& bind_case_columns(storage::Statement& s, const Case& k, int first) {
  return s.bind(first, k.case_ref)
      .bind(first + 1, k.household_label)
      .bind(first + 2, Json(k.risk_categories).dump())
      .bind(first + 3, to_string(k.risk_level))
      .bind(first + 4, Json(k.sections).dump())
      .bind(first + 5, k.lead_user_id)
      .bind(first + 6, plan_to_json(k.support_plan))
      .bind(first + 7, k.next_review_on)
      .bind(first + 8, k.last_reviewed_on)
      .bind(first + 9, search_key(k.case_ref, k.household_label));
}

audit::Entry case_entry(const char* action, const Case& c, std::optional<std::string> detail = {}) {
  return {action, "case", c.id, c.id, std::nullopt, std::move(detail)};
}

Result<Case> reload(storage::Connection& c, const std::string& id) {
  auto s = c.prepare(std::string("SELECT ") + kColumns + " FROM cases WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return not_found();
  return row_to_case(s);
}

}  // namespace

Result<Case> load_case_in_scope(storage::Connection& c, const Actor& actor, const std::string& id) {
  TRY_ASSIGN(Case found, reload(c, id));
  // Out of scope answers exactly as an unknown id.
  if (!authorize(&actor, Action::kCaseRead, {found.ward, std::nullopt}).ok()) {
    return not_found();
  }
  return found;
}

Result<Case> load_case_for_change(storage::Connection& c, const Actor& actor, const std::string& id,
                                  std::optional<int64_t> if_match) {
  TRY_ASSIGN(Case current, load_case_in_scope(c, actor, id));
  TRY(authorize(&actor, Action::kCaseWrite, {current.ward, std::nullopt}));
  TRY(check_if_match(if_match, current.version, "case"));
  return current;
}

Result<std::optional<Case>> former_ward_view(storage::Connection& c, const Actor& actor,
                                             const std::string& id) {
  if (actor.wards.empty()) return std::optional<Case>();
  auto q = c.prepare(
      "SELECT t.to_ward, t.decided_at, s.id, s.ward, s.case_ref, s.household_label,"
      " s.risk_categories, s.risk_level, s.sections, s.lead_user_id, s.status, s.close_reason,"
      " s.support_plan, s.next_review_on, s.last_reviewed_on, s.version, s.created_at,"
      " s.updated_at, s.closed_at"
      " FROM case_transfers t JOIN case_transfer_snapshots s ON s.transfer_id = t.id"
      " WHERE t.case_id = ?1 AND t.status = 'accepted'"
      " AND t.from_ward IN (SELECT value FROM json_each(?2))"
      " ORDER BY t.decided_at DESC, t.id LIMIT 1");
  q.bind(1, id).bind(2, Json(actor.wards).dump());
  if (!q.step()) return std::optional<Case>();
  TRY_ASSIGN(Case view, row_to_case(q, 2));
  view.transferred_to = q.text(0);
  view.transferred_at = parse_stored_time(q.text(1));
  return std::optional(std::move(view));
}

Status with_readable_case(
    storage::Database& db, const Clock& clock, const Actor& actor, const RequestMeta& meta,
    const std::string& id, const char* what,
    const std::function<Status(storage::Connection&, const Case&, AuditedReads&)>& body) {
  const Status role = authorize_role(&actor, Action::kCaseRead);
  std::optional<Error> denied;
  TRY(audited_read(
      db, clock, actor, meta, [&](storage::Connection& c, AuditedReads& reads) -> Status {
        auto found = reload(c, id);
        if (!found.ok()) return role.ok() ? found.error() : role.error();
        Status allowed =
            role.ok() ? authorize(&actor, Action::kCaseRead, {found->ward, std::nullopt}) : role;
        if (!allowed.ok() && role.ok()) {
          TRY_ASSIGN(std::optional<Case> former, former_ward_view(c, actor, id));
          if (former) return body(c, *former, reads);
        }
        if (!allowed.ok()) {
          reads.push_back({"case.read_denied", "case", id, id, std::nullopt,
                           std::string("denied read: ") + what});
          denied = allowed.error().kind() == ErrorKind::kNotFound ? not_found() : allowed.error();
          return Status::Ok();  // records the entry; the caller still gets `denied`
        }
        return body(c, *found, reads);
      }));
  if (denied) return *denied;
  return Status::Ok();
}

Status check_case_lead(storage::Connection& c, const std::optional<std::string>& lead,
                       const std::string& ward) {
  if (!lead) return Status::Ok();
  auto s = c.prepare(
      "SELECT 1 FROM users u JOIN user_wards w ON w.user_id = u.id WHERE u.id = ?1"
      " AND w.ward = ?2 AND u.disabled = 0 AND " +
      access::users_with("u", access::is_ward_role));
  s.bind(1, *lead).bind(2, ward);
  if (!s.step())
    return Error::Field("lead_user_id", "is not a coordinator or staff member of the ward");
  return Status::Ok();
}

namespace {

// check_case_lead()'s finding as field errors, for a pass that collects them all.
std::vector<FieldError> lead_errors(storage::Connection& c, const std::optional<std::string>& lead,
                                    const std::string& ward) {
  Status lead_ok = check_case_lead(c, lead, ward);
  return lead_ok.ok() ? std::vector<FieldError>{} : lead_ok.error().fields();
}

}  // namespace

Result<Case> insert_case(storage::Connection& c, const Clock& clock, const Actor& actor,
                         const RequestMeta& meta, const CaseFields& f) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  // One pass: the reader's findings, the rules of the fields, then the ward and the lead.
  std::vector<FieldError> errors = f.input_errors;
  std::vector<FieldError> rules;
  if (!f.ward) rules.push_back({"ward", "is required"});
  if (!f.case_ref) rules.push_back({"case_ref", "is required"});
  if (!f.household_label) rules.push_back({"household_label", "is required"});
  if (!f.risk_level) rules.push_back({"risk_level", "is required"});
  check_fields(f, rules);
  check_not_future(f.last_reviewed_on, clock, rules);
  if (f.ward && !actor.has_ward(*f.ward)) {
    rules.push_back({"ward", "is not one of your wards"});
  } else if (f.ward && !is_ward(c, *f.ward)) {
    rules.push_back({"ward", "is not a ward of Sapporo"});
  }
  add_field_errors(errors, std::move(rules));
  Case fresh;
  fresh.ward = f.ward.value_or("");
  fresh = patched(std::move(fresh), f);
  if (f.ward) add_field_errors(errors, lead_errors(c, fresh.lead_user_id, fresh.ward));
  TRY(field_errors(std::move(errors), "case"));
  std::string id = new_uuid();
  std::string now = format_utc(clock.now());
  auto insert = c.prepare(
      "INSERT INTO cases (id, ward, case_ref, household_label, risk_categories, risk_level,"
      " sections, lead_user_id, support_plan, next_review_on, last_reviewed_on, search_key,"
      " created_at, updated_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)");
  bind_case_columns(insert.bind(1, id).bind(2, fresh.ward), fresh, 3);
  TRY(insert.bind(13, now).run_unique("The ward already has a case with this case_ref."));
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
  // A read of case content is audited (with_readable_case: a snapshot, then the entry).
  Case out;
  TRY(with_readable_case(db_, clock_, actor, meta, id, "case",
                         [&](storage::Connection&, const Case& found, AuditedReads& reads) {
                           reads.push_back(case_entry("case.read", found));
                           out = found;
                           return Status::Ok();
                         }));
  return out;
}

namespace {

// The filter checked and resolved: "me" becomes the caller, q its folded search key.
Result<CaseFilter> resolve_filter(const Actor& actor, CaseFilter f) {
  std::vector<FieldError> errors;
  auto check = [&](const std::optional<std::string>& value, const char* name, Words set) {
    if (value && !is_one_of(set, *value)) errors.push_back(invalid_choice(name, set));
  };
  check(f.status, "status", words::kCaseStatuses);
  check(f.risk_level, "risk_level", kRiskLevels);
  check(f.risk_category, "risk_category", kRiskCategories);
  check(f.section, "section", kSections);
  if (!errors.empty()) return Error::Parameters(std::move(errors));
  if (f.lead && *f.lead == "me") f.lead = actor.user_id;
  if (f.q) {
    auto folded = fold_for_search(trim(*f.q));
    if (!folded.ok()) {
      return Error::Parameters({FieldError::Type("q", "text", "must be UTF-8 text")});
    }
    f.q = folded->empty() ? std::nullopt : std::optional(*folded);
  }
  return f;
}

}  // namespace

Result<Page<Case>> Cases::list(const Actor& actor, const RequestMeta& meta,
                               const CaseFilter& requested, const PageRequest& page) {
  TRY(authorize_role(&actor, Action::kCaseRead));
  TRY_ASSIGN(CaseFilter filter, resolve_filter(actor, requested));
  TRY(check_ward_param(db_, filter.ward));
  if (filter.ward && !actor.has_ward(*filter.ward)) return Page<Case>{};  // nothing in scope
  return audited_read(
      db_, clock_, actor, meta,
      [&](storage::Connection& c, AuditedReads& reads) -> Result<Page<Case>> {
        // The actor's wards as a JSON array, so one statement serves any number of wards.
        std::string wards =
            filter.ward ? Json::array({*filter.ward}).dump() : Json(actor.wards).dump();
        const char* where =
            " FROM cases WHERE ward IN (SELECT value FROM json_each(?1))"
            " AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR risk_level = ?3)"
            " AND (?4 IS NULL OR instr(search_key, ?4) > 0)"
            " AND (?5 IS NULL OR EXISTS"
            " (SELECT 1 FROM json_each(risk_categories) WHERE value = ?5))"
            " AND (?6 IS NULL OR EXISTS (SELECT 1 FROM json_each(sections) WHERE value = ?6))"
            " AND (?7 IS NULL OR lead_user_id = ?7)";
        auto bind_filter = [&](storage::Statement& s) {
          s.bind(1, wards).bind(2, filter.status).bind(3, filter.risk_level).bind(4, filter.q);
          s.bind(5, filter.risk_category).bind(6, filter.section).bind(7, filter.lead);
        };
        Page<Case> out;
        auto count = c.prepare(std::string("SELECT count(*)") + where);
        bind_filter(count);
        count.step();
        out.total = count.int64(0);
        auto rows = c.prepare(std::string("SELECT ") + kColumns + where +
                              " ORDER BY CASE risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1"
                              " ELSE 2 END, ward, case_ref, id LIMIT ?8 OFFSET ?9");
        bind_filter(rows);
        rows.bind(8, page.per_page).bind(9, page.offset());
        while (rows.step()) {
          TRY_ASSIGN(Case k, row_to_case(rows));
          out.items.push_back(std::move(k));
        }
        for (const Case& k : out.items) reads.push_back(case_entry("case.list", k));
        return out;
      });
}

Result<Case> Cases::update(const Actor& actor, const RequestMeta& meta, const std::string& id,
                           const CaseFields& f, std::optional<int64_t> if_match) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  return db_.write([&](storage::Connection& c) -> Result<Case> {
    TRY_ASSIGN(Case current, load_case_for_change(c, actor, id, if_match));
    if (!case_is_open(current.status)) return Error::FailedPrecondition("The case is closed.");
    // One pass, as on creation: the reader's findings, the rules, the lead.
    std::vector<FieldError> errors = f.input_errors;
    std::vector<FieldError> rules;
    if (f.ward) {
      rules.push_back({"ward", "cannot be changed; close the case and open one in the other ward"});
    }
    check_fields(f, rules);
    check_not_future(f.last_reviewed_on, clock_, rules);
    add_field_errors(errors, std::move(rules));
    Case next = patched(current, f);
    if (f.lead_user_id) add_field_errors(errors, lead_errors(c, next.lead_user_id, current.ward));
    TRY(field_errors(std::move(errors), "case"));
    auto [from, to] = changed_fields(current, next);
    if (from.empty()) {
      audit::append(c, clock_, &actor, meta, case_entry("case.update", current, "unchanged"));
      return current;  // nothing to change: no new version, no event
    }
    std::string now = format_utc(clock_.now());
    auto update = c.prepare(
        "UPDATE cases SET case_ref = ?2, household_label = ?3, risk_categories = ?4,"
        " risk_level = ?5, sections = ?6, lead_user_id = ?7, support_plan = ?8,"
        " next_review_on = ?9, last_reviewed_on = ?10, search_key = ?11,"
        " version = version + 1, updated_at = ?12 WHERE id = ?1");
    bind_case_columns(update.bind(1, id), next, 2);
    TRY(update.bind(12, now).run_unique("The ward already has a case with this case_ref."));
    add_case_event(c, id, now, actor, "edited", from.dump(), to.dump(), std::nullopt);
    TRY_ASSIGN(Case updated, reload(c, id));
    audit::append(c, clock_, &actor, meta, case_entry("case.update", updated));
    return updated;
  });
}

Result<Case> Cases::close(const Actor& actor, const RequestMeta& meta, const std::string& id,
                          const std::string& reason, std::optional<int64_t> if_match) {
  return change_status(actor, meta, id, reason, if_match, CaseStatus::kClosed);
}

Result<Case> Cases::reopen(const Actor& actor, const RequestMeta& meta, const std::string& id,
                           const std::string& reason, std::optional<int64_t> if_match) {
  return change_status(actor, meta, id, reason, if_match, CaseStatus::kOpen);
}

Result<Case> Cases::change_status(const Actor& actor, const RequestMeta& meta,
                                  const std::string& id, const std::string& reason,
                                  std::optional<int64_t> if_match, CaseStatus to) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  if (reason.empty()) return Error::Field("reason", "is required");
  return db_.write([&](storage::Connection& c) -> Result<Case> {
    TRY_ASSIGN(Case current, load_case_for_change(c, actor, id, if_match));
    const std::optional<CaseStep> step = case_step(current.status, to);
    if (!step) {
      return Error::FailedPrecondition(to == CaseStatus::kClosed ? "The case is already closed."
                                                                 : "The case is open already.");
    }
    std::string now = format_utc(clock_.now());
    c.prepare(
         "UPDATE cases SET status = ?2, close_reason = ?3, closed_at = ?4,"
         " updated_at = ?5, version = version + 1 WHERE id = ?1")
        .bind(1, id)
        .bind(2, to_string(to))
        .bind(3, step->records_close ? std::optional(reason) : std::nullopt)
        .bind(4, step->records_close ? std::optional(now) : std::nullopt)
        .bind(5, now)
        .run();
    add_case_event(c, id, now, actor, step->event, to_string(current.status), to_string(to),
                   reason);
    TRY_ASSIGN(Case changed, reload(c, id));
    audit::append(c, clock_, &actor, meta, case_entry(step->audit_action, changed));
    return changed;
  });
}

}  // namespace tsunagu::domain
