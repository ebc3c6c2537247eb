// The edge of the HTTP server under hostile input, over real sockets on loopback: no request may
// stop the server or hold its workers, no answer echoes request bytes, every answer carries the
// browser headers, and secrets stay out of the access log. Limits are configured small so each
// test takes a second or two.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "common/log.h"
#include "domain/base/system.h"
#include "http/json_io.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "storage/database.h"
#include "support/test_support.h"

namespace tsunagu::http {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A connected loopback socket, closed when it goes away.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  int fd() const { return fd_; }
  // False once the peer has closed (or reset) the connection.
  bool send(const std::string& data) {
    size_t off = 0;
    while (off < data.size()) {
      ssize_t n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<size_t>(n);
    }
    return true;
  }
  // Reads until the peer closes, a whole response (by Content-Length) is in, or `timeout`.
  std::string read_response(std::chrono::milliseconds timeout) {
    std::string in;
    auto until = Clock::now() + timeout;
    while (Clock::now() < until) {
      if (complete(in)) break;
      pollfd p{fd_, POLLIN, 0};
      int left = static_cast<int>(
          std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count());
      if (::poll(&p, 1, std::max(left, 1)) <= 0) break;
      char buf[65536];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      in.append(buf, static_cast<size_t>(n));
    }
    return in;
  }
  // Whether the peer closed the connection within `timeout` (reading and dropping any data).
  bool closed_within(std::chrono::milliseconds timeout) {
    read_response(timeout);
    auto until = Clock::now() + timeout;
    while (!closed_ && Clock::now() < until) read_response(50ms);
    return closed_;
  }

