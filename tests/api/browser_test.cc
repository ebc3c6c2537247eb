// What the web client meets: the reference word sets, /me with capabilities and names, the
// cookie session with its CSRF token, the users of a ward, the client's files with their
// headers, and problems in Japanese.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "api/case_fixture.h"
#include "support/seed_ids.h"
#include "support/test_support.h"

namespace tsunagu {
namespace {

using nlohmann::json;
using testing::bearer;
using testing::body_json;
using testing::kDemoPassword;
using testing::post_json;
using testing::TestServer;

// The Set-Cookie value a response carries, or "".
std::string set_cookie(const httplib::Result& res) {
  return res && res->has_header("Set-Cookie") ? res->get_header_value("Set-Cookie") : "";
}

// "tsunagu_session=<token>" of a Set-Cookie value.
std::string cookie_pair(const std::string& set_cookie_value) {
  return set_cookie_value.substr(0, set_cookie_value.find(';'));
}

class BrowserApiTest : public ::testing::Test {
 protected:
  struct Session {
    std::string cookie;  // "tsunagu_session=…"
    std::string csrf;
  };
  Session sign_in(const std::string& username) {
    auto res = post_json(client_, "/api/v1/auth/session",
                         {{"username", username}, {"password", kDemoPassword}});
    EXPECT_EQ(res->status, 200) << res->body;
    return {cookie_pair(set_cookie(res)), body_json(res)["csrf_token"]};
  }
  static httplib::Headers with_cookie(const Session& s, const std::string& csrf = "") {
    httplib::Headers h{{"Cookie", s.cookie}};
    if (!csrf.empty()) h.emplace("X-CSRF-Token", csrf);
    return h;
  }

