#include "support/test_support.h"

#include <cstdlib>
#include <map>
#include <mutex>
#include <random>

#include "common/ids.h"
#include "common/log.h"
#include "domain/audit/audit.h"

namespace tsunagu::testing {

TempDir::TempDir()
    : path_(std::filesystem::temp_directory_path() / ("tsunagu-test-" + to_hex(random_bytes(6)))) {
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

bool make_tls_certificate(const TempDir& dir) {
  std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1"
      " -subj /CN=localhost -keyout " +
      dir.file("key.pem") + " -out " + dir.file("cert.pem") + " 2>/dev/null";
  return std::system(cmd.c_str()) == 0;
}

std::unique_ptr<storage::Database> open_database_with(const std::string& path,
                                                      const std::string& sql) {
  auto opened = storage::Database::open({path});
  EXPECT_OK(opened);
  if (!opened.ok()) return nullptr;
  std::unique_ptr<storage::Database> db = std::move(opened).value();
  Status made = db->write([&](storage::Connection& c) -> Status {
    c.exec(sql);
    return Status::Ok();
  });
  EXPECT_OK(made);
  return made.ok() ? std::move(db) : nullptr;
}

const char kSeedDir[] = TSUNAGU_TEST_SEED_DIR;

const char kTestAuditKey[] = "test-audit-key-0123456789abcdef0123456789abcdef";

namespace {
// Domain tests append audit entries without an application: the chain's key is the tests' own.
const bool kKeySet = [] {
  domain::audit::set_chain_key(kTestAuditKey);
  return true;
}();
}  // namespace

TimePoint test_epoch() { return *parse_rfc3339("2026-04-01T09:00:00+09:00"); }

namespace {

// What a TestServer's new database holds before the test runs, as a key: migrated, and the demo
// data the config asks for, loaded at test_epoch() with the config's password, hashing and audit
// key. Empty for a config whose database is not only that (an audit key read from a file).
std::string initial_state_key(const app::Config& config) {
  if (!config.audit_key_file.empty()) return "";
  std::string key = config.audit_key + '\n' + (config.demo ? "demo" : "migrated");
  if (config.demo) {
    key += '\n' + config.seed_dir + '\n' + config.demo_password + '\n' +
           (config.cheap_password_hashing_for_tests ? "cheap" : "argon2");
    for (const auto& kind : config.demo_kinds) key += '\n' + kind;
  }
  return key;
}

// Makes `db_path` a new database in the state `config` asks for. Migrating and loading the demo
// data cost ~2.6 CPU s a server under ASan, more than most tests themselves, so the first server
// of a process with a given initial state builds it once into a template (on a fake clock at
// test_epoch(), as every TestServer's starts) and every server copies that file: the copy holds
// what the load would have written. Returns the config to open the copy with (no demo load).
// TSUNAGU_TEST_NO_TEMPLATE=1 builds every database afresh (to compare, or to rule the copy out).
app::Config start_from_template(app::Config config, const std::string& db_path) {
  const std::string key = initial_state_key(config);
  const char* off = std::getenv("TSUNAGU_TEST_NO_TEMPLATE");
  if (key.empty() || (off != nullptr && std::string(off) == "1")) return config;
  static std::mutex mutex;
  static TempDir templates;
  static std::map<std::string, std::string> built;  // key → template file
  std::lock_guard lock(mutex);
  auto found = built.find(key);
  if (found == built.end()) {
    app::Config build = config;
    build.db_path = templates.file("template-" + std::to_string(built.size()) + ".db");
    FakeClock clock(test_epoch());
    {
      auto opened = app::App::open(build, clock);
      if (!opened.ok()) throw std::runtime_error("test template: " + opened.error().to_string());
    }  // closing the last connection checkpoints the WAL into the file
    found = built.emplace(key, build.db_path).first;
  }
  std::filesystem::copy_file(found->second, db_path);
  config.demo = false;
  return config;
}

}  // namespace

TestServer::TestServer(app::Config config) : db_path_(dir_.file("tsunagu.db")) {
  config.port = 0;
  config.host = "127.0.0.1";
  config.handle_signals = false;
  config.threads = config.threads > 32 ? 32 : config.threads;
  config.access_log = false;
  // No web client unless a test gives one: the build's own may or may not be there.
  if (!config.web_root) config.web_root = "";
  if (config.audit_key.empty() && config.audit_key_file.empty()) config.audit_key = kTestAuditKey;
  if (config.seed_dir.empty()) config.seed_dir = kSeedDir;
  log::set_level(log::Level::kWarn);  // start-up lines would drown the test output
  config = start_from_template(std::move(config), db_path_);
  config.db_path = db_path_;
  auto opened = app::App::open(config, clock_);
  if (!opened.ok()) throw std::runtime_error("test server: " + opened.error().to_string());
  app_ = std::move(opened).value();
  auto port = app_->start();
  if (!port.ok()) throw std::runtime_error("test server: " + port.error().to_string());
  port_ = *port;
  runner_ = std::thread([this] { app_->run(); });
}

TestServer::~TestServer() {
  app_->stop();
  if (runner_.joinable()) runner_.join();
}

httplib::Client TestServer::client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(30, 0);
  return c;
}

nlohmann::json body_json(const httplib::Result& res) {
  if (!res) {
    ADD_FAILURE() << "no response: " << httplib::to_string(res.error());
    return nullptr;
  }
  auto j = nlohmann::json::parse(res->body, nullptr, false);
  if (j.is_discarded()) ADD_FAILURE() << "body is not JSON: " << res->body;
  return j;
}

std::set<std::string> error_fields(const httplib::Result& res) {
  std::set<std::string> out;
  if (!res) return out;
  const nlohmann::json body = body_json(res);  // a named value: range-for would not extend it
  for (const auto& e : body["errors"]) out.insert(e["field"].get<std::string>());
  return out;
}

httplib::Result post_json(httplib::Client& client, const std::string& path,
                          const nlohmann::json& body, const httplib::Headers& headers) {
  return client.Post(path.c_str(), headers, body.dump(), "application/json");
}

app::Config auth_config() {
  app::Config config;
  config.demo = true;
  config.demo_password = kDemoPassword;
  // The network without the demo's households and meetings, so tests count what they create.
  config.demo_kinds = {"organizations", "accounts"};
  config.cheap_password_hashing_for_tests = true;
  return config;
}

std::string login(httplib::Client& client, const std::string& username,
                  const std::string& password) {
  auto res =
      post_json(client, "/api/v1/auth/login", {{"username", username}, {"password", password}});
  if (!res || res->status != 200) {
    ADD_FAILURE() << "login " << username << ": "
                  << (res ? std::to_string(res->status) + " " + res->body
                          : httplib::to_string(res.error()));
    return "";
  }
  return body_json(res)["token"].get<std::string>();
}

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

}  // namespace tsunagu::testing
