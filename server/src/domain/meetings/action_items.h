// Action items (宿題) that meetings hand out: a title, one owner (an organization of the network
// or a user), a due date and a status (open → done | dropped, and back to open). They outlive
// their meeting: owners list theirs (`owner=me`), ward staff follow up the ward's, and overdue
// ones feed the gaps report.
//
// Scope: ward roles handle the action items of their wards' meetings; a partner sees and moves
// on only those its organization (or the partner user) owns, and may change only their status.
// A roundtable's action items obey its confidentiality wall (meeting_wall.h).
//
// Thread-safety: an ActionItems object may be shared by all request threads.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/base/idempotency.h"
#include "domain/base/paging.h"
#include "domain/meetings/meetings.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

// Input for create (required: title and exactly one owner) and PATCH (any; giving one owner
// replaces the other).
struct ActionItemFields {
  std::optional<std::string> title;
  std::optional<std::string> owner_organization_id;
  std::optional<std::string> owner_user_id;
  std::optional<std::string> due_on;
  std::optional<std::string> status;
  bool due_on_removed = false;  // a change sent "due_on": null
  // What the request's reader found wrong, reported with the rules' findings in one answer.
  std::vector<FieldError> input_errors;
};

struct ActionItemFilter {
  bool mine = false;  // owned by the caller or the caller's organization
  std::optional<std::string> status;
  bool overdue_only = false;
  std::optional<std::string> ward;
  std::optional<std::string> meeting_id;
};

// Within a write transaction: create() without the Idempotency-Key (checks, insert, audit).
Result<ActionItem> insert_action_item(storage::Connection& c, const Clock& clock,
                                      const Actor& actor, const RequestMeta& meta,
                                      const std::string& meeting_id, const ActionItemFields& f);

class ActionItems {
 public:
  ActionItems(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Creation<ActionItem>> create(const Actor& actor, const RequestMeta& meta,
                                      const std::string& meeting_id, const ActionItemFields& f,
                                      const std::optional<IdempotencyKey>& key = std::nullopt);
  // One item, in the scope list() gives the caller (a ward's meetings; a partner's own items).
  Result<ActionItem> get(const Actor& actor, const std::string& id);
  // `if_match`: the version the caller read; a different one is Aborted (412).
  Result<ActionItem> update(const Actor& actor, const RequestMeta& meta, const std::string& id,
                            const ActionItemFields& f, std::optional<int64_t> if_match);
  // Earliest due first (those without a due date last).
  Result<Page<ActionItem>> list(const Actor& actor, const ActionItemFilter& filter,
                                const PageRequest& page);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace tsunagu::domain
