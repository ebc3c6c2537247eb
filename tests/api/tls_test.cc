// --tls-cert/--tls-key: the server speaks HTTPS only, with a self-signed certificate made here.
#include <gtest/gtest.h>

#include "support/test_support.h"

namespace tsunagu {
namespace {

TEST(TlsTest, ServesHttpsWithTheGivenCertificate) {
  testing::TempDir dir;
  ASSERT_TRUE(testing::make_tls_certificate(dir)) << "openssl could not make a certificate";
  std::string cert = dir.file("cert.pem"), key = dir.file("key.pem");

  app::Config config = testing::auth_config();
  config.tls_cert = cert;
  config.tls_key = key;
  testing::TestServer server(config);

  httplib::SSLClient tls("127.0.0.1", server.port());
  tls.set_ca_cert_path(cert.c_str());
  tls.enable_server_certificate_verification(false);  // CN=localhost, dialled by address
  auto res = tls.Get("/healthz");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Strict-Transport-Security"),
            "max-age=31536000; includeSubDomains");
  auto missing = tls.Get("/nowhere");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_TRUE(missing->has_header("Strict-Transport-Security")) << "the library's own 404 too";
  auto login = tls.Post(
      "/api/v1/auth/login",
      R"({"username":"admin","password":")" + std::string(testing::kDemoPassword) + R"("})",
      "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 200);

  httplib::Client plain("127.0.0.1", server.port());
  plain.set_connection_timeout(2, 0);
  plain.set_read_timeout(2, 0);
  auto cleartext = plain.Get("/healthz");
  EXPECT_TRUE(!cleartext || cleartext->status != 200) << "plain HTTP must not be served";
}

TEST(TlsTest, AMissingCertificateStopsStartUp) {
  app::Config config = testing::auth_config();
  config.tls_cert = "/nonexistent/cert.pem";
  config.tls_key = "/nonexistent/key.pem";
  EXPECT_THROW(testing::TestServer server(config), std::runtime_error);
}

}  // namespace
}  // namespace tsunagu
