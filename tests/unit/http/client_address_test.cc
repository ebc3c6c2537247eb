#include <gtest/gtest.h>

#include "http/auth.h"

namespace tsunagu::http {
namespace {

const std::vector<std::string> kProxies = {"10.0.0.1", "10.0.0.2"};

TEST(ClientAddressTest, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.7", {}), "203.0.113.9");
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.7", kProxies), "203.0.113.9")
      << "the peer is not a proxy";
}

TEST(ClientAddressTest, TheRightMostUntrustedHopIsTheClient) {
  EXPECT_EQ(client_address("10.0.0.1", "198.51.100.7", kProxies), "198.51.100.7");
  EXPECT_EQ(client_address("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2", kProxies), "198.51.100.7")
      << "1.2.3.4 is whatever the client sent";
  EXPECT_EQ(client_address("10.0.0.1", "2001:db8::1", kProxies), "2001:db8::1");
}

TEST(ClientAddressTest, MissingOrMalformedHopsStopAtTheLastTrustedOne) {
  EXPECT_EQ(client_address("10.0.0.1", "", kProxies), "10.0.0.1");
  EXPECT_EQ(client_address("10.0.0.1", "evil<script>, 10.0.0.2", kProxies), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.1", "10.0.0.2", kProxies), "10.0.0.2");
}

}  // namespace
}  // namespace tsunagu::http
