// tsunagu-server: flags/env → Config; open and migrate the database; serve; stop on a signal.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/commands.h"
#include "common/version.h"

int main(int argc, char** argv) {
  using namespace tsunagu;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto invocation = app::parse_invocation(args, [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    return v ? std::optional<std::string>(v) : std::nullopt;
  });
  if (!invocation.ok()) {
    std::cerr << "tsunagu-server: " << invocation.error().message() << "\n"
              << "Run 'tsunagu-server --help' for the options.\n";
    return 2;
  }
  if (invocation->help) {
    std::cout << app::usage();
    return 0;
  }
  if (invocation->version) {
    std::cout << "tsunagu-server " << kVersion << "\n";
    return 0;
  }
  const app::Config& config = invocation->config;
  log::set_level(config.log_level);
  if (config.command == "audit-verify")
    return app::audit_verify_command(config, std::cout, std::cerr);
  if (config.command == "audit-checkpoint")
    return app::audit_checkpoint_command(config, std::cout, std::cerr);
  if (config.command == "audit-keygen")
    return app::audit_keygen_command(config, std::cout, std::cerr);
  if (config.command == "checkpoint-keygen")
    return app::checkpoint_keygen_command(config, std::cout, std::cerr);
  if (config.command == "backup") return app::backup_command(config, std::cout, std::cerr);
  if (config.command == "restore") return app::restore_command(config, std::cout, std::cerr);
  if (config.command == "purge") return app::purge_command(config, std::cout, std::cerr);
  if (config.command == "export-hsds")
    return app::export_hsds_command(config, std::cout, std::cerr);
  if (config.command == "import-hsds")
    return app::import_hsds_command(config, std::cout, std::cerr);
  if (config.command == "seed") return app::seed_command(config, std::cout, std::cerr);
  if (config.command == "create-admin")
    return app::create_admin_command(config, std::cin, std::cout, std::cerr);
  if (!config.log_file.empty()) {
    Status logging = log::log_to_file(config.log_file);
    if (!logging.ok()) {
      std::cerr << "tsunagu-server: " << logging.error().message() << "\n";
      return 1;
    }
  }

  SystemClock clock;
  auto opened = app::App::open(config, clock);
  if (!opened.ok()) {
    std::cerr << "tsunagu-server: " << opened.error().message() << "\n";
    return 1;
  }
  app::App& server = **opened;
  for (const auto& line : server.demo_report().lines) std::cout << line << "\n";
  auto port = server.start();
  if (!port.ok()) {
    std::cerr << "tsunagu-server: " << port.error().message() << "\n";
    return 1;
  }
  const bool v6 = config.host.find(':') != std::string::npos;
  std::cout << "Tsunagu listening on " << (config.tls_cert.empty() ? "http" : "https") << "://"
            << (v6 ? "[" + config.host + "]" : config.host) << ":" << *port << std::endl;
  server.run();
  server.stop();
  return 0;
}
