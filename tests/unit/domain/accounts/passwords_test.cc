#include "domain/accounts/passwords.h"

#include <gtest/gtest.h>

namespace tsunagu::domain {
namespace {

TEST(PasswordHasherTest, DefaultParametersAreStrongAndTravelWithTheHash) {
  PasswordHasher hasher;  // the production default
  std::string encoded = hasher.hash("correct horse battery staple");
  // OWASP's Argon2id minimum: 19 MiB, two passes, one lane.
  EXPECT_EQ(encoded.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << encoded;
  EXPECT_GE(hasher.params().memory_kib, 19u * 1024);
  EXPECT_GE(hasher.params().time_cost, 2u);
}

TEST(PasswordHasherTest, VerifiesOnlyTheRightPassword) {
  PasswordHasher hasher(PasswordParams::cheap_for_tests());
  std::string encoded = hasher.hash("correct horse battery staple");
  EXPECT_TRUE(hasher.verify_or_burn(encoded, "correct horse battery staple"));
  EXPECT_FALSE(hasher.verify_or_burn(encoded, "correct horse battery stapl"));
  EXPECT_NE(hasher.hash("correct horse battery staple"), encoded) << "salts must differ";
}

TEST(PasswordHasherTest, UnknownUserNeverMatches) {
  PasswordHasher hasher(PasswordParams::cheap_for_tests());
  EXPECT_FALSE(hasher.verify_or_burn(std::nullopt, ""));
  EXPECT_FALSE(hasher.verify_or_burn(std::nullopt, "correct horse battery staple"));
}

TEST(PasswordHasherTest, HashesMadeWithOtherParametersStillVerify) {
  PasswordHasher cheap(PasswordParams::cheap_for_tests());
  PasswordHasher strong;
  EXPECT_TRUE(strong.verify_or_burn(cheap.hash("an old password 1"), "an old password 1"));
}

TEST(PasswordPolicyTest, Rules) {
  EXPECT_EQ(password_problem("tsunagu-sapporo-2026", "coord.chuo"), std::nullopt);
  EXPECT_EQ(password_problem("札幌の子どもを守るために", "coord.chuo"), std::nullopt)
      << "twelve Japanese characters are twelve characters";
  EXPECT_NE(password_problem("short-pass1", "x")->find("at least 12"), std::string::npos);
  EXPECT_NE(password_problem("札幌の子どもを守る", "x")->find("at least 12"), std::string::npos);
  EXPECT_NE(password_problem("Password1234", "x")->find("common"), std::string::npos);
  EXPECT_NE(password_problem("123456789012", "x")->find("common"), std::string::npos);
  EXPECT_NE(password_problem("my-coord.chuo-pass", "coord.chuo")->find("username"),
            std::string::npos);
  EXPECT_NE(password_problem("zzzzzzzzzzzzzzzz", "x")->find("repeated"), std::string::npos);
  EXPECT_NE(password_problem(std::string(257, 'a') + "b", "x")->find("at most"), std::string::npos);
}

}  // namespace
}  // namespace tsunagu::domain
