#include "domain/cases/casework.h"

#include <algorithm>

#include "common/field_reader.h"
#include "common/ids.h"
#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/audit/audit.h"
#include "domain/base/choices.h"
#include "domain/base/json_column.h"
#include "domain/cases/cases.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

using Json = nlohmann::json;

constexpr char kAssessmentColumns[] =
    "id, case_id, ward, form, form_version, assessed_on, answers, score, suggested_risk_level,"
    " drivers, note, created_by, created_at, determined_specified_pregnancy,"
    " determined_risk_level, determination_note, determined_by, determined_at";

constexpr char kContactColumns[] =
    "id, case_id, ward, kind, on_date, by_user_ids, with_organization_id, summary, next_step,"
    " created_by, created_at";

Json drivers_json(const std::vector<ScoreDriver>& drivers) {
  Json out = Json::array();
  for (const ScoreDriver& d : drivers) out.push_back({{"code", d.code}, {"weight", d.weight}});
  return out;
}

std::vector<ScoreDriver> drivers_from(const std::string& text) {
  std::vector<ScoreDriver> out;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const Json& d : j) {
    if (d.is_object() && d.contains("code") && d["code"].is_string() && d.contains("weight") &&
        d["weight"].is_number_integer()) {
      out.push_back({d["code"].get<std::string>(), d["weight"].get<int>()});
    }
  }
  return out;
}

Result<Assessment> row_to_assessment(const storage::Statement& s) {
  Assessment a;
  a.id = s.text(0);
  a.case_id = s.text(1);
  a.ward = s.text(2);
  a.form = s.text(3);
  a.form_version = static_cast<int>(s.int64(4));
  a.assessed_on = s.text(5);
  a.answers = Json::parse(s.text(6), nullptr, false);
  if (!a.answers.is_object()) a.answers = Json::object();
  a.score.score = static_cast<int>(s.int64(7));
  a.score.suggested_risk_level = s.text(8);
  a.score.drivers = drivers_from(s.text(9));
  a.note = s.optional_text(10);
  a.created_by = s.text(11);
  a.created_at = parse_stored_time(s.text(12));
  if (auto determined = s.optional_int64(13)) {
    TRY_ASSIGN(const RiskLevel level, decode_word<RiskLevel>(s.text(14)));
    a.determination = Determination{*determined != 0, level, s.optional_text(15), s.text(16),
                                    parse_stored_time(s.text(17))};
  }
  return a;
}

Result<Contact> row_to_contact(const storage::Statement& s) {
  TRY_ASSIGN(const ContactKind kind, decode_word<ContactKind>(s.text(3)));
  return Contact{s.text(0),
                 s.text(1),
                 s.text(2),
                 kind,
                 s.text(4),
                 strings_from_json(s.text(5)),
                 s.optional_text(6),
                 s.text(7),
                 s.optional_text(8),
                 s.text(9),
                 parse_stored_time(s.text(10))};
}

audit::Entry case_entry(const char* action, const char* type, const std::string& id,
                        const std::string& case_id, std::optional<std::string> detail = {}) {
  return {action, type, id, case_id, std::nullopt, std::move(detail)};
}

// The moment up to which a ward the case moved away from reads its records; nullopt for the
// case's own ward (everything).
std::optional<std::string> read_until(const Case& view) {
  if (!view.transferred_at) return std::nullopt;
  return format_utc(*view.transferred_at);
}

// Within a write transaction: the case for a new record by `actor` — its own ward's and open.
// A ward the case moved away from is told so (read-only there); everyone else gets the 404.
Result<Case> case_for_record(storage::Connection& c, const Actor& actor, const std::string& id) {
  auto found = load_case_in_scope(c, actor, id);
  if (!found.ok()) {
    if (found.error().kind() != ErrorKind::kNotFound) return found.error();
    TRY_ASSIGN(const std::optional<Case> former, former_ward_view(c, actor, id));
    if (former) {
      return Error::FailedPrecondition(
                 "The case has moved to another ward; what happened before the move is "
                 "read-only here.")
          .with_code("case.transferred");
    }
    return not_found();
  }
  TRY(authorize(&actor, Action::kCaseWrite, {found->ward, std::nullopt}));
  if (!case_is_open(found->status)) return Error::FailedPrecondition("The case is closed.");
  return *found;
}

