#include "domain/referrals/referral_states.h"

#include <algorithm>
#include <iterator>

#include "domain/access/policy.h"
#include "domain/base/choices.h"

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

// The statuses' names are words::kReferralStatuses, in the enum's order.
static_assert(std::size(words::kReferralStatuses) == static_cast<size_t>(S::kCompleted) + 1);

const char* to_string(ReferralStatus s) {
  auto i = static_cast<size_t>(s);
  if (i >= std::size(words::kReferralStatuses)) return "unknown";
  return words::kReferralStatuses[i].value.data();  // the literals are NUL-terminated
}

const std::vector<ReferralStatus>& all_referral_statuses() {
  static const std::vector<ReferralStatus> all = {
      S::kDraft, S::kSent, S::kAccepted, S::kDeclined, S::kWithdrawn, S::kExpired, S::kCompleted};
  return all;
}

std::optional<ReferralStatus> parse_referral_status(std::string_view s) {
  for (ReferralStatus r : all_referral_statuses()) {
    if (s == to_string(r)) return r;
  }
  return std::nullopt;
}

bool is_terminal(ReferralStatus s) {
  return s == S::kDeclined || s == S::kWithdrawn || s == S::kExpired || s == S::kCompleted;
}

std::optional<TransitionRule> transition_rule(ReferralStatus from, ReferralStatus to) {
  for (const TransitionRule& r : kRules) {
    if (r.from == from && r.to == to) return r;
  }
  return std::nullopt;
}

std::optional<Party> party_of(Role role) {
  if (access::is_ward_role(role)) return Party::kSender;
  if (access::is_organization_role(role)) return Party::kReceiver;
  return std::nullopt;
}

bool is_reason_code(std::string_view code) { return is_one_of(words::kDeclineReasons, code); }

bool is_outcome(std::string_view outcome) { return is_one_of(words::kOutcomes, outcome); }

}  // namespace tsunagu::domain
