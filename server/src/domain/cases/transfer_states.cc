#include "domain/cases/transfer_states.h"

#include <iterator>

#include "domain/access/policy.h"
#include "domain/base/vocabulary.h"

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

// The statuses' names are words::kTransferStatuses, in the enum's order.
static_assert(std::size(words::kTransferStatuses) == static_cast<size_t>(S::kWithdrawn) + 1);

const char* to_string(TransferStatus s) {
  auto i = static_cast<size_t>(s);
  if (i >= std::size(words::kTransferStatuses)) return "unknown";
  return words::kTransferStatuses[i].value.data();  // the literals are NUL-terminated
}

std::optional<TransferStatus> parse_transfer_status(std::string_view s) {
  for (S status : {S::kPending, S::kAccepted, S::kDeclined, S::kWithdrawn}) {
    if (s == to_string(status)) return status;
  }
  return std::nullopt;
}

std::optional<TransferRule> transfer_rule(TransferStatus from, TransferStatus to) {
  for (const TransferRule& r : kRules) {
    if (r.from == from && r.to == to) return r;
  }
  return std::nullopt;
}

bool may_take(const TransferRule& rule, TransferSide side, Role role) {
  if (side != rule.by) return false;
  if (rule.coordinator_only) return access::is_ward_lead(role);
  return access::is_ward_role(role);
}

}  // namespace tsunagu::domain