// A date that is given, well formed and not after today (Asia/Tokyo).
void check_past_date(const std::optional<std::string>& value, const char* field, const Clock& clock,
                     std::vector<FieldError>& errors) {
  if (!value) {
    errors.push_back(FieldError::Required(field));
  } else if (!parse_date(*value).ok()) {
    errors.push_back({field, "must be a date YYYY-MM-DD"});
  } else if (*value > format_date(tokyo_date(clock.now()))) {
    errors.push_back(FieldError::Future(field));
  }
}

Result<Assessment> load_assessment(storage::Connection& c, const std::string& case_id,
                                   const std::string& id) {
  auto s = c.prepare(std::string("SELECT ") + kAssessmentColumns +
                     " FROM case_assessments WHERE id = ?1 AND case_id = ?2");
  s.bind(1, id).bind(2, case_id);
  if (!s.step()) return not_found();
  return row_to_assessment(s);
}

Result<Contact> load_contact(storage::Connection& c, const std::string& case_id,
                             const std::string& id) {
  auto s = c.prepare(std::string("SELECT ") + kContactColumns +
                     " FROM case_contacts WHERE id = ?1 AND case_id = ?2");
  s.bind(1, id).bind(2, case_id);
  if (!s.step()) return not_found();
  return row_to_contact(s);
}

std::vector<std::string> with_category(std::vector<std::string> categories, bool present) {
  const std::string kSpecified = "specified_pregnancy";
  std::erase(categories, kSpecified);
  if (present) categories.push_back(kSpecified);
  std::sort(categories.begin(), categories.end());
  categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
  return categories;
}

// The people named on a contact: each an active coordinator or staff member of `ward`.
void check_people(storage::Connection& c, const std::vector<std::string>& ids,
                  const std::string& ward, std::vector<FieldError>& errors) {
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string field = "by_user_ids[" + std::to_string(i) + "]";
    if (std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i), ids[i]) !=
        ids.begin() + static_cast<std::ptrdiff_t>(i)) {
      errors.push_back({field, "is listed twice"});
    } else if (!check_case_lead(c, ids[i], ward).ok()) {
      errors.push_back({field, "is not a coordinator or staff member of the ward"});
    }
  }
}

bool any_coordinator(storage::Connection& c, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    auto s = c.prepare("SELECT 1 FROM users u WHERE u.id = ?1 AND " +
                       access::users_with("u", access::is_ward_lead));
    s.bind(1, id);
    if (s.step()) return true;
  }
  return false;
}

// A record under a case (an assessment, a contact) made once per Idempotency-Key by
// `record(c)`; a retry answers the first one, `load`ed again while the case is still writable.
template <typename T, typename Load, typename Record>
Result<Creation<T>> create_once_under_case(storage::Database& db, const Clock& clock,
                                           const Actor& actor, const std::string& case_id,
                                           const std::optional<IdempotencyKey>& key, Load load,
                                           Record record) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  return db.write([&](storage::Connection& c) -> Result<Creation<T>> {
    return idempotency::create_once<T>(
        c, clock, actor.user_id, key,
        [&](const std::string& first_id) -> Result<T> {
          TRY(case_for_record(c, actor, case_id));
          return load(c, case_id, first_id);
        },
        [&] { return record(c); });
  });
}

