// Transfers of cases between Sapporo's wards when a family moves (転居 / ケース移管), so support
// continues without a gap (切れ目なく). The case's ward asks (coordinator or staff); the receiving
// ward's coordinator accepts or declines; the sending ward may withdraw while it is pending
// (transfer_states.h). On accept, in one transaction:
// - the case moves to the new ward with its history (its lead is cleared: a lead belongs to a
//   ward; the new ward names one), and the case as it left is kept for the former ward, which
//   reads it and what happened before the move, read-only (cases.h, former_ward_view);
// - its open referrals (draft, sent, accepted) move too: the partner's inbox does not change,
//   their versions and ETags stay; ended referrals stay with the ward that made them;
// - the case is taken off the agenda of the former ward's planned meetings still to come (the
//   agenda item stays, without the case);
// - one case event ("transferred"), an audit entry, and a notification to the sender.
// A request notifies the receiving ward's coordinators. Concurrent answers to one transfer
// resolve to exactly one: the others find it no longer pending (409).
//
// Thread-safety: a Transfers object may be shared by all request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/base/idempotency.h"
#include "domain/base/paging.h"
#include "domain/cases/transfer_states.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

// What moved with an accepted transfer.
struct TransferMoved {
  int64_t referrals = 0;     // open referrals now of the new ward
  int64_t agenda_items = 0;  // future agenda items of the former ward that no longer name it
  bool lead_cleared = false;
};

struct Transfer {
  std::string id;
  std::string case_id;
  std::string case_ref;         // as the case is known now
  std::string household_label;  // so the receiving ward knows whom it is asked to take
  std::string from_ward;
  std::string to_ward;
  TransferStatus status = TransferStatus::kPending;
  std::string reason;
  std::optional<std::string> response_note;
  int64_t version = 0;
  std::string requested_by;
  TimePoint requested_at;
  std::optional<std::string> decided_by;
  std::optional<TimePoint> decided_at;
  std::optional<TransferMoved> moved;  // accepted only
};

struct NewTransfer {
  std::optional<std::string> to_ward;
  std::optional<std::string> reason;
  std::vector<FieldError> input_errors;
};

struct TransferStep {
  std::optional<std::string> to;      // accepted | declined | withdrawn
  std::optional<std::string> reason;  // required to decline
  std::vector<FieldError> input_errors;
};

struct TransferFilter {
  std::optional<std::string> ward;    // one of the caller's wards; absent: all of them
  std::optional<std::string> status;  // pending | accepted | declined | withdrawn
};

// POST …/transfers's body, read as the API and the demo seed read it.
NewTransfer read_new_transfer(const nlohmann::json& body);

// Within a write transaction: Transfers::request() without its own transaction (for the demo).
Result<Transfer> request_transfer(storage::Connection& c, const Clock& clock, const Actor& actor,
                                  const RequestMeta& meta, const std::string& case_id,
                                  const NewTransfer& in);

class Transfers {
 public:
  Transfers(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // `key`: the Idempotency-Key; a retry with it answers the transfer the first one made.
  Result<Creation<Transfer>> request(const Actor& actor, const RequestMeta& meta,
                                     const std::string& case_id, const NewTransfer& in,
                                     const std::optional<IdempotencyKey>& key = std::nullopt);
  // `if_match`: the version the caller read; a different one is Aborted (412).
  Result<Transfer> transition(const Actor& actor, const RequestMeta& meta, const std::string& id,
                              const TransferStep& step, std::optional<int64_t> if_match);
  Result<Transfer> get(const Actor& actor, const RequestMeta& meta, const std::string& id);
  // Incoming and outgoing transfers of the caller's wards, newest first.
  Result<Page<Transfer>> list(const Actor& actor, const RequestMeta& meta,
                              const TransferFilter& filter, const PageRequest& page);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace tsunagu::domain
