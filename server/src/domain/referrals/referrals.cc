#include "domain/referrals/referrals.h"

#include <chrono>

#include "common/ids.h"
#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/audit/audit.h"
#include "domain/audit/audited_read.h"
#include "domain/base/choices.h"
#include "domain/base/if_match.h"
#include "domain/cases/cases.h"
#include "domain/directory/organizations.h"
#include "domain/referrals/referral_store.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

namespace store = referral_store;

audit::Entry referral_entry(const char* action, const Referral& r,
                            std::optional<std::string> detail = {}) {
  return {action, "referral", r.id, r.case_id, r.organization_id, std::move(detail)};
}

Date today(const Clock& clock) { return tokyo_date(clock.now()); }

// The rules an input must meet without the database; every broken one is reported.
std::vector<FieldError> check_new(const NewReferral& in, Date today) {
  std::vector<FieldError> errors;
  if (in.case_id.empty()) errors.push_back({"case_id", "is required"});
  if (in.organization_id.empty()) errors.push_back({"organization_id", "is required"});
  if (in.summary.empty()) errors.push_back({"summary", "is required"});
  if (!is_one_of(words::kUrgencies, in.urgency)) {
    errors.push_back(invalid_choice("urgency", words::kUrgencies));
  }
  if (in.legal_basis && !is_one_of(words::kLegalBases, *in.legal_basis)) {
    errors.push_back(invalid_choice("legal_basis", words::kLegalBases));
  }
  if (in.due_by) {
    auto due = parse_date(*in.due_by);
    if (!due.ok()) {
      errors.push_back({"due_by", "must be a date YYYY-MM-DD"});
    } else if (*in.due_by < format_date(today)) {
      errors.push_back({"due_by", "must not be in the past"});
    }
  }
  if (in.consent) {
    auto on = parse_date(in.consent->obtained_on);
    if (!on.ok()) {
      errors.push_back({"consent.obtained_on", "must be a date YYYY-MM-DD"});
    } else if (in.consent->obtained_on > format_date(today)) {
      errors.push_back({"consent.obtained_on", "must not be in the future"});
    }
    if (in.consent->obtained_by.empty()) errors.push_back({"consent.obtained_by", "is required"});
    if (in.consent->scope.empty()) errors.push_back({"consent.scope", "is required"});
  }
  return errors;
}

// Sending needs a legal basis: the family's consent (with who, when and what), 要対協 council
// information sharing (児童福祉法25条の5), or another statute.
std::vector<FieldError> check_sendable(const std::optional<LegalBasis>& legal_basis,
                                       const std::optional<Consent>& consent) {
  std::vector<FieldError> errors;
  if (!legal_basis) {
    errors.push_back({"legal_basis", "is required to send: consent, council or statute"});
  } else if (*legal_basis == LegalBasis::kConsent && !consent) {
    errors.push_back({"consent", "is required when the legal basis is consent"});
  }
  return errors;
}

// Within a transaction: the referral if `actor` may see it; NotFound otherwise.
Result<Referral> load_in_scope(storage::Connection& c, const Actor& actor, const std::string& id,
                               Date today) {
  TRY_ASSIGN(std::optional<Referral> found, store::load(c, id, today));
  if (!found) return not_found();
  TRY(authorize(&actor, Action::kReferralRead, {found->ward, found->organization_id}));
  // A partner's inbox never holds what was not sent to it.
  if (access::lists_organization_rows(actor) && !store::sent_to_partner(*found)) {
    return not_found();
  }
  return *found;
}

Result<std::vector<FieldError>> check_target(storage::Connection& c, const NewReferral& in) {
  std::vector<FieldError> errors;
  TRY(check_active_organization(c, in.organization_id, "organization_id", errors));
  if (in.service_id) {
    auto svc = c.prepare("SELECT organization_id, status FROM services WHERE id = ?1");
    svc.bind(1, *in.service_id);
    if (!svc.step() || svc.text(0) != in.organization_id) {
      errors.push_back({"service_id", "is not a service of that organization"});
    } else {
      TRY_ASSIGN(const EntryStatus status, decode_word<EntryStatus>(svc.text(1)));
      if (status != EntryStatus::kActive) errors.push_back({"service_id", "is not active"});
    }
  }
  return errors;
}

