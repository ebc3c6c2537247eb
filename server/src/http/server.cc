#include "http/server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <climits>
#include <cstring>
#include <exception>
#include <type_traits>

#include "common/ids.h"
#include "common/log.h"
#include "domain/access/authorization.h"
#include "http/connection_guard.h"
#include "http/metrics.h"
#include "http/problem.h"
#include "http/request_context.h"
#include "http/response_headers.h"
#include "http/routes.h"

namespace tsunagu::http {

RequestContext& current_request() {
  thread_local RequestContext context;
  return context;
}

namespace {

// The worker pool with a count of the connections waiting for a worker (the guard's backlog),
// and a wall around each task: no exception ever leaves a worker thread.
class CountingQueue final : public httplib::TaskQueue {
 public:
  CountingQueue(size_t threads, size_t max_queued, std::atomic<size_t>& backlog)
      : pool_(threads, 0, max_queued), backlog_(backlog) {}
  bool enqueue(std::function<void()> fn) override {
    ++backlog_;
    bool queued = pool_.enqueue([this, fn = std::move(fn)] {
      --backlog_;
      try {
        fn();
      } catch (const std::exception& e) {
        LOG(kError) << "connection task failed: " << e.what();
      } catch (...) {
        LOG(kError) << "connection task failed";
      }
    });
    if (!queued) --backlog_;
    return queued;
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  std::atomic<size_t>& backlog_;
};

// A peer's numeric address and port.
void peer_address(int fd, bool local, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  if ((local ? ::getsockname(fd, sa, &len) : ::getpeername(fd, sa, &len)) != 0) return;
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (addr.ss_family == AF_INET) {
    auto* in = reinterpret_cast<sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &in->sin_addr, text.data(), text.size());
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, text.data(), text.size());
    port = ntohs(in6->sin6_port);
  }
  ip = text.data();
}

// One request's reading and its answer on a connection, as httplib's Stream: plain TCP or, with
// `ssl`, TLS over the same socket (OpenSSL on the blocking descriptor). Reads through a 4 KiB
// buffer (the library's line reader scans buffered bytes at once) and waits at most the read or
// write timeout per call. The library's own SocketStream and SSLSocketStream are private to its
// implementation.
class TcpStream final : public httplib::Stream {
 public:
  TcpStream(int fd, int read_timeout_ms, int write_timeout_ms, SSL* ssl)
      : fd_(fd),
        read_timeout_ms_(read_timeout_ms),
        write_timeout_ms_(write_timeout_ms),
        ssl_(ssl) {}

