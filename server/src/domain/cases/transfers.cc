#include "domain/cases/transfers.h"

#include <nlohmann/json.hpp>

#include "common/field_reader.h"
#include "common/ids.h"
#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/audit/audit.h"
#include "domain/audit/audited_read.h"
#include "domain/base/choices.h"
#include "domain/base/if_match.h"
#include "domain/base/wards.h"
#include "domain/cases/cases.h"
#include "domain/cases/transfer_states.h"
#include "domain/referrals/notifications.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

using Json = nlohmann::json;

constexpr char kSelect[] =
    "SELECT t.id, t.case_id, k.case_ref, k.household_label, t.from_ward, t.to_ward, t.status,"
    " t.reason, t.response_note, t.version, t.requested_by, t.requested_at, t.decided_by,"
    " t.decided_at, t.moved FROM case_transfers t JOIN cases k ON k.id = t.case_id";

Result<Transfer> row_to_transfer(const storage::Statement& s) {
  Transfer t;
  t.id = s.text(0);
  t.case_id = s.text(1);
  t.case_ref = s.text(2);
  t.household_label = s.text(3);
  t.from_ward = s.text(4);
  t.to_ward = s.text(5);
  TRY_ASSIGN(t.status, decode_word<TransferStatus>(s.text(6)));
  t.reason = s.text(7);
  t.response_note = s.optional_text(8);
  t.version = s.int64(9);
  t.requested_by = s.text(10);
  t.requested_at = parse_stored_time(s.text(11));
  t.decided_by = s.optional_text(12);
  if (auto at = s.optional_text(13)) t.decided_at = parse_stored_time(*at);
  if (auto moved = s.optional_text(14)) {
    Json j = Json::parse(*moved, nullptr, false);
    if (j.is_object()) {
      t.moved = TransferMoved{j.value("referrals", int64_t{0}), j.value("agenda_items", int64_t{0}),
                              j.value("lead_cleared", false)};
    }
  }
  return t;
}