// The draft `r` as the input that would create it, with `ch` applied.
NewReferral with_changes(const Referral& r, const DraftChanges& ch) {
  NewReferral next;
  next.case_id = r.case_id.value_or("");
  next.organization_id = ch.organization_id.value_or(r.organization_id);
  next.service_id = ch.service_id.value_or(r.service_id);
  // A new organization does not keep the old one's service.
  if (ch.organization_id && !ch.service_id && *ch.organization_id != r.organization_id) {
    next.service_id.reset();
  }
  next.urgency = ch.urgency.value_or(to_string(r.urgency));
  next.legal_basis = ch.legal_basis.value_or(optional_word(r.legal_basis));
  next.consent = ch.consent.value_or(r.consent);
  next.summary = ch.summary.value_or(r.summary.value_or(""));
  next.intake_note = ch.intake_note.value_or(r.intake_note);
  next.internal_note = ch.internal_note.value_or(r.internal_note);
  next.due_by = ch.due_by.value_or(r.due_by);
  return next;
}

// The columns a draft may change, bound from parameter `first` on in one order:
// organization_id, service_id, urgency, legal_basis, the consent's three, summary, intake_note,
// internal_note, due_by. Create and the draft's edit both store a referral by it.
storage::Statement& bind_draft_columns(storage::Statement& s, const NewReferral& r, int first) {
  return s.bind(first, r.organization_id)
      .bind(first + 1, r.service_id)
      .bind(first + 2, r.urgency)
      .bind(first + 3, r.legal_basis)
      .bind(first + 4, r.consent ? std::optional(r.consent->obtained_on) : std::nullopt)
      .bind(first + 5, r.consent ? std::optional(r.consent->obtained_by) : std::nullopt)
      .bind(first + 6, r.consent ? std::optional(r.consent->scope) : std::nullopt)
      .bind(first + 7, r.summary)
      .bind(first + 8, r.intake_note)
      .bind(first + 9, r.internal_note)
      .bind(first + 10, r.due_by);
}

}  // namespace

bool household_shown(const Actor& actor, ReferralStatus status) {
  return !access::sees_partner_view(actor) || status == ReferralStatus::kAccepted;
}

Referral view(const Actor& actor, Referral r) {
  if (!household_shown(actor, r.status)) r.household_label.reset();
  if (!access::sees_partner_view(actor)) return r;
  // The receiving partner: no case id, no internal note, no author.
  r.case_id.reset();
  r.internal_note.reset();
  r.created_by.reset();
  if (is_terminal(r.status)) {
    // After the end, only what the partner itself wrote (its decision and outcome).
    r.summary.reset();
    r.intake_note.reset();
    r.consent.reset();
    r.legal_basis.reset();
    r.service_id.reset();
    r.due_by.reset();
    if (r.status == ReferralStatus::kWithdrawn || r.status == ReferralStatus::kExpired) {
      r.reason_code.reset();  // the ward's reason, not the partner's
    }
  } else if (r.status != ReferralStatus::kAccepted) {
    // While sent: the summary only; the intake packet (with the household) follows acceptance.
    r.intake_note.reset();
  }
  return r;
}

