// tsunagu: the command-line client of the Tsunagu server. Parses the command line with CLI11,
// runs one command, and maps its failure onto an exit code (errors.h).
#include <chrono>
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "errors.h"

namespace {

// "org search" for the subcommand chain the user typed, for the "--help" hint.
std::string command_path(const CLI::App& app) {
  std::string path = "tsunagu";
  for (const CLI::App* a = &app; a != nullptr;) {
    auto subs = a->get_subcommands();
    if (subs.empty()) break;
    a = subs.front();
    path += " " + a->get_name();
  }
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tsunagu::cli;
  Context ctx(std::cout, std::chrono::system_clock::now());
  CLI::App app{
      "tsunagu — the command-line client of Tsunagu, Sapporo's child-abuse prevention network.\n"
      "It talks to the server's HTTP API only. Tables for people, --json for scripts.",
      "tsunagu"};
  app.set_version_flag("--version", std::string("tsunagu ") + TSUNAGU_VERSION);
  app.fallthrough();
  app.require_subcommand(1);
  app.add_option("--server", ctx.options.server,
                 "Server address (default: TSUNAGU_SERVER, else the one you logged in to, else "
                 "http://127.0.0.1:8080)");
  app.add_option("--lang", ctx.options.lang,
                 "Language of labels, messages and the server's errors: ja (default) or en")
      ->check(CLI::IsMember({"ja", "en"}));
  app.add_flag("--json", ctx.options.json, "Print the server's JSON instead of a table");
  // Subcommands copy the footer they are created with: theirs names the global options.
  const std::string exit_codes =
      "Exit codes: 0 ok, 1 the server refused (its error is printed), 2 wrong usage, 3 server "
      "unreachable, 4 not signed in.";
  app.footer("Global options: --server URL, --lang ja|en, --json (see tsunagu --help).\n" +
             exit_codes);

  add_auth_commands(app, ctx);
  add_directory_commands(app, ctx);
  add_case_commands(app, ctx);
  add_referral_commands(app, ctx);
  add_meeting_commands(app, ctx);
  add_report_commands(app, ctx);
  add_completion_command(app, ctx);
  app.footer(exit_codes + "\nRun 'tsunagu COMMAND --help' for a command's options.");

  if (argc == 1) {
    std::cout << app.help();
    return kExitOk;
  }
  try {
    app.parse(argc, argv);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "tsunagu: " << e.what() << "\nRun '" << command_path(app)
              << " --help' for usage.\n";
    return kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << "tsunagu: " << e.what() << "\n";
    return kExitUsage;
  } catch (const ConnectionError& e) {
    std::cerr << "tsunagu: " << e.what() << "\n";
    return kExitUnreachable;
  } catch (const ApiError& e) {
    std::cerr << "tsunagu: " << e.line() << "\n";
    if (e.status() == 401 && e.code() == "auth.bad_credentials") return kExitNotSignedIn;
    if (e.status() == 401) {
      std::cerr << ctx.t("tsunagu: ログインしてください: tsunagu login",
                         "tsunagu: sign in with: tsunagu login")
                << "\n";
      return kExitNotSignedIn;
    }
    return kExitServerRefused;
  } catch (const std::exception& e) {
    std::cerr << "tsunagu: " << e.what() << "\n";
    return kExitServerRefused;
  }
}
