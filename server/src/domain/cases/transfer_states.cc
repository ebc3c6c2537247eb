#include "domain/cases/transfer_states.h"

#include "domain/access/policy.h"
#include "domain/base/lifecycle.h"

namespace tsunagu::domain {
namespace {

using S = TransferStatus;
using Side = TransferSide;

// The whole state machine. A pair that is not listed is illegal (409).
constexpr TransferRule kRules[] = {
    // from        to              by               coordinator reason
    {S::kPending, S::kAccepted, Side::kReceiving, true, false},
    {S::kPending, S::kDeclined, Side::kReceiving, true, true},
    {S::kPending, S::kWithdrawn, Side::kSending, false, false},
};

}  // namespace

std::optional<TransferRule> transfer_rule(TransferStatus from, TransferStatus to) {
  return find_step(kRules, from, to);
}

bool may_take(const TransferRule& rule, TransferSide side, Role role) {
  if (side != rule.by) return false;
  if (rule.coordinator_only) return access::is_ward_lead(role);
  return access::is_ward_role(role);
}

}  // namespace tsunagu::domain
