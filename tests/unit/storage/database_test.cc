#include "storage/database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "support/test_support.h"

namespace tsunagu::storage {
namespace {

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::open_database_with(
        dir_.file("t.db"),
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    ASSERT_NE(db_, nullptr);
  }

  int64_t count() {
    auto n = db_->read([](Connection& c) -> Result<int64_t> {
      auto s = c.prepare("SELECT count(*) FROM items");
      s.step();
      return s.int64(0);
    });
    return n.ok() ? *n : -1;
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, OpenAppliesHouseSettings) {
  auto settings = db_->read([](Connection& c) -> Result<std::vector<int64_t>> {
    return std::vector<int64_t>{c.pragma_int("foreign_keys"), c.pragma_int("synchronous"),
                                c.pragma_int("query_only")};
  });
  ASSERT_OK(settings);
  EXPECT_EQ((*settings)[0], 1);  // foreign_keys=ON on every connection, readers included
  EXPECT_EQ((*settings)[1], 2);  // synchronous=FULL by default
  EXPECT_EQ((*settings)[2], 1);  // readers cannot write
  auto mode = db_->write([](Connection& c) -> Result<std::string> {
    auto s = c.prepare("PRAGMA journal_mode");
    s.step();
    return s.text(0);
  });
  EXPECT_EQ(*mode, "wal");
  EXPECT_GE(db_->schema_version(), 1);
}

TEST(DatabaseReadOnlyTest, ReadsWithoutWritingAndRefusesWrites) {
  testing::TempDir dir;
  {
    auto db = Database::open({dir.file("r.db")});
    ASSERT_OK(db);
  }
  DatabaseOptions options{dir.file("r.db")};
  options.read_only = true;
  auto db = Database::open(options);
  ASSERT_OK(db);
  EXPECT_GE((*db)->schema_version(), 1);
  auto written = (*db)->write([](Connection& c) -> Status {
    c.exec("CREATE TABLE t (x)");
    return Status::Ok();
  });
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().kind(), ErrorKind::kFailedPrecondition);

