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
#include <vector>

#include "domain/access/actor.h"

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

const char* to_string(ReferralStatus s);
std::optional<ReferralStatus> parse_referral_status(std::string_view s);
const std::vector<ReferralStatus>& all_referral_statuses();
bool is_terminal(ReferralStatus s);

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
