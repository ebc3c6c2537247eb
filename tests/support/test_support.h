// Shared test helpers: a temporary directory, ASSERT_OK/EXPECT_OK that print the failing status,
// and TestServer — the real application on a free port with a fresh database, driven through
// httplib::Client like any other client (cpp-httplib's own tests do the same).
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "common/result.h"
#include "common/time.h"
#include "storage/database.h"

#define ASSERT_OK(expr)                                           \
  do {                                                            \
    const auto& tsunagu_s = (expr);                               \
    ASSERT_TRUE(tsunagu_s.ok()) << tsunagu_s.error().to_string(); \
  } while (false)
#define EXPECT_OK(expr)                                           \
  do {                                                            \
    const auto& tsunagu_s = (expr);                               \
    EXPECT_TRUE(tsunagu_s.ok()) << tsunagu_s.error().to_string(); \
  } while (false)

namespace tsunagu::testing {

// A directory removed with everything in it when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Writes a self-signed certificate for CN=localhost (P-256, one day) and its key into `dir` as
// cert.pem and key.pem, with the openssl command; false when that fails.
bool make_tls_certificate(const TempDir& dir);

// Opens (and migrates) a database at `path` and runs `sql` in one write: a storage test's
// tables. Null, with a test failure, when either fails.
std::unique_ptr<storage::Database> open_database_with(const std::string& path,
                                                      const std::string& sql);

// The source tree's seed/ (the demo data set), compiled in: what every TestServer's --demo reads
// unless its config names another folder.
extern const char kSeedDir[];

// The audit chain's key in tests (set for the whole test process, and TestServer's default).
extern const char kTestAuditKey[];

// 2026-04-01T09:00:00+09:00, the start of the fiscal year: a fixed "now" for tests.
TimePoint test_epoch();

class TestServer {
 public:
  // Starts the application with `config` (db_path, port and signal handling are filled in).
  explicit TestServer(app::Config config = {});
  ~TestServer();

  httplib::Client client() const;
  int port() const { return port_; }
  app::App& app() { return *app_; }
  FakeClock& clock() { return clock_; }
  const std::string& db_path() const { return db_path_; }

 private:
  TempDir dir_;
  FakeClock clock_{test_epoch()};
  std::string db_path_;
  std::unique_ptr<app::App> app_;
  std::thread runner_;
  int port_ = 0;
};

// The password of the demo accounts in tests.
inline constexpr char kDemoPassword[] = "demo-password-2026";

// A Config for tests that sign in: the demo accounts (admin, coord.chuo, staff.chuo, coord.kita,
// partner.itokonchi, partner.night, auditor) with kDemoPassword, and cheap Argon2 parameters.
app::Config auth_config();

// Signs in; returns the token, or "" with a test failure.
std::string login(httplib::Client& client, const std::string& username,
                  const std::string& password = kDemoPassword);
httplib::Headers bearer(const std::string& token);

// The JSON of a response body (a failed test when it is not JSON).
nlohmann::json body_json(const httplib::Result& res);

// The field names of a problem's errors[] (empty without a response).
std::set<std::string> error_fields(const httplib::Result& res);

// "POST"s `body` as JSON and returns the result.
httplib::Result post_json(httplib::Client& client, const std::string& path,
                          const nlohmann::json& body, const httplib::Headers& headers = {});

}  // namespace tsunagu::testing
