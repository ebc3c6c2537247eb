#include "storage/connection.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace tsunagu::storage {
namespace {

class ConnectionTest : public ::testing::Test {
 protected:
  // `commits` single-row transactions on a writer with the given checkpoint window; returns
  // the WAL file's size while the connection is still open (closing would empty it).
  uintmax_t wal_size_after(int commits, int wal_autocheckpoint_pages) {
    ConnectionOptions options{dir_.file("c.db")};
    options.wal_autocheckpoint_pages = wal_autocheckpoint_pages;
    Connection c(options);
    c.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    for (int i = 0; i < commits; ++i) {
      Transaction tx(c);
      c.prepare("INSERT INTO t (body) VALUES (?1)").bind(1, std::string(3000, 'x')).run();
      tx.commit();
    }
    return std::filesystem::file_size(dir_.file("c.db-wal"));
  }

  testing::TempDir dir_;
};

TEST_F(ConnectionTest, WriterUsesTheLargerCheckpointWindowByDefault) {
  Connection writer({dir_.file("c.db")});
  EXPECT_EQ(writer.pragma_int("wal_autocheckpoint"), 4000);
}

TEST_F(ConnectionTest, WriterCopiesTheWalBackOncePastItsWindow) {
  // ~2 pages per commit: 300 commits put ~600 pages through the WAL. A 20-page window keeps
  // restarting it, so the file never holds more than a window and one transaction.
  constexpr uintmax_t kFrame = 4096 + 24;
  EXPECT_LT(wal_size_after(300, 20), 40 * kFrame);
}

TEST_F(ConnectionTest, WalGrowsWithinTheWindow) {
  // The same load under a window larger than it: nothing copied back yet.
  constexpr uintmax_t kFrame = 4096 + 24;
  EXPECT_GT(wal_size_after(300, 4000), 400 * kFrame);
}

}  // namespace
}  // namespace tsunagu::storage
