#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "errors.h"

namespace tsunagu::cli {
namespace {

std::string strip_line_end(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// Reads a line from the terminal (not stdin, which may be a pipe) with echo off when `secret`.
std::string prompt_terminal(const std::string& prompt, bool secret) {
  std::FILE* tty = std::fopen("/dev/tty", "r+");
  if (tty == nullptr)
    throw UsageError(secret ? "no terminal to read the password from: use --password-stdin"
                            : "no terminal to ask for the username: use --username");
  std::fputs(prompt.c_str(), tty);
  std::fflush(tty);
  termios saved{};
  bool restore = false;
  if (secret && tcgetattr(fileno(tty), &saved) == 0) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    restore = tcsetattr(fileno(tty), TCSAFLUSH, &quiet) == 0;
  }
  std::string line;
  char buf[512];
  if (std::fgets(buf, sizeof buf, tty) != nullptr) line = buf;
  if (restore) {
    tcsetattr(fileno(tty), TCSAFLUSH, &saved);
    std::fputs("\n", tty);
  }
  std::fclose(tty);
  return strip_line_end(line);
}

std::string role_label(Context& ctx, const std::string& role) { return ctx.label("roles", role); }

}  // namespace

void add_auth_commands(CLI::App& app, Context& ctx) {
  struct LoginOptions {
    std::string username;
    bool password_stdin = false;
  };
  auto o = std::make_shared<LoginOptions>();
  auto* login = app.add_subcommand(
      "login", "Sign in and keep the token in $XDG_CONFIG_HOME/tsunagu/credentials.json (0600)");
  login->add_option("-u,--username", o->username, "Username (asked on the terminal if left out)");
  login->add_flag("--password-stdin", o->password_stdin,
                  "Read the password from the first line of stdin instead of the terminal");
  login->footer(
      login->get_footer() + "\n\n" +
      "The server is --server, else TSUNAGU_SERVER, else the one you last signed in to, else "
      "http://127.0.0.1:8080.\n"
      "Example: printf '%s\\n' \"$PW\" | tsunagu login --server http://tsunagu.local:8080 "
      "-u coord.chuo --password-stdin");
  login->callback([&ctx, o] {
    std::string username = o->username;
    if (username.empty()) username = prompt_terminal("Username: ", false);
    std::string password;
    if (o->password_stdin) {
      std::getline(std::cin, password);
      password = strip_line_end(password);
    } else {
      password = prompt_terminal("Password for " + username + ": ", true);
    }
    if (username.empty()) throw UsageError("--username: a username is required");
    if (password.empty()) throw UsageError("the password is empty");
    Json answer = ctx.anonymous_api().post("/api/v1/auth/login",
                                           Json{{"username", username}, {"password", password}});
    Credentials c{ctx.server(), answer.value("token", ""), username,
                  answer.value("expires_at", "")};
    if (c.token.empty()) throw ApiError(200, "", "The server sent no token", "", {});
    save_credentials(c);
    const Json& user = answer["user"];
    if (ctx.options.json) {
      ctx.print_json(Json{{"server", c.server}, {"user", user}, {"expires_at", c.expires_at}});
      return;
    }
    const std::string name = text(user, "display_name");
    ctx.print_line(ctx.t("ログインしました: ", "Signed in as ") + ctx.bold(username) +
                   ctx.t("（" + name + "）", " (" + name + ")") + " → " + c.server);
    std::string expiry = ctx.t("有効期限: ", "Expires: ") + short_time(c.expires_at);
    if (std::string idle = text(answer, "idle_timeout_seconds"); !idle.empty()) {
      std::string minutes = std::to_string(std::stoll(idle) / 60);
      expiry += ctx.t("（" + minutes + "分間操作がないと失効します）",
                      " (or after " + minutes + " idle minutes)");
    }
    ctx.print_line(expiry);
  });

  auto* logout = app.add_subcommand("logout", "Sign out: revoke the token and delete it");
  logout->callback([&ctx] {
    auto c = ctx.credentials();
    if (!c) {
      ctx.print_line(ctx.t("ログインしていません。", "Not signed in."));
      return;
    }
    try {
      ctx.api().send("POST", "/api/v1/auth/logout", {}, std::nullopt, {});
    } catch (const ApiError& e) {
      if (e.status() != 401) throw;  // an expired token is as good as revoked
    }
    remove_credentials();
    ctx.print_line(ctx.t("ログアウトしました。", "Signed out."));
  });

  auto* whoami = app.add_subcommand("whoami", "Show who is signed in, on which server");
  whoami->callback([&ctx] {
    Json me = ctx.api().get("/api/v1/me");
    if (ctx.options.json) return ctx.print_json(me);
    const Json& user = me.contains("user") ? me["user"] : me;
    std::string wards;
    if (me.contains("ward_names"))
      for (const auto& w : me["ward_names"])
        wards += (wards.empty() ? "" : "、") + w.value(ctx.japanese() ? "ja" : "en", "");
    auto c = ctx.credentials();
    print_fields(ctx, {{ctx.t("ユーザー名", "Username"), text(user, "username")},
                       {ctx.t("氏名", "Name"), text(user, "display_name")},
                       {ctx.t("役割", "Role"), role_label(ctx, text(user, "role"))},
                       {ctx.t("担当区", "Wards"), wards},
                       {ctx.t("所属", "Organization"), text(me, "organization_name")},
                       {ctx.t("サーバー", "Server"), ctx.server()},
                       {ctx.t("有効期限", "Expires"), c ? short_time(c->expires_at) : ""}});
  });
}

}  // namespace tsunagu::cli
