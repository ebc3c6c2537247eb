// The inbox counts (schema/0016_inbox_counts.sql) equal a count of the referrals they stand for —
// the sent ones, by organization, ward and status — after any insert, update or delete of
// referrals, whichever statement does it, and a database made before them gets them on upgrade.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "storage/connection.h"
#include "storage/migrator.h"
#include "support/test_support.h"

namespace tsunagu::storage {
namespace {

// Every (organization, ward, status, count) both ways, as one text, rows with a count of 0 left
// out.
std::string kept(Connection& c) {
  std::string out;
  auto s = c.prepare(
      "SELECT organization_id, ward, status, n FROM referral_inbox_counts WHERE n > 0"
      " ORDER BY 1, 2, 3");
  while (s.step()) {
    out += s.text(0) + " " + s.text(1) + " " + s.text(2) + " " + std::to_string(s.int64(3)) + "\n";
  }
  return out;
}
std::string counted(Connection& c) {
  std::string out;
  auto s = c.prepare(
      "SELECT organization_id, ward, status, count(*) FROM referrals WHERE sent_at IS NOT NULL"
      " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
  while (s.step()) {
    out += s.text(0) + " " + s.text(1) + " " + s.text(2) + " " + std::to_string(s.int64(3)) + "\n";
  }
  return out;
}

const std::vector<std::string> kOrganizations = {"org-a", "org-b", "org-c"};
const std::vector<std::string> kWards = {"chuo", "kita", "nishi"};
const std::vector<std::string> kStatuses = {"draft",     "sent",    "accepted", "declined",
                                            "withdrawn", "expired", "completed"};

class InboxCountsTest : public ::testing::Test {
 protected:
  void SetUp() override { c_.exec("PRAGMA foreign_keys = OFF"); }  // the rows stand alone

  // A referral with the given fields; sent_at set or not.
  void insert(int id, const std::string& org, const std::string& ward, const std::string& status,
              bool sent) {
    auto s = c_.prepare(
        "INSERT INTO referrals (id, case_id, ward, organization_id, status, summary, created_by,"
        " created_at, updated_at, sent_at) VALUES (?1, 'case-1', ?2, ?3, ?4, 's', 'user-1',"
        " '2026-03-31T00:00:00.000Z', '2026-03-31T00:00:00.000Z',"
        " CASE WHEN ?5 THEN '2026-04-01T00:00:00.000Z' END)");
    s.bind(1, "r" + std::to_string(id)).bind(2, ward).bind(3, org).bind(4, status).bind(5, sent);
    EXPECT_FALSE(s.step());
  }

  testing::TempDir dir_;
  Connection c_{{dir_.file("counts.db")}};
};

TEST_F(InboxCountsTest, FollowEveryWriteOfTheReferrals) {
  ASSERT_OK(migrate(c_, embedded_migrations()));
  std::mt19937 random(20261203);
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random)];
  };
  auto some = [&] { return "r" + std::to_string(std::uniform_int_distribution(0, 59)(random)); };
  int next = 0;
  for (int step = 0; step < 600; ++step) {
    const int what = std::uniform_int_distribution(0, 9)(random);
    std::string statement;
    if (what <= 2 || next < 10) {
      insert(next++, pick(kOrganizations), pick(kWards), pick(kStatuses), what != 0);
      statement = "insert";
    } else if (what == 3) {
      statement =
          "UPDATE referrals SET status = '" + pick(kStatuses) + "' WHERE id = '" + some() + "'";
    } else if (what == 4) {
      statement = "UPDATE referrals SET ward = '" + pick(kWards) + "' WHERE id = '" + some() + "'";
    } else if (what == 5) {
      statement = "UPDATE referrals SET organization_id = '" + pick(kOrganizations) +
                  "', status = '" + pick(kStatuses) + "' WHERE id = '" + some() + "'";
    } else if (what == 6) {
      statement =
          "UPDATE referrals SET sent_at = '2026-04-02T00:00:00.000Z' WHERE id = '" + some() + "'";
    } else if (what == 7) {
      // Not a write the code makes (sent_at is never cleared), but the counts follow it too.
      statement = "UPDATE referrals SET sent_at = NULL WHERE id = '" + some() + "'";
    } else if (what == 8) {
      // Many rows in one statement, and a write of columns the counts do not depend on.
      statement = "UPDATE referrals SET ward = '" + pick(kWards) +
                  "', summary = 'x' WHERE ward = '" + pick(kWards) + "'";
    } else {
      statement = "DELETE FROM referrals WHERE id = '" + some() + "'";
    }
    if (statement != "insert") c_.exec(statement);
    ASSERT_EQ(kept(c_), counted(c_)) << "after step " << step << ": " << statement;
  }
  EXPECT_NE(counted(c_), "") << "the steps left referrals to count";
}

TEST_F(InboxCountsTest, AnEarlierDatabaseIsCountedOnUpgrade) {
  std::vector<EmbeddedFile> before = embedded_migrations();
  std::erase_if(before, [](const EmbeddedFile& f) { return f.name >= "0016"; });
  ASSERT_OK(migrate(c_, before));
  int id = 0;
  for (const auto& org : kOrganizations) {
    for (const auto& status : kStatuses) {
      for (int k = 0; k < 3; ++k) insert(id++, org, kWards[k], status, status != "draft");
      insert(id++, org, "chuo", status, status != "draft");
    }
  }
  ASSERT_OK(migrate(c_, embedded_migrations()));
  EXPECT_EQ(kept(c_), counted(c_));
  auto chuo = c_.prepare(
      "SELECT n FROM referral_inbox_counts WHERE organization_id = 'org-b' AND ward = 'chuo'"
      " AND status = 'accepted'");
  ASSERT_TRUE(chuo.step());
  EXPECT_EQ(chuo.int64(0), 2);
}

}  // namespace
}  // namespace tsunagu::storage
