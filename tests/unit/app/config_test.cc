#include "app/config.h"

#include <gtest/gtest.h>

#include <map>

namespace tsunagu::app {
namespace {

struct Env {
  std::map<std::string, std::string> vars;
  Getenv getenv() const {
    return [this](const char* name) -> std::optional<std::string> {
      auto it = vars.find(name);
      return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
  }
};

Result<Invocation> parse(std::vector<std::string> args, const Env& env = {}) {
  return parse_invocation(args, env.getenv());
}

TEST(ConfigTest, Defaults) {
  auto inv = parse({});
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(inv->config.db_path, "tsunagu.db");
  EXPECT_EQ(inv->config.host, "127.0.0.1");
  EXPECT_EQ(inv->config.port, 8080);
  EXPECT_FALSE(inv->config.demo);
  EXPECT_EQ(inv->config.synchronous, storage::Synchronous::kFull);
}

TEST(ConfigTest, FlagsInBothForms) {
  auto inv =
      parse({"--db", "/tmp/x.db", "--port=0", "--demo", "--threads", "8", "--log-level=warn"});
  ASSERT_TRUE(inv.ok()) << inv.error().message();
  EXPECT_EQ(inv->config.db_path, "/tmp/x.db");
  EXPECT_EQ(inv->config.port, 0);
  EXPECT_TRUE(inv->config.demo);
  EXPECT_EQ(inv->config.threads, 8);
  EXPECT_EQ(inv->config.log_level, log::Level::kWarn);
}

TEST(ConfigTest, EnvironmentFillsInAndFlagsWin) {
  Env env{{{"TSUNAGU_PORT", "9000"},
           {"TSUNAGU_DB", "env.db"},
           {"TSUNAGU_DEMO", "1"},
           {"TSUNAGU_DEMO_PASSWORD", "correct horse battery"}}};
  auto inv = parse({"--port", "9100"}, env);
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(inv->config.port, 9100);
  EXPECT_EQ(inv->config.db_path, "env.db");
  EXPECT_TRUE(inv->config.demo);
  EXPECT_EQ(inv->config.demo_password, "correct horse battery");
}

TEST(ConfigTest, WebRoot) {
  auto defaults = parse({});
  ASSERT_TRUE(defaults.ok());
  EXPECT_FALSE(defaults->config.web_root);  // the build's client/web/dist, compiled in
  EXPECT_NE(std::string(kDefaultWebRoot).find("client/web/dist"), std::string::npos);
  auto flag = parse({"--web-root", "/srv/tsunagu/web"}, Env{{{"TSUNAGU_WEB_ROOT", "/env/web"}}});
  ASSERT_TRUE(flag.ok());
  EXPECT_EQ(flag->config.web_root, "/srv/tsunagu/web");
  auto none = parse({"--web-root="});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->config.web_root, "");  // serve no client
}

TEST(ConfigTest, BadInputIsAClearMessage) {
  struct Case {
    std::vector<std::string> args;
    const char* mentions;
  };
  for (const Case& c : std::vector<Case>{{{"--bogus"}, "--bogus"},
                                         {{"--port", "70000"}, "--port"},
                                         {{"--port", "80a"}, "80a"},
                                         {{"--threads", "0"}, "--threads"},
                                         {{"--log-level", "loud"}, "log level"},
                                         {{"--port"}, "needs a value"},
                                         {{"stray"}, "stray"},
                                         {{"--synchronous", "maybe"}, "full, normal or off"}}) {
    auto inv = parse(c.args);
    ASSERT_FALSE(inv.ok()) << c.args[0];
    EXPECT_NE(inv.error().message().find(c.mentions), std::string::npos) << inv.error().message();
  }
}

TEST(ConfigTest, OperationsCommandsAndTheirOptions) {
  auto backup = parse({"backup", "--db", "a.db", "--out", "b.db"});
  ASSERT_TRUE(backup.ok()) << backup.error().message();
  EXPECT_EQ(backup->config.command, "backup");
  EXPECT_EQ(backup->config.out_file, "b.db");
  auto restore = parse({"restore", "--from", "b.db", "--db", "a.db"});
  ASSERT_TRUE(restore.ok());
  EXPECT_EQ(restore->config.from_file, "b.db");
  auto purge = parse({"purge", "--retention-days", "1826", "--apply"});
  ASSERT_TRUE(purge.ok());
  EXPECT_EQ(purge->config.retention_days, 1826);
  EXPECT_TRUE(purge->config.apply);
  EXPECT_FALSE(parse({"purge"})->config.apply);
  auto admin = parse({"create-admin", "--username", "chief"},
                     Env{{{"TSUNAGU_ADMIN_PASSWORD", "secret-password"}}});
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(admin->config.username, "chief");
  EXPECT_EQ(admin->config.admin_password, "secret-password");
  auto serve = parse({"--backup-dir", "/b", "--backup-every", "6h", "--backup-keep", "3",
                      "--log-file", "/l/t.log"});
  ASSERT_TRUE(serve.ok());
  EXPECT_EQ(serve->config.backup_dir, "/b");
  EXPECT_EQ(serve->config.backup_every_minutes, 360);
  EXPECT_EQ(serve->config.backup_keep, 3);
  EXPECT_EQ(serve->config.log_file, "/l/t.log");
  EXPECT_EQ(parse({"--backup-every", "90m"})->config.backup_every_minutes, 90);
  EXPECT_EQ(parse({"--backup-every", "1d"})->config.backup_every_minutes, 24 * 60);
  EXPECT_EQ(parse({})->config.backup_every_minutes, 24 * 60);
  for (const char* bad : {"6", "h", "0h", "31d", "6x", "-1h"}) {
    auto inv = parse({"--backup-every", bad});
    ASSERT_FALSE(inv.ok()) << bad;
    EXPECT_NE(inv.error().message().find("90m, 6h or 1d"), std::string::npos) << bad;
  }
  EXPECT_FALSE(parse({"purge", "--retention-days", "0"}).ok());
}

TEST(ConfigTest, BadEnvironmentNamesTheVariable) {
  auto inv = parse({}, Env{{{"TSUNAGU_PORT", "eighty"}}});
  ASSERT_FALSE(inv.ok());
  EXPECT_NE(inv.error().message().find("TSUNAGU_PORT"), std::string::npos);
}

TEST(ConfigTest, HelpAndVersion) {
  EXPECT_TRUE(parse({"--help"})->help);
  EXPECT_TRUE(parse({"--version"})->version);
  EXPECT_NE(usage().find("--demo"), std::string::npos);
}

TEST(ConfigTest, SeedCommandAndItsFolder) {
  auto inv = parse({"seed", "--db", "/tmp/demo.db", "--seed-dir", "/opt/seed"});
  ASSERT_TRUE(inv.ok()) << inv.error().message();
  EXPECT_EQ(inv->config.command, "seed");
  EXPECT_EQ(inv->config.seed_dir, "/opt/seed");
  EXPECT_EQ(parse({}, Env{{{"TSUNAGU_SEED_DIR", "/srv/seed"}}})->config.seed_dir, "/srv/seed");
  EXPECT_TRUE(parse({})->config.seed_dir.empty());  // the default folder (default_seed_dir)
  EXPECT_FALSE(parse({"--seed-dir="}).ok());
  EXPECT_NE(usage().find("tsunagu-server seed --db PATH [--seed-dir DIR]"), std::string::npos);
  EXPECT_NE(usage().find("--seed-dir DIR"), std::string::npos);
}

}  // namespace
}  // namespace tsunagu::app
