// The demo data set read from a folder at run time: a missing folder, a folder without seed files,
// a file that is no JSON or not {"kind", "items"} are errors that name the folder or the file,
// and a file that fails half-way through the load leaves the database as it was (one
// transaction), so a fixed seed still loads afterwards.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "domain/accounts/passwords.h"
#include "domain/seed/demo.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::domain {
namespace {

namespace fs = std::filesystem;

// A copy of the source tree's seed/ in `dir`/seed, to break one file of.
std::string copy_of_seed(const testing::TempDir& dir) {
  const fs::path to = dir.path() / "seed";
  fs::copy(testing::kSeedDir, to, fs::copy_options::recursive);
  return to.string();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// users, organizations, cases and the demo marker, as one number each, joined by spaces.
std::string held(storage::Database& db) {
  auto counts = db.read([](storage::Connection& c) -> Result<std::string> {
    auto s = c.prepare(
        "SELECT (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM organizations) || ' '"
        " || (SELECT count(*) FROM cases) || ' ' ||"
        " (SELECT count(*) FROM server_meta WHERE key = 'demo_loaded_at')");
    s.step();
    return s.text(0);
  });
  return counts.ok() ? *counts : counts.error().to_string();
}

class SeedDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::Database::open({dir_.file("d.db")});
    ASSERT_OK(opened);
    db_ = std::move(opened).value();
  }
  Result<DemoReport> load(const std::string& seed_dir) {
    return load_demo_from(*db_, clock_, {"demo-password-1234", &hasher_}, seed_dir);
  }

  testing::TempDir dir_;
  FakeClock clock_{testing::test_epoch()};
  PasswordHasher hasher_{PasswordParams::cheap_for_tests()};
  std::unique_ptr<storage::Database> db_;
};

TEST_F(SeedDirTest, ReadsEveryJsonFileInNameOrder) {
  auto files = read_seed_dir(testing::kSeedDir);
  ASSERT_OK(files);
  ASSERT_GE(files->size(), 5u);
  EXPECT_NE(files->front().name.find("10_organizations.json"), std::string::npos);
  for (size_t i = 1; i < files->size(); ++i) EXPECT_LT((*files)[i - 1].name, (*files)[i].name);
  for (const auto& f : *files) EXPECT_EQ(fs::path(f.name).extension(), ".json") << f.name;
}

TEST_F(SeedDirTest, AMissingFolderIsNamedAndNothingIsWritten) {
  const std::string missing = dir_.file("no-such-seed");
  auto r = load(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kNotFound);
  EXPECT_NE(r.error().message().find(missing), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("--seed-dir"), std::string::npos) << r.error().message();
  EXPECT_EQ(held(*db_), "0 0 0 0");
}

TEST_F(SeedDirTest, AFolderWithoutSeedFilesIsRefused) {
  fs::create_directory(dir_.path() / "empty");
  write_text(dir_.file("empty/README.md"), "not a seed file");
  auto r = load(dir_.file("empty"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("no seed file"), std::string::npos) << r.error().message();
  EXPECT_EQ(held(*db_), "0 0 0 0");
}

TEST_F(SeedDirTest, AFileThatIsNoJsonIsNamedBeforeAnythingLoads) {
  const std::string seed = copy_of_seed(dir_);
  const std::string broken = seed + "/30_cases.json";
  write_text(broken, R"({"kind": "cases", "items": [{"ward": "chuo",)");  // cut short
  auto r = load(seed);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_NE(r.error().message().find(broken), std::string::npos) << r.error().message();
  EXPECT_NE(r.error().message().find("not valid JSON"), std::string::npos) << r.error().message();
  EXPECT_EQ(held(*db_), "0 0 0 0");
}

TEST_F(SeedDirTest, AFileWithoutKindAndItemsIsNamed) {
  const std::string seed = copy_of_seed(dir_);
  write_text(seed + "/40_meetings.json", R"(["a list, not {kind, items}"])");
  auto r = load(seed);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("40_meetings.json"), std::string::npos) << r.error().message();
  EXPECT_EQ(held(*db_), "0 0 0 0");
}

// A file that cannot be opened (a link to nothing here: permissions do not stop root).
TEST_F(SeedDirTest, AnUnreadableFileIsNamed) {
  const std::string seed = copy_of_seed(dir_);
  const std::string dangling = seed + "/25_gone.json";
  fs::create_symlink(dir_.file("nowhere.json"), dangling);
  auto r = load(seed);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("cannot read seed file " + dangling), std::string::npos)
      << r.error().message();
  EXPECT_EQ(held(*db_), "0 0 0 0");
}

// The organizations and accounts load, then a case the API would refuse stops the load: the
// transaction rolls back, so neither the partners nor the accounts nor the marker stay, and the
// fixed seed loads afterwards.
TEST_F(SeedDirTest, AFailureHalfWayLeavesTheDatabaseAsItWas) {
  const std::string seed = copy_of_seed(dir_);
  const std::string cases = seed + "/30_cases.json";
  std::ifstream in(cases, std::ios::binary);
  const std::string original((std::istreambuf_iterator<char>(in)), {});
  in.close();
  write_text(cases, R"({"kind": "cases", "items": [{"ward": "no-such-ward"}]})");
  auto r = load(seed);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find(cases), std::string::npos) << r.error().message();
  EXPECT_EQ(held(*db_), "0 0 0 0");

  write_text(cases, original);
  auto fixed = load(seed);
  ASSERT_OK(fixed);
  EXPECT_TRUE(fixed->loaded);
  const std::string now = held(*db_);  // the seven accounts, the 87 partners, the marker
  EXPECT_EQ(now.substr(0, 5), "7 87 ") << now;
  EXPECT_TRUE(now.ends_with(" 1")) << now;
}

}  // namespace
}  // namespace tsunagu::domain
