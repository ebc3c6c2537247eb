#include "domain/accounts/accounts.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/ids.h"
#include "common/text.h"
#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/accounts/sessions.h"
#include "domain/audit/audit.h"
#include "domain/base/wards.h"
#include "domain/directory/organizations.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

constexpr char kUserColumns[] =
    "id, username, display_name, role, organization_id, disabled, version, created_at, "
    "updated_at";

Result<User> read_user(storage::Connection& c, storage::Statement& s) {
  User u;
  u.id = s.text(0);
  u.username = s.text(1);
  u.display_name = s.text(2);
  TRY_ASSIGN(u.role, decode_role(s.text(3)));
  u.organization_id = s.optional_text(4);
  u.disabled = s.int64(5) != 0;
  u.version = s.int64(6);
  u.created_at = parse_stored_time(s.text(7));
  u.updated_at = parse_stored_time(s.text(8));
  auto wards = c.prepare("SELECT ward FROM user_wards WHERE user_id = ?1 ORDER BY ward");
  wards.bind(1, u.id);
  while (wards.step()) u.wards.push_back(wards.text(0));
  return u;
}

// The rules that need no database: names, the role and its scope, the password.
std::vector<FieldError> check_user(const std::string& username, const std::string& display_name,
                                   Role role, const std::vector<std::string>& wards,
                                   const std::optional<std::string>& organization_id,
                                   const std::optional<std::string>& password) {
  std::vector<FieldError> errors;
  if (!access::is_assignable(role)) errors.push_back({"role", "is required"});
  if (!valid_username(username)) {
    errors.push_back({"username", "must be 3–64 characters of a–z, 0–9, '.', '_' or '-'"});
  }
  if (trim(display_name).empty()) errors.push_back({"display_name", "must not be empty"});
  if (utf8_length(display_name) > 100) {
    errors.push_back({"display_name", "must be at most 100 characters"});
  }
  // Without a role its scope cannot be judged: the role's own error says what to fix first.
  const bool scoped = access::is_assignable(role);
  if (scoped && access::is_ward_role(role) && wards.empty()) {
    errors.push_back(
        {"wards", std::string("must name at least one ward for the role ") + to_string(role)});
  }
  if (scoped && !access::is_ward_role(role) && !wards.empty()) {
    errors.push_back({"wards", std::string("must be empty for the role ") + to_string(role)});
  }
  if (access::is_organization_role(role) && !organization_id) {
    errors.push_back({"organization_id", "is required for the role partner"});
  }
  if (scoped && !access::is_organization_role(role) && organization_id) {
    errors.push_back(
        {"organization_id", std::string("must be empty for the role ") + to_string(role)});
  }
  if (organization_id && !looks_like_uuid(*organization_id)) {
    errors.push_back({"organization_id", "must be an organization id"});
  }
  if (password) {
    if (auto problem = password_problem(*password, username)) {
      errors.push_back({"password", *problem});
    }
  }
  return errors;
}

// Ward codes must exist; duplicates are refused rather than silently merged.
void check_wards(storage::Connection& c, const std::vector<std::string>& wards,
                 std::vector<FieldError>& errors) {
  for (size_t i = 0; i < wards.size(); ++i) {
    std::string field = "wards[" + std::to_string(i) + "]";
    if (!is_ward(c, wards[i])) {
      errors.push_back({field, "is not a ward code (see /api/v1/wards)"});
    } else if (std::find(wards.begin(), wards.begin() + static_cast<long>(i), wards[i]) !=
               wards.begin() + static_cast<long>(i)) {
      errors.push_back({field, "is listed twice"});
    }
  }
}

// A partner's organization must be in the directory and not archived.
Status check_organization(storage::Connection& c, const std::optional<std::string>& organization_id,
                          std::vector<FieldError>& errors) {
  if (!organization_id || !looks_like_uuid(*organization_id)) {
    return Status::Ok();  // reported by check_user
  }
  return check_active_organization(c, *organization_id, "organization_id", errors);
}

void write_wards(storage::Connection& c, const std::string& user_id,
                 const std::vector<std::string>& wards) {
  c.prepare("DELETE FROM user_wards WHERE user_id = ?1").bind(1, user_id).run();
  for (const auto& w : wards) {
    c.prepare("INSERT INTO user_wards (user_id, ward) VALUES (?1, ?2)")
        .bind(1, user_id)
        .bind(2, w)
        .run();
  }
}

}  // namespace

