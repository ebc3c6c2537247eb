// The referral's derived columns (schema/0014_referral_figures.sql) — sent_ms, response_ms,
// outcome_ms, organization_seq — follow every write of what they are derived from, whichever
// statement writes it, and a database made before them gets them on upgrade.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "storage/connection.h"
#include "storage/migrator.h"
#include "support/test_support.h"

namespace tsunagu::storage {
namespace {

// 2026-04-01T00:00:00.000Z in milliseconds since 1970.
constexpr int64_t kApril = 1775001600000;
constexpr int64_t kHour = 3600000;

class ReferralFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(migrate(c_, embedded_migrations()));
    c_.exec("PRAGMA foreign_keys = OFF");  // the rows below stand alone
    org_a_ = organization("org-a");
    org_b_ = organization("org-b");
  }

  int64_t organization(const std::string& id) {
    auto s = c_.prepare(
        "INSERT INTO organizations (id, name, category, address_visibility, visibility, status,"
        " version, created_at, updated_at) VALUES (?1, ?1, 'youth_space', 'public', 'public',"
        " 'active', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z') RETURNING seq");
    s.bind(1, id);
    EXPECT_TRUE(s.step());
    return s.int64(0);
  }

  struct Figures {
    std::optional<int64_t> sent, response, outcome, organization;
  };
  Figures figures(const std::string& id) {
    auto s = c_.prepare(
        "SELECT sent_ms, response_ms, outcome_ms, organization_seq FROM referrals WHERE id = ?1");
    s.bind(1, id);
    EXPECT_TRUE(s.step()) << id;
    return {s.optional_int64(0), s.optional_int64(1), s.optional_int64(2), s.optional_int64(3)};
  }

  void insert(const std::string& id, const char* sent_at) {
    auto s = c_.prepare(
        "INSERT INTO referrals (id, case_id, ward, organization_id, status, summary, created_by,"
        " created_at, updated_at, sent_at) VALUES (?1, 'case-1', 'chuo', 'org-a', ?2, 's',"
        " 'user-1', '2026-03-31T00:00:00.000Z', '2026-03-31T00:00:00.000Z', ?3)");
    s.bind(1, id).bind(2, sent_at ? "sent" : "draft");
    if (sent_at) {
      s.bind(3, sent_at);
    } else {
      s.bind_null(3);
    }
    EXPECT_FALSE(s.step());  // an INSERT returns no row
  }

  testing::TempDir dir_;
  Connection c_{{dir_.file("figures.db")}};
  int64_t org_a_ = 0, org_b_ = 0;
};

TEST_F(ReferralFiguresTest, FollowEveryWriteOfTheTimesAndTheOrganization) {
  insert("draft", nullptr);
  Figures f = figures("draft");
  EXPECT_EQ(f.sent, std::nullopt);
  EXPECT_EQ(f.response, std::nullopt);
  EXPECT_EQ(f.organization, org_a_);

  insert("r", "2026-04-01T00:00:00.000Z");
  f = figures("r");
  EXPECT_EQ(f.sent, kApril);
  EXPECT_EQ(f.response, std::nullopt);
  EXPECT_EQ(f.outcome, std::nullopt);

  c_.exec("UPDATE referrals SET responded_at = '2026-04-01T12:00:00.250Z' WHERE id = 'r'");
  EXPECT_EQ(figures("r").response, 12 * kHour + 250);
  c_.exec("UPDATE referrals SET closed_at = '2026-04-03T00:00:00.000Z' WHERE id = 'r'");
  EXPECT_EQ(figures("r").outcome, 48 * kHour);

  // Sending a draft; moving the sending time moves both durations.
  c_.exec("UPDATE referrals SET sent_at = '2026-04-01T06:00:00.000Z' WHERE id = 'draft'");
  EXPECT_EQ(figures("draft").sent, kApril + 6 * kHour);
  c_.exec("UPDATE referrals SET sent_at = '2026-04-01T01:00:00.000Z' WHERE id = 'r'");
  f = figures("r");
  EXPECT_EQ(f.sent, kApril + kHour);
  EXPECT_EQ(f.response, 11 * kHour + 250);
  EXPECT_EQ(f.outcome, 47 * kHour);

  // Another organization; a derived column written directly is put right at once.
  c_.exec("UPDATE referrals SET organization_id = 'org-b' WHERE id = 'r'");
  EXPECT_EQ(figures("r").organization, org_b_);
  c_.exec("UPDATE referrals SET sent_ms = 5, organization_seq = 999 WHERE id = 'r'");
  f = figures("r");
  EXPECT_EQ(f.sent, kApril + kHour);
  EXPECT_EQ(f.organization, org_b_);

  // Cleared times clear their figures.
  c_.exec("UPDATE referrals SET responded_at = NULL, closed_at = NULL WHERE id = 'r'");
  f = figures("r");
  EXPECT_EQ(f.response, std::nullopt);
  EXPECT_EQ(f.outcome, std::nullopt);
}

TEST_F(ReferralFiguresTest, TheStatisticsQueryReadsTheIndexAlone) {
  auto plan = c_.prepare(
      "EXPLAIN QUERY PLAN SELECT r.status, r.reason_code, r.outcome, r.sent_ms, r.response_ms,"
      " r.outcome_ms, r.organization_seq, r.ward FROM referrals r WHERE r.sent_ms >= CAST(?1 AS"
      " INTEGER) AND r.sent_ms < CAST(?2 AS INTEGER) AND r.ward IN (SELECT value FROM"
      " json_each(?3))");
  std::string details;
  while (plan.step()) details += plan.text(3) + "\n";
  EXPECT_NE(details.find("USING COVERING INDEX referrals_ward_sent"), std::string::npos) << details;
}

TEST(ReferralFiguresUpgradeTest, ADatabaseMadeBeforeGetsItsFigures) {
  testing::TempDir dir;
  Connection c({dir.file("old.db")});
  const auto& all = embedded_migrations();
  size_t before = 0;
  while (before < all.size() && all[before].name.find("referral_figures") == std::string::npos) {
    ++before;
  }
  ASSERT_LT(before, all.size());
  ASSERT_OK(migrate(c, {all.begin(), all.begin() + static_cast<ptrdiff_t>(before)}));
  c.exec("PRAGMA foreign_keys = OFF");
  c.exec(
      "INSERT INTO organizations (id, name, category, address_visibility, visibility, status,"
      " version, created_at, updated_at) VALUES ('org-a', 'a', 'clinic', 'public', 'public',"
      " 'active', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
  c.exec(
      "INSERT INTO referrals (id, case_id, ward, organization_id, status, summary, created_by,"
      " created_at, updated_at, sent_at, responded_at) VALUES ('r', 'case-1', 'chuo', 'org-a',"
      " 'accepted', 's', 'user-1', '2026-03-31T00:00:00.000Z', '2026-03-31T00:00:00.000Z',"
      " '2026-04-01T00:00:00.000Z', '2026-04-02T00:00:00.000Z')");
  ASSERT_OK(migrate(c, all));
  auto s = c.prepare(
      "SELECT r.sent_ms, r.response_ms, r.outcome_ms, r.organization_seq = o.seq"
      " FROM referrals r JOIN organizations o ON o.id = r.organization_id");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.int64(0), kApril);
  EXPECT_EQ(s.int64(1), 24 * kHour);
  EXPECT_TRUE(s.is_null(2));
  EXPECT_EQ(s.int64(3), 1);
}

}  // namespace
}  // namespace tsunagu::storage