 private:
  static bool complete(const std::string& in) {
    size_t end = in.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    size_t cl = in.find("Content-Length: ");
    if (cl == std::string::npos || cl > end) return true;
    size_t length = std::stoul(in.substr(cl + 16));
    return in.size() >= end + 4 + length;
  }
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

std::string status_line(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

class EdgeTest : public ::testing::Test {
 protected:
  void start(ServerOptions options) {
    auto db = storage::Database::open({dir_.file("edge.db")});
    ASSERT_OK(db);
    db_ = std::move(db).value();
    system_ = std::make_unique<domain::System>(*db_);
    Services services{&clock_, system_.get()};
    server_ = std::make_unique<HttpServer>(options, services, [](Router& r) {
      r.patch("/probe/doc", "probe_patch",
              [](const httplib::Request& req, httplib::Response& res) -> Status {
                TRY_ASSIGN(Json patch, parse_json_body(req));
                Json doc = Json::object();
                doc.merge_patch(patch);
                write_json(res, 200, doc);
                return Status::Ok();
              });
      r.get("/probe/list", "probe_list",
            [](const httplib::Request&, httplib::Response& res) -> Status {
              write_json(res, 200, {{"items", std::string(3000, 'x')}});
              return Status::Ok();
            });
    });
    auto port = server_->bind("127.0.0.1", 0);
    ASSERT_OK(port);
    port_ = *port;
    thread_ = std::thread([this] { server_->listen(); });
    for (int i = 0; i < 400 && !server_->is_running(); ++i) std::this_thread::sleep_for(5ms);
  }
  void start() {
    ServerOptions options;
    options.threads = 4;
    options.access_log = false;
    start(options);
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  httplib::Client client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(2);
    c.set_read_timeout(5);
    return c;
  }
  // One request on a fresh connection; the raw response.
  std::string raw(const std::string& request) {
    RawConnection c(port_);
    EXPECT_TRUE(c.connected());
    c.send(request);
    return c.read_response(3s);
  }
  // Whether a new client gets /healthz answered within `limit`.
  bool healthz_within(std::chrono::milliseconds limit) {
    auto c = client();
    auto started = Clock::now();
    auto res = c.Get("/healthz");
    return res && res->status == 200 && Clock::now() - started < limit;
  }

  tsunagu::testing::TempDir dir_;
  FakeClock clock_{tsunagu::testing::test_epoch()};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<domain::System> system_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(EdgeTest, PathThatIsNotUtf8Is404AndTheServerLives) {
  start();
  std::string res = raw("GET /%FF HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(status_line(res), "HTTP/1.1 404 Not Found");
  EXPECT_NE(res.find("application/problem+json"), std::string::npos);
  EXPECT_EQ(res.find('\xff'), std::string::npos);
  EXPECT_TRUE(healthz_within(2s));
}

TEST_F(EdgeTest, ProblemsNeverQuoteThePath) {
  start();
  auto res = client().Get("/api/v1/no-such-thing-7f3a9c");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->body.find("7f3a9c"), std::string::npos) << res->body;
}

TEST_F(EdgeTest, DeeplyNestedJsonIs400NamingTheLimit) {
  start();
  std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  auto res = client().Patch("/probe/doc", deep, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("32 levels"), std::string::npos) << res->body;
  EXPECT_TRUE(healthz_within(2s));
}

TEST_F(EdgeTest, DuplicateKeysAre400) {
  start();
  auto res = client().Patch("/probe/doc", R"({"a": {"b": 1, "b": 2}})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("\\\"b\\\" twice"), std::string::npos) << res->body;
}

TEST_F(EdgeTest, RangeIsNotHonoured) {
  start();
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 2600; ++i) ranges += ",0-";
  auto res = client().Get("/probe/list", httplib::Headers{{"Range", ranges}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  auto whole = client().Get("/probe/list");
  ASSERT_TRUE(whole);
  EXPECT_EQ(res->body, whole->body);
  EXPECT_EQ(res->get_header_value("Accept-Ranges"), "none");
}

TEST_F(EdgeTest, ControlCharactersInQueryParametersAre400NamingThem) {
  start();
  auto res = client().Get("/api/v1/organizations?q=a%00b");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  auto body = tsunagu::testing::body_json(res);
  ASSERT_TRUE(body.contains("errors")) << res->body;
  EXPECT_EQ(body["errors"][0]["field"], "q");
  res = client().Get("/healthz?x=%1B%5B2J");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
}

void expect_browser_headers(const httplib::Headers& h, const std::string& what) {
  auto value = [&](const char* name) {
    EXPECT_EQ(h.count(name), 1u) << what << ": " << name;
    auto it = h.find(name);
    return it == h.end() ? std::string() : it->second;
  };
  EXPECT_EQ(value("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(value("Referrer-Policy"), "no-referrer") << what;
  EXPECT_EQ(value("X-Frame-Options"), "DENY") << what;
  EXPECT_EQ(value("Content-Security-Policy"), "frame-ancestors 'none'") << what;
  EXPECT_EQ(h.count("Strict-Transport-Security"), 0u) << what << ": HSTS only over TLS";
}

TEST_F(EdgeTest, EveryAnswerCarriesTheBrowserHeaders) {
  start();
  auto c = client();
  auto ok = c.Get("/healthz");
  ASSERT_TRUE(ok);
  expect_browser_headers(ok->headers, "200");
  auto missing = c.Get("/nowhere");
  ASSERT_TRUE(missing);
  expect_browser_headers(missing->headers, "library 404");
  auto wrong = c.Delete("/healthz");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
  expect_browser_headers(wrong->headers, "405");
  std::string bad = raw("GET /healthz HTTP/1.1\r\nHost: t\r\nBroken header\r\n\r\n");
  EXPECT_EQ(status_line(bad), "HTTP/1.1 400 Bad Request");
  EXPECT_NE(bad.find("X-Frame-Options: DENY"), std::string::npos) << bad;
}

TEST_F(EdgeTest, AccessLogNamesTheRouteNotTheSecretPath) {
  ServerOptions options;
  options.threads = 2;
  options.access_log = true;
  start(options);
  log::set_level(log::Level::kInfo);
  ::testing::internal::CaptureStderr();
  const std::string token(64, 'a');
  auto res = client().Get("/api/v1/healthz/" + token + ".ics");
  ASSERT_TRUE(res);
  log::flush();
  std::string logged = ::testing::internal::GetCapturedStderr();
  log::set_level(log::Level::kWarn);
  EXPECT_NE(logged.find("route=unmatched"), std::string::npos) << logged;
  EXPECT_EQ(logged.find(token), std::string::npos) << logged;
}

TEST(MetricsLabelsTest, UnknownMethodsFoldIntoOneLabelAndValuesAreEscaped) {
  Metrics m;
  m.observe("r", "GET", 200, 1ms);
  m.observe("r", "EVIL\"} 1\nx{", 400, 1ms);
  m.observe("r", "PROPFIND", 400, 1ms);
  m.observe("q\"\\\n", "GET", 200, 1ms);
  std::string out = m.render();
  EXPECT_NE(out.find("tsunagu_http_requests_total{route=\"r\",method=\"OTHER\",status=\"400\"} 2"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("EVIL"), std::string::npos);
  EXPECT_EQ(out.find("PROPFIND"), std::string::npos);
  EXPECT_NE(out.find("route=\"q\\\"\\\\\\n\""), std::string::npos) << out;
}

TEST_F(EdgeTest, UnknownMethodIsNotAMetricsLabel) {
  start();
  std::string res = raw("BREW /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(res.substr(0, 12), "HTTP/1.1 400") << res;
  auto metrics = client().Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->body.find("BREW"), std::string::npos);
}

TEST_F(EdgeTest, TooManyHeadersAre400) {
  start();
  std::string request = "GET /healthz HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 100; ++i) request += "X-Filler-" + std::to_string(i) + ": 1\r\n";
  std::string res = raw(request + "\r\n");
  EXPECT_EQ(status_line(res), "HTTP/1.1 400 Bad Request");
}

TEST_F(EdgeTest, SixteenMegabytesOfHeadersAreNotRead) {
  start();
  std::string request = "GET /healthz HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 200'000; ++i) {
    request += "X-Filler-" + std::to_string(i) +
               ": 0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklm\r\n";
  }
  request += "\r\n";
  ASSERT_GT(request.size(), 15'000'000u);  // about 16 MB with the line ends
  RawConnection c(port_);
  ASSERT_TRUE(c.connected());
  auto started = Clock::now();
  c.send(request);  // may fail part-way once the server has answered and closed
  std::string res = c.read_response(3s);
  EXPECT_TRUE(res.empty() || status_line(res) == "HTTP/1.1 400 Bad Request") << status_line(res);
  EXPECT_LT(Clock::now() - started, 3s);
  EXPECT_TRUE(healthz_within(2s));
}

// Limits small enough for a test: four workers, a one-second head deadline, and a slow head
// makes room for a waiting connection after 200 ms.
ServerOptions small_limits() {
  ServerOptions options;
  options.threads = 4;
  options.access_log = false;
  options.connection_limits.head_timeout = 1000ms;
  options.connection_limits.busy_grace = 200ms;
  options.connection_limits.keep_alive = 5000ms;
  return options;
}

// Sends a request line through `send`, then one header line every 200 ms for up to 4 s while
// `conn` stays open. Expects the server to cut the head at its 1 s deadline: well before 4 s.
template <typename Send>
void expect_trickled_head_cut(RawConnection& conn, Send send, const char* what) {
  send("GET /healthz HTTP/1.1\r\n");
  const auto started = Clock::now();
  bool open = true;
  for (int i = 0; i < 20 && open; ++i) {
    std::this_thread::sleep_for(200ms);
    open = send("X-Slow-" + std::to_string(i) + ": 1\r\n") && !conn.closed_within(1ms);
  }
  EXPECT_FALSE(open) << what << " trickled for 4 s was still being read";
  EXPECT_LT(Clock::now() - started, 2500ms) << what;
}

TEST_F(EdgeTest, AHeadTrickledLineByLineIsCutAtTheDeadline) {
  start(small_limits());
  RawConnection slow(port_);
  ASSERT_TRUE(slow.connected());
  expect_trickled_head_cut(
      slow, [&](const std::string& bytes) { return slow.send(bytes); }, "a head");
}

TEST_F(EdgeTest, SlowHeadsOnEveryWorkerDoNotStopOtherClients) {
  start(small_limits());
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 8; ++i) {  // twice the workers
    slow.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(slow.back()->connected());
    slow.back()->send("GET /healthz HTTP/1.1\r\nHost: t\r\n");
  }
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    for (int i = 0; !done; ++i) {
      for (auto& c : slow) c->send("X-" + std::to_string(i) + ": 1\r\n");
      std::this_thread::sleep_for(100ms);
    }
  });
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(healthz_within(900ms));  // less than the head deadline: room was made
  done = true;
  trickle.join();
}

TEST_F(EdgeTest, IdleKeepAliveConnectionsDoNotDelayANewClient) {
  start(small_limits());
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 16; ++i) {  // four times the workers, each kept open after one request
    idle.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(idle.back()->connected());
    idle.back()->send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  }
  for (auto& c : idle) {
    auto res = c->read_response(5s);
    EXPECT_EQ(status_line(res), "HTTP/1.1 200 OK");
  }
  EXPECT_TRUE(healthz_within(700ms));
}

// While every worker is taken and connections queue, a keep-alive client that sends its next
// request soon after its answer (within the grace) keeps its connection: only connections idle or
// slow for longer are cut to make room.
TEST_F(EdgeTest, AKeepAliveClientIsNotStarvedWhileEveryWorkerIsBusy) {
  start(small_limits());
  RawConnection keep(port_);
  ASSERT_TRUE(keep.connected());
  keep.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_EQ(status_line(keep.read_response(2s)), "HTTP/1.1 200 OK");

  // Slow heads on the other three workers and in the queue, reopened as the guard cuts them.
  std::atomic<bool> done{false};
  std::thread slow_clients([&] {
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; !done; ++i) {
      std::erase_if(slow, [&](auto& c) { return !c->send("X-" + std::to_string(i) + ": 1\r\n"); });
      while (slow.size() < 8) {
        slow.push_back(std::make_unique<RawConnection>(port_));
        slow.back()->send("GET /healthz HTTP/1.1\r\nHost: t\r\n");
      }
      std::this_thread::sleep_for(20ms);
    }
  });
  int answered = 0;
  for (; answered < 10; ++answered) {
    std::this_thread::sleep_for(100ms);  // half the grace between answer and next request
    if (!keep.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n") ||
        status_line(keep.read_response(2s)) != "HTTP/1.1 200 OK") {
      break;
    }
  }
  done = true;
  slow_clients.join();
  EXPECT_EQ(answered, 10) << "the keep-alive connection was cut while its client was using it";
}