// One record under a case (an assessment, a contact) as `actor` may read it: `load`ed on a
// reader, not found when it was recorded after the case left the actor's ward, and its read
// recorded as `action` on `resource_type` before it is returned.
template <typename T>
Result<T> read_case_record(storage::Database& db, const Clock& clock, const Actor& actor,
                           const RequestMeta& meta, const std::string& case_id,
                           const std::string& id, const char* what, const char* action,
                           const char* resource_type,
                           Result<T> (*load)(storage::Connection&, const std::string&,
                                             const std::string&)) {
  std::optional<T> out;
  TRY(with_readable_case(
      db, clock, actor, meta, case_id, what,
      [&](storage::Connection& c, const Case& view, AuditedReads& reads) -> Status {
        TRY_ASSIGN(T found, load(c, case_id, id));
        if (auto until = read_until(view); until && format_utc(found.created_at) > *until) {
          return not_found();  // recorded after the case left this ward
        }
        reads.push_back(case_entry(action, resource_type, id, case_id));
        out = std::move(found);
        return Status::Ok();
      }));
  return std::move(*out);
}

}  // namespace

NewAssessment read_new_assessment(const Json& body) {
  FieldReader r(body);
  NewAssessment in;
  in.form = r.string("form", Need::kRequired, 64);
  in.form_version = r.integer("form_version", Need::kOptional, 1, 1000);
  in.assessed_on = r.string("assessed_on", Need::kRequired, 10);
  if (const Json* answers = r.raw("answers", Need::kRequired)) {
    if (answers->is_object()) {
      in.answers = *answers;
    } else {
      r.fail(FieldError::Type("answers", "object", "must be an object"));
    }
  }
  in.note = r.string("note", Need::kOptional, 2000);
  in.input_errors = r.take_errors();
  return in;
}

NewDetermination read_new_determination(const Json& body) {
  FieldReader r(body);
  NewDetermination in;
  in.specified_pregnancy = r.boolean("specified_pregnancy", Need::kRequired);
  in.risk_level = r.string("risk_level", Need::kRequired, 20);
  in.note = r.string("note", Need::kOptional, 2000);
  in.input_errors = r.take_errors();
  return in;
}

NewContact read_new_contact(const Json& body) {
  FieldReader r(body);
  NewContact in;
  in.kind = r.string("kind", Need::kRequired, 40);
  in.on = r.string("on", Need::kRequired, 10);
  in.by_user_ids = r.strings("by_user_ids", Need::kOptional, 20, 64);
  in.with_organization_id = r.string("with_organization_id", Need::kOptional, 64);
  in.summary = r.string("summary", Need::kRequired, 4000);
  in.next_step = r.string("next_step", Need::kOptional, 2000);
  in.input_errors = r.take_errors();
  return in;
}

Result<Assessment> record_assessment(storage::Connection& c, const Clock& clock, const Actor& actor,
                                     const RequestMeta& meta, const std::string& case_id,
                                     const NewAssessment& in) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  // One pass: the reader's findings, the form and its version, the date, the answers.
  std::vector<FieldError> errors = in.input_errors;
  std::vector<FieldError> rules;
  const AssessmentForm* form = nullptr;
  if (!in.form) {
    rules.push_back(FieldError::Required("form"));
  } else if (!find_form(*in.form, std::nullopt)) {
    std::vector<std::string> names;
    for (const AssessmentForm& f : assessment_forms()) {
      if (std::find(names.begin(), names.end(), f.form) == names.end()) names.push_back(f.form);
    }
    std::string allowed;
    for (const auto& n : names) allowed += (allowed.empty() ? "" : ", ") + n;
    rules.push_back(FieldError::InvalidChoice("form", allowed));
  } else {
    std::optional<int> version;
    if (in.form_version) version = static_cast<int>(*in.form_version);
    form = find_form(*in.form, version);
    if (!form) rules.push_back({"form_version", "is not a version of this form"});
  }
  check_past_date(in.assessed_on, "assessed_on", clock, rules);
  Score score;
  if (!in.answers) {
    rules.push_back(FieldError::Required("answers"));
  } else if (form) {
    auto scored = score_answers(*form, *in.answers);
    if (scored.ok()) {
      score = *scored;
    } else {
      const auto& fields = scored.error().fields();
      rules.insert(rules.end(), fields.begin(), fields.end());
    }
  }
  add_field_errors(errors, std::move(rules));
  {
    TRY_ASSIGN(Case found, case_for_record(c, actor, case_id));
    if (!errors.empty() || form == nullptr) {
      return Error::InvalidArgument("The assessment has invalid fields.", errors);
    }
    const std::string id = new_uuid();
    const std::string now = format_utc(clock.now());
    c.prepare(
         "INSERT INTO case_assessments (id, case_id, ward, form, form_version, assessed_on,"
         " answers, score, suggested_risk_level, drivers, note, created_by, created_at)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
        .bind(1, id)
        .bind(2, case_id)
        .bind(3, found.ward)
        .bind(4, form->form)
        .bind(5, form->version)
        .bind(6, *in.assessed_on)
        .bind(7, in.answers->dump())
        .bind(8, score.score)
        .bind(9, score.suggested_risk_level)
        .bind(10, drivers_json(score.drivers).dump())
        .bind(11, in.note)
        .bind(12, actor.user_id)
        .bind(13, now)
        .run();
    audit::append(c, clock, &actor, meta,
                  case_entry("assessment.create", "case_assessment", id, case_id,
                             form->form + " v" + std::to_string(form->version)));
    return load_assessment(c, case_id, id);
  }
}