  bool is_readable() const override { return offset_ < size_ || tls_pending(); }
  bool wait_readable() const override { return tls_pending() || wait(POLLIN, read_timeout_ms_); }
  bool wait_writable() const override { return wait(POLLOUT, write_timeout_ms_); }
  bool is_peer_alive() const override {
    char c;
    ssize_t n = ::recv(fd_, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    return n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
  }
  ssize_t read(char* ptr, size_t size) override {
    if (offset_ < size_) {
      size_t n = std::min(size, size_ - offset_);
      std::memcpy(ptr, buffer_.data() + offset_, n);
      offset_ += n;
      return static_cast<ssize_t>(n);
    }
    if (!wait_readable()) {
      error_ = httplib::Error::Timeout;
      return -1;
    }
    offset_ = size_ = 0;
    const bool into_buffer = size < buffer_.size();
    ssize_t n = receive(into_buffer ? buffer_.data() : ptr, into_buffer ? buffer_.size() : size);
    if (n <= 0) {
      error_ = n == 0 ? httplib::Error::ConnectionClosed : httplib::Error::Read;
      return n;
    }
    if (!into_buffer) return n;
    size_ = static_cast<size_t>(n);
    offset_ = std::min(size, size_);
    std::memcpy(ptr, buffer_.data(), offset_);
    return static_cast<ssize_t>(offset_);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (!wait_writable()) return -1;
    if (ssl_ != nullptr) {
      ERR_clear_error();
      int n = SSL_write(ssl_, ptr, static_cast<int>(std::min<size_t>(size, INT_MAX)));
      return n > 0 ? n : -1;
    }
    ssize_t n;
    do {
      n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    peer_address(fd_, false, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    peer_address(fd_, true, ip, port);
  }
  socket_t socket() const override { return fd_; }
  time_t duration() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 started_)
        .count();
  }
  const char* buffered_data(size_t& size) const override {
    size = size_ - offset_;
    return size ? buffer_.data() + offset_ : nullptr;
  }
  void consume_buffered(size_t size) override { offset_ += std::min(size, size_ - offset_); }

 private:
  bool wait(short events, int timeout_ms) const {
    pollfd p{fd_, events, 0};
    int r;
    do {
      r = ::poll(&p, 1, timeout_ms);
    } while (r < 0 && errno == EINTR);
    return r > 0;
  }
  bool tls_pending() const { return ssl_ != nullptr && SSL_pending(ssl_) > 0; }
  // One read from the socket or the TLS session: > 0 bytes, 0 when the peer closed, -1 on error.
  ssize_t receive(char* to, size_t size) {
    if (ssl_ != nullptr) {
      ERR_clear_error();  // SSL_get_error reads the thread's error queue
      int n = SSL_read(ssl_, to, static_cast<int>(std::min<size_t>(size, INT_MAX)));
      if (n > 0) return n;
      return SSL_get_error(ssl_, n) == SSL_ERROR_ZERO_RETURN ? 0 : -1;
    }
    ssize_t n;
    do {
      n = ::recv(fd_, to, size, 0);
    } while (n < 0 && errno == EINTR);
    return n;
  }
  int fd_;
  int read_timeout_ms_, write_timeout_ms_;
  SSL* ssl_;
  std::array<char, 4096> buffer_{};
  size_t offset_ = 0, size_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// Closes a connection after its last answer: stops sending, reads what the client still sends
// for up to 100 ms (so closing with unread data does not reset the connection and destroy the
// answer in flight), then closes.
void drain_and_close(int fd) {
  ::shutdown(fd, SHUT_WR);
  std::array<char, 16384> buf{};
  size_t total = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
  while (total < 1024 * 1024) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    until - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) break;
    ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
    if (n <= 0) break;
    total += static_cast<size_t>(n);
  }
  ::close(fd);
}

// The TLS session of one connection, accepted on its blocking socket with the server's context
// (the library's SSLServer loads the certificate and sets the protocol floor).
class TlsSession {
 public:
  TlsSession() = default;
  ~TlsSession() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    ERR_clear_error();  // leave the worker's error queue empty
  }
  TlsSession(const TlsSession&) = delete;
  TlsSession& operator=(const TlsSession&) = delete;

  // The handshake; blocks until it completes or fails. The guard cuts the socket when the head
  // deadline passes, which ends a handshake that never finishes.
  bool accept(SSL_CTX* ctx, int fd) {
    ssl_ = ctx != nullptr ? SSL_new(ctx) : nullptr;
    if (ssl_ == nullptr || SSL_set_fd(ssl_, fd) != 1) return false;
    ERR_clear_error();
    handshaken_ = SSL_accept(ssl_) == 1;
    return handshaken_;
  }
  // Decrypted bytes of a request the client sent ahead, held inside the session.
  bool pending() const { return ssl_ != nullptr && SSL_pending(ssl_) > 0; }
  // close_notify after the last answer, so the client knows it was complete.
  void close() {
    if (handshaken_) SSL_shutdown(ssl_);
  }
  SSL* get() const { return ssl_; }

 private:
  SSL* ssl_ = nullptr;
  bool handshaken_ = false;
};

// An httplib server (Server, or SSLServer for HTTPS only) whose connections are watched by a
// ConnectionGuard: the same per-connection loop as the library's (process_request for each
// request of a keep-alive connection), with the wait between requests and the head's progress
// reported to the guard. Over TLS the handshake counts as part of the first request's head (the
// same deadline; a slow handshake makes room for a waiting connection like a slow head).
template <typename Base>
class GuardedServer final : public Base {
 public:
  static constexpr bool kTls = std::is_base_of_v<httplib::SSLServer, Base>;

  template <typename... Args>
  explicit GuardedServer(ConnectionGuard& guard, Args&&... args)
      : Base(std::forward<Args>(args)...), guard_(guard) {}

 private:
  bool process_and_close_socket(socket_t sock) override {
    bool ok = false;
    try {
      ok = serve(sock);
    } catch (...) {
      // serve() reports through the exception handler; this is the last wall.
    }
    drain_and_close(sock);
    return ok;
  }