// A TLS client (no certificate check: the test's certificate is self-signed) over a connected
// socket.
class TlsClient {
 public:
  explicit TlsClient(int fd) : ctx_(SSL_CTX_new(TLS_client_method())), ssl_(SSL_new(ctx_)) {
    SSL_set_fd(ssl_, fd);
    connected_ = SSL_connect(ssl_) == 1;
  }
  ~TlsClient() {
    SSL_free(ssl_);
    SSL_CTX_free(ctx_);
  }
  TlsClient(const TlsClient&) = delete;
  TlsClient& operator=(const TlsClient&) = delete;
  bool connected() const { return connected_; }
  bool send(const std::string& data) {
    return SSL_write(ssl_, data.data(), static_cast<int>(data.size())) > 0;
  }
  // What arrives within `timeout` (the socket's receive timeout bounds each read).
  std::string read_some(std::chrono::milliseconds timeout) {
    timeval tv{static_cast<time_t>(timeout.count() / 1000),
               static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
    setsockopt(SSL_get_fd(ssl_), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string out;
    char buf[4096];
    int n;
    while ((n = SSL_read(ssl_, buf, sizeof buf)) > 0) {
      out.append(buf, static_cast<size_t>(n));
      if (out.find("\r\n\r\n") != std::string::npos) break;
    }
    return out;
  }

 private:
  SSL_CTX* ctx_;
  SSL* ssl_;
  bool connected_ = false;
};

ServerOptions small_limits_tls(const tsunagu::testing::TempDir& dir) {
  EXPECT_TRUE(tsunagu::testing::make_tls_certificate(dir));
  ServerOptions options = small_limits();
  options.tls_cert = dir.file("cert.pem");
  options.tls_key = dir.file("key.pem");
  return options;
}

TEST_F(EdgeTest, ATlsConnectionThatNeverHandshakesIsCutAtTheHeadDeadline) {
  start(small_limits_tls(dir_));
  RawConnection silent(port_);
  ASSERT_TRUE(silent.connected());
  auto started = Clock::now();
  EXPECT_TRUE(silent.closed_within(2500ms));
  EXPECT_LT(Clock::now() - started, 2500ms);
}

TEST_F(EdgeTest, ATlsHeadTrickledLineByLineIsCutAtTheDeadline) {
  start(small_limits_tls(dir_));
  RawConnection slow(port_);
  ASSERT_TRUE(slow.connected());
  TlsClient tls(slow.fd());
  ASSERT_TRUE(tls.connected());
  expect_trickled_head_cut(
      slow, [&](const std::string& bytes) { return tls.send(bytes); }, "a TLS head");
}

TEST_F(EdgeTest, ManyHeaderLinesOverTlsAreRefusedQuickly) {
  start(small_limits_tls(dir_));
  RawConnection c(port_);
  ASSERT_TRUE(c.connected());
  TlsClient tls(c.fd());
  ASSERT_TRUE(tls.connected());
  std::string request = "GET /healthz HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 100; ++i) request += "X-Filler-" + std::to_string(i) + ": 1\r\n";
  auto started = Clock::now();
  tls.send(request + "\r\n");
  std::string res = tls.read_some(2s);
  EXPECT_EQ(res.substr(0, res.find("\r\n")), "HTTP/1.1 400 Bad Request");
  EXPECT_LT(Clock::now() - started, 2s);
}

TEST_F(EdgeTest, TlsKeepsConnectionsAliveAndAnswersEachRequest) {
  start(small_limits_tls(dir_));
  httplib::SSLClient tls("127.0.0.1", port_);
  tls.enable_server_certificate_verification(false);
  tls.set_keep_alive(true);
  for (int i = 0; i < 5; ++i) {
    auto res = tls.Get("/probe/list");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body.size(), 3000u + 12u);
  }
}

}  // namespace
}  // namespace tsunagu::http