int64_t enabled_account_managers(storage::Connection& c) {
  auto s = c.prepare("SELECT count(*) FROM users u WHERE " +
                     access::users_with("u", access::manages_accounts) + " AND u.disabled = 0");
  s.step();
  return s.int64(0);
}

Actor actor_of(const User& user) {
  return {user.id, user.username, user.role, user.wards, user.organization_id};
}

bool valid_username(const std::string& username) {
  if (username.size() < 3 || username.size() > 64) return false;
  return std::all_of(username.begin(), username.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
           ch == '-';
  });
}

Result<std::optional<User>> find_user(storage::Connection& c, const std::string& id) {
  auto s = c.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::optional<User>();
  TRY_ASSIGN(User u, read_user(c, s));
  return std::optional<User>(std::move(u));
}

namespace {
// find_user() for a user who must exist: NotFound otherwise.
Result<User> existing_user(storage::Connection& c, const std::string& id) {
  TRY_ASSIGN(auto u, find_user(c, id));
  if (!u) return Error::NotFound("No user with this id.");
  return std::move(*u);
}
}  // namespace

Result<User> Accounts::insert(storage::Connection& c, const Clock& clock, const NewUser& nu,
                              const std::string& password_hash) {
  auto errors =
      check_user(nu.username, nu.display_name, nu.role, nu.wards, nu.organization_id, nu.password);
  check_wards(c, nu.wards, errors);
  TRY(check_organization(c, nu.organization_id, errors));
  if (!errors.empty()) return field_errors(std::move(errors)).error();
  std::string id = nu.id.value_or(new_uuid());
  std::string now = format_utc(clock.now());
  Status inserted =
      c.prepare(
           "INSERT INTO users (id, username, display_name, role, organization_id, password_hash,"
           " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)")
          .bind(1, id)
          .bind(2, nu.username)
          .bind(3, std::string(trim(nu.display_name)))
          .bind(4, to_string(nu.role))
          .bind(5, nu.organization_id)
          .bind(6, password_hash)
          .bind(7, now)
          .run_unique("The username is taken.");
  if (!inserted.ok()) {
    return Error::AlreadyExists("The username " + nu.username + " is taken.")
        .add_field("username", "is already taken");
  }
  write_wards(c, id, nu.wards);
  return existing_user(c, id);
}

Result<Creation<User>> Accounts::create(const Actor& actor, const RequestMeta& meta,
                                        const NewUser& nu,
                                        const std::optional<IdempotencyKey>& key) {
  TRY(authorize(&actor, Action::kUserManage));
  // Checked before hashing, so a bad request costs no Argon2 work; one answer names every
  // broken field, the wards and the organization included.
  std::vector<FieldError> errors = nu.input_errors;
  add_field_errors(errors, check_user(nu.username, nu.display_name, nu.role, nu.wards,
                                      nu.organization_id, nu.password));
  if (!errors.empty()) {
    auto references = db_.read([&](storage::Connection& c) -> Result<std::vector<FieldError>> {
      std::vector<FieldError> found;
      check_wards(c, nu.wards, found);
      TRY(check_organization(c, nu.organization_id, found));
      return found;
    });
    if (references.ok()) add_field_errors(errors, std::move(references).value());
    return field_errors(std::move(errors)).error();
  }
  std::string password_hash = hasher_.hash(nu.password);
  return db_.write([&](storage::Connection& c) -> Result<Creation<User>> {
    return idempotency::create_once<User>(
        c, clock_, actor.user_id, key,
        [&](const std::string& first_id) -> Result<User> { return existing_user(c, first_id); },
        [&]() -> Result<User> {
          TRY_ASSIGN(User user, insert(c, clock_, nu, password_hash));
          audit::append(c, clock_, &actor, meta,
                        {"user.create", "user", user.id, std::nullopt, user.organization_id,
                         std::string("role: ") + to_string(user.role)});
          return user;
        });
  });
}