Result<Creation<Assessment>> Casework::assess(const Actor& actor, const RequestMeta& meta,
                                              const std::string& case_id, const NewAssessment& in,
                                              const std::optional<IdempotencyKey>& key) {
  return create_once_under_case<Assessment>(
      db_, clock_, actor, case_id, key, load_assessment, [&](storage::Connection& c) {
        return record_assessment(c, clock_, actor, meta, case_id, in);
      });
}

Result<Assessment> Casework::assessment(const Actor& actor, const RequestMeta& meta,
                                        const std::string& case_id, const std::string& id) {
  return read_case_record<Assessment>(db_, clock_, actor, meta, case_id, id, "assessment",
                                      "case.assessment", "case_assessment", load_assessment);
}

Result<Page<Assessment>> Casework::assessments(const Actor& actor, const RequestMeta& meta,
                                               const std::string& case_id,
                                               const PageRequest& page) {
  Page<Assessment> out;
  TRY(with_readable_case(
      db_, clock_, actor, meta, case_id, "assessments",
      [&](storage::Connection& c, const Case& view, AuditedReads& reads) -> Status {
        const char* where =
            " FROM case_assessments WHERE case_id = ?1 AND (?2 IS NULL OR created_at <= "
            "?2)";
        auto count = c.prepare(std::string("SELECT count(*)") + where);
        count.bind(1, case_id).bind(2, read_until(view));
        count.step();
        out.total = count.int64(0);
        auto rows = c.prepare(std::string("SELECT ") + kAssessmentColumns + where +
                              " ORDER BY assessed_on DESC, created_at DESC, id"
                              " LIMIT ?3 OFFSET ?4");
        rows.bind(1, case_id).bind(2, read_until(view));
        rows.bind(3, page.per_page).bind(4, page.offset());
        while (rows.step()) {
          TRY_ASSIGN(Assessment a, row_to_assessment(rows));
          out.items.push_back(std::move(a));
        }
        reads.push_back(case_entry("case.assessments", "case", case_id, case_id));
        return Status::Ok();
      }));
  return out;
}

