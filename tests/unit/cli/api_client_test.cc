// What the command-line client puts on the wire without a server: Idempotency-Key values and
// query strings.
#include "api_client.h"

#include <regex>
#include <set>

#include <gtest/gtest.h>

namespace tsunagu::cli {
namespace {

TEST(IdempotencyKey, ARandomVersion4Uuid) {
  static const std::regex uuid4(
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string key = new_idempotency_key();
    EXPECT_TRUE(std::regex_match(key, uuid4)) << key;
    seen.insert(key);
  }
  EXPECT_EQ(seen.size(), 1000u);  // a repeated key would answer another record
}

TEST(WithQuery, EmptyValuesAreLeftOutAndTextIsEncoded) {
  EXPECT_EQ(with_query("/api/v1/cases/x/contacts", {{"page", "2"}, {"per_page", "50"}}),
            "/api/v1/cases/x/contacts?page=2&per_page=50");
  EXPECT_EQ(with_query("/api/v1/cases", {{"q", "中央"}, {"ward", ""}}),
            "/api/v1/cases?q=%E4%B8%AD%E5%A4%AE");
}

}  // namespace
}  // namespace tsunagu::cli
