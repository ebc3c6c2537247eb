// Group commit (storage/database.h): writes that queue while the writer works commit together
// in one transaction, each in a savepoint. These tests hold the writer with one write, let a
// group queue behind it, and then check what each caller was told and what was stored.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::storage {
namespace {

using WriteFn = std::function<Status(Connection&)>;

Status insert(Connection& c, const std::string& name) {
  c.prepare("INSERT INTO items (name) VALUES (?1)").bind(1, name).run();
  return Status::Ok();
}

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::open_database_with(
        dir_.file("t.db"),
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
        "CREATE TABLE parents (id INTEGER PRIMARY KEY);"
        "CREATE TABLE children (id INTEGER PRIMARY KEY,"
        " parent INTEGER NOT NULL REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);");
    ASSERT_NE(db_, nullptr);
  }

  // Runs `fns` from one thread each while another write holds the writer, so that they queue
  // and then commit as one group. Returns what each caller got; `threw` marks those whose call
  // threw (their Status is then Ok and meaningless).
  struct Outcome {
    std::vector<Status> results;
    std::vector<char> threw;           // not vector<bool>: callers set theirs from several threads
    std::set<std::thread::id> ran_on;  // the threads the callbacks ran on
  };
  Outcome run_as_group(const std::vector<WriteFn>& fns) {
    Outcome out;
    out.results.resize(fns.size());
    out.threw.assign(fns.size(), false);
    std::mutex m;
    std::condition_variable cv;
    bool holding = false, release = false;
    std::thread blocker([&] {
      EXPECT_OK(db_->write([&](Connection& c) -> Status {
        std::unique_lock lock(m);
        holding = true;
        cv.notify_all();
        cv.wait(lock, [&] { return release; });
        return insert(c, "blocker");
      }));
    });
    {
      std::unique_lock lock(m);
      cv.wait(lock, [&] { return holding; });
    }
    std::vector<std::thread> callers;
    for (size_t i = 0; i < fns.size(); ++i) {
      callers.emplace_back([&, i] {
        try {
          out.results[i] = db_->write([&, i](Connection& c) -> Status {
            {
              std::lock_guard lock(m);
              out.ran_on.insert(std::this_thread::get_id());
            }
            return fns[i](c);
          });
        } catch (const std::runtime_error&) {
          out.threw[i] = true;
        }
      });
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (db_->pending_writes() < fns.size() + 1) {
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "the callers did not queue";
        break;
      }
      std::this_thread::yield();
    }
    {
      std::lock_guard lock(m);
      release = true;
    }
    cv.notify_all();
    blocker.join();
    for (auto& t : callers) t.join();
    return out;
  }

  std::set<std::string> names() {
    auto r = db_->read([](Connection& c) -> Result<std::set<std::string>> {
      std::set<std::string> out;
      auto s = c.prepare("SELECT name FROM items");
      while (s.step()) out.insert(s.text(0));
      return out;
    });
    return r.ok() ? *r : std::set<std::string>{"<read failed>"};
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

WriteFn inserting(const std::string& name) {
  return [name](Connection& c) { return insert(c, name); };
}

TEST_F(GroupCommitTest, QueuedWritesCommitTogetherOnOneThread) {
  std::vector<WriteFn> fns;
  for (int i = 0; i < 8; ++i) fns.push_back(inserting("w" + std::to_string(i)));
  Outcome out = run_as_group(fns);
  for (auto& s : out.results) EXPECT_OK(s);
  EXPECT_EQ(out.ran_on.size(), 1u) << "the eight queued writes ran as one group";
  EXPECT_EQ(names().size(), 9u);  // the eight and the blocker
}

TEST_F(GroupCommitTest, AFailedWriteIsUndoneAndTheOthersOfItsGroupStay) {
  std::vector<WriteFn> fns;
  for (int i = 0; i < 6; ++i) fns.push_back(inserting("w" + std::to_string(i)));
  // Writes, then refuses: its row must go, and only its row.
  fns[2] = [](Connection& c) -> Status {
    (void)insert(c, "refused");
    return Error::InvalidArgument("no");
  };
  // Writes, then breaks a constraint (a StorageError): Internal for it alone. (The name taken is
  // the blocker's, stored before the group whatever order the group runs in.)
  fns[4] = [](Connection& c) -> Status {
    (void)insert(c, "half");
    return insert(c, "blocker");
  };
  Outcome out = run_as_group(fns);
  EXPECT_EQ(out.ran_on.size(), 1u);
  for (size_t i : {0u, 1u, 3u, 5u}) EXPECT_TRUE(out.results[i].ok()) << i;
  ASSERT_FALSE(out.results[2].ok());
  EXPECT_EQ(out.results[2].error().kind(), ErrorKind::kInvalidArgument);
  ASSERT_FALSE(out.results[4].ok());
  EXPECT_EQ(out.results[4].error().kind(), ErrorKind::kInternal);
  EXPECT_EQ(names(), (std::set<std::string>{"blocker", "w0", "w1", "w3", "w5"}));
}

TEST_F(GroupCommitTest, AnExceptionReachesItsOwnCallerOnly) {
  std::vector<WriteFn> fns;
  for (int i = 0; i < 4; ++i) fns.push_back(inserting("w" + std::to_string(i)));
  fns[1] = [](Connection& c) -> Status {
    (void)insert(c, "thrower");
    throw std::runtime_error("a bug");
  };
  Outcome out = run_as_group(fns);
  EXPECT_TRUE(out.threw[1]);
  for (size_t i : {0u, 2u, 3u}) {
    EXPECT_FALSE(out.threw[i]);
    EXPECT_OK(out.results[i]);
  }
  EXPECT_EQ(names(), (std::set<std::string>{"blocker", "w0", "w2", "w3"}));
}

TEST_F(GroupCommitTest, AFailedCommitFailsEveryCallerOfTheGroup) {
  std::vector<WriteFn> fns;
  for (int i = 0; i < 5; ++i) fns.push_back(inserting("w" + std::to_string(i)));
  // Succeeds, but leaves a deferred foreign key broken: the group's COMMIT refuses.
  fns[3] = [](Connection& c) -> Status {
    c.exec("INSERT INTO children (id, parent) VALUES (1, 42)");
    return Status::Ok();
  };
  Outcome out = run_as_group(fns);
  EXPECT_EQ(out.ran_on.size(), 1u);
  for (auto& s : out.results) {
    ASSERT_FALSE(s.ok()) << "nobody is told a change is stored that is not";
    EXPECT_EQ(s.error().kind(), ErrorKind::kInternal);
  }
  EXPECT_EQ(names(), (std::set<std::string>{"blocker"}));
  // The writer is usable afterwards.
  EXPECT_OK(db_->write([](Connection& c) { return insert(c, "after"); }));
  EXPECT_EQ(names(), (std::set<std::string>{"blocker", "after"}));
}

// Disk full in the middle of a group: SQLite rolls the whole transaction back, so no caller of
// the group may be told its change is stored.
TEST_F(GroupCommitTest, ADiskFullInTheGroupFailsEveryCaller) {
  ASSERT_OK(db_->write([](Connection& c) -> Status {
    c.exec("PRAGMA max_page_count = " + std::to_string(c.pragma_int("page_count") + 3));
    return Status::Ok();
  }));
  std::vector<WriteFn> fns;
  for (int i = 0; i < 5; ++i) fns.push_back(inserting("w" + std::to_string(i)));
  fns[2] = [](Connection& c) { return insert(c, std::string(200000, 'x')); };
  Outcome out = run_as_group(fns);
  for (auto& s : out.results) {
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind(), ErrorKind::kInternal);
  }
  EXPECT_EQ(names(), (std::set<std::string>{"blocker"}));
  EXPECT_OK(db_->write([](Connection& c) { return insert(c, "after"); }));
  EXPECT_EQ(names(), (std::set<std::string>{"blocker", "after"}));
}

