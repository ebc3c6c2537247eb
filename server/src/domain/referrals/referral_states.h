// The closed loop of a referral (紹介 / つなぎ) as one table: which state may follow which, who
// may take each step, and what each step requires. Everything else — the API, the expiry timer,
// the tests — asks this table; no other code decides whether a transition is legal.
//
//   draft → sent → accepted | declined | withdrawn | expired
//   accepted → completed | withdrawn
//   terminal: declined, withdrawn, expired, completed
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <optional>
#include <string_view>

#include "domain/access/actor.h"
#include "domain/base/word_enum.h"

namespace tsunagu::domain {

enum class ReferralStatus {
  kDraft,      // written, not yet shared with the partner
  kSent,       // 送付: waiting for the partner's answer
  kAccepted,   // 受理
  kDeclined,   // 辞退 (with a reason)
  kWithdrawn,  // 取り下げ (with a reason)
  kExpired,    // no answer by due_by; set by the server
  kCompleted,  // 完了 (with an outcome)
};

// The statuses' names: words::kReferralStatuses, in the enum's order.
template <>
struct WordTable<ReferralStatus> {
  static constexpr Words kWords = words::kReferralStatuses;
  static constexpr ReferralStatus kLast = ReferralStatus::kCompleted;
  static constexpr std::string_view kWhat = "referral status";
};

inline std::optional<ReferralStatus> parse_referral_status(std::string_view s) {
  return parse_word<ReferralStatus>(s);
}
constexpr auto all_referral_statuses() { return all_of<ReferralStatus>(); }
bool is_terminal(ReferralStatus s);

// How soon the partner is to answer a sent referral: its names are words::kUrgencies.
enum class Urgency { kRoutine, kUrgent };

template <>
struct WordTable<Urgency> {
  static constexpr Words kWords = words::kUrgencies;
  static constexpr Urgency kLast = Urgency::kUrgent;
  static constexpr std::string_view kWhat = "urgency";
};

// What allows a referral to share the family's information: its names are words::kLegalBases.
enum class LegalBasis { kConsent, kCouncil, kStatute };

template <>
struct WordTable<LegalBasis> {
  static constexpr Words kWords = words::kLegalBases;
  static constexpr LegalBasis kLast = LegalBasis::kStatute;
  static constexpr std::string_view kWhat = "legal basis";
};

// The days a sent referral without a due date of its own has for an answer: 1 when urgent, 7
// otherwise.
int days_to_answer(Urgency urgency);

// Who takes a step: the referring ward (coordinator, ward_staff), the receiving partner, or the
// server itself (expiry).
enum class Party { kSender, kReceiver, kSystem };

struct TransitionRule {
  ReferralStatus from;
  ReferralStatus to;
  Party by;
  bool needs_reason;   // reason_code required (declined, withdrawn)
  bool needs_outcome;  // outcome required (completed)
};

// The rule for from → to, or nullopt when the step does not exist.
std::optional<TransitionRule> transition_rule(ReferralStatus from, ReferralStatus to);

// The party a role acts as (nullopt for roles that never take referral steps).
std::optional<Party> party_of(Role role);

// Decline/withdraw reasons and completion outcomes from the contract (words::kDeclineReasons,
// words::kOutcomes in vocabulary.h).
bool is_reason_code(std::string_view code);
bool is_outcome(std::string_view outcome);

}  // namespace tsunagu::domain