Result<std::optional<Transfer>> load(storage::Connection& c, const std::string& id) {
  auto s = c.prepare(std::string(kSelect) + " WHERE t.id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::optional<Transfer>();
  TRY_ASSIGN(Transfer t, row_to_transfer(s));
  return std::optional(std::move(t));
}

// Within a transaction: the transfer when one of the actor's wards sends or receives it.
Result<Transfer> load_in_scope(storage::Connection& c, const Actor& actor, const std::string& id) {
  TRY_ASSIGN(std::optional<Transfer> found, load(c, id));
  if (!found || !(actor.has_ward(found->from_ward) || actor.has_ward(found->to_ward))) {
    return not_found();
  }
  return *found;
}

audit::Entry transfer_entry(const char* action, const Transfer& t,
                            std::optional<std::string> detail = {}) {
  return {action, "case_transfer", t.id, t.case_id, std::nullopt, std::move(detail)};
}

std::vector<std::optional<std::string>> coordinators_of(storage::Connection& c,
                                                        const std::string& ward) {
  std::vector<std::optional<std::string>> out;
  auto s = c.prepare(
      "SELECT u.id FROM users u JOIN user_wards w ON w.user_id = u.id"
      " WHERE w.ward = ?1 AND u.disabled = 0 AND " +
      access::users_with("u", access::is_ward_lead) + " ORDER BY u.id");
  s.bind(1, ward);
  while (s.step()) out.push_back(s.text(0));
  return out;
}

NotificationNote transfer_note(const char* kind, const Transfer& t) {
  NotificationNote note;
  note.kind = kind;
  note.status = to_string(t.status);
  note.link = "/transfers/" + t.id;
  return note;
}

// The move itself, inside the accepting transaction (see transfers.h). `now` is the transfer's
// decided_at: the former ward's read-only view ends there, so the `transferred` event must carry
// the same instant to stay in it.
Status move_case(storage::Connection& c, const std::string& now, const Actor& actor,
                 const Transfer& t, bool had_lead) {
  c.prepare(
       "INSERT INTO case_transfer_snapshots (transfer_id, id, ward, case_ref, household_label,"
       " risk_categories, risk_level, sections, lead_user_id, status, close_reason, support_plan,"
       " next_review_on, last_reviewed_on, version, created_at, updated_at, closed_at)"
       " SELECT ?1, id, ward, case_ref, household_label, risk_categories, risk_level, sections,"
       " lead_user_id, status, close_reason, support_plan, next_review_on, last_reviewed_on,"
       " version, created_at, updated_at, closed_at FROM cases WHERE id = ?2")
      .bind(1, t.id)
      .bind(2, t.case_id)
      .run();
  TransferMoved moved;
  moved.lead_cleared = had_lead;
  TRY(c.prepare("UPDATE cases SET ward = ?2, lead_user_id = NULL, version = version + 1,"
                " updated_at = ?3 WHERE id = ?1")
          .bind(1, t.case_id)
          .bind(2, t.to_ward)
          .bind(3, now)
          .run_unique("The receiving ward already has a case with this case_ref."));
  c.prepare(
       "UPDATE referrals SET ward = ?2 WHERE case_id = ?1 AND ward = ?3"
       " AND status IN ('draft', 'sent', 'accepted')")
      .bind(1, t.case_id)
      .bind(2, t.to_ward)
      .bind(3, t.from_ward)
      .run();
  moved.referrals = c.changes();
  c.prepare(
       "UPDATE meeting_agenda_items SET case_id = NULL WHERE case_id = ?1 AND meeting_id IN"
       " (SELECT id FROM meetings WHERE ward = ?2 AND status = 'planned' AND starts_at > ?3)")
      .bind(1, t.case_id)
      .bind(2, t.from_ward)
      .bind(3, now)
      .run();
  moved.agenda_items = c.changes();
  c.prepare(
       "INSERT INTO case_events (case_id, at, actor_id, kind, from_value, to_value, reason)"
       " VALUES (?1, ?2, ?3, 'transferred', ?4, ?5, ?6)")
      .bind(1, t.case_id)
      .bind(2, now)
      .bind(3, actor.user_id)
      .bind(4, t.from_ward)
      .bind(5, t.to_ward)
      .bind(6, t.reason)
      .run();
  c.prepare("UPDATE case_transfers SET moved = ?2 WHERE id = ?1")
      .bind(1, t.id)
      .bind(2, Json({{"referrals", moved.referrals},
                     {"agenda_items", moved.agenda_items},
                     {"lead_cleared", moved.lead_cleared}})
                   .dump())
      .run();
  return Status::Ok();
}

}  // namespace

NewTransfer read_new_transfer(const Json& body) {
  FieldReader r(body);
  NewTransfer in;
  in.to_ward = r.string("to_ward", Need::kRequired, 20);
  in.reason = r.string("reason", Need::kRequired, 2000);
  in.input_errors = r.take_errors();
  return in;
}