  TestServer server_{testing::auth_config()};
  httplib::Client client_ = server_.client();
};

TEST_F(BrowserApiTest, ReferenceListsEveryWordSetWithBothLabels) {
  EXPECT_EQ(client_.Get("/api/v1/reference")->status, 401);
  auto token = testing::login(client_, "partner.night");
  auto res = client_.Get("/api/v1/reference", bearer(token));
  ASSERT_EQ(res->status, 200) << res->body;
  auto body = body_json(res);
  for (const char* set :
       {"categories", "risk_categories", "sections", "risk_levels", "case_statuses",
        "referral_statuses", "urgencies", "legal_bases", "decline_reasons", "outcomes",
        "meeting_kinds", "meeting_statuses", "action_item_statuses", "capacity_statuses",
        "address_visibilities", "contact_kinds", "roles", "wards"}) {
    ASSERT_TRUE(body.contains(set)) << set;
    ASSERT_FALSE(body[set].empty()) << set;
    for (const auto& w : body[set]) {
      EXPECT_FALSE(w["value"].get<std::string>().empty()) << set;
      EXPECT_FALSE(w["ja"].get<std::string>().empty()) << set << " " << w["value"];
      EXPECT_FALSE(w["en"].get<std::string>().empty()) << set << " " << w["value"];
    }
  }
  EXPECT_EQ(body["categories"][0],
            json({{"value", "youth_space"}, {"ja", "居場所"}, {"en", "Youth space"}}));
  ASSERT_EQ(body["wards"].size(), 10u);
  std::vector<std::string> wards;
  for (const auto& w : body["wards"]) wards.push_back(w["ja"]);
  EXPECT_EQ(wards, (std::vector<std::string>{"中央区", "北区", "東区", "白石区", "厚別区", "豊平区",
                                             "清田区", "南区", "西区", "手稲区"}));
  EXPECT_EQ(body["wards"][0]["value"], "chuo");
  EXPECT_EQ(body["wards"][0]["en"], "Chuo Ward");
  // Cacheable: the same ETag answers 304.
  std::string etag = res->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto headers = bearer(token);
  headers.emplace("If-None-Match", etag);
  EXPECT_EQ(client_.Get("/api/v1/reference", headers)->status, 304);
}

TEST_F(BrowserApiTest, ReferenceValuesAreTheOnesTheServerAccepts) {
  auto token = testing::login(client_, "coord.chuo");
  auto body = body_json(client_.Get("/api/v1/reference", bearer(token)));
  // Each listed risk level is accepted as a filter; a value not listed is refused.
  for (const auto& w : body["risk_levels"]) {
    std::string path = "/api/v1/cases?risk_level=" + w["value"].get<std::string>();
    EXPECT_EQ(client_.Get(path.c_str(), bearer(token))->status, 200) << path;
  }
  EXPECT_NE(client_.Get("/api/v1/cases?risk_level=extreme", bearer(token))->status, 200);
  for (const auto& w : body["meeting_statuses"]) {
    std::string path = "/api/v1/meetings?status=" + w["value"].get<std::string>();
    EXPECT_EQ(client_.Get(path.c_str(), bearer(token))->status, 200) << path;
  }
}

TEST_F(BrowserApiTest, MeSaysWhatTheRoleMayDoAndNamesWardsAndOrganization) {
  auto coord = body_json(client_.Get("/api/v1/me", bearer(testing::login(client_, "coord.chuo"))));
  std::set<std::string> caps = coord["capabilities"];
  EXPECT_TRUE(caps.contains("case.read"));
  EXPECT_TRUE(caps.contains("referral.create"));
  EXPECT_FALSE(caps.contains("user.manage"));
  EXPECT_FALSE(caps.contains("audit.read"));
  EXPECT_EQ(coord["ward_names"],
            json::array({{{"value", "chuo"}, {"ja", "中央区"}, {"en", "Chuo Ward"}}}));
  EXPECT_TRUE(coord["organization_name"].is_null());

  auto partner =
      body_json(client_.Get("/api/v1/me", bearer(testing::login(client_, "partner.itokonchi"))));
  EXPECT_EQ(partner["organization_name"], "いとこんち");
  std::set<std::string> partner_caps = partner["capabilities"];
  EXPECT_TRUE(partner_caps.contains("referral.transition"));
  EXPECT_FALSE(partner_caps.contains("case.read"));

  auto auditor = body_json(client_.Get("/api/v1/me", bearer(testing::login(client_, "auditor"))));
  std::set<std::string> auditor_caps = auditor["capabilities"];
  EXPECT_TRUE(auditor_caps.contains("audit.read"));
  EXPECT_FALSE(auditor_caps.contains("case.read"));
}

TEST_F(BrowserApiTest, SessionSignInSetsAnHttpOnlyCookieAndReturnsNoToken) {
  auto res = post_json(client_, "/api/v1/auth/session",
                       {{"username", "coord.chuo"}, {"password", kDemoPassword}});
  ASSERT_EQ(res->status, 200) << res->body;
  std::string cookie = set_cookie(res);
  EXPECT_EQ(cookie.rfind("tsunagu_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP: " << cookie;
  EXPECT_NE(cookie.find("; Max-Age=43200"), std::string::npos) << cookie;  // 12 h
  auto body = body_json(res);
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_EQ(body["expires_at"], "2026-04-01T21:00:00+09:00");
  EXPECT_EQ(body["user"]["username"], "coord.chuo");
  EXPECT_FALSE(body.contains("token"));
  std::string token = cookie_pair(cookie).substr(std::string("tsunagu_session=").size());
  EXPECT_EQ(res->body.find(token), std::string::npos) << "the token is only in the cookie";
  EXPECT_NE(body["csrf_token"], token);

  // The cookie signs the browser in; the CSRF token can be read again after a reload.
  httplib::Headers h{{"Cookie", cookie_pair(cookie)}};
  auto me = client_.Get("/api/v1/me", h);
  ASSERT_EQ(me->status, 200);
  EXPECT_EQ(body_json(me)["username"], "coord.chuo");
  auto again = client_.Get("/api/v1/auth/session", h);
  ASSERT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(body_json(again)["csrf_token"], body["csrf_token"]);
  EXPECT_EQ(body_json(again)["expires_at"], body["expires_at"]);
  EXPECT_EQ(client_.Get("/api/v1/auth/session")->status, 401);
}

TEST_F(BrowserApiTest, SessionSignInRefusesWrongCredentialsLikeLogin) {
  auto res = post_json(client_, "/api/v1/auth/session",
                       {{"username", "coord.chuo"}, {"password", "wrong wrong wrong"}});
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(body_json(res)["code"], "auth.bad_credentials");
  EXPECT_EQ(set_cookie(res), "");
  auto unknown = post_json(client_, "/api/v1/auth/session",
                           {{"username", "nobody"}, {"password", "wrong wrong wrong"}});
  EXPECT_EQ(unknown->body, res->body);
  auto extra = post_json(client_, "/api/v1/auth/session",
                         {{"username", "coord.chuo"}, {"password", kDemoPassword}, {"role", "x"}});
  EXPECT_EQ(extra->status, 422);
}

TEST_F(BrowserApiTest, ACookieRequestThatChangesSomethingNeedsTheCsrfToken) {
  Session s = sign_in("coord.chuo");
  const json body = {{"current_password", "not it"}, {"new_password", "something-long-enough-1"}};
  // Without the header, and with a wrong one: 403 before anything happens.
  auto missing =
      client_.Post("/api/v1/me/password", with_cookie(s), body.dump(), "application/json");
  EXPECT_EQ(missing->status, 403);
  EXPECT_EQ(body_json(missing)["code"], "csrf.missing");
  EXPECT_EQ(missing->get_header_value("Content-Type"), "application/problem+json");
  auto wrong = client_.Post("/api/v1/me/password", with_cookie(s, std::string(64, 'a')),
                            body.dump(), "application/json");
  EXPECT_EQ(wrong->status, 403);
  EXPECT_EQ(body_json(wrong)["code"], "csrf.mismatch");
  // Another session's token is wrong too.
  Session other = sign_in("staff.chuo");
  EXPECT_EQ(
      client_
          .Post("/api/v1/me/password", with_cookie(s, other.csrf), body.dump(), "application/json")
          ->status,
      403);
  // With it, the request reaches the handler (which refuses the wrong current password).
  auto with =
      client_.Post("/api/v1/me/password", with_cookie(s, s.csrf), body.dump(), "application/json");
  EXPECT_EQ(with->status, 422) << with->body;
  // Reads need no header.
  EXPECT_EQ(client_.Get("/api/v1/me", with_cookie(s))->status, 200);
  // Bearer tokens need no CSRF token.
  auto token = testing::login(client_, "coord.chuo");
  auto bearer_post =
      client_.Post("/api/v1/me/password", bearer(token), body.dump(), "application/json");
  EXPECT_EQ(bearer_post->status, 422) << bearer_post->body;
}

TEST_F(BrowserApiTest, SignOutRevokesTheSessionAndClearsTheCookie) {
  Session s = sign_in("partner.night");
  EXPECT_EQ(client_.Delete("/api/v1/auth/session", with_cookie(s))->status, 403);
  EXPECT_EQ(client_.Get("/api/v1/me", with_cookie(s))->status, 200);  // still signed in
  auto out = client_.Delete("/api/v1/auth/session", with_cookie(s, s.csrf));
  ASSERT_EQ(out->status, 204) << out->body;
  std::string cleared = set_cookie(out);
  EXPECT_EQ(cleared.rfind("tsunagu_session=;", 0), 0u) << cleared;
  EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos) << cleared;
  EXPECT_NE(cleared.find("HttpOnly"), std::string::npos) << cleared;
  // The old cookie is dead, on the server.
  auto after = client_.Get("/api/v1/me", with_cookie(s));
  EXPECT_EQ(after->status, 401);
  EXPECT_EQ(body_json(after)["code"], "auth.unauthenticated");
}

TEST_F(BrowserApiTest, CookieSessionsExpireLikeTokens) {
  Session s = sign_in("coord.chuo");
  server_.clock().advance(std::chrono::minutes(31));  // idle expiry
  EXPECT_EQ(client_.Get("/api/v1/me", with_cookie(s))->status, 401);
}

TEST_F(BrowserApiTest, CoordinatorsAndWardStaffListTheirWardsUsersByNameAndRole) {
  auto coord = testing::login(client_, "coord.chuo");
  auto res = client_.Get("/api/v1/users?ward=chuo", bearer(coord));
  ASSERT_EQ(res->status, 200) << res->body;
  auto body = body_json(res);
  std::set<std::string> names;
  for (const auto& u : body["items"]) {
    names.insert(u["display_name"]);
    std::set<std::string> keys;
    for (const auto& [k, v] : u.items()) keys.insert(k);
    EXPECT_EQ(keys, (std::set<std::string>{"id", "display_name", "role"})) << u.dump();
  }
  EXPECT_EQ(names, (std::set<std::string>{"中央区 おやこ支援担当係長", "中央区 保健師"}));
  EXPECT_EQ(body["total"], 2);
  // Without ward: every ward of the caller; another ward: as if it did not exist.
  EXPECT_EQ(body_json(client_.Get("/api/v1/users", bearer(coord)))["total"], 2);
  EXPECT_EQ(client_.Get("/api/v1/users?ward=kita", bearer(coord))->status, 404);
  auto staff = testing::login(client_, "staff.chuo");
  EXPECT_EQ(client_.Get("/api/v1/users?ward=chuo", bearer(staff))->status, 200);
  // Partners and the auditor may not list users; the admin sees everything.
  EXPECT_EQ(
      client_.Get("/api/v1/users?ward=chuo", bearer(testing::login(client_, "partner.itokonchi")))
          ->status,
      403);
  EXPECT_EQ(client_.Get("/api/v1/users", bearer(testing::login(client_, "auditor")))->status, 403);
  auto admin = testing::login(client_, "admin");
  auto all = body_json(client_.Get("/api/v1/users", bearer(admin)));
  EXPECT_EQ(all["total"], 7);
  EXPECT_TRUE(all["items"][0].contains("username"));
  EXPECT_EQ(body_json(client_.Get("/api/v1/users?ward=kita", bearer(admin)))["total"], 1);
}

// Problems in Japanese, status by status.
class JapaneseErrorsTest : public BrowserApiTest {
 protected:
  static httplib::Headers ja(httplib::Headers h = {}) {
    h.emplace("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.8");
    return h;
  }
  // Checks the body is a Japanese problem with `code`; returns it.
  static json japanese_problem(const httplib::Result& res, int status, const std::string& code) {
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
    json body = body_json(res);
    EXPECT_EQ(body["code"], code) << res->body;
    for (const char* key : {"title", "detail"}) {
      std::string text = body[key];
      EXPECT_TRUE(std::any_of(text.begin(), text.end(), [](char c) { return c & 0x80; }))
          << key << " is not Japanese: " << text;
    }
    return body;
  }
};

TEST_F(JapaneseErrorsTest, A422ListsEveryBrokenFieldInJapanese) {
  auto token = testing::login(client_, "coord.chuo");
  auto res = client_.Post("/api/v1/referrals", ja(bearer(token)),
                          json({{"organization_id", testing::kItokonchi},
                                {"summary", "夜間の居場所の利用について"},
                                {"urgency", "asap"}})
                              .dump(),
                          "application/json");
  auto body = japanese_problem(res, 422, "validation");
  EXPECT_EQ(body["title"], "入力内容に誤りがあります");
  ASSERT_EQ(body["errors"].size(), 2u) << res->body;
  std::map<std::string, json> by_field;
  for (const auto& e : body["errors"]) by_field[e["field"]] = e;
  EXPECT_EQ(by_field["case_id"]["code"], "field.required");
  EXPECT_EQ(by_field["case_id"]["message"], "必須項目です。");
  EXPECT_EQ(by_field["urgency"]["code"], "field.invalid_choice");
  EXPECT_EQ(by_field["urgency"]["message"],
            "この値は選べません（選べる値: 通常（routine）、至急（urgent））。");
  EXPECT_NE(body["detail"].get<std::string>().find("緊急度"), std::string::npos) << body["detail"];
  // The same request in English keeps the English texts and the same codes.
  auto en = body_json(client_.Post(
      "/api/v1/referrals", bearer(token),
      json({{"organization_id", testing::kItokonchi}, {"summary", "x"}, {"urgency", "asap"}})
          .dump(),
      "application/json"));
  EXPECT_EQ(en["title"], "The request breaks a rule");
  EXPECT_EQ(en["code"], "validation");
}

TEST_F(JapaneseErrorsTest, A404InJapaneseIsTheSameForUnknownAndOutOfScope) {
  auto token = testing::login(client_, "coord.chuo");
  auto body = japanese_problem(client_.Get("/api/v1/referrals/no-such-id", ja(bearer(token))), 404,
                               "not_found");
  EXPECT_EQ(body["title"], "見つかりません");
  auto route = japanese_problem(client_.Get("/api/v1/no-such-route", ja()), 404, "not_found");
  EXPECT_EQ(route["title"], "見つかりません");
}

TEST_F(JapaneseErrorsTest, From401To429InJapanese) {
  auto body = japanese_problem(client_.Get("/api/v1/me", ja()), 401, "auth.unauthenticated");
  EXPECT_EQ(body["title"], "サインインが必要です");
  auto partner = testing::login(client_, "partner.night");
  body = japanese_problem(client_.Get("/api/v1/audit", ja(bearer(partner))), 403, "auth.forbidden");
  EXPECT_EQ(body["title"], "この操作の権限がありません");
  auto admin = testing::login(client_, "admin");
  const json user = {{"username", "new.staff"},
                     {"display_name", "新しい職員"},
                     {"role", "ward_staff"},
                     {"wards", {"chuo"}},
                     {"password", "a-long-enough-password-1"}};
  ASSERT_EQ(post_json(client_, "/api/v1/users", user, bearer(admin))->status, 201);
  body = japanese_problem(post_json(client_, "/api/v1/users", user, ja(bearer(admin))), 409,
                          "conflict");
  auto me = body_json(client_.Get("/api/v1/me", bearer(admin)));
  auto stale = ja(bearer(admin));
  stale.emplace("If-Match", "\"999\"");
  body = japanese_problem(client_.Patch(("/api/v1/users/" + me["id"].get<std::string>()).c_str(),
                                        stale, R"({"display_name":"管理者"})", "application/json"),
                          412, "stale_version");
  EXPECT_EQ(body["title"], "ほかの人が先に更新しました");
  Session s = sign_in("coord.chuo");
  body = japanese_problem(
      client_.Post("/api/v1/me/password", ja(with_cookie(s)), "{}", "application/json"), 403,
      "csrf.missing");
  auto wrong_login = [&] {
    return client_.Post(
        "/api/v1/auth/login", ja(),
        json({{"username", "coord.kita"}, {"password", "wrong wrong wrong"}}).dump(),
        "application/json");
  };
  auto last = wrong_login();
  for (int i = 0; i < 30 && last->status != 429; ++i) {
    japanese_problem(last, 401, "auth.bad_credentials");
    last = wrong_login();
  }
  body = japanese_problem(last, 429, "auth.throttled");
  EXPECT_FALSE(last->get_header_value("Retry-After").empty());
  EXPECT_NE(body["detail"].get<std::string>().find("秒"), std::string::npos) << body["detail"];
}

// A referral that is already accepted cannot be accepted or declined again: 409 in Japanese.
class JapaneseReferralErrorsTest : public testing::CaseApiTest {};

TEST_F(JapaneseReferralErrorsTest, AnIllegalReferralStepIsA409InJapanese) {
  auto referral = create_referral(create_case());
  std::string path = "/api/v1/referrals/" + referral["id"].get<std::string>() + "/transitions";
  ASSERT_EQ(post("partner.itokonchi", path, {{"to", "accepted"}})->status, 200);
  httplib::Headers ja{{"Accept-Language", "ja"}};
  auto res =
      post("partner.itokonchi", path, {{"to", "declined"}, {"reason_code", "no_capacity"}}, ja);
  ASSERT_EQ(res->status, 409) << res->body;
  auto body = body_json(res);
  EXPECT_EQ(body["code"], "referral.illegal_transition");
  EXPECT_EQ(body["title"], "現在の状態ではできません");
  EXPECT_EQ(body["detail"], "この紹介はすでに受理されています。「お断り」にはできません。");
  auto again = body_json(post("partner.itokonchi", path, {{"to", "accepted"}}, ja));
  EXPECT_EQ(again["detail"], "この紹介はすでに「受理」になっています。");
}

// The web client's files, from a temporary folder.
class StaticFilesApiTest : public ::testing::Test {
 protected:
  static app::Config with_root(const std::string& root) {
    app::Config c;
    c.web_root = root;
    return c;
  }
  static void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p) << text;
  }
  // A built client: index.html, hashed assets, an unhashed file; and a file beside the folder.
  static std::string make_client(const testing::TempDir& d) {
    std::filesystem::create_directories(d.path() / "dist" / "assets");
    write(d.path() / "dist" / "index.html", "<!doctype html><title>つなぐ</title>");
    write(d.path() / "dist" / "assets" / "index-Ab12Cd34.js", "console.log(1)");
    write(d.path() / "dist" / "assets" / "index-Ab12Cd34.css", "body{}");
    write(d.path() / "dist" / "favicon.svg", "<svg/>");
    write(d.path() / "secret.txt", "TOP-SECRET-CONTENT");
    return (d.path() / "dist").string();
  }
  testing::TempDir dir_;
  std::string root_ = make_client(dir_);
  TestServer server_{with_root(root_)};
  httplib::Client client_ = server_.client();
};

void expect_client_headers(const httplib::Result& res) {
  // One policy, the client's: two would both apply, and the stricter API one would win.
  EXPECT_EQ(res->get_header_value_count("Content-Security-Policy"), 1u);
  EXPECT_EQ(res->get_header_value_count("Cache-Control"), 1u);
  EXPECT_EQ(res->get_header_value("Content-Security-Policy").rfind("default-src 'self'", 0), 0u);
  // The contract's policy: nothing loosens default-src (no inline code, no data: URLs).
  for (const char* loosening : {"unsafe-inline", "data:", "script-src", "img-src", "*"}) {
    EXPECT_EQ(res->get_header_value("Content-Security-Policy").find(loosening), std::string::npos)
        << loosening;
  }
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer");
}

TEST_F(StaticFilesApiTest, TheIndexForTheRootAndForClientRoutes) {
  for (const char* path : {"/", "/index.html", "/cases/123", "/referrals/abc/timeline"}) {
    auto res = client_.Get(path);
    ASSERT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->body, "<!doctype html><title>つなぐ</title>") << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
    // Never kept: the contract's "index.html never [cached]".
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store") << path;
    EXPECT_EQ(res->get_header_value_count("Cache-Control"), 1u) << path;
    expect_client_headers(res);
  }
}

