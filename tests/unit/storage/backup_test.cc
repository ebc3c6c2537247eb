#include "storage/backup.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::storage {
namespace {

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::open_database_with(
        dir_.file("live.db"), "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    ASSERT_TRUE(db_);
  }
  Result<int64_t> insert(int i) {
    return db_->write([&](Connection& c) -> Result<int64_t> {
      c.prepare("INSERT INTO t (id, body) VALUES (?1, ?2)")
          .bind(1, i)
          .bind(2, std::string(300, 'x'))
          .run();
      return c.last_insert_rowid();
    });
  }
  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(BackupTest, ACopyUnderConcurrentWritesIsWholeAndHoldsWhatWasCommittedBefore) {
  for (int i = 1; i <= 500; ++i) ASSERT_OK(insert(i));
  std::atomic<bool> stop{false};
  std::atomic<int> next{501};
  std::vector<std::thread> writers;
  for (int w = 0; w < 3; ++w) {
    writers.emplace_back([&] {
      while (!stop) {
        if (!insert(next++).ok()) ADD_FAILURE() << "write failed during the backup";
      }
    });
  }
  while (next < 700) std::this_thread::yield();  // writes are under way
  const std::string out = dir_.file("copy.db");
  Status copied = copy_database(db_->path(), out);
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_OK(copied);
  EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
  ASSERT_OK(check_integrity(out));
  Connection copy({out});
  // Everything committed before the copy began is there, and the copy is one snapshot: below its
  // largest id only the writes in flight at that moment (one per writer) can be missing.
  auto below = copy.prepare("SELECT count(*) FROM t WHERE id <= 500");
  ASSERT_TRUE(below.step());
  EXPECT_EQ(below.int64(0), 500);
  auto total = copy.prepare("SELECT count(*), max(id) FROM t");
  ASSERT_TRUE(total.step());
  EXPECT_GE(total.int64(0), 500);
  EXPECT_LE(total.int64(1) - total.int64(0), 3) << "the copy is not one snapshot: ids missing";
}

TEST_F(BackupTest, NeverOverwritesAFile) {
  const std::string out = dir_.file("exists.db");
  std::ofstream(out) << "precious";
  Status copied = copy_database(db_->path(), out);
  ASSERT_FALSE(copied.ok());
  EXPECT_EQ(copied.error().kind(), ErrorKind::kFailedPrecondition);
  std::ifstream in(out);
  std::string text;
  in >> text;
  EXPECT_EQ(text, "precious");
}

TEST_F(BackupTest, AMissingSourceIsRefusedAndNothingIsMade) {
  Status copied = copy_database(dir_.file("absent.db"), dir_.file("out.db"));
  ASSERT_FALSE(copied.ok());
  EXPECT_FALSE(std::filesystem::exists(dir_.file("absent.db")));
  EXPECT_FALSE(std::filesystem::exists(dir_.file("out.db")));
}

TEST_F(BackupTest, IntegrityCheckFindsADamagedFile) {
  for (int i = 1; i <= 300; ++i) ASSERT_OK(insert(i));
  const std::string out = dir_.file("copy.db");
  ASSERT_OK(copy_database(db_->path(), out));
  {
    // Garbage over the b-tree header of every page after the first.
    const auto size = std::filesystem::file_size(out);
    std::fstream f(out, std::ios::in | std::ios::out | std::ios::binary);
    const std::string junk(12, '\x7f');
    for (std::uintmax_t page = 1; page * 4096 < size; ++page) {
      f.seekp(static_cast<std::streamoff>(page * 4096));
      f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
  }
  Status checked = check_integrity(out);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().kind(), ErrorKind::kFailedPrecondition);
}

TEST_F(BackupTest, IntegrityCheckRefusesAFileThatIsNoDatabase) {
  const std::string path = dir_.file("notes.txt");
  std::ofstream(path) << std::string(8192, 'a');
  EXPECT_FALSE(check_integrity(path).ok());
}

TEST_F(BackupTest, SchemaVersionIsReadWithoutMigrating) {
  Connection c({dir_.file("v.db")});
  c.exec("PRAGMA user_version = 7");
  auto v = schema_version_of(dir_.file("v.db"));
  ASSERT_OK(v);
  EXPECT_EQ(*v, 7);
}

TEST(DatabaseLockTest, OneHolderAtATimeAndTheLockDiesWithItsHolder) {
  testing::TempDir dir;
  const std::string db = dir.file("x.db");
  {
    auto first = DatabaseLock::acquire(db);
    ASSERT_OK(first);
    EXPECT_TRUE(first->held());
    auto second = DatabaseLock::acquire(db);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().kind(), ErrorKind::kUnavailable);
    EXPECT_NE(second.error().message().find("running"), std::string::npos);
  }
  auto again = DatabaseLock::acquire(db);
  EXPECT_OK(again);
}

}  // namespace
}  // namespace tsunagu::storage