  DatabaseOptions absent{dir.file("absent.db")};
  absent.read_only = true;
  EXPECT_FALSE(Database::open(absent).ok());
  EXPECT_FALSE(std::filesystem::exists(dir.file("absent.db"))) << "a read-only open created it";
}

TEST(DatabaseReadOnlyTest, AnOlderSchemaIsRefusedNotMigrated) {
  testing::TempDir dir;
  int newest = 0;
  {
    auto db = Database::open({dir.file("r.db")});
    ASSERT_OK(db);
    newest = (*db)->schema_version();
  }
  Connection({dir.file("r.db")}).exec("PRAGMA user_version = " + std::to_string(newest - 1));
  DatabaseOptions options{dir.file("r.db")};
  options.read_only = true;
  auto db = Database::open(options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().kind(), ErrorKind::kFailedPrecondition);
  EXPECT_NE(db.error().message().find("older"), std::string::npos) << db.error().message();
  EXPECT_EQ(Connection({dir.file("r.db")}).pragma_int("user_version"), newest - 1);
}

TEST_F(DatabaseTest, WriteCommitsOnSuccess) {
  ASSERT_OK(db_->write([](Connection& c) -> Status {
    c.prepare("INSERT INTO items (name) VALUES (?1)").bind(1, "いとこんち").run();
    return Status::Ok();
  }));
  EXPECT_EQ(count(), 1);
}

TEST_F(DatabaseTest, WriteRollsBackOnError) {
  Status s = db_->write([](Connection& c) -> Status {
    c.prepare("INSERT INTO items (name) VALUES (?1)").bind(1, "a").run();
    return Error::InvalidArgument("the second half failed");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(count(), 0);  // never a half-written record
}

TEST_F(DatabaseTest, StorageFailureInsideWriteIsInternalAndRolledBack) {
  Status s = db_->write([](Connection& c) -> Status {
    c.prepare("INSERT INTO items (name) VALUES (?1)").bind(1, "a").run();
    c.prepare("INSERT INTO items (name) VALUES (?1)").bind_null(1).run();  // NOT NULL
    return Status::Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind(), ErrorKind::kInternal);
  EXPECT_EQ(count(), 0);
}

TEST_F(DatabaseTest, RunUniqueReportsAlreadyExists) {
  auto insert = [this](const char* name) {
    return db_->write([name](Connection& c) -> Status {
      return c.prepare("INSERT INTO items (name) VALUES (?1)").bind(1, name).run_unique("taken");
    });
  };
  EXPECT_OK(insert("x"));
  Status again = insert("x");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind(), ErrorKind::kAlreadyExists);
  EXPECT_EQ(count(), 1);
}

TEST_F(DatabaseTest, ReadersCannotWrite) {
  Status s = db_->read([](Connection& c) -> Status {
    c.prepare("INSERT INTO items (name) VALUES ('x')").run();
    return Status::Ok();
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(count(), 0);
}

TEST_F(DatabaseTest, StatementsAreCachedAndReset) {
  ASSERT_OK(db_->write([](Connection& c) -> Status {
    for (int i = 0; i < 100; ++i) {
      c.prepare("INSERT INTO items (name) VALUES (?1)").bind(1, "n" + std::to_string(i)).run();
    }
    return Status::Ok();
  }));
  EXPECT_EQ(count(), 100);
}

TEST_F(DatabaseTest, ConcurrentWritersAreSerialised) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        Status s = db_->write([&](Connection& c) -> Status {
          c.prepare("INSERT INTO items (name) VALUES (?1)")
              .bind(1, std::to_string(t) + "-" + std::to_string(i))
              .run();
          return Status::Ok();
        });
        if (!s.ok()) ++failures;
        (void)count();  // readers run beside the writer
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(count(), 400);
}

TEST_F(DatabaseTest, TransactionGuardRollsBackUnlessCommitted) {
  Connection c({dir_.file("t.db")});
  {
    Transaction tx(c);
    c.prepare("INSERT INTO items (name) VALUES ('dropped')").run();
  }
  {
    Transaction tx(c);
    c.prepare("INSERT INTO items (name) VALUES ('kept')").run();
    tx.commit();
  }
  EXPECT_EQ(count(), 1);
}

TEST_F(DatabaseTest, BadSqlThrowsStorageErrorWithTheStatement) {
  Connection c({dir_.file("t.db")});
  try {
    (void)c.prepare("SELECT nope FROM items");
    FAIL() << "expected StorageError";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos);
  }
}

TEST(DatabaseOpenTest, UnwritablePathIsAClearError) {
  auto opened = Database::open({"/nonexistent-dir/sub/t.db"});
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message().find("/nonexistent-dir/sub/t.db"), std::string::npos);
}

// The WAL is copied back by the checkpointer thread once it passes checkpoint_pages, not inside
// a commit, and nothing committed is lost by it, with readers reading meanwhile.
TEST(DatabaseCheckpointTest, TheWalIsCopiedBackBesideTheCommits) {
  testing::TempDir dir;
  DatabaseOptions options{dir.file("t.db")};
  options.checkpoint_pages = 8;
  {
    auto opened = Database::open(options);
    ASSERT_OK(opened);
    Database& db = **opened;
    ASSERT_OK(db.write([](Connection& c) -> Status {
      c.exec("CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
      return Status::Ok();
    }));
    std::atomic<bool> writing{true};
    std::thread reader([&] {
      while (writing) {
        auto n = db.read([](Connection& c) -> Result<int64_t> {
          auto s = c.prepare("SELECT count(*) FROM blobs");
          s.step();
          return s.int64(0);
        });
        EXPECT_OK(n);
      }
    });
    for (int i = 0; i < 60; ++i) {
      ASSERT_OK(db.write([](Connection& c) -> Status {
        c.exec("INSERT INTO blobs (body) VALUES (zeroblob(10000))");  // 3 pages
        return Status::Ok();
      }));
    }
    writing = false;
    reader.join();
    for (int waited = 0; db.write_stats().background_checkpoints == 0 && waited < 200; ++waited) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_GT(db.write_stats().background_checkpoints, 0u);
  }
  auto reopened = Database::open(options);
  ASSERT_OK(reopened);
  auto n = (*reopened)->read([](Connection& c) -> Result<int64_t> {
    auto s = c.prepare("SELECT count(*) FROM blobs");
    s.step();
    return s.int64(0);
  });
  ASSERT_OK(n);
  EXPECT_EQ(*n, 60);
}

TEST(DatabaseCheckpointTest, AShortWalIsLeftToTheNextCheckpoint) {
  testing::TempDir dir;
  auto db = testing::open_database_with(dir.file("t.db"), "CREATE TABLE t (x)");
  ASSERT_NE(db, nullptr);
  for (int i = 0; i < 5; ++i) {
    ASSERT_OK(db->write([](Connection& c) -> Status {
      c.exec("INSERT INTO t VALUES (1)");
      return Status::Ok();
    }));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(db->write_stats().background_checkpoints, 0u);  // far below checkpoint_pages
}

}  // namespace
}  // namespace tsunagu::storage
