// The HTTP stack end to end with probe routes: every failure the contract names comes back as
// problem+json with the right status, never a crash and never exception text.
#include "http/server.h"
#include "domain/base/system.h"

#include <gtest/gtest.h>

#include <future>

#include "http/json_io.h"
#include "http/router.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::http {
namespace {

using tsunagu::testing::body_json;

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::Database::open({dir_.file("h.db")});
    ASSERT_OK(db);
    db_ = std::move(db).value();
    system_ = std::make_unique<domain::System>(*db_);
    Services services{&clock_, system_.get()};
    ServerOptions options;
    options.threads = 8;
    options.access_log = false;
    server_ = std::make_unique<HttpServer>(options, services, [](Router& r) {
      r.post("/probe/things", "probe_create",
             [](const httplib::Request& req, httplib::Response& res) -> Status {
               TRY_ASSIGN(Json body, parse_json_body(req));
               FieldReader fields(body);
               auto name = fields.string("name", Need::kRequired);
               fields.one_of("kind", {"a", "b"});
               TRY(fields.finish());
               res.set_header("Location", "/probe/things/1");
               write_json(res, 201, {{"name", *name}});
               return Status::Ok();
             });
      r.get("/probe/throw", "probe_throw",
            [](const httplib::Request&, httplib::Response&) -> Status {
              throw std::runtime_error("sqlite: no such table: cases_secret");
            });
      r.get("/probe/slow", "probe_slow",
            [](const httplib::Request&, httplib::Response& res) -> Status {
              std::this_thread::sleep_for(std::chrono::milliseconds(300));
              write_json(res, 200, {{"done", true}});
              return Status::Ok();
            });
    });
    auto port = server_->bind("127.0.0.1", 0);
    ASSERT_OK(port);
    port_ = *port;
    thread_ = std::thread([this] { server_->listen(); });
    for (int i = 0; i < 200 && !server_->is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  void TearDown() override {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Client client() { return httplib::Client("127.0.0.1", port_); }

  void expect_problem(const httplib::Result& res, int status, const std::string& slug) {
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
    auto body = body_json(res);
    EXPECT_EQ(body["status"], status);
    EXPECT_EQ(body["type"], "https://tsunagu.example/problems/" + slug);
    EXPECT_TRUE(body["title"].is_string());
    EXPECT_TRUE(body["detail"].is_string());
  }

  tsunagu::testing::TempDir dir_;
  FakeClock clock_{tsunagu::testing::test_epoch()};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<domain::System> system_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(HttpServerTest, HealthzAnswersWithVersionAndSchema) {
  auto res = client().Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto body = body_json(res);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_TRUE(body["version"].is_string());
  EXPECT_EQ(body["schema_version"], db_->schema_version());
  EXPECT_EQ(res->get_header_value("X-Request-Id").size(), 16u);
}

TEST_F(HttpServerTest, CreatedWithLocation) {
  auto res = client().Post("/probe/things", R"({"name":"いとこんち"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(res->get_header_value("Location"), "/probe/things/1");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
}

TEST_F(HttpServerTest, UnknownPathIs404Problem) {
  expect_problem(client().Get("/api/v1/nothing-here"), 404, "not-found");
}

TEST_F(HttpServerTest, WrongMethodIs405WithAllow) {
  auto res = client().Delete("/healthz");
  expect_problem(res, 405, "method-not-allowed");
  EXPECT_EQ(res->get_header_value("Allow"), "GET, HEAD");
  auto post = client().Put("/probe/things", "{}", "application/json");
  expect_problem(post, 405, "method-not-allowed");
  EXPECT_EQ(post->get_header_value("Allow"), "POST");
}

TEST_F(HttpServerTest, MalformedJsonIs400) {
  expect_problem(client().Post("/probe/things", R"({"name": )", "application/json"), 400,
                 "malformed-request");
  expect_problem(client().Post("/probe/things", "\"\xC3\x28\"", "application/json"), 400,
                 "malformed-request");
}

TEST_F(HttpServerTest, NotJsonIs415) {
  expect_problem(client().Post("/probe/things", "name=x", "application/x-www-form-urlencoded"), 415,
                 "unsupported-media-type");
  expect_problem(client().Post("/probe/things", R"({"name":"x"})", "text/plain"), 415,
                 "unsupported-media-type");
}

TEST_F(HttpServerTest, BodyOverOneMebibyteIs413) {
  std::string big = R"({"name":")" + std::string(1024 * 1024, 'a') + R"("})";
  expect_problem(client().Post("/probe/things", big, "application/json"), 413, "payload-too-large");
}

TEST_F(HttpServerTest, RuleViolationsAre422WithEveryField) {
  auto res = client().Post("/probe/things", R"({"kind":"c","role":"admin"})", "application/json");
  expect_problem(res, 422, "validation-error");
  auto body = body_json(res);
  std::set<std::string> fields;
  for (const auto& e : body["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"name", "kind", "role"}));
}

TEST_F(HttpServerTest, ExceptionsAre500WithoutTheirText) {
  auto res = client().Get("/probe/throw");
  expect_problem(res, 500, "internal-error");
  EXPECT_EQ(res->body.find("sqlite"), std::string::npos);
  EXPECT_EQ(res->body.find("cases_secret"), std::string::npos);
  for (const auto& [name, value] : res->headers) {
    EXPECT_EQ(value.find("cases_secret"), std::string::npos) << name;
  }
  // The server is still serving.
  EXPECT_EQ(client().Get("/healthz")->status, 200);
}

TEST_F(HttpServerTest, MetricsCountRequestsByRouteNameAndStatus) {
  auto c = client();
  c.Get("/healthz");
  c.Get("/healthz");
  c.Get("/api/v1/nothing-here");
  // A request is counted after its response is written (cpp-httplib calls the logger then), so
  // the count may trail the answer the client already has by a moment.
  // Wait for every request this test made, not just one of them.
  const std::string counted =
      R"(tsunagu_http_requests_total{route="healthz",method="GET",status="200"} 2)";
  const std::string unmatched =
      R"(tsunagu_http_requests_total{route="unmatched",method="GET",status="404"} 1)";
  auto all_counted = [&](const httplib::Result& r) {
    return r && r->body.find(counted) != std::string::npos &&
           r->body.find(unmatched) != std::string::npos;
  };
  httplib::Result res = c.Get("/metrics");
  for (int i = 0; i < 200 && res && !all_counted(res); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    res = c.Get("/metrics");
  }
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find(counted), std::string::npos) << res->body;
  EXPECT_NE(res->body.find(unmatched), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("tsunagu_http_request_duration_seconds_bucket{route=\"healthz\""),
            std::string::npos);
  EXPECT_NE(res->body.find("tsunagu_db_schema_version"), std::string::npos);
  // Raw paths never become labels.
  EXPECT_EQ(res->body.find("nothing-here"), std::string::npos);
}

TEST_F(HttpServerTest, StopFinishesInFlightRequests) {
  auto pending = std::async(std::launch::async, [this] { return client().Get("/probe/slow"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server_->stop();
  auto res = pending.get();
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
}

TEST_F(HttpServerTest, WardsAreListedInTheCitysOrder) {
  auto res = client().Get("/api/v1/wards");
  ASSERT_TRUE(res);
  auto body = body_json(res);
  ASSERT_EQ(body["items"].size(), 10u);
  EXPECT_EQ(body["items"][0]["code"], "chuo");
  EXPECT_EQ(body["items"][0]["name"], "中央区");
  EXPECT_EQ(body["items"][9]["name"], "手稲区");
}

}  // namespace
}  // namespace tsunagu::http
