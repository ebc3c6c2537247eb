#include "domain/referrals/referral_store.h"

#include "domain/access/policy.h"
#include "domain/referrals/notifications.h"
#include "storage/database.h"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

namespace tsunagu::domain::referral_store {
namespace {

std::optional<TimePoint> optional_time(const storage::Statement& s, int column) {
  auto text = s.optional_text(column);
  if (!text) return std::nullopt;
  return parse_stored_time(*text);
}

}  // namespace

const char* const kSelect =
    "SELECT r.id, r.case_id, r.ward, r.organization_id, r.service_id, r.status, r.urgency,"
    " r.legal_basis, r.consent_obtained_on, r.consent_obtained_by, r.consent_scope, r.summary,"
    " r.intake_note, r.internal_note, r.due_by, r.reason_code,"
    " r.response_note, r.outcome, r.version, r.created_by, r.created_at, r.updated_at,"
    " r.sent_at, r.responded_at, r.closed_at, o.name, sv.name"
    " FROM referrals r JOIN organizations o ON o.id = r.organization_id"
    " LEFT JOIN services sv ON sv.id = r.service_id";

const char* const kSentToPartner = "r.sent_at IS NOT NULL";

bool sent_to_partner(const Referral& r) { return r.sent_at.has_value(); }

Result<Referral> from_row(const storage::Statement& s, Date today) {
  Referral r;
  r.id = s.text(0);
  r.case_id = s.text(1);
  r.ward = s.text(2);
  r.organization_id = s.text(3);
  r.service_id = s.optional_text(4);
  TRY_ASSIGN(r.status, decode_word<ReferralStatus>(s.text(5)));
  TRY_ASSIGN(r.urgency, decode_word<Urgency>(s.text(6)));
  TRY_ASSIGN(r.legal_basis, decode_optional_word<LegalBasis>(s.optional_text(7)));
  if (auto on = s.optional_text(8)) {
    r.consent = Consent{*on, s.optional_text(9).value_or(""), s.optional_text(10).value_or("")};
  }
  r.summary = s.text(11);
  r.intake_note = s.optional_text(12);
  r.internal_note = s.optional_text(13);
  r.due_by = s.optional_text(14);
  r.reason_code = s.optional_text(15);
  r.response_note = s.optional_text(16);
  r.outcome = s.optional_text(17);
  r.version = s.int64(18);
  r.created_by = s.text(19);
  r.created_at = parse_stored_time(s.text(20));
  r.updated_at = parse_stored_time(s.text(21));
  r.sent_at = optional_time(s, 22);
  r.responded_at = optional_time(s, 23);
  r.closed_at = optional_time(s, 24);
  r.organization_name = s.text(25);
  r.service_name = s.optional_text(26);
  if ((r.status == ReferralStatus::kSent || r.status == ReferralStatus::kAccepted) && r.due_by) {
    r.overdue = *r.due_by < format_date(today);  // YYYY-MM-DD compares as text
  }
  return r;
}

Result<std::optional<Referral>> load(storage::Connection& c, const std::string& id, Date today) {
  auto s = c.prepare(std::string(kSelect) + " WHERE r.id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::optional<Referral>();
  TRY_ASSIGN(Referral r, from_row(s, today));
  attach_households(c, std::span(&r, 1), [](const Referral&) { return true; });
  attach_ward_contacts(c, std::span(&r, 1));
  return std::optional(std::move(r));
}

void attach_households(storage::Connection& c, std::span<Referral> referrals,
                       const std::function<bool(const Referral&)>& wanted) {
  std::vector<std::string> ids;
  for (const Referral& r : referrals) {
    if (r.case_id && wanted(r)) ids.push_back(*r.case_id);
  }
  if (ids.empty()) return;
  std::map<std::string, std::string> labels;
  auto s = c.prepare(
      "SELECT id, household_label FROM cases WHERE id IN (SELECT value FROM json_each(?1))");
  s.bind(1, nlohmann::json(ids).dump());
  while (s.step()) labels[s.text(0)] = s.text(1);
  for (Referral& r : referrals) {
    if (!r.case_id || !wanted(r)) continue;
    if (auto label = labels.find(*r.case_id); label != labels.end())
      r.household_label = label->second;
  }
}

void attach_ward_contacts(storage::Connection& c, std::span<Referral> referrals) {
  // The ward's office, once per ward on the page: its name and the first active ward office the
  // directory lists for it (by sort key, then id).
  std::map<std::string, std::optional<WardContact>> offices;
  std::vector<std::string> waiting;  // ids of the referrals that wait on the partner
  for (const Referral& r : referrals) {
    if (r.status != ReferralStatus::kSent && r.status != ReferralStatus::kAccepted) continue;
    waiting.push_back(r.id);
    if (offices.contains(r.ward)) continue;
    auto office = c.prepare(
        "SELECT wd.name, wo.id, wo.name, wo.phone FROM wards wd"
        " JOIN organizations wo ON wo.id = ("
        "  SELECT w.organization_id FROM organization_wards w JOIN organizations x"
        "  ON x.id = w.organization_id WHERE w.ward = wd.code AND x.category = 'ward_office'"
        "  AND x.status = 'active' ORDER BY x.sort_key, x.id LIMIT 1)"
        " WHERE wd.code = ?1");
    office.bind(1, r.ward);
    offices[r.ward] = office.step()
                          ? std::optional(WardContact{r.ward, office.text(0), office.text(1),
                                                      office.text(2), office.text(3), std::nullopt})
                          : std::nullopt;
  }
  if (waiting.empty()) return;
  // Who sent each one: the actor of its latest move to `sent`, all of the page's in one read.
  std::map<std::string, std::string> senders;
  auto sent = c.prepare(
      "SELECT e.referral_id, u.display_name FROM referral_events e"
      " JOIN users u ON u.id = e.actor_id"
      " WHERE e.referral_id IN (SELECT value FROM json_each(?1)) AND e.to_status = 'sent'"
      " ORDER BY e.seq");
  sent.bind(1, nlohmann::json(waiting).dump());
  while (sent.step()) senders[sent.text(0)] = sent.text(1);  // the latest wins
  for (Referral& r : referrals) {
    if (r.status != ReferralStatus::kSent && r.status != ReferralStatus::kAccepted) continue;
    const std::optional<WardContact>& office = offices[r.ward];
    if (!office) continue;
    r.ward_contact = *office;
    if (auto who = senders.find(r.id); who != senders.end())
      r.ward_contact->sent_by_name = who->second;
  }
}

void insert_event(storage::Connection& c, const Clock& clock, const std::string& referral_id,
                  const Actor* actor, std::optional<ReferralStatus> from, ReferralStatus to,
                  const std::optional<std::string>& reason_code,
                  const std::optional<std::string>& note) {
  c.prepare(
       "INSERT INTO referral_events (referral_id, at, actor_id, actor_role, from_status,"
       " to_status, reason_code, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bind(1, referral_id)
      .bind(2, format_utc(clock.now()))
      .bind(3, actor ? std::optional(actor->user_id) : std::nullopt)
      .bind(4, actor ? to_string(actor->role) : "system")
      .bind(5, from ? std::optional<std::string>(to_string(*from)) : std::nullopt)
      .bind(6, to_string(to))
      .bind(7, reason_code)
      .bind(8, note)
      .run();
}

Result<std::vector<ReferralEvent>> load_events(storage::Connection& c,
                                               const std::string& referral_id) {
  auto s = c.prepare(
      "SELECT seq, at, actor_id, actor_role, from_status, to_status, reason_code, note"
      " FROM referral_events WHERE referral_id = ?1 ORDER BY seq");
  s.bind(1, referral_id);
  std::vector<ReferralEvent> out;
  while (s.step()) {
    ReferralEvent e;
    e.seq = s.int64(0);
    e.at = parse_stored_time(s.text(1));
    e.actor_id = s.optional_text(2);
    e.actor_role = s.text(3);
    TRY_ASSIGN(e.from, decode_optional_word<ReferralStatus>(s.optional_text(4)));
    TRY_ASSIGN(e.to, decode_word<ReferralStatus>(s.text(5)));
    e.reason_code = s.optional_text(6);
    e.note = s.optional_text(7);
    out.push_back(std::move(e));
  }
  return out;
}

void notify(storage::Connection& c, const Clock& clock, const std::string& kind,
            const std::string& referral_id, Audience audience) {
  auto s = c.prepare(
      "SELECT r.urgency, r.status, r.organization_id, o.name, r.created_by, k.lead_user_id,"
      " (SELECT e.actor_id FROM referral_events e WHERE e.referral_id = r.id"
      "  AND e.to_status = 'sent' ORDER BY e.seq DESC LIMIT 1)"
      " FROM referrals r JOIN organizations o ON o.id = r.organization_id"
      " LEFT JOIN cases k ON k.id = r.case_id WHERE r.id = ?1");
  s.bind(1, referral_id);
  if (!s.step()) return;  // the caller has just written it
  NotificationNote note;
  note.kind = kind;
  note.referral_id = referral_id;
  note.urgency = s.text(0);
  note.status = s.text(1);
  note.organization_name = s.text(3);
  note.link = "/referrals/" + referral_id;
  if (audience == Audience::kPartner) {
    deliver(c, clock, note, {}, {s.text(2)});
  } else {
    std::optional<std::string> sender = s.optional_text(6);
    if (!sender) sender = s.optional_text(4);
    std::vector<std::optional<std::string>> users = {sender, s.optional_text(5)};
    // A referral that moved with its case to another ward (a transfer) is that ward's now: its
    // coordinators are told instead of a sender who no longer works there.
    auto still_there = c.prepare(
        "SELECT 1 FROM referrals r JOIN user_wards w ON w.ward = r.ward"
        " WHERE r.id = ?1 AND w.user_id = ?2");
    still_there.bind(1, referral_id).bind(2, sender);
    if (sender && !still_there.step()) {
      users = {s.optional_text(5)};
      auto coordinators = c.prepare(
          "SELECT u.id FROM referrals r JOIN user_wards w ON w.ward = r.ward"
          " JOIN users u ON u.id = w.user_id"
          " WHERE r.id = ?1 AND u.disabled = 0 AND " +
          access::users_with("u", access::is_ward_lead) + " ORDER BY u.id");
      coordinators.bind(1, referral_id);
      while (coordinators.step()) users.push_back(coordinators.text(0));
    }
    deliver(c, clock, note, users, {});
  }
}

}  // namespace tsunagu::domain::referral_store