TEST_F(StaticFilesApiTest, AMissingFileKeepsTheClientsHeadersAndTheOne404Body) {
  auto res = client_.Get("/assets/missing-Zz99Yy88.js");
  ASSERT_EQ(res->status, 404);
  expect_client_headers(res);
  EXPECT_FALSE(res->get_header_value("X-Request-Id").empty());
  json body = json::parse(res->body);
  // The same body as an unknown id anywhere in the API.
  auto api = client_.Get("/api/v1/no-such-route");
  ASSERT_EQ(api->status, 404);
  json unknown_route = json::parse(api->body);
  EXPECT_EQ(unknown_route["detail"], "Not found.");
  EXPECT_EQ(unknown_route["title"], body["title"]);
}

TEST_F(StaticFilesApiTest, HashedAssetsAreCachedForAYear) {
  auto js = client_.Get("/assets/index-Ab12Cd34.js");
  ASSERT_EQ(js->status, 200);
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  expect_client_headers(js);
  EXPECT_EQ(client_.Get("/assets/index-Ab12Cd34.css")->get_header_value("Content-Type"),
            "text/css; charset=utf-8");
  auto svg = client_.Get("/favicon.svg");
  EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_EQ(svg->get_header_value("Cache-Control"), "no-cache");  // not hashed
  // Revalidation.
  httplib::Headers h{{"If-None-Match", js->get_header_value("ETag")}};
  EXPECT_EQ(client_.Get("/assets/index-Ab12Cd34.js", h)->status, 304);
}

TEST_F(StaticFilesApiTest, AMissingAssetIs404AndTheApiStaysTheApis) {
  auto missing = client_.Get("/assets/gone-Zz99Yy88.js");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("Content-Type"), "application/problem+json");
  auto api = client_.Get("/api/v1/no-such-thing");
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(api->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(client_.Get("/api")->status, 404);
  auto health = client_.Get("/healthz");
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(body_json(health)["status"], "ok");
  EXPECT_EQ(client_.Get("/metrics")->get_header_value("Content-Type").rfind("text/plain", 0), 0u);
}

TEST_F(StaticFilesApiTest, NothingOutsideTheFolder) {
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                           "/assets/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt",
                           "/index.html%00.js", "/%2fsecret.txt"}) {
    auto res = client_.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->body.find("TOP-SECRET-CONTENT"), std::string::npos) << path;
    EXPECT_EQ(res->status, 404) << path << ": " << res->body;
  }
}

TEST(StaticFilesAbsentTest, WithoutAClientTheRootIsA404Problem) {
  TestServer server;  // web_root ""
  auto client = server.client();
  auto res = client.Get("/");
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
}

}  // namespace
}  // namespace tsunagu
