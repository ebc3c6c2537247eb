// A case's transfer between wards (転居 / ケース移管) as one table: which state may follow which
// and which side takes the step. Everything else — the API, the tests — asks this table.
//
//   pending → accepted | declined   (the receiving ward's coordinator)
//   pending → withdrawn             (the sending ward)
//   terminal: accepted, declined, withdrawn
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <optional>
#include <string_view>

#include "domain/access/actor.h"
#include "domain/base/word_enum.h"

namespace tsunagu::domain {

enum class TransferStatus { kPending, kAccepted, kDeclined, kWithdrawn };

// The statuses' names: words::kTransferStatuses, in the enum's order.
template <>
struct WordTable<TransferStatus> {
  static constexpr Words kWords = words::kTransferStatuses;
  static constexpr TransferStatus kLast = TransferStatus::kWithdrawn;
  static constexpr std::string_view kWhat = "transfer status";
};

inline std::optional<TransferStatus> parse_transfer_status(std::string_view s) {
  return parse_word<TransferStatus>(s);
}

// Who takes a step: the ward the case leaves, or the ward it moves to.
enum class TransferSide { kSending, kReceiving };

struct TransferRule {
  TransferStatus from;
  TransferStatus to;
  TransferSide by;
  bool coordinator_only;  // the receiving ward's decision is the coordinator's
  bool needs_reason;      // a decline says why
};

// The rule for from → to, or nullopt when the step does not exist (409).
std::optional<TransferRule> transfer_rule(TransferStatus from, TransferStatus to);

// May `role` on `side` take the step of `rule`?
bool may_take(const TransferRule& rule, TransferSide side, Role role);

}  // namespace tsunagu::domain
