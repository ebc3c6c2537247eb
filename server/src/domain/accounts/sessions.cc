#include "domain/accounts/sessions.h"

#include <algorithm>
#include <map>

#include "common/hash.h"
#include "common/ids.h"
#include "domain/audit/audit.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

constexpr char kWrongCredentials[] = "The username or password is wrong.";
constexpr char kInvalidToken[] = "The token is not valid; sign in again.";
constexpr char kExpiredToken[] = "The session has expired; sign in again.";

std::string lower_ascii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return s;
}

struct Candidate {
  std::string user_id;
  std::string password_hash;
  bool disabled = false;
};

}  // namespace

Result<SignIn> Sessions::login(const std::string& username_in, const std::string& password,
                               const RequestMeta& meta) {
  const std::string username = lower_ascii(username_in);
  const TimePoint now = clock_.now();
  // Reserved before any password is checked, so concurrent guesses cannot all pass at once.
  TRY_ASSIGN(Attempt attempt, throttle_.begin(username, meta.source_address, now));
  TRY_ASSIGN(
      auto candidate, db_.read([&](storage::Connection& c) -> Result<std::optional<Candidate>> {
        auto s = c.prepare("SELECT id, password_hash, disabled FROM users WHERE username = ?1");
        s.bind(1, username);
        if (!s.step()) return std::optional<Candidate>();
        return std::optional<Candidate>(Candidate{s.text(0), s.text(1), s.int64(2) != 0});
      }));
  // The same Argon2 work whether or not the user exists.
  bool matches = hasher_.verify_or_burn(
      candidate ? std::optional(candidate->password_hash) : std::nullopt, password);
  if (!matches || candidate->disabled) {
    const char* why = !candidate ? "unknown username" : !matches ? "wrong password" : "disabled";
    TRY(db_.write([&](storage::Connection& c) -> Status {
      throttle_.failed(attempt, now, &c);
      audit::append(c, clock_, nullptr, meta,
                    {"auth.login_failed", "user",
                     candidate ? std::optional(candidate->user_id) : std::nullopt, std::nullopt,
                     std::nullopt, why});
      return Status::Ok();
    }));
    return Error::Unauthenticated(kWrongCredentials);
  }
  std::string token = to_hex(random_bytes(32));
  TimePoint expires = now + policy_.absolute;
  return db_.write([&](storage::Connection& c) -> Result<SignIn> {
    TRY_ASSIGN(auto user, find_user(c, candidate->user_id));
    if (!user || user->disabled) return Error::Unauthenticated(kWrongCredentials);
    throttle_.succeeded(attempt, &c);
    c.prepare(
         "INSERT INTO sessions (token_hash, user_id, created_at, last_used_at, expires_at,"
         " source_address) VALUES (?1, ?2, ?3, ?3, ?4, ?5)")
        .bind(1, sha256_hex(token))
        .bind(2, user->id)
        .bind(3, format_utc(now))
        .bind(4, format_utc(expires))
        .bind(5, meta.source_address)
        .run();
    Actor actor = actor_of(*user);
    audit::append(
        c, clock_, &actor, meta,
        {"auth.login", "user", user->id, std::nullopt, user->organization_id, std::nullopt});
    return SignIn{token, expires, *user};
  });
}

Result<TimePoint> Sessions::expires_at(std::string_view token) {
  TRY(resolve(token));
  const std::string token_hash = sha256_hex(token);
  return db_.read([&](storage::Connection& c) -> Result<TimePoint> {
    auto s = c.prepare("SELECT expires_at FROM sessions WHERE token_hash = ?1");
    s.bind(1, token_hash);
    if (!s.step()) return Error::Unauthenticated(kInvalidToken);
    return parse_stored_time(s.text(0));
  });
}

