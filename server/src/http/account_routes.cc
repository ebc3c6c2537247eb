// Sign-in and accounts: POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/me,
// POST /api/v1/me/password, and the admin's /api/v1/users. Handlers parse with FieldReader (so
// unknown fields such as "role" on a login are 422), call one domain function and render it.
#include <algorithm>

#include "common/merge_patch.h"
#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/accounts/accounts.h"
#include "domain/accounts/sessions.h"
#include "domain/base/choices.h"
#include "domain/base/system.h"
#include "domain/base/wards.h"
#include "domain/directory/directory_facade.h"
#include "http/auth.h"
#include "http/etag.h"
#include "http/idempotency_key.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/routes.h"
#include "http/user_json.h"

namespace tsunagu::http {
namespace {

constexpr char kUserId[] = "/api/v1/users/([^/]+)";

void write_user(httplib::Response& res, int status, const domain::User& u) {
  set_etag(res, u.version);
  write_json(res, status, user_json(u));
}

std::optional<domain::Role> read_role(FieldReader& r, Need need) {
  auto name = r.one_of("role", domain::values_of(domain::words::kRoles), need);
  return name ? domain::parse_role(*name) : std::nullopt;
}

Status login(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(domain::SignIn in, sign_in(req, s));
  write_json(res, 200,
             {{"token", in.token},
              {"token_type", "Bearer"},
              {"expires_at", format_rfc3339(in.expires_at)},
              {"idle_timeout_seconds",
               std::chrono::duration_cast<std::chrono::seconds>(s.sessions->policy().idle).count()},
              {"user", user_json(in.user)}});
  return Status::Ok();
}

// GET /me: the account, what its role may do, and the names of its wards and organization.
Status me(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY(only_params(req, {}));
  TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
  TRY_ASSIGN(domain::User user, s.accounts->self(actor));
  Json body = user_json(user);
  Json capabilities = Json::array();
  for (domain::Action a : domain::all_actions()) {
    if (domain::may_at_all(&actor, a) == domain::Decision::kAllow) {
      capabilities.push_back(domain::to_string(a));
    }
  }
  body["capabilities"] = std::move(capabilities);
  TRY_ASSIGN(auto wards, s.system->wards());
  Json ward_names = Json::array();
  for (const auto& w : wards) {
    if (std::find(user.wards.begin(), user.wards.end(), w.code) == user.wards.end()) continue;
    ward_names.push_back({{"value", w.code}, {"ja", w.name}, {"en", domain::english_name(w)}});
  }
  body["ward_names"] = std::move(ward_names);
  body["organization_name"] = nullptr;
  if (user.organization_id) {
    auto org = s.directory->organization(&actor, *user.organization_id);
    if (org.ok()) body["organization_name"] = org->fields.name;
  }
  set_etag(res, user.version);
  write_json(res, 200, body);
  return Status::Ok();
}

// GET /users for those who work on cases: the colleagues of their wards, by name and role.
Status list_colleagues(const Services& s, const domain::Actor& actor, const httplib::Request& req,
                       httplib::Response& res) {
  TRY(only_params(req, {"ward", kPage, kPerPage}));
  TRY_ASSIGN(PageRequest paging, parse_paging(req));
  TRY_ASSIGN(domain::ColleaguePage page,
             s.accounts->colleagues(actor, query(req, "ward"), paging.offset(), paging.per_page));
  Json items = Json::array();
  for (const auto& u : page.items) {
    items.push_back(
        {{"id", u.id}, {"display_name", u.display_name}, {"role", domain::to_string(u.role)}});
  }
  write_json(res, 200, page_envelope(std::move(items), page.total, paging));
  return Status::Ok();
}

Status create_user(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
  TRY(domain::authorize(&actor, domain::Action::kUserManage));  // 403 before reading the body
  TRY_ASSIGN(Json body, parse_json_body(req));
  // A retry is recognised by everything but the password (see idempotency_key()).
  Json compared = body;
  if (compared.is_object()) compared.erase("password");
  TRY_ASSIGN(auto key, idempotency_key(req, compared.dump()));
  FieldReader r(body);
  domain::NewUser nu;
  nu.username = r.string("username", Need::kRequired, 64).value_or("");
  nu.display_name = r.string("display_name", Need::kRequired, 100).value_or("");
  auto role = read_role(r, Need::kRequired);
  nu.wards = r.strings("wards", Need::kOptional, 10, 20).value_or(std::vector<std::string>{});
  nu.organization_id = r.string("organization_id", Need::kOptional, 64);
  nu.password = r.string("password", Need::kRequired, domain::kMaxPasswordChars).value_or("");
  if (!body.is_object()) TRY(r.finish());
  nu.input_errors = r.take_errors();
  nu.role = role.value_or(domain::Role{});  // no role: refused by the rules
  TRY_ASSIGN(auto created, s.accounts->create(actor, request_meta(req), nu, key));
  mark_created(res, "/api/v1/users/" + created.resource.id, created.replayed);
  write_user(res, 201, created.resource);
  return Status::Ok();
}

Status update_user(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
  TRY(domain::authorize(&actor, domain::Action::kUserManage));  // 403 before reading the body
  TRY_ASSIGN(Json body, parse_json_body(req));
  domain::UserChanges ch;
  TRY_ASSIGN(ch.if_match_version, if_match_version(req));
  FieldReader r(body);
  ch.display_name = r.string("display_name", Need::kOptional, 100);
  ch.role = read_role(r, Need::kOptional);
  ch.wards = r.strings("wards", Need::kOptional, 10, 20);
  if (auto org = r.string("organization_id", Need::kOptional, 64)) ch.organization_id = org;
  ch.disabled = r.boolean("disabled");
  ch.password = r.string("password", Need::kOptional, domain::kMaxPasswordChars);
  // A merge patch: null clears the organization and the wards; the rest cannot be removed.
  const auto removed = read_patch_nulls(r, body, {"display_name", "role", "disabled", "password"},
                                        {"organization_id", "wards"});
  if (contains_key(removed, "organization_id")) ch.organization_id = std::optional<std::string>();
  if (contains_key(removed, "wards")) ch.wards = std::vector<std::string>{};
  if (!body.is_object()) TRY(r.finish());
  ch.input_errors = r.take_errors();
  TRY_ASSIGN(domain::User user, s.accounts->update(actor, request_meta(req), req.matches[1], ch));
  write_user(res, 200, user);
  return Status::Ok();
}

Status list_users(const Services& s, const httplib::Request& req, httplib::Response& res) {
  TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
  if (domain::access::lists_colleagues(actor)) return list_colleagues(s, actor, req, res);
  TRY(only_params(req, {"ward", "role", "disabled", kPage, kPerPage}));
  TRY_ASSIGN(PageRequest paging, parse_paging(req));
  domain::UserFilter filter;
  filter.ward = query(req, "ward");
  filter.offset = paging.offset();
  filter.limit = paging.per_page;
  if (auto role = query(req, "role")) {
    filter.role = domain::parse_role(*role);
    if (!filter.role) {
      return Error::Malformed("The parameter role must be a role.")
          .add_field(domain::invalid_choice("role", domain::words::kRoles));
    }
  }
  if (auto disabled = query(req, "disabled")) {
    if (*disabled != "true" && *disabled != "false") {
      return Error::Malformed("The parameter disabled must be true or false.")
          .add_field("disabled", "must be true or false");
    }
    filter.disabled = *disabled == "true";
  }
  TRY_ASSIGN(domain::UserPage page, s.accounts->list(actor, filter));
  Json items = Json::array();
  for (const auto& u : page.items) items.push_back(user_json(u));
  write_json(res, 200, page_envelope(std::move(items), page.total, paging));
  return Status::Ok();
}

}  // namespace

void register_account_routes(Router& router, const Services& services) {
  const Services& s = services;
  router.post(
      "/api/v1/auth/login", "auth.login",
      [&s](const httplib::Request& req, httplib::Response& res) { return login(s, req, res); });
  router.post("/api/v1/auth/logout", "auth.logout",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
                TRY(s.sessions->logout(actor, request_meta(req), session_token(req).value_or("")));
                res.status = 204;
                return Status::Ok();
              });
  router.get("/api/v1/me", "me",
             [&s](const httplib::Request& req, httplib::Response& res) { return me(s, req, res); });
  router.post("/api/v1/me/password", "me.password",
              [&s](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
                TRY_ASSIGN(Json body, parse_json_body(req));
                FieldReader r(body);
                auto current =
                    r.string("current_password", Need::kRequired, domain::kMaxPasswordChars);
                auto next = r.string("new_password", Need::kRequired, domain::kMaxPasswordChars);
                TRY(r.finish());
                TRY(s.accounts->change_own_password(actor, request_meta(req), *current, *next));
                res.status = 204;
                return Status::Ok();
              });
  router.get("/api/v1/users", "users.list",
             [&s](const httplib::Request& req, httplib::Response& res) {
               return list_users(s, req, res);
             });
  router.post("/api/v1/users", "users.create",
              [&s](const httplib::Request& req, httplib::Response& res) {
                return create_user(s, req, res);
              });
  router.get(kUserId, "users.get",
             [&s](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY(only_params(req, {}));
               TRY_ASSIGN(domain::Actor actor, signed_in_caller(req, s));
               TRY_ASSIGN(domain::User user, s.accounts->get(actor, req.matches[1]));
               write_user(res, 200, user);
               return Status::Ok();
             });
  router.patch(kUserId, "users.update", [&s](const httplib::Request& req, httplib::Response& res) {
    return update_user(s, req, res);
  });
}

}  // namespace tsunagu::http