Result<Creation<Referral>> Referrals::create(const Actor& actor, const RequestMeta& meta,
                                             const NewReferral& in,
                                             const std::optional<IdempotencyKey>& key) {
  TRY(authorize_role(&actor, Action::kReferralCreate));
  const Date now_date = today(clock_);
  // One pass: the reader's findings, the rules of the fields, then what the database says of the
  // case and the organization — every broken field in one answer.
  std::vector<FieldError> errors = in.input_errors;
  add_field_errors(errors, check_new(in, now_date));
  // A legal basis outside the set was named by check_new already.
  if (in.send) {
    const std::optional<LegalBasis> basis =
        in.legal_basis ? parse_word<LegalBasis>(*in.legal_basis) : std::nullopt;
    add_field_errors(errors, check_sendable(basis, in.consent));
  }

  return db_.write([&](storage::Connection& c) -> Result<Creation<Referral>> {
    if (key) {
      TRY_ASSIGN(auto first_id, idempotency::replayed(c, clock_, actor.user_id, *key));
      if (first_id) {
        TRY_ASSIGN(Referral first, load_in_scope(c, actor, *first_id, now_date));
        audit::append(c, clock_, &actor, meta, referral_entry("referral.read", first, "replay"));
        return Creation<Referral>{view(actor, std::move(first)), true};
      }
    }
    auto found_case = load_case_in_scope(c, actor, in.case_id);
    if (!found_case.ok() && found_case.error().kind() != ErrorKind::kNotFound) {
      return found_case.error();
    }
    if (!found_case.ok()) {
      add_field_errors(errors, {{"case_id", "is not a case of your wards"}});
    } else {
      if (!case_is_open(found_case->status)) add_field_errors(errors, {{"case_id", "is closed"}});
    }
    TRY_ASSIGN(std::vector<FieldError> target, check_target(c, in));
    add_field_errors(errors, std::move(target));
    if (!errors.empty()) return Error::InvalidArgument("The referral has invalid fields.", errors);

    const std::string id = new_uuid();
    const std::string now = format_utc(clock_.now());
    std::optional<std::string> due_by = in.due_by;
    // A sent referral always has a due date, so none can wait unanswered for ever.
    if (in.send && !due_by) {
      TRY_ASSIGN(const Urgency urgency, decode_word<Urgency>(in.urgency));  // checked above
      due_by = format_date(add_days(now_date, days_to_answer(urgency)));
    }
    auto insert = c.prepare(
        "INSERT INTO referrals (id, case_id, ward, status, organization_id, service_id,"
        " urgency, legal_basis, consent_obtained_on, consent_obtained_by, consent_scope,"
        " summary, intake_note, internal_note, due_by, created_by, created_at, updated_at,"
        " sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
        " ?16, ?17, ?17, ?18)");
    NewReferral stored = in;
    stored.due_by = due_by;
    bind_draft_columns(insert.bind(1, id)
                           .bind(2, in.case_id)
                           .bind(3, found_case->ward)
                           .bind(4, in.send ? "sent" : "draft"),
                       stored, 5);
    insert.bind(16, actor.user_id)
        .bind(17, now)
        .bind(18, in.send ? std::optional(now) : std::nullopt)
        .run();
    store::insert_event(c, clock_, id, &actor, std::nullopt, ReferralStatus::kDraft, std::nullopt,
                        std::nullopt);
    if (in.send) {
      store::insert_event(c, clock_, id, &actor, ReferralStatus::kDraft, ReferralStatus::kSent,
                          std::nullopt, std::nullopt);
      store::notify(c, clock_, "referral.received", id, store::Audience::kPartner);
    }
    if (key) idempotency::remember(c, clock_, actor.user_id, *key, id);
    TRY_ASSIGN(std::optional<Referral> created, store::load(c, id, now_date));
    audit::append(c, clock_, &actor, meta,
                  referral_entry("referral.create", *created, in.send ? "sent" : "draft"));
    return Creation<Referral>{*created, false};
  });
}

Result<Referral> Referrals::get(const Actor& actor, const RequestMeta& meta,
                                const std::string& id) {
  TRY(authorize_role(&actor, Action::kReferralRead));
  return audited_read(db_, clock_, actor, meta,
                      [&](storage::Connection& c, AuditedReads& reads) -> Result<Referral> {
                        TRY_ASSIGN(Referral r, load_in_scope(c, actor, id, today(clock_)));
                        reads.push_back(referral_entry("referral.read", r));
                        return view(actor, std::move(r));
                      });
}