TEST_F(GroupCommitTest, ALongQueueCommitsInGroupsOfAtMostKMaxGroup) {
  std::vector<WriteFn> fns;
  for (size_t i = 0; i < Database::kMaxGroup + 8; ++i) {
    fns.push_back(inserting("w" + std::to_string(i)));
  }
  const auto before = db_->write_stats();
  Outcome out = run_as_group(fns);
  for (auto& s : out.results) EXPECT_OK(s);
  EXPECT_EQ(out.ran_on.size(), 2u) << "two groups, two leaders";
  const auto after = db_->write_stats();
  EXPECT_EQ(after.writes - before.writes, fns.size() + 1);  // and the blocker
  EXPECT_EQ(after.groups - before.groups, 3u);
  EXPECT_EQ(after.pending, 0u);
  EXPECT_EQ(names().size(), fns.size() + 1);
}

TEST_F(GroupCommitTest, ManyConcurrentWritersLoseNothing) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  // The server's checkpoint timer takes the writer too.
  std::atomic<bool> stop{false};
  std::thread checkpointer([&] {
    while (!stop) db_->checkpoint();
  });
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        // Every fifth write fails on purpose; it must take nothing of the others with it.
        bool fail = i % 5 == 0;
        Status s = db_->write([&](Connection& c) -> Status {
          TRY(insert(c, std::to_string(t) + "-" + std::to_string(i)));
          if (fail) return Error::InvalidArgument("on purpose");
          return Status::Ok();
        });
        if (s.ok() == fail) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  stop = true;
  checkpointer.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(names().size(), 16u * 32u);
  EXPECT_EQ(db_->pending_writes(), 0u);
}

}  // namespace
}  // namespace tsunagu::storage