Result<Assessment> record_determination(storage::Connection& c, const Clock& clock,
                                        const Actor& actor, const RequestMeta& meta,
                                        const std::string& case_id,
                                        const std::string& assessment_id,
                                        const NewDetermination& in) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  std::vector<FieldError> errors = in.input_errors;
  std::vector<FieldError> rules;
  if (!in.specified_pregnancy) rules.push_back(FieldError::Required("specified_pregnancy"));
  if (!in.risk_level) {
    rules.push_back(FieldError::Required("risk_level"));
  } else if (!is_one_of(words::kRiskLevels, *in.risk_level)) {
    rules.push_back(invalid_choice("risk_level", words::kRiskLevels));
  }
  add_field_errors(errors, std::move(rules));
  {
    TRY_ASSIGN(Case current, case_for_record(c, actor, case_id));
    TRY_ASSIGN(Assessment a, load_assessment(c, case_id, assessment_id));
    // The decision is the coordinator's, agreed between the sections.
    TRY(authorize(&actor, Action::kAssessmentDetermine, {current.ward, std::nullopt}));
    if (a.determination) {
      return Error::FailedPrecondition("The assessment has been determined already.")
          .with_code("assessment.determined");
    }
    if (!errors.empty()) {
      return Error::InvalidArgument("The determination has invalid fields.", errors);
    }
    const std::string now = format_utc(clock.now());
    c.prepare(
         "UPDATE case_assessments SET determined_specified_pregnancy = ?2,"
         " determined_risk_level = ?3, determination_note = ?4, determined_by = ?5,"
         " determined_at = ?6 WHERE id = ?1")
        .bind(1, assessment_id)
        .bind(2, *in.specified_pregnancy)
        .bind(3, *in.risk_level)
        .bind(4, in.note)
        .bind(5, actor.user_id)
        .bind(6, now)
        .run();
    const std::vector<std::string> categories =
        with_category(current.risk_categories, *in.specified_pregnancy);
    c.prepare(
         "UPDATE cases SET risk_categories = ?2, risk_level = ?3, version = version + 1,"
         " updated_at = ?4 WHERE id = ?1")
        .bind(1, case_id)
        .bind(2, strings_to_json(categories))
        .bind(3, *in.risk_level)
        .bind(4, now)
        .run();
    const Json from = {{"risk_categories", current.risk_categories},
                       {"risk_level", to_string(current.risk_level)},
                       {"assessment_id", assessment_id}};
    const Json to = {{"risk_categories", categories},
                     {"risk_level", *in.risk_level},
                     {"assessment_id", assessment_id}};
    c.prepare(
         "INSERT INTO case_events (case_id, at, actor_id, kind, from_value, to_value, reason)"
         " VALUES (?1, ?2, ?3, 'determined', ?4, ?5, ?6)")
        .bind(1, case_id)
        .bind(2, now)
        .bind(3, actor.user_id)
        .bind(4, from.dump())
        .bind(5, to.dump())
        .bind(6, in.note)
        .run();
    audit::append(c, clock, &actor, meta,
                  case_entry("assessment.determine", "case_assessment", assessment_id, case_id,
                             *in.specified_pregnancy ? "specified_pregnancy" : "not specified"));
    return load_assessment(c, case_id, assessment_id);
  }
}

Result<Assessment> Casework::determine(const Actor& actor, const RequestMeta& meta,
                                       const std::string& case_id, const std::string& assessment_id,
                                       const NewDetermination& in) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  return db_.write([&](storage::Connection& c) -> Result<Assessment> {
    return record_determination(c, clock_, actor, meta, case_id, assessment_id, in);
  });
}

Result<Contact> record_contact(storage::Connection& c, const Clock& clock, const Actor& actor,
                               const RequestMeta& meta, const std::string& case_id,
                               const NewContact& in) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  std::vector<FieldError> errors = in.input_errors;
  std::vector<FieldError> rules;
  const std::optional<ContactKind> kind =
      in.kind ? parse_word<ContactKind>(*in.kind) : std::nullopt;
  if (!in.kind) {
    rules.push_back(FieldError::Required("kind"));
  } else if (!kind) {
    rules.push_back(invalid_choice("kind", words::kContactKinds));
  }
  check_past_date(in.on, "on", clock, rules);
  if (!in.summary || in.summary->empty()) rules.push_back(FieldError::Required("summary"));
  std::vector<std::string> people = in.by_user_ids.value_or(std::vector<std::string>{});
  if (people.empty()) people.push_back(actor.user_id);
  {
    TRY_ASSIGN(Case found, case_for_record(c, actor, case_id));
    std::vector<FieldError> checks;
    check_people(c, people, found.ward, checks);
    if (kind == ContactKind::kAccompaniedVisit && people.size() < 2) {
      checks.push_back({"by_user_ids", "must name at least two people for an accompanied visit"});
    }
    if (kind == ContactKind::kAdvice && !any_coordinator(c, people)) {
      checks.push_back({"by_user_ids", "must include a coordinator for advice"});
    }
    if (in.with_organization_id) {
      auto org = c.prepare("SELECT 1 FROM organizations WHERE id = ?1");
      org.bind(1, *in.with_organization_id);
      if (!org.step())
        checks.push_back({"with_organization_id", "is not an organization in the directory"});
    }
    std::vector<FieldError> all = errors;
    add_field_errors(all, rules);
    add_field_errors(all, std::move(checks));
    if (!all.empty()) return Error::InvalidArgument("The contact has invalid fields.", all);
    const std::string id = new_uuid();
    c.prepare(
         "INSERT INTO case_contacts (id, case_id, ward, kind, on_date, by_user_ids,"
         " with_organization_id, summary, next_step, created_by, created_at)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        .bind(1, id)
        .bind(2, case_id)
        .bind(3, found.ward)
        .bind(4, to_string(*kind))
        .bind(5, *in.on)
        .bind(6, strings_to_json(people))
        .bind(7, in.with_organization_id)
        .bind(8, *in.summary)
        .bind(9, in.next_step)
        .bind(10, actor.user_id)
        .bind(11, format_utc(clock.now()))
        .run();
    audit::append(c, clock, &actor, meta,
                  case_entry("contact.create", "case_contact", id, case_id, to_string(*kind)));
    return load_contact(c, case_id, id);
  }
}

