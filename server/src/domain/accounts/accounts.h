// User accounts: who may sign in, with which one role and which scope (wards for coordinators
// and ward staff, one organization for partners). Only admins manage accounts (the
// authorisation table's user.manage); every change appends an audit entry in the same
// transaction, and disabling a user or setting a new password revokes their tokens at once.
//
// Thread-safety: an Accounts object may be shared by all threads; writes go through the
// database's single writer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/accounts/passwords.h"
#include "domain/base/idempotency.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

class LoginThrottle;

struct User {
  std::string id;
  std::string username;
  std::string display_name;
  Role role{};                     // no role until read or set
  std::vector<std::string> wards;  // sorted ward codes
  std::optional<std::string> organization_id;
  bool disabled = false;
  int64_t version = 1;
  TimePoint created_at;
  TimePoint updated_at;
};

struct NewUser {
  std::string username;
  std::string display_name;
  Role role{};  // no role: refused, a new user needs a real role
  std::vector<std::string> wards;
  std::optional<std::string> organization_id;
  std::string password;
  std::optional<std::string> id;  // fixed id for the demo seed; a new UUID otherwise
  // What the request's reader found wrong, reported with the rules' findings in one answer.
  std::vector<FieldError> input_errors{};
};

// Only the fields that are set change. The role and its scope are checked together after the
// change: a partner needs exactly one organization and no wards, ward roles need at least one
// ward and no organization, admin and auditor neither.
struct UserChanges {
  std::optional<std::string> display_name{};
  std::optional<Role> role{};
  std::optional<std::vector<std::string>> wards{};
  std::optional<std::optional<std::string>> organization_id{};  // set to nullopt to clear
  std::optional<bool> disabled{};
  std::optional<std::string> password{};
  std::optional<int64_t> if_match_version{};  // Aborted (412) when the user has changed
  std::vector<FieldError> input_errors{};     // as NewUser::input_errors
};

struct UserFilter {
  std::optional<Role> role;
  std::optional<std::string> ward;  // users whose wards include this one
  std::optional<bool> disabled;
  int64_t offset = 0;
  int64_t limit = 50;
};

struct UserPage {
  std::vector<User> items;
  int64_t total = 0;
};

// A colleague as a coordinator or ward staff member sees them: who, by name and role; nothing
// else (no username, no scopes).
struct Colleague {
  std::string id;
  std::string display_name;
  Role role{};
};

struct ColleaguePage {
  std::vector<Colleague> items;
  int64_t total = 0;
};

// The Actor a signed-in user acts as.
Actor actor_of(const User& user);

// Usernames are 3–64 characters of a–z, 0–9, '.', '_' and '-' (compared as lowercase).
bool valid_username(const std::string& username);

class Accounts {
 public:
  // With `throttle`, POST /me/password's current password is throttled as sign-in is.
  Accounts(storage::Database& db, const Clock& clock, const PasswordHasher& hasher,
           LoginThrottle* throttle = nullptr)
      : db_(db), clock_(clock), hasher_(hasher), throttle_(throttle) {}

  // Fails with PermissionDenied for non-admins, InvalidArgument naming each bad field,
  // AlreadyExists for a taken username. With `key`, a retry answers the user the first request
  // created (see idempotency.h).
  Result<Creation<User>> create(const Actor& actor, const RequestMeta& meta, const NewUser& user,
                                const std::optional<IdempotencyKey>& key = std::nullopt);
  // As create(); NotFound for an unknown id, Aborted for a stale if_match_version,
  // FailedPrecondition when the change would leave no enabled admin.
  Result<User> update(const Actor& actor, const RequestMeta& meta, const std::string& id,
                      const UserChanges& changes);
  Result<User> get(const Actor& actor, const std::string& id);
  // The caller's own account (GET /me): every signed-in role.
  Result<User> self(const Actor& actor);
  // A signed-in user replaces their own password: InvalidArgument on "current_password" when it
  // does not match (audited, and counted by the throttle), on "new_password" when the rules
  // refuse it; ResourceExhausted while throttled. Revokes all their tokens and their calendar
  // link.
  Status change_own_password(const Actor& actor, const RequestMeta& meta,
                             const std::string& current_password, const std::string& new_password);
  Result<UserPage> list(const Actor& actor, const UserFilter& filter);
  // The enabled users of `ward` (nullopt: of every ward of the caller) for those who work on the
  // ward's cases (Action::kCaseRead): PermissionDenied for other roles, NotFound for a ward
  // outside the caller's scope. Ordered by display name.
  Result<ColleaguePage> colleagues(const Actor& actor, const std::optional<std::string>& ward,
                                   int64_t offset, int64_t limit);

  // Checks and inserts `user` with an already computed hash (PasswordHasher::hash), inside the
  // caller's transaction, without authorisation or audit: for the demo seed.
  static Result<User> insert(storage::Connection& c, const Clock& clock, const NewUser& user,
                             const std::string& password_hash);

 private:
  storage::Database& db_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  LoginThrottle* throttle_;
};

// The user with `id` within the caller's transaction, or nullopt; Internal when the stored row
// does not decode (a role that is not one), so a corrupt row never becomes a user with rights.
Result<std::optional<User>> find_user(storage::Connection& c, const std::string& id);

// How many enabled accounts keep the installation administrable (access::manages_accounts),
// within the caller's transaction.
int64_t enabled_account_managers(storage::Connection& c);

}  // namespace tsunagu::domain
