#include "storage/migrator.h"

#include <gtest/gtest.h>

#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::storage {
namespace {

class MigratorTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  Connection connection_{{dir_.file("m.db")}};

  bool table_exists(const char* name) {
    return connection_.prepare("SELECT 1 FROM sqlite_master WHERE name = ?1").bind(1, name).step();
  }
};

TEST_F(MigratorTest, AppliesInOrderAndRecordsUserVersion) {
  std::vector<EmbeddedFile> m = {{"0001_a.sql", "CREATE TABLE a (x INTEGER);"},
                                 {"0002_b.sql", "CREATE TABLE b (y INTEGER REFERENCES a(x));"}};
  auto v = migrate(connection_, m);
  ASSERT_OK(v);
  EXPECT_EQ(*v, 2);
  EXPECT_EQ(connection_.pragma_int("user_version"), 2);
  EXPECT_TRUE(table_exists("b"));
}

TEST_F(MigratorTest, SecondRunIsANoOp) {
  std::vector<EmbeddedFile> m = {{"0001_a.sql", "CREATE TABLE a (x INTEGER);"}};
  ASSERT_OK(migrate(connection_, m));
  auto again = migrate(connection_, m);  // would fail if it re-ran CREATE TABLE
  ASSERT_OK(again);
  EXPECT_EQ(*again, 1);
}

TEST_F(MigratorTest, RefusesADatabaseNewerThanTheCode) {
  connection_.exec("PRAGMA user_version = 9");
  std::vector<EmbeddedFile> m = {{"0001_a.sql", "CREATE TABLE a (x INTEGER);"}};
  auto v = migrate(connection_, m);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().kind(), ErrorKind::kFailedPrecondition);
  EXPECT_NE(v.error().message().find("newer"), std::string::npos);
  EXPECT_FALSE(table_exists("a"));  // untouched
}

TEST_F(MigratorTest, AFailedMigrationLeavesNothingBehind) {
  std::vector<EmbeddedFile> m = {
      {"0001_a.sql", "CREATE TABLE a (x INTEGER);"},
      {"0002_b.sql", "CREATE TABLE b (y INTEGER); SELECT broken syntax here;"}};
  auto v = migrate(connection_, m);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(connection_.pragma_int("user_version"), 1);
  EXPECT_TRUE(table_exists("a"));
  EXPECT_FALSE(table_exists("b"));
}

TEST_F(MigratorTest, RejectsGapsAndBadNames) {
  EXPECT_FALSE(migrate(connection_, {{"0002_b.sql", "SELECT 1;"}}).ok());
  EXPECT_FALSE(migrate(connection_, {{"1_a.sql", "SELECT 1;"}}).ok());
  EXPECT_EQ(connection_.pragma_int("user_version"), 0);
}

TEST_F(MigratorTest, EmbeddedMigrationsAreNumberedAndApply) {
  const auto& files = embedded_migrations();
  ASSERT_FALSE(files.empty());
  auto v = migrate(connection_, files);
  ASSERT_OK(v);
  EXPECT_EQ(*v, static_cast<int>(files.size()));
}

TEST(DatabaseMigrationTest, OpenRefusesNewerDatabaseWithAClearMessage) {
  testing::TempDir dir;
  {
    Connection c({dir.file("new.db")});
    c.exec("PRAGMA user_version = 999");
  }
  auto db = Database::open({dir.file("new.db")});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().kind(), ErrorKind::kFailedPrecondition);
  EXPECT_NE(db.error().message().find("999"), std::string::npos);
}

}  // namespace
}  // namespace tsunagu::storage