  bool serve(socket_t sock) {
    ConnectionGuard::Lease lease(guard_, sock);
    TlsSession tls;
    if constexpr (kTls) {
      if (!tls.accept(static_cast<SSL_CTX*>(this->tls_context()), sock)) return false;
    }
    std::string remote_addr, local_addr;
    int remote_port = 0, local_port = 0;
    peer_address(sock, false, remote_addr, remote_port);
    peer_address(sock, true, local_addr, local_port);
    const int read_ms =
        static_cast<int>(this->read_timeout_sec_ * 1000 + this->read_timeout_usec_ / 1000);
    const int write_ms =
        static_cast<int>(this->write_timeout_sec_ * 1000 + this->write_timeout_usec_ / 1000);
    std::function<void(httplib::Request&)> mark_tls;
    if constexpr (kTls) mark_tls = [&tls](httplib::Request& req) { req.ssl = tls.get(); };
    bool ok = true;
    const size_t max_count = this->keep_alive_max_count_;
    for (size_t left = max_count; left > 0; --left) {
      if (left != max_count &&
          !lease.await_next_request([this] { return this->svr_sock_ == INVALID_SOCKET; },
                                    tls.pending())) {
        break;
      }
      TcpStream stream(sock, read_ms, write_ms, tls.get());
      bool closed = false;
      ok = this->process_request(stream, remote_addr, remote_port, local_addr, local_port,
                                 left == 1, closed, mark_tls);
      if (!ok || closed) break;
    }
    tls.close();
    return ok;
  }

  ConnectionGuard& guard_;
};

// A request id clients can quote to operators: 16 hex digits from the CSPRNG.
std::string new_request_id() { return to_hex(random_bytes(8)); }

const char* slug_for_status(int status) {
  switch (status) {
    case 400:
      return "malformed-request";
    case 404:
      return "not-found";
    case 405:
      return "method-not-allowed";
    case 413:
      return "payload-too-large";
    case 414:
      return "uri-too-long";
    case 415:
      return "unsupported-media-type";
    case 416:
      return "range-not-satisfiable";
    case 431:
      return "headers-too-large";
    default:
      return status >= 500 ? "internal-error" : "http-error";
  }
}

// The detail of a problem the library itself detected. It never quotes the request: a path or
// header is attacker-chosen bytes (not even valid UTF-8, or a secret such as a calendar token).
const char* detail_for_status(int status) {
  switch (status) {
    case 413:
      return "The body is larger than the server accepts.";
    case 414:
      return "The request target is longer than the server accepts.";
    case 400:
      return "The request could not be read (its line, headers or framing are malformed, or "
             "there are too many headers).";
    default:
      return "";  // the title (problem_texts.h) says it
  }
}

std::unique_ptr<httplib::Server> make_server(const ServerOptions& o, ConnectionGuard& guard) {
  if (o.tls_cert.empty()) return std::make_unique<GuardedServer<httplib::Server>>(guard);
  return std::make_unique<GuardedServer<httplib::SSLServer>>(guard, o.tls_cert.c_str(),
                                                             o.tls_key.c_str());
}

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  Services services;
  ConnectionGuard guard;
  std::unique_ptr<httplib::Server> owned;  // a GuardedServer, plain or TLS
  httplib::Server& server;
  Metrics metrics;
  Router router{server};

  Impl(const ServerOptions& o, const Services& s)
      : options(o),
        services(s),
        guard(o.connection_limits),
        owned(make_server(o, guard)),
        server(*owned) {}
  void configure(const std::function<void(Router&)>& extra_routes);
  void log_request(const httplib::Request& req, const httplib::Response& res) noexcept;
};

