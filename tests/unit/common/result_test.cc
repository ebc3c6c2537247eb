#include "common/result.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tsunagu {
namespace {

Result<int> half(int n) {
  if (n % 2 != 0) return Error::Field("n", "must be even");
  return n / 2;
}

Result<int> quarter(int n) {
  TRY_ASSIGN(int h, half(n));
  TRY_ASSIGN(int q, half(h));
  return q;
}

Status check_positive(int n) {
  if (n <= 0) return Error::InvalidArgument("must be positive");
  return Status::Ok();
}

Status check_both(int a, int b) {
  TRY(check_positive(a));
  TRY(check_positive(b));
  return Status::Ok();
}

TEST(ResultTest, ValueAndErrorAreExclusive) {
  Result<int> ok = 4;
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 4);
  EXPECT_THROW((void)ok.error(), std::logic_error);

  Result<int> bad = Error::NotFound("no such case");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind(), ErrorKind::kNotFound);
  EXPECT_THROW((void)bad.value(), std::logic_error);
}

TEST(ResultTest, TryAssignPropagatesTheFirstError) {
  EXPECT_EQ(*quarter(12), 3);
  Result<int> r = quarter(6);  // 6 → 3 → odd
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields(), (std::vector<FieldError>{{"n", "must be even"}}));
}

TEST(ResultTest, TryPropagatesStatus) {
  EXPECT_TRUE(check_both(1, 2).ok());
  Status s = check_both(1, -2);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_THROW((void)Status::Ok().error(), std::logic_error);
}

TEST(ResultTest, ErrorToStringNamesKindAndFields) {
  Error e = Error::InvalidArgument("bad", {{"due_by", "must be a date"}});
  e.add_field("to", "is required");
  EXPECT_EQ(e.to_string(), "invalid_argument: bad [due_by: must be a date, to: is required]");
}

TEST(ResultTest, ResourceExhaustedCarriesRetryAfter) {
  Error e = Error::ResourceExhausted("slow down", 30);
  EXPECT_EQ(e.retry_after_seconds(), 30);
  EXPECT_FALSE(Error::NotFound("x").retry_after_seconds().has_value());
}

}  // namespace
}  // namespace tsunagu
