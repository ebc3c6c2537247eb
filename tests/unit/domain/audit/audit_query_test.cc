#include "domain/audit/audit_query.h"

#include <gtest/gtest.h>

#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::domain::audit {
namespace {

// SQLite's plan for the search's count and page over a filter: "who saw this household" must
// read that household's entries through an index, not scan a log of millions.
class AuditQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::Database::open({dir_.file("a.db")});
    ASSERT_OK(db);
    db_ = std::move(db).value();
  }

  // The plan's detail lines for `select` + the filter's WHERE clause.
  std::string plan(const std::string& select, const Filter& f,
                   const std::optional<std::string>& actor_id = std::nullopt) {
    SearchQuery q = search_query(f, actor_id);
    std::string out;
    auto done = db_->read([&](storage::Connection& c) -> Status {
      auto s = c.prepare("EXPLAIN QUERY PLAN " + select + q.where + " ORDER BY seq DESC");
      for (size_t i = 0; i < q.params.size(); ++i) s.bind(static_cast<int>(i + 1), q.params[i]);
      while (s.step()) out += s.text(3) + "\n";
      return Status::Ok();
    });
    EXPECT_TRUE(done.ok());
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Database> db_;
};

TEST_F(AuditQueryTest, OnlyTheFiltersThatAreSetAreInTheQuery) {
  EXPECT_EQ(search_query({}, std::nullopt).where, "");
  Filter f;
  f.case_id = "case-7";
  f.from = testing::test_epoch();
  auto q = search_query(f, std::nullopt);
  // The household's own entries and the list pages that showed it: one condition, its ? bound
  // three times.
  EXPECT_EQ(q.where.rfind(" WHERE seq IN (SELECT seq FROM audit_log WHERE case_id = ?", 0), 0u)
      << q.where;
  EXPECT_TRUE(q.where.ends_with(") AND at >= ?")) << q.where;
  EXPECT_EQ(q.params,
            (std::vector<std::string>{"case-7", "case-7", "case-7", "2026-04-01T00:00:00.000Z"}));
  // An actor given by username searches by the id it resolved to.
  Filter by_name;
  by_name.actor = "coord.chuo";
  EXPECT_EQ(search_query(by_name, "u-1").where, " WHERE actor_id = ?");
  EXPECT_EQ(search_query(by_name, "u-1").params, (std::vector<std::string>{"u-1"}));
}

TEST_F(AuditQueryTest, EachFilterUsesItsIndex) {
  Filter by_case;
  by_case.case_id = "case-7";
  Filter by_actor;
  by_actor.actor = "coord.chuo";
  Filter by_org;
  by_org.organization_id = "org-1";
  for (const char* select :
       {"SELECT count(*) FROM audit_log", "SELECT seq, detail FROM audit_log"}) {
    SCOPED_TRACE(select);
    EXPECT_NE(plan(select, by_case).find("INDEX audit_log_case"), std::string::npos)
        << plan(select, by_case);
    EXPECT_NE(plan(select, by_actor, "u-1").find("INDEX audit_log_actor"), std::string::npos)
        << plan(select, by_actor, "u-1");
    EXPECT_NE(plan(select, by_org).find("INDEX audit_log_organization"), std::string::npos)
        << plan(select, by_org);
  }
}

// The list pages that showed a household are read through the organizations its referrals went
// to, and a ward's through the page entries' own index: never a scan of the whole log.
TEST_F(AuditQueryTest, ListPagesAreFoundThroughIndexes) {
  Filter by_case;
  by_case.case_id = "case-7";
  Filter by_ward;
  by_ward.ward = "chuo";
  for (const char* select :
       {"SELECT count(*) FROM audit_log", "SELECT seq, detail FROM audit_log"}) {
    SCOPED_TRACE(select);
    const std::string for_case = plan(select, by_case);
    EXPECT_NE(for_case.find("INDEX audit_log_case"), std::string::npos) << for_case;
    EXPECT_NE(for_case.find("INDEX audit_log_organization"), std::string::npos) << for_case;
    EXPECT_EQ(for_case.find("SCAN audit_log"), std::string::npos) << for_case;
    const std::string for_ward = plan(select, by_ward);
    EXPECT_NE(for_ward.find("INDEX audit_log_case"), std::string::npos) << for_ward;
    EXPECT_NE(for_ward.find("INDEX audit_log_listed"), std::string::npos) << for_ward;
  }
}

}  // namespace
}  // namespace tsunagu::domain::audit