void HttpServer::Impl::configure(const std::function<void(Router&)>& extra_routes) {
  server.new_task_queue = [this] {
    return new CountingQueue(static_cast<size_t>(options.threads), options.max_queued_connections,
                             guard.backlog());
  };
  // Without Nagle's delay small responses leave at once; a long keep-alive (bounded by the
  // guard's idle rules) saves a TCP handshake per request.
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100000);
  server.set_keep_alive_timeout(
      std::chrono::duration_cast<std::chrono::seconds>(options.connection_limits.keep_alive)
          .count());
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);

  const bool tls = !options.tls_cert.empty();
  // On every response, the library's own errors included: 要配慮個人情報 must not sit in caches.
  server.set_default_headers({{"Cache-Control", "no-store"}});
  server.set_pre_routing_handler([tls](const httplib::Request& req, httplib::Response& res) {
    ConnectionGuard::head_complete();
    RequestContext& ctx = current_request();
    ctx.active = true;
    ctx.language = preferred_language(req.get_header_value("Accept-Language"));
    ctx.id = new_request_id();
    ctx.route = "unmatched";
    ctx.started = std::chrono::steady_clock::now();
    // The API never answers with parts of a resource: Range is ignored (a list of thousands of
    // overlapping ranges once multiplied an answer by as many). The request object is the
    // library's own non-const local, so clearing its parsed ranges is well-defined.
    const_cast<httplib::Request&>(req).ranges.clear();
    res.set_header("X-Request-Id", ctx.id);
    set_security_headers(res, tls);
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Called for every status ≥ 400 before it is written; fills in a body only where the
  // library produced the status itself (no route, body too large, unreadable request), and the
  // browser headers where the pre-routing handler never ran. Runs outside the library's
  // exception wall, so it must not throw.
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [tls](const httplib::Request&, httplib::Response& res) noexcept {
        try {
          set_security_headers(res, tls);
          // A request the library refused before routing (its line, its headers) had none yet.
          if (!res.has_header("X-Request-Id")) res.set_header("X-Request-Id", new_request_id());
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          if (res.status == 404) {
            // The body of every other 404 (an unknown id, one outside the caller's scope): a
            // path the router does not know, an id of another shape, says no more.
            write_problem(res, domain::not_found());
          } else {
            write_problem(res, res.status, slug_for_status(res.status),
                          detail_for_status(res.status));
          }
          return httplib::Server::HandlerResponse::Handled;
        } catch (...) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
      }));

  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        try {
          // The text goes to the log only; the client gets the request id to quote.
          LOG(kError) << "unhandled exception id=" << current_request().id
                      << " route=" << current_request().route << " method=" << req.method << ": "
                      << what;
          res.headers.erase("Location");
          write_problem(res, Error::Internal("unhandled exception; see the log"));
        } catch (...) {
          res.status = 500;
        }
      });

  server.set_logger(
      [this](const httplib::Request& req, const httplib::Response& res) { log_request(req, res); });

  register_all_routes(router, services, metrics);
  if (extra_routes) extra_routes(router);
  router.finish();
}

void HttpServer::Impl::log_request(const httplib::Request& req,
                                   const httplib::Response& res) noexcept {
  RequestContext& ctx = current_request();
  try {
    auto elapsed = ctx.active ? std::chrono::steady_clock::now() - ctx.started
                              : std::chrono::steady_clock::duration::zero();
    metrics.observe(ctx.active ? ctx.route : "unrouted", req.method, res.status,
                    std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed));
    if (options.access_log && log::enabled(log::Level::kInfo)) {
      // The route's name, never the path or query: a path can hold a secret (a calendar
      // subscription token) and a query the search words about a family. Built by appending
      // (no stream): this runs for every request.
      std::string line;
      line.reserve(160);
      line.append("access id=").append(ctx.active ? ctx.id : "-").append(" ");
      line.append(Metrics::method_label(req.method)).append(" route=").append(ctx.route);
      line.append(" status=").append(std::to_string(res.status)).append(" us=");
      line.append(
          std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()));
      line.append(" addr=").append(req.remote_addr);
      log::write(log::Level::kInfo, line);
    }
  } catch (...) {
    // Logging must never take the worker down.
  }
  ctx.active = false;
}

HttpServer::HttpServer(const ServerOptions& options, const Services& services,
                       const std::function<void(Router&)>& extra_routes)
    : impl_(std::make_unique<Impl>(options, services)) {
  impl_->configure(extra_routes);
}

HttpServer::~HttpServer() { stop(); }

Result<int> HttpServer::bind(const std::string& host, int port) {
  if (!impl_->server.is_valid()) {
    return Error::Unavailable("Cannot load the TLS certificate " + impl_->options.tls_cert +
                              " or key " + impl_->options.tls_key + ".");
  }
  int bound = port;
  if (port == 0) {
    bound = impl_->server.bind_to_any_port(host);
    if (bound <= 0) return Error::Unavailable("Cannot bind any port on " + host + ".");
  } else if (!impl_->server.bind_to_port(host, port)) {
    return Error::Unavailable("Cannot listen on " + host + ":" + std::to_string(port) +
                              " (in use, or not an address of this machine).");
  }
  return bound;
}

bool HttpServer::listen() { return impl_->server.listen_after_bind(); }

void HttpServer::stop() {
  if (impl_) impl_->server.stop();
}

bool HttpServer::is_running() const { return impl_->server.is_running(); }

}  // namespace tsunagu::http