Result<Creation<Contact>> Casework::add_contact(const Actor& actor, const RequestMeta& meta,
                                                const std::string& case_id, const NewContact& in,
                                                const std::optional<IdempotencyKey>& key) {
  return create_once_under_case<Contact>(
      db_, clock_, actor, case_id, key, load_contact,
      [&](storage::Connection& c) { return record_contact(c, clock_, actor, meta, case_id, in); });
}

Result<Contact> Casework::contact(const Actor& actor, const RequestMeta& meta,
                                  const std::string& case_id, const std::string& id) {
  return read_case_record<Contact>(db_, clock_, actor, meta, case_id, id, "contact", "case.contact",
                                   "case_contact", load_contact);
}

Result<Page<Contact>> Casework::contacts(const Actor& actor, const RequestMeta& meta,
                                         const std::string& case_id, const PageRequest& page) {
  Page<Contact> out;
  TRY(with_readable_case(
      db_, clock_, actor, meta, case_id, "contacts",
      [&](storage::Connection& c, const Case& view, AuditedReads& reads) -> Status {
        const char* where =
            " FROM case_contacts WHERE case_id = ?1 AND (?2 IS NULL OR created_at <= ?2)";
        auto count = c.prepare(std::string("SELECT count(*)") + where);
        count.bind(1, case_id).bind(2, read_until(view));
        count.step();
        out.total = count.int64(0);
        auto rows = c.prepare(std::string("SELECT ") + kContactColumns + where +
                              " ORDER BY on_date DESC, created_at DESC, id"
                              " LIMIT ?3 OFFSET ?4");
        rows.bind(1, case_id).bind(2, read_until(view));
        rows.bind(3, page.per_page).bind(4, page.offset());
        while (rows.step()) {
          TRY_ASSIGN(Contact contact, row_to_contact(rows));
          out.items.push_back(std::move(contact));
        }
        reads.push_back(case_entry("case.contacts", "case", case_id, case_id));
        return Status::Ok();
      }));
  return out;
}

