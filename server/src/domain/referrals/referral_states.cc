#include "domain/referrals/referral_states.h"

#include <algorithm>

#include "domain/access/policy.h"
#include "domain/base/choices.h"
#include "domain/base/lifecycle.h"

namespace tsunagu::domain {
namespace {

using S = ReferralStatus;

// The whole state machine. A pair that is not listed is illegal (409).
constexpr TransitionRule kRules[] = {
    // from         to              by               reason  outcome
    {S::kDraft, S::kSent, Party::kSender, false, false},
    {S::kDraft, S::kWithdrawn, Party::kSender, true, false},  // a draft discarded, never seen
    {S::kSent, S::kAccepted, Party::kReceiver, false, false},
    {S::kSent, S::kDeclined, Party::kReceiver, true, false},
    {S::kSent, S::kWithdrawn, Party::kSender, true, false},
    {S::kSent, S::kExpired, Party::kSystem, false, false},
    {S::kAccepted, S::kCompleted, Party::kReceiver, false, true},
    {S::kAccepted, S::kWithdrawn, Party::kSender, true, false},
};

}  // namespace

int days_to_answer(Urgency urgency) { return urgency == Urgency::kUrgent ? 1 : 7; }

bool is_terminal(ReferralStatus s) {
  return s == S::kDeclined || s == S::kWithdrawn || s == S::kExpired || s == S::kCompleted;
}

std::optional<TransitionRule> transition_rule(ReferralStatus from, ReferralStatus to) {
  return find_step(kRules, from, to);
}

std::optional<Party> party_of(Role role) {
  if (access::is_ward_role(role)) return Party::kSender;
  if (access::is_organization_role(role)) return Party::kReceiver;
  return std::nullopt;
}

bool is_reason_code(std::string_view code) { return is_one_of(words::kDeclineReasons, code); }

bool is_outcome(std::string_view outcome) { return is_one_of(words::kOutcomes, outcome); }

}  // namespace tsunagu::domain