Result<Actor> Sessions::resolve(std::string_view token) {
  const std::string token_hash = sha256_hex(token);
  const TimePoint now = clock_.now();
  struct Found {
    User user;
    TimePoint last_used;
    TimePoint expires;
  };
  TRY_ASSIGN(Found found, db_.read([&](storage::Connection& c) -> Result<Found> {
    auto s =
        c.prepare("SELECT user_id, last_used_at, expires_at FROM sessions WHERE token_hash = ?1");
    s.bind(1, token_hash);
    if (!s.step()) return Error::Unauthenticated(kInvalidToken);
    TRY_ASSIGN(auto user, find_user(c, s.text(0)));
    if (!user || user->disabled) return Error::Unauthenticated(kInvalidToken);
    return Found{*user, parse_stored_time(s.text(1)), parse_stored_time(s.text(2))};
  }));
  // The stored last use lags by up to touch_every; the exact one is remembered in memory.
  const TimePoint last_used = std::max(found.last_used, remembered_use(token_hash));
  if (now >= found.expires || now >= last_used + policy_.idle) {
    return Error::Unauthenticated(kExpiredToken);
  }
  remember_use(token_hash, now);
  if (now - found.last_used >= policy_.touch_every) {
    TRY(db_.write([&](storage::Connection& c) -> Status {
      c.prepare("UPDATE sessions SET last_used_at = ?2 WHERE token_hash = ?1 AND last_used_at < ?2")
          .bind(1, token_hash)
          .bind(2, format_utc(now))
          .run();
      return Status::Ok();
    }));
  }
  return actor_of(found.user);
}

TimePoint Sessions::remembered_use(const std::string& token_hash) {
  std::lock_guard lock(uses_mutex_);
  auto it = last_use_.find(token_hash);
  return it == last_use_.end() ? TimePoint{} : it->second;
}

void Sessions::remember_use(const std::string& token_hash, TimePoint at) {
  std::lock_guard lock(uses_mutex_);
  TimePoint& t = last_use_[token_hash];
  t = std::max(t, at);
}

void Sessions::flush_last_uses() {
  std::map<std::string, TimePoint> uses;
  {
    std::lock_guard lock(uses_mutex_);
    uses = last_use_;
  }
  if (uses.empty()) return;
  (void)db_.write([&](storage::Connection& c) -> Status {
    for (const auto& [token_hash, at] : uses) {
      c.prepare("UPDATE sessions SET last_used_at = ?2 WHERE token_hash = ?1 AND last_used_at < ?2")
          .bind(1, token_hash)
          .bind(2, format_utc(at))
          .run();
    }
    return Status::Ok();
  });
}

Status Sessions::logout(const Actor& actor, const RequestMeta& meta, std::string_view token) {
  return db_.write([&](storage::Connection& c) -> Status {
    c.prepare("DELETE FROM sessions WHERE token_hash = ?1 AND user_id = ?2")
        .bind(1, sha256_hex(token))
        .bind(2, actor.user_id)
        .run();
    if (c.changes() > 0) {
      audit::append(c, clock_, &actor, meta,
                    {"auth.logout", "user", actor.user_id, std::nullopt, actor.organization_id,
                     std::nullopt});
    }
    return Status::Ok();
  });
}

int64_t Sessions::purge_expired() {
  const TimePoint now = clock_.now();
  // The exact last uses go to the table first, so an idle check there sees them.
  flush_last_uses();
  {
    std::lock_guard lock(uses_mutex_);
    std::erase_if(last_use_, [&](const auto& kv) { return kv.second + policy_.idle <= now; });
  }
  auto removed = db_.write([&](storage::Connection& c) -> Result<int64_t> {
    throttle_.prune(now, &c);
    c.prepare("DELETE FROM sessions WHERE expires_at <= ?1 OR last_used_at <= ?2")
        .bind(1, format_utc(now))
        .bind(2, format_utc(now - policy_.idle))
        .run();
    return static_cast<int64_t>(c.changes());
  });
  return removed.ok() ? *removed : 0;
}

Revoked revoke_credentials(storage::Connection& c, const std::string& user_id) {
  Revoked r;
  c.prepare("DELETE FROM sessions WHERE user_id = ?1").bind(1, user_id).run();
  r.sessions = c.changes();
  c.prepare("DELETE FROM calendar_links WHERE user_id = ?1").bind(1, user_id).run();
  r.calendar_links = c.changes();
  return r;
}

std::string describe(const Revoked& r) {
  std::string out = "revoked " + std::to_string(r.sessions) + " session(s)";
  if (r.calendar_links > 0) out += " and the calendar link";
  return out;
}

}  // namespace tsunagu::domain
