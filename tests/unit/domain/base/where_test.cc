// The one WHERE builder: conditions ANDed in the order added, one value per anonymous "?" (or a
// numbered placeholder per value), bound in that order with their types; a count that does not
// match, or the two styles mixed, is refused.
#include "domain/base/where.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::domain {
namespace {

using Values = std::vector<Where::Value>;

TEST(WhereTest, NoConditionIsNoClause) {
  Where w;
  EXPECT_EQ(w.sql(), "");
  EXPECT_EQ(w.size(), 0);
}

TEST(WhereTest, ConditionsAreAndedWithTheirValuesInOrder) {
  Where w;
  w.add("a = 1").add("b = ?", {"x"}).add("(c < ? OR d >= ?)", {int64_t{2}, 2.5});
  EXPECT_EQ(w.sql(), " WHERE a = 1 AND b = ? AND (c < ? OR d >= ?)");
  EXPECT_EQ(w.values(), (Values{"x", int64_t{2}, 2.5}));
}

TEST(WhereTest, AddEachGivesEveryPlaceholderTheOneValue) {
  Where w;
  w.add("x = ?", {"first"}).add_each("(y = ? OR z = ?)", "v");
  EXPECT_EQ(w.sql(), " WHERE x = ? AND (y = ? OR z = ?)");
  EXPECT_EQ(w.values(), (Values{"first", "v", "v"}));
  EXPECT_THROW(w.add_each("y = 1", "v"), std::logic_error);
}

TEST(WhereTest, APlaceholderCountThatDoesNotMatchIsRefused) {
  Where w;
  EXPECT_THROW(w.add("a = ? AND b = ?", {"one"}), std::logic_error);
  EXPECT_THROW(w.add("a = ?"), std::logic_error);
  EXPECT_THROW(w.add("a = 1", {"extra"}), std::logic_error);
  EXPECT_EQ(w.sql(), "");  // a refused condition is not added
  EXPECT_EQ(w.size(), 0);
  // A "?" in a quoted string is text; "?N" is a numbered placeholder, not an anonymous one.
  EXPECT_EQ(Where::count_anonymous("a = '?' AND b = 'it''s ?' AND c = ?"), 1u);
  EXPECT_EQ(Where::count_anonymous("a = ?12 AND b = ?"), 1u);
}

TEST(WhereTest, NumberedPlaceholdersCanBeUsedMoreThanOnce) {
  Where w;
  std::string m = w.param(int64_t{600});
  w.add("o.opens <= " + m + " AND " + m + " < o.closes");
  w.add("o.category IN " + w.param_list({"food", "care"}));
  EXPECT_EQ(w.sql(), " WHERE o.opens <= ?1 AND ?1 < o.closes AND o.category IN (?2, ?3)");
  EXPECT_EQ(w.values(), (Values{int64_t{600}, "food", "care"}));
}

TEST(WhereTest, TheTwoStylesDoNotMix) {
  Where anonymous;
  anonymous.add("a = ?", {"x"});
  EXPECT_THROW(anonymous.param("y"), std::logic_error);
  Where numbered;
  numbered.add("a = " + numbered.param("x"));
  EXPECT_THROW(numbered.add("b = ?", {"y"}), std::logic_error);
  numbered.add("b IS NOT NULL");  // a condition without parameters fits either
  EXPECT_EQ(numbered.sql(), " WHERE a = ?1 AND b IS NOT NULL");
}

TEST(WhereTest, BindsEachValueWithItsTypeFromParameterOne) {
  testing::TempDir dir;
  auto db = storage::Database::open({dir.file("w.db")});
  ASSERT_OK(db);
  // Each condition holds only for its value bound with its type (7 as text would not equal 7).
  Where w;
  w.add("? = 'text'", {"text"})
      .add("? = 7 AND ? = 1.5", {int64_t{7}, 1.5})
      .add("? IS NULL", {nullptr});
  auto found = [&](const Where& where) {
    bool row = false;
    auto done = (*db)->read([&](storage::Connection& c) -> Status {
      const int next = where.size() + 1;
      auto s = c.prepare("SELECT 1" + where.sql() + " LIMIT ?" + std::to_string(next));
      EXPECT_EQ(where.bind(s), next);
      s.bind(next, 1);
      row = s.step();
      return Status::Ok();
    });
    EXPECT_OK(done);
    return row;
  };
  EXPECT_TRUE(found(w));
  Where as_text;
  as_text.add("? = 7", {"7"});
  EXPECT_FALSE(found(as_text));
}

}  // namespace
}  // namespace tsunagu::domain