Result<Referral> Referrals::edit_draft(const Actor& actor, const RequestMeta& meta,
                                       const std::string& id, const DraftChanges& ch,
                                       std::optional<int64_t> if_match) {
  TRY(authorize_role(&actor, Action::kReferralCreate));
  const Date now_date = today(clock_);
  return db_.write([&](storage::Connection& c) -> Result<Referral> {
    TRY_ASSIGN(Referral current, load_in_scope(c, actor, id, now_date));
    TRY(authorize(&actor, Action::kReferralCreate, {current.ward, std::nullopt}));
    TRY(check_if_match(if_match, current.version, "referral"));
    if (current.status != ReferralStatus::kDraft) {
      return Error::FailedPrecondition(
          "Only a draft is edited; a referral that was sent is withdrawn and made anew.");
    }
    // One pass, as on create: the reader's findings, the rules, then the directory.
    const NewReferral next = with_changes(current, ch);
    std::vector<FieldError> errors = ch.input_errors;
    add_field_errors(errors, check_new(next, now_date));
    TRY_ASSIGN(std::vector<FieldError> target, check_target(c, next));
    add_field_errors(errors, std::move(target));
    if (!errors.empty()) return Error::InvalidArgument("The referral has invalid fields.", errors);
    auto update = c.prepare(
        "UPDATE referrals SET organization_id = ?3, service_id = ?4, urgency = ?5,"
        " legal_basis = ?6, consent_obtained_on = ?7, consent_obtained_by = ?8,"
        " consent_scope = ?9, summary = ?10, intake_note = ?11, internal_note = ?12,"
        " due_by = ?13, version = version + 1, updated_at = ?14"
        " WHERE id = ?1 AND version = ?2 AND status = 'draft'");
    bind_draft_columns(update.bind(1, id).bind(2, current.version), next, 3);
    update.bind(14, format_utc(clock_.now())).run();
    if (c.changes() != 1) return Error::Aborted("The referral changed at the same time. Reload.");
    TRY_ASSIGN(std::optional<Referral> updated, store::load(c, id, now_date));
    audit::append(c, clock_, &actor, meta, referral_entry("referral.update", *updated, "draft"));
    return view(actor, std::move(*updated));
  });
}

