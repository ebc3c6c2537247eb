#include "common/ids.h"

#include <gtest/gtest.h>

#include <set>

namespace tsunagu {
namespace {

TEST(IdsTest, UuidIsVersion4WithVariantBits) {
  std::string id = new_uuid();
  ASSERT_TRUE(looks_like_uuid(id)) << id;
  EXPECT_EQ(id[14], '4');
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
}

TEST(IdsTest, UuidsDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(new_uuid());
  EXPECT_EQ(seen.size(), 10000u);
}

TEST(IdsTest, RandomBytesHaveTheRequestedLength) {
  EXPECT_EQ(random_bytes(32).size(), 32u);
  EXPECT_NE(random_bytes(32), random_bytes(32));
}

TEST(IdsTest, HexIsLowercase) { EXPECT_EQ(to_hex(std::string("\x00\xff\x1a", 3)), "00ff1a"); }

TEST(IdsTest, LooksLikeUuidRejectsOtherShapes) {
  EXPECT_FALSE(looks_like_uuid("not-a-uuid"));
  EXPECT_FALSE(looks_like_uuid("3f0b9c1e-6a7d-4e2b-9c41-0d5e8f7a6b2"));
  EXPECT_FALSE(looks_like_uuid("3f0b9c1e+6a7d-4e2b-9c41-0d5e8f7a6b21"));
  EXPECT_TRUE(looks_like_uuid("3f0b9c1e-6a7d-4e2b-9c41-0d5e8f7a6b21"));
}

}  // namespace
}  // namespace tsunagu