Result<User> Accounts::update(const Actor& actor, const RequestMeta& meta, const std::string& id,
                              const UserChanges& ch) {
  TRY(authorize(&actor, Action::kUserManage));
  auto current =
      db_.read([&](storage::Connection& c) -> Result<User> { return existing_user(c, id); });
  if (!current.ok()) return current.error();
  // Hash outside the write transaction: Argon2 takes tens of milliseconds.
  std::optional<std::string> new_hash;
  if (ch.password) {
    if (auto problem = password_problem(*ch.password, current->username)) {
      return Error::Field("password", *problem);
    }
    new_hash = hasher_.hash(*ch.password);
  }
  return db_.write([&](storage::Connection& c) -> Result<User> {
    TRY_ASSIGN(auto before, find_user(c, id));
    if (!before) return Error::NotFound("No user with this id.");
    if (ch.if_match_version && *ch.if_match_version != before->version) {
      return Error::Aborted("The user has changed since you read it; read it again.");
    }
    User after = *before;
    std::optional<std::vector<std::string>> wards = ch.wards;
    if (wards) std::sort(wards->begin(), wards->end());
    std::vector<std::string> fields;
    auto set = [&](auto& target, const auto& value, const char* name) {
      if (value && !(target == *value)) {
        target = *value;
        fields.push_back(name);
      }
    };
    set(after.display_name, ch.display_name, "display_name");
    set(after.role, ch.role, "role");
    set(after.wards, wards, "wards");
    set(after.organization_id, ch.organization_id, "organization_id");
    set(after.disabled, ch.disabled, "disabled");
    if (new_hash) fields.push_back("password");
    std::vector<FieldError> errors = ch.input_errors;
    add_field_errors(errors, check_user(after.username, after.display_name, after.role, after.wards,
                                        after.organization_id, std::nullopt));
    if (ch.wards) check_wards(c, *ch.wards, errors);
    if (ch.organization_id) TRY(check_organization(c, after.organization_id, errors));
    if (!errors.empty()) return field_errors(std::move(errors)).error();
    if (fields.empty()) return *before;  // nothing changed: no new version, no audit entry
    bool was_admin = access::manages_accounts(before->role) && !before->disabled;
    bool is_admin = access::manages_accounts(after.role) && !after.disabled;
    if (was_admin && !is_admin && enabled_account_managers(c) <= 1) {
      return Error::FailedPrecondition(
          "This is the last enabled admin account; create another admin first.");
    }
    c.prepare(
         "UPDATE users SET display_name = ?2, role = ?3, organization_id = ?4, disabled = ?5,"
         " password_hash = coalesce(?6, password_hash), version = version + 1, updated_at = ?7"
         " WHERE id = ?1")
        .bind(1, id)
        .bind(2, after.display_name)
        .bind(3, to_string(after.role))
        .bind(4, after.organization_id)
        .bind(5, after.disabled)
        .bind(6, new_hash)
        .bind(7, format_utc(clock_.now()))
        .run();
    if (ch.wards) write_wards(c, id, after.wards);
    std::string detail = "fields:";
    for (const auto& f : fields) detail += " " + f;
    if (after.disabled || new_hash) {
      Revoked revoked = revoke_credentials(c, id);
      if (revoked.sessions > 0 || revoked.calendar_links > 0) detail += "; " + describe(revoked);
    }
    audit::append(c, clock_, &actor, meta,
                  {"user.update", "user", id, std::nullopt, after.organization_id, detail});
    return existing_user(c, id);
  });
}

Result<User> Accounts::get(const Actor& actor, const std::string& id) {
  TRY(authorize(&actor, Action::kUserManage));
  return db_.read([&](storage::Connection& c) -> Result<User> { return existing_user(c, id); });
}

Result<User> Accounts::self(const Actor& actor) {
  TRY(authorize(&actor, Action::kOwnAccount));
  return db_.read([&](storage::Connection& c) -> Result<User> {
    TRY_ASSIGN(auto u, find_user(c, actor.user_id));
    if (!u) return Error::Unauthenticated("The account no longer exists.");
    return *u;
  });
}