Result<Transfer> request_transfer(storage::Connection& c, const Clock& clock, const Actor& actor,
                                  const RequestMeta& meta, const std::string& case_id,
                                  const NewTransfer& in) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  {
    TRY_ASSIGN(Case current, load_case_for_change(c, actor, case_id, std::nullopt));
    // One pass: the reader's findings, then the rules.
    std::vector<FieldError> errors = in.input_errors;
    std::vector<FieldError> rules;
    if (!in.to_ward) {
      rules.push_back(FieldError::Required("to_ward"));
    } else if (!is_ward(c, *in.to_ward)) {
      rules.push_back({"to_ward", "is not a ward of Sapporo"});
    } else if (*in.to_ward == current.ward) {
      rules.push_back({"to_ward", "is the case's own ward"});
    }
    if (!in.reason || in.reason->empty()) rules.push_back(FieldError::Required("reason"));
    add_field_errors(errors, std::move(rules));
    if (!errors.empty()) return Error::InvalidArgument("The transfer has invalid fields.", errors);
    if (!case_is_open(current.status)) return Error::FailedPrecondition("The case is closed.");
    const std::string id = new_uuid();
    TRY(c.prepare("INSERT INTO case_transfers (id, case_id, from_ward, to_ward, reason,"
                  " requested_by, requested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .bind(1, id)
            .bind(2, case_id)
            .bind(3, current.ward)
            .bind(4, *in.to_ward)
            .bind(5, *in.reason)
            .bind(6, actor.user_id)
            .bind(7, format_utc(clock.now()))
            .run_unique("The case has a pending transfer already."));
    TRY_ASSIGN(std::optional<Transfer> created, load(c, id));
    deliver(c, clock, transfer_note("transfer.received", *created),
            coordinators_of(c, created->to_ward), {});
    audit::append(
        c, clock, &actor, meta,
        transfer_entry("transfer.request", *created, created->from_ward + "->" + created->to_ward));
    return *created;
  }
}

Result<Creation<Transfer>> Transfers::request(const Actor& actor, const RequestMeta& meta,
                                              const std::string& case_id, const NewTransfer& in,
                                              const std::optional<IdempotencyKey>& key) {
  TRY(authorize_role(&actor, Action::kCaseWrite));
  return db_.write([&](storage::Connection& c) -> Result<Creation<Transfer>> {
    return idempotency::create_once<Transfer>(
        c, clock_, actor.user_id, key,
        [&](const std::string& first_id) { return load_in_scope(c, actor, first_id); },
        [&] { return request_transfer(c, clock_, actor, meta, case_id, in); });
  });
}

Result<Transfer> Transfers::transition(const Actor& actor, const RequestMeta& meta,
                                       const std::string& id, const TransferStep& step,
                                       std::optional<int64_t> if_match) {
  TRY(authorize_role(&actor, Action::kCaseRead));
  std::vector<FieldError> errors = step.input_errors;
  std::vector<FieldError> rules;
  std::optional<TransferStatus> to;
  if (!step.to) {
    rules.push_back(FieldError::Required("to"));
  } else {
    to = parse_transfer_status(*step.to);
    if (!to || *to == TransferStatus::kPending) {
      rules.push_back(FieldError::InvalidChoice("to", "accepted, declined, withdrawn"));
      to.reset();
    }
  }
  add_field_errors(errors, std::move(rules));
  return db_.write([&](storage::Connection& c) -> Result<Transfer> {
    TRY_ASSIGN(Transfer current, load_in_scope(c, actor, id));
    if (!errors.empty()) return Error::InvalidArgument("The step is incomplete.", errors);
    TRY(check_if_match(if_match, current.version, "transfer"));
    const std::string from = to_string(current.status);
    auto rule = transfer_rule(current.status, *to);
    if (!rule) {
      return Error::FailedPrecondition("A transfer that is " + from + " cannot become " + *step.to +
                                       ".")
          .with_code("transfer.illegal_transition", {{"from", from}, {"to", *step.to}});
    }
    const std::string& side_ward =
        rule->by == TransferSide::kReceiving ? current.to_ward : current.from_ward;
    if (!actor.has_ward(side_ward) || !may_take(*rule, rule->by, actor.role)) {
      return Error::PermissionDenied(rule->by == TransferSide::kReceiving
                                         ? "Only the receiving ward's coordinator may accept or "
                                           "decline a transfer."
                                         : "Only the sending ward may withdraw a transfer.");
    }
    if (rule->needs_reason && !step.reason) {
      return Error::Field(FieldError::Required("reason"));
    }
    if (rule->by == TransferSide::kReceiving) {
      TRY(authorize(&actor, Action::kTransferDecide, {current.to_ward, std::nullopt}));
    }
    const std::string now = format_utc(clock_.now());
    c.prepare(
         "UPDATE case_transfers SET status = ?3, version = version + 1, response_note = ?4,"
         " decided_by = ?5, decided_at = ?6 WHERE id = ?1 AND version = ?2 AND status = 'pending'")
        .bind(1, id)
        .bind(2, current.version)
        .bind(3, to_string(*to))
        .bind(4, step.reason)
        .bind(5, actor.user_id)
        .bind(6, now)
        .run();
    if (c.changes() != 1) return Error::Aborted("The transfer changed at the same time. Reload.");
    if (*to == TransferStatus::kAccepted) {
      // The receiving coordinator cannot read the case before it moves; it is read as stored.
      bool had_lead = false;
      {
        auto row = c.prepare("SELECT ward, lead_user_id FROM cases WHERE id = ?1");
        row.bind(1, current.case_id);
        if (!row.step() || row.text(0) != current.from_ward) {
          return Error::FailedPrecondition("The case is no longer in the sending ward.");
        }
        had_lead = row.optional_text(1).has_value();
      }
      TRY(move_case(c, now, actor, current, had_lead));
    }
    TRY_ASSIGN(std::optional<Transfer> updated, load(c, id));
    deliver(c, clock_, transfer_note("transfer.decided", *updated), {updated->requested_by}, {});
    audit::append(
        c, clock_, &actor, meta,
        transfer_entry("transfer.transition", *updated, from + "->" + to_string(updated->status)));
    return *updated;
  });
}

