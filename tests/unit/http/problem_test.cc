#include "http/problem.h"

#include <gtest/gtest.h>

#include <set>

namespace tsunagu::http {
namespace {

TEST(ProblemTest, EveryKindHasTheContractStatus) {
  const std::pair<ErrorKind, int> expected[] = {{ErrorKind::kInvalidArgument, 422},
                                                {ErrorKind::kMalformed, 400},
                                                {ErrorKind::kNotFound, 404},
                                                {ErrorKind::kAlreadyExists, 409},
                                                {ErrorKind::kFailedPrecondition, 409},
                                                {ErrorKind::kAborted, 412},
                                                {ErrorKind::kUnauthenticated, 401},
                                                {ErrorKind::kPermissionDenied, 403},
                                                {ErrorKind::kResourceExhausted, 429},
                                                {ErrorKind::kPayloadTooLarge, 413},
                                                {ErrorKind::kUnsupportedFormat, 415},
                                                {ErrorKind::kUnavailable, 503},
                                                {ErrorKind::kInternal, 500}};
  std::set<std::string> slugs;
  for (auto [kind, status] : expected) {
    EXPECT_EQ(problem_kind(kind).status, status) << to_string(kind);
    slugs.insert(problem_kind(kind).slug);
  }
  EXPECT_EQ(slugs.size(), std::size(expected));  // clients can tell every kind apart
}

TEST(ProblemTest, FieldErrorsAreListed) {
  auto body = problem_json(Error::InvalidArgument("bad", {{"due_by", "must be a date"}}));
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["type"], "https://tsunagu.example/problems/validation-error");
  ASSERT_EQ(body["errors"].size(), 1u);
  EXPECT_EQ(body["errors"][0]["field"], "due_by");
}

TEST(ProblemTest, InternalErrorsHideTheirMessage) {
  auto body = problem_json(Error::Internal("sqlite: disk I/O error in: SELECT * FROM cases"));
  EXPECT_EQ(body["status"], 500);
  EXPECT_EQ(body["detail"].get<std::string>().find("sqlite"), std::string::npos);
  EXPECT_EQ(body.dump().find("SELECT"), std::string::npos);
}

}  // namespace
}  // namespace tsunagu::http
