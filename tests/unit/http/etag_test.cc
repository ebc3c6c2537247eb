#include "http/etag.h"

#include <gtest/gtest.h>

namespace tsunagu::http {
namespace {

httplib::Request with_if_match(const std::string& value) {
  httplib::Request req;
  req.headers.emplace("If-Match", value);
  return req;
}

TEST(EtagTest, IfMatchNamesAVersion) {
  EXPECT_EQ(etag_for(7), "\"7\"");
  EXPECT_EQ(*if_match_version(with_if_match("W/\"7\"")), std::optional<int64_t>(7));
  EXPECT_EQ(*if_match_version(with_if_match("\"12\"")), std::optional<int64_t>(12));
  EXPECT_EQ(*if_match_version(with_if_match("*")), std::nullopt);
  EXPECT_EQ(*if_match_version(httplib::Request()), std::nullopt);
}

TEST(EtagTest, AnIfMatchThatIsNoVersionOfOursIsStale) {
  for (const char* bad : {"7", "W/\"x\"", "\"\"", "\"-1\"", "W/\"7\", W/\"8\""}) {
    auto r = if_match_version(with_if_match(bad));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind(), ErrorKind::kAborted) << bad;  // 412
  }
}

}  // namespace
}  // namespace tsunagu::http
