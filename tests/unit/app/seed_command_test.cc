// `tsunagu-server seed` and `--demo` read the demo data set from a folder: the subcommand loads
// it into a new database (once; a second run leaves it as it is), refuses a database that holds
// a real installation's data, and a folder or a file it cannot use is an error naming it that
// makes no database, no key and no change.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/app.h"
#include "app/commands.h"
#include "domain/audit/audit.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::app {
namespace {

namespace fs = std::filesystem;

Config seed_config(const testing::TempDir& dir) {
  Config config;
  config.command = "seed";
  config.db_path = dir.file("demo.db");
  config.seed_dir = testing::kSeedDir;
  config.audit_key = testing::kTestAuditKey;
  config.demo_password = testing::kDemoPassword;
  config.cheap_password_hashing_for_tests = true;
  return config;
}

// The number `sql` counts in the database at `path`.
int64_t count(const std::string& path, const std::string& sql) {
  auto db = storage::Database::open({path});
  EXPECT_OK(db);
  if (!db.ok()) return -1;
  auto n = (*db)->read([&](storage::Connection& c) -> Result<int64_t> {
    auto s = c.prepare(sql);
    s.step();
    return s.int64(0);
  });
  EXPECT_OK(n);
  return n.ok() ? *n : -1;
}

TEST(SeedCommandTest, LoadsTheDemoIntoANewDatabaseOnce) {
  testing::TempDir dir;
  Config config = seed_config(dir);
  std::ostringstream out, err;
  ASSERT_EQ(seed_command(config, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("coord.chuo (coordinator, 中央区)"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find(testing::kDemoPassword), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("loaded the demo data set from " + config.seed_dir), std::string::npos)
      << out.str();
  EXPECT_EQ(count(config.db_path, "SELECT count(*) FROM users"), 7);
  EXPECT_EQ(count(config.db_path, "SELECT count(*) FROM organizations"), 87);
  EXPECT_GT(count(config.db_path, "SELECT count(*) FROM cases"), 0);
  EXPECT_GT(count(config.db_path, "SELECT count(*) FROM meetings"), 0);
  {
    auto db = storage::Database::open({config.db_path});
    ASSERT_OK(db);
    auto chain = domain::audit::verify(**db);
    ASSERT_OK(chain);
    EXPECT_TRUE(chain->ok) << chain->reason;
  }

  std::ostringstream out2, err2;
  EXPECT_EQ(seed_command(config, out2, err2), 0) << err2.str();
  EXPECT_NE(out2.str().find("not loaded twice"), std::string::npos) << out2.str();
  EXPECT_EQ(count(config.db_path, "SELECT count(*) FROM users"), 7);
}

TEST(SeedCommandTest, RefusesADatabaseThatHoldsData) {
  testing::TempDir dir;
  Config config = seed_config(dir);
  Config admin = config;
  admin.username = "chief";
  std::istringstream password("a-long-enough-password-2026\n");
  std::ostringstream ignored, admin_err;
  ASSERT_EQ(create_admin_command(admin, password, ignored, admin_err), 0) << admin_err.str();

  std::ostringstream out, err;
  EXPECT_EQ(seed_command(config, out, err), 1);
  EXPECT_NE(err.str().find("new, empty database"), std::string::npos) << err.str();
  EXPECT_EQ(count(config.db_path, "SELECT count(*) FROM users"), 1);
  EXPECT_EQ(count(config.db_path, "SELECT count(*) FROM organizations"), 0);
}

TEST(SeedCommandTest, AMissingSeedFolderMakesNothing) {
  testing::TempDir dir;
  Config config = seed_config(dir);
  config.seed_dir = dir.file("no-seed-here");
  config.audit_key.clear();  // it would make <db>.audit-key
  std::ostringstream out, err;
  EXPECT_EQ(seed_command(config, out, err), kExitCannotCheck);
  EXPECT_NE(err.str().find("no seed folder at " + config.seed_dir), std::string::npos) << err.str();
  EXPECT_FALSE(fs::exists(config.db_path));
  EXPECT_FALSE(fs::exists(config.db_path + ".audit-key"));
}

TEST(SeedCommandTest, AMalformedFileIsNamedAndTheDatabaseIsUntouched) {
  testing::TempDir dir;
  Config config = seed_config(dir);
  fs::copy(testing::kSeedDir, dir.path() / "seed", fs::copy_options::recursive);
  config.seed_dir = dir.file("seed");
  std::ofstream(dir.file("seed/20_accounts.json"), std::ios::trunc) << "{\"kind\": \"accounts\"";
  {
    auto db = storage::Database::open({config.db_path});  // a new, empty database
    ASSERT_OK(db);
  }
  const auto before = fs::last_write_time(config.db_path);
  std::ostringstream out, err;
  EXPECT_EQ(seed_command(config, out, err), kExitCannotCheck);
  EXPECT_NE(err.str().find(dir.file("seed/20_accounts.json")), std::string::npos) << err.str();
  EXPECT_EQ(fs::last_write_time(config.db_path), before);
  EXPECT_EQ(count(config.db_path, "SELECT count(*) FROM organizations"), 0);
  EXPECT_EQ(count(config.db_path, "SELECT count(*) FROM server_meta WHERE key = 'demo_loaded_at'"),
            0);
}

// --demo reads the same folder: one it cannot read stops the start before a database is made.
TEST(SeedCommandTest, DemoWithAMissingSeedFolderDoesNotStart) {
  testing::TempDir dir;
  Config config = seed_config(dir);
  config.command = "serve";
  config.demo = true;
  config.seed_dir = dir.file("no-seed-here");
  FakeClock clock(testing::test_epoch());
  auto app = App::open(config, clock);
  ASSERT_FALSE(app.ok());
  EXPECT_NE(app.error().message().find(config.seed_dir), std::string::npos)
      << app.error().message();
  EXPECT_FALSE(fs::exists(config.db_path));
}

// Without --seed-dir a binary outside the build tree (this test, an installed server) reads the
// installed data folder; the build tree's tsunagu-server reads the source tree's seed/ (the
// command-line and end-to-end tests start it with --demo alone).
TEST(SeedCommandTest, TheDefaultFolderIsTheInstalledOne) {
  EXPECT_TRUE(default_seed_dir().ends_with("/tsunagu/seed")) << default_seed_dir();
  EXPECT_NE(default_seed_dir(), testing::kSeedDir);
  Config config;
  EXPECT_EQ(seed_dir(config), default_seed_dir());
  config.seed_dir = "/elsewhere";
  EXPECT_EQ(seed_dir(config), "/elsewhere");
}

}  // namespace
}  // namespace tsunagu::app