Result<Referral> Referrals::transition(const Actor& actor, const RequestMeta& meta,
                                       const std::string& id, const TransitionRequest& req,
                                       std::optional<int64_t> if_match) {
  TRY(authorize_role(&actor, Action::kReferralTransition));
  // One pass: the reader's findings, then every field's own rule; those that depend on the
  // referral's state follow once it is loaded.
  std::vector<FieldError> errors = req.input_errors;
  std::vector<FieldError> rules;
  std::optional<ReferralStatus> to = parse_referral_status(req.to);
  if (req.to.empty()) {
    rules.push_back(FieldError::Required("to"));
  } else if (!to) {
    rules.push_back(
        FieldError::InvalidChoice("to", "sent, accepted, declined, withdrawn, completed"));
  } else if (*to == ReferralStatus::kExpired || *to == ReferralStatus::kDraft) {
    rules.push_back({"to", "is set by the server, not by a request"});
    to.reset();
  }
  if (req.reason_code && !is_reason_code(*req.reason_code)) {
    rules.push_back(invalid_choice("reason_code", words::kDeclineReasons));
  }
  if (req.outcome && !is_outcome(*req.outcome)) {
    rules.push_back(invalid_choice("outcome", words::kOutcomes));
  }
  add_field_errors(errors, std::move(rules));
  if (!to) return Error::InvalidArgument("The transition has invalid fields.", errors);
  const Date now_date = today(clock_);
  return db_.write([&](storage::Connection& c) -> Result<Referral> {
    TRY_ASSIGN(Referral current, load_in_scope(c, actor, id, now_date));
    TRY(authorize(&actor, Action::kReferralTransition, {current.ward, current.organization_id}));
    TRY(check_if_match(if_match, current.version, "referral"));
    auto rule = transition_rule(current.status, *to);
    if (!rule) {
      return Error::FailedPrecondition(std::string("A referral that is ") +
                                       to_string(current.status) + " cannot become " + req.to + ".")
          .with_code("referral.illegal_transition",
                     {{"from", to_string(current.status)}, {"to", req.to}});
    }
    if (party_of(actor.role) != rule->by) {
      return Error::PermissionDenied(
          std::string("Only the ") +
          (rule->by == Party::kReceiver ? "receiving partner" : "referring ward") +
          " may make a referral " + req.to + ".");
    }
    std::vector<FieldError> state_rules;
    if (rule->needs_reason && !req.reason_code) {
      state_rules.push_back({"reason_code", "is required"});
    }
    if (req.reason_code && *req.reason_code == "other" && !req.note) {
      state_rules.push_back({"note", "is required when the reason is other"});
    }
    if (rule->needs_outcome && !req.outcome) state_rules.push_back({"outcome", "is required"});
    if (!rule->needs_outcome && req.outcome) {
      state_rules.push_back({"outcome", "is only for completed"});
    }
    if (*to == ReferralStatus::kSent) {
      for (auto& e : check_sendable(current.legal_basis, current.consent)) {
        state_rules.push_back(e);
      }
    }
    add_field_errors(errors, std::move(state_rules));
    if (!errors.empty()) return Error::InvalidArgument("The transition is incomplete.", errors);

    const std::string now = format_utc(clock_.now());
    const bool by_receiver = rule->by == Party::kReceiver;
    std::optional<std::string> due_by = current.due_by;
    if (*to == ReferralStatus::kSent && !due_by) {
      due_by = format_date(add_days(now_date, days_to_answer(current.urgency)));
    }
    c.prepare(
         "UPDATE referrals SET status = ?3, version = version + 1, updated_at = ?4,"
         " reason_code = coalesce(?5, reason_code), outcome = coalesce(?6, outcome),"
         " response_note = CASE WHEN ?7 THEN coalesce(?8, response_note) ELSE response_note END,"
         " due_by = ?9,"
         " sent_at = CASE WHEN ?3 = 'sent' THEN ?4 ELSE sent_at END,"
         " responded_at = CASE WHEN ?7 AND responded_at IS NULL THEN ?4 ELSE responded_at END,"
         " closed_at = CASE WHEN ?10 THEN ?4 ELSE closed_at END"
         " WHERE id = ?1 AND version = ?2")
        .bind(1, id)
        .bind(2, current.version)
        .bind(3, to_string(*to))
        .bind(4, now)
        .bind(5, req.reason_code)
        .bind(6, req.outcome)
        .bind(7, by_receiver)
        .bind(8, req.note)
        .bind(9, due_by)
        .bind(10, is_terminal(*to))
        .run();
    if (c.changes() != 1) return Error::Aborted("The referral changed at the same time. Reload.");
    store::insert_event(c, clock_, id, &actor, current.status, *to, req.reason_code, req.note);
    if (*to == ReferralStatus::kSent) {
      store::notify(c, clock_, "referral.received", id, store::Audience::kPartner);
    } else if (by_receiver) {
      store::notify(c, clock_, "referral.decided", id, store::Audience::kWard);
    } else if (*to == ReferralStatus::kWithdrawn && current.status != ReferralStatus::kDraft) {
      store::notify(c, clock_, "referral.withdrawn", id, store::Audience::kPartner);
    }
    TRY_ASSIGN(std::optional<Referral> updated, store::load(c, id, now_date));
    audit::append(c, clock_, &actor, meta,
                  referral_entry("referral.transition", *updated,
                                 std::string(to_string(current.status)) + "->" + req.to));
    return view(actor, std::move(*updated));
  });
}

Result<std::vector<ReferralEvent>> Referrals::events(const Actor& actor, const RequestMeta& meta,
                                                     const std::string& id) {
  TRY(authorize_role(&actor, Action::kReferralRead));
  return audited_read(
      db_, clock_, actor, meta,
      [&](storage::Connection& c, AuditedReads& reads) -> Result<std::vector<ReferralEvent>> {
        TRY_ASSIGN(Referral r, load_in_scope(c, actor, id, today(clock_)));
        TRY_ASSIGN(std::vector<ReferralEvent> all, store::load_events(c, id));
        reads.push_back(referral_entry("referral.events", r));
        if (!access::sees_partner_view(actor)) return all;
        // Partners see the steps, and the notes only of what their organization wrote; after the
        // end, only their own steps.
        std::vector<ReferralEvent> out;
        for (ReferralEvent& e : all) {
          const std::optional<Role> by = parse_role(e.actor_role);
          const bool theirs = by && access::is_organization_role(*by);
          if (e.to == ReferralStatus::kDraft || (is_terminal(r.status) && !theirs)) continue;
          if (!theirs) {
            e.note.reset();
            e.actor_id.reset();
          }
          out.push_back(std::move(e));
        }
        return out;
      });
}

}  // namespace tsunagu::domain