Result<Transfer> Transfers::get(const Actor& actor, const RequestMeta& meta,
                                const std::string& id) {
  TRY(authorize_role(&actor, Action::kCaseRead));
  return audited_read(db_, clock_, actor, meta,
                      [&](storage::Connection& c, AuditedReads& reads) -> Result<Transfer> {
                        TRY_ASSIGN(Transfer t, load_in_scope(c, actor, id));
                        reads.push_back(transfer_entry("transfer.read", t));
                        return t;
                      });
}

Result<Page<Transfer>> Transfers::list(const Actor& actor, const RequestMeta& meta,
                                       const TransferFilter& filter, const PageRequest& page) {
  TRY(authorize_role(&actor, Action::kCaseRead));
  if (filter.status && !is_one_of(words::kTransferStatuses, *filter.status)) {
    return Error::Parameters({invalid_choice("status", words::kTransferStatuses)});
  }
  TRY(check_ward_param(db_, filter.ward));
  if (filter.ward && !actor.has_ward(*filter.ward)) return Page<Transfer>{};  // nothing in scope
  return audited_read(
      db_, clock_, actor, meta,
      [&](storage::Connection& c, AuditedReads& reads) -> Result<Page<Transfer>> {
        const std::string wards =
            filter.ward ? Json::array({*filter.ward}).dump() : Json(actor.wards).dump();
        const char* where =
            " WHERE (t.from_ward IN (SELECT value FROM json_each(?1))"
            " OR t.to_ward IN (SELECT value FROM json_each(?1)))"
            " AND (?2 IS NULL OR t.status = ?2)";
        Page<Transfer> out;
        auto count = c.prepare(std::string("SELECT count(*) FROM case_transfers t") + where);
        count.bind(1, wards).bind(2, filter.status);
        count.step();
        out.total = count.int64(0);
        auto rows = c.prepare(std::string(kSelect) + where +
                              " ORDER BY t.requested_at DESC, t.id LIMIT ?3 OFFSET ?4");
        rows.bind(1, wards).bind(2, filter.status).bind(3, page.per_page).bind(4, page.offset());
        while (rows.step()) {
          TRY_ASSIGN(Transfer t, row_to_transfer(rows));
          out.items.push_back(std::move(t));
        }
        for (const Transfer& t : out.items) reads.push_back(transfer_entry("transfer.list", t));
        return out;
      });
}

}  // namespace tsunagu::domain