Status Accounts::change_own_password(const Actor& actor, const RequestMeta& meta,
                                     const std::string& current_password,
                                     const std::string& new_password) {
  TRY(authorize(&actor, Action::kOwnAccount));
  if (auto problem = password_problem(new_password, actor.username)) {
    return Error::Field("new_password", *problem);
  }
  if (new_password == current_password) {
    return Error::Field("new_password", "must differ from the current password");
  }
  TRY_ASSIGN(std::string stored, db_.read([&](storage::Connection& c) -> Result<std::string> {
    auto s = c.prepare("SELECT password_hash FROM users WHERE id = ?1");
    s.bind(1, actor.user_id);
    if (!s.step()) return Error::Unauthenticated("The account no longer exists.");
    return s.text(0);
  }));
  // The same throttle as sign-in: a stolen token must not become a password oracle.
  std::optional<Attempt> attempt;
  if (throttle_ != nullptr) {
    TRY_ASSIGN(Attempt a, throttle_->begin(actor.username, meta.source_address, clock_.now()));
    attempt.emplace(std::move(a));
  }
  if (!hasher_.verify_or_burn(stored, current_password)) {
    const TimePoint now = clock_.now();
    TRY(db_.write([&](storage::Connection& c) -> Status {
      if (attempt) throttle_->failed(*attempt, now, &c);
      audit::append(c, clock_, &actor, meta,
                    {"user.password_change_failed", "user", actor.user_id, std::nullopt,
                     actor.organization_id, "wrong current password"});
      return Status::Ok();
    }));
    return Error::Field("current_password", "is not your current password");
  }
  std::string new_hash = hasher_.hash(new_password);
  return db_.write([&](storage::Connection& c) -> Status {
    c.prepare(
         "UPDATE users SET password_hash = ?2, version = version + 1, updated_at = ?3"
         " WHERE id = ?1 AND password_hash = ?4")
        .bind(1, actor.user_id)
        .bind(2, new_hash)
        .bind(3, format_utc(clock_.now()))
        .bind(4, stored)
        .run();
    if (c.changes() == 0) {
      return Error::Aborted("The password was changed meanwhile; sign in again.");
    }
    if (attempt) throttle_->succeeded(*attempt, &c);
    Revoked revoked = revoke_credentials(c, actor.user_id);
    audit::append(c, clock_, &actor, meta,
                  {"user.password_change", "user", actor.user_id, std::nullopt,
                   actor.organization_id, "own password; " + describe(revoked)});
    return Status::Ok();
  });
}

Result<ColleaguePage> Accounts::colleagues(const Actor& actor,
                                           const std::optional<std::string>& ward, int64_t offset,
                                           int64_t limit) {
  TRY(authorize_role(&actor, Action::kCaseRead));
  if (ward) TRY(authorize(&actor, Action::kCaseRead, {*ward, std::nullopt}));
  using Json = nlohmann::json;
  std::string wards = ward ? Json::array({*ward}).dump() : Json(actor.wards).dump();
  return db_.read([&](storage::Connection& c) -> Result<ColleaguePage> {
    ColleaguePage page;
    const char* where =
        " FROM users u WHERE u.disabled = 0 AND EXISTS (SELECT 1 FROM user_wards w"
        " WHERE w.user_id = u.id AND w.ward IN (SELECT value FROM json_each(?1)))";
    auto count = c.prepare(std::string("SELECT count(*)") + where);
    count.bind(1, wards);
    count.step();
    page.total = count.int64(0);
    auto rows = c.prepare(std::string("SELECT u.id, u.display_name, u.role") + where +
                          " ORDER BY u.display_name, u.id LIMIT ?2 OFFSET ?3");
    rows.bind(1, wards).bind(2, limit).bind(3, offset);
    while (rows.step()) {
      // A stored role that does not decode fails the read; it never stands for another role.
      TRY_ASSIGN(Role role, decode_role(rows.text(2)));
      page.items.push_back({rows.text(0), rows.text(1), role});
    }
    return page;
  });
}

Result<UserPage> Accounts::list(const Actor& actor, const UserFilter& filter) {
  TRY(authorize(&actor, Action::kUserManage));
  return db_.read([&](storage::Connection& c) -> Result<UserPage> {
    UserPage page;
    std::optional<std::string> role;
    if (filter.role) role = to_string(*filter.role);
    std::optional<int64_t> disabled;
    if (filter.disabled) disabled = *filter.disabled ? 1 : 0;
    const char* where =
        " WHERE (?1 IS NULL OR role = ?1) AND (?2 IS NULL OR disabled = ?2) AND (?5 IS NULL OR"
        " EXISTS (SELECT 1 FROM user_wards w WHERE w.user_id = users.id AND w.ward = ?5))";
    auto count = c.prepare(std::string("SELECT count(*) FROM users") + where);
    count.bind(1, role).bind(2, disabled).bind(5, filter.ward);
    count.step();
    page.total = count.int64(0);
    auto rows = c.prepare(std::string("SELECT ") + kUserColumns + " FROM users" + where +
                          " ORDER BY username LIMIT ?3 OFFSET ?4");
    rows.bind(1, role).bind(2, disabled).bind(3, filter.limit).bind(4, filter.offset);
    rows.bind(5, filter.ward);
    while (rows.step()) {
      TRY_ASSIGN(User u, read_user(c, rows));
      page.items.push_back(std::move(u));
    }
    return page;
  });
}

}  // namespace tsunagu::domain