Result<Page<TimelineEntry>> Casework::timeline(const Actor& actor, const RequestMeta& meta,
                                               const std::string& case_id,
                                               const PageRequest& page) {
  std::vector<TimelineEntry> all;
  TRY(with_readable_case(
      db_, clock_, actor, meta, case_id, "timeline",
      [&](storage::Connection& c, const Case& view, AuditedReads& reads) -> Status {
        const std::optional<std::string> until = read_until(view);
        auto collect = [&](const char* sql, auto make) {
          auto s = c.prepare(sql);
          s.bind(1, case_id).bind(2, until);
          while (s.step()) all.push_back(make(s));
        };
        // A contact is placed at the start of its day (Asia/Tokyo).
        collect(
            "SELECT id, kind, on_date, created_by, summary FROM case_contacts"
            " WHERE case_id = ?1 AND (?2 IS NULL OR created_at <= ?2)",
            [](const storage::Statement& s) {
              auto day = parse_rfc3339(s.text(2) + "T00:00:00+09:00");
              return TimelineEntry{day.ok() ? *day : TimePoint{},
                                   "contact",
                                   s.text(1),
                                   s.text(0),
                                   s.text(3),
                                   s.text(4)};
            });
        collect(
            "SELECT id, created_at, created_by, suggested_risk_level, form, form_version"
            " FROM case_assessments WHERE case_id = ?1 AND (?2 IS NULL OR created_at <= ?2)",
            [](const storage::Statement& s) {
              return TimelineEntry{
                  parse_stored_time(s.text(1)),
                  "assessment",
                  "assessed",
                  s.text(0),
                  s.text(2),
                  s.text(4) + " v" + std::to_string(s.int64(5)) + ": " + s.text(3)};
            });
        collect(
            "SELECT e.referral_id, e.at, e.actor_id, e.to_status, o.name FROM referral_events e"
            " JOIN referrals r ON r.id = e.referral_id"
            " JOIN organizations o ON o.id = r.organization_id"
            " WHERE r.case_id = ?1 AND (?2 IS NULL OR e.at <= ?2) ORDER BY e.seq",
            [](const storage::Statement& s) {
              return TimelineEntry{parse_stored_time(s.text(1)), "referral", s.text(3), s.text(0),
                                   s.optional_text(2),           s.text(4)};
            });
        collect(
            "SELECT DISTINCT m.id, m.starts_at, m.kind, m.title FROM meeting_agenda_items a"
            " JOIN meetings m ON m.id = a.meeting_id"
            " WHERE a.case_id = ?1 AND m.status != 'cancelled'"
            " AND (?2 IS NULL OR m.starts_at <= ?2)",
            [](const storage::Statement& s) {
              return TimelineEntry{parse_stored_time(s.text(1)),
                                   "meeting",
                                   s.text(2),
                                   s.text(0),
                                   std::nullopt,
                                   s.text(3)};
            });
        collect(
            "SELECT id, coalesce(decided_at, requested_at), coalesce(decided_by, requested_by),"
            " status, from_ward || ' → ' || to_ward FROM case_transfers"
            " WHERE case_id = ?1 AND (?2 IS NULL OR requested_at <= ?2)",
            [](const storage::Statement& s) {
              return TimelineEntry{parse_stored_time(s.text(1)),
                                   "transfer",
                                   s.text(3),
                                   s.text(0),
                                   s.text(2),
                                   s.text(4)};
            });
        collect(
            "SELECT seq, at, actor_id, kind, reason FROM case_events"
            " WHERE case_id = ?1 AND (?2 IS NULL OR at <= ?2)",
            [](const storage::Statement& s) {
              return TimelineEntry{parse_stored_time(s.text(1)), "event",   s.text(3),
                                   std::to_string(s.int64(0)),   s.text(2), s.optional_text(4)};
            });
        reads.push_back(case_entry("case.timeline", "case", case_id, case_id));
        return Status::Ok();
      }));
  // Newest first; a stable order for entries of the same moment. Each source was read in the
  // order it was recorded, so reversed first, a referral's steps of one instant (created and sent
  // at once) show the later step first.
  std::reverse(all.begin(), all.end());
  std::stable_sort(all.begin(), all.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    if (a.at != b.at) return a.at > b.at;
    if (a.type != b.type) return a.type < b.type;
    return a.ref_id < b.ref_id;
  });
  Page<TimelineEntry> out;
  out.total = static_cast<int64_t>(all.size());
  const auto begin = std::min<size_t>(all.size(), static_cast<size_t>(page.offset()));
  const auto end = std::min<size_t>(all.size(), begin + static_cast<size_t>(page.per_page));
  out.items.assign(all.begin() + static_cast<std::ptrdiff_t>(begin),
                   all.begin() + static_cast<std::ptrdiff_t>(end));
  return out;
}

}  // namespace tsunagu::domain
