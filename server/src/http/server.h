// The HTTP server: cpp-httplib (vendored, third_party/cpp-httplib) tuned for throughput
// (TCP_NODELAY, keep-alive, a thread pool of --threads workers), with a request id and an
// access-log line per request (the route, never the path), metrics, the browser security headers
// on every response, problem+json for every failure the library itself detects (unknown route,
// 413, bad request) without quoting the request, and a 500 without exception text for anything
// that escapes a handler; no exception leaves a worker. A ConnectionGuard keeps slow and idle
// connections from holding the workers (limits: docs/operations.md). With a certificate and key
// it serves HTTPS only (OpenSSL, through the same guarded connection loop). This header keeps
// httplib.h out of the rest of the program.
//
// Thread-safety: bind() and listen() from one thread; stop() from any thread.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "common/result.h"
#include "http/connection_guard.h"
#include "http/services.h"

namespace tsunagu::http {

struct ServerOptions {
  int threads = 64;  // cpp-httplib keeps a worker per keep-alive connection
  size_t max_body_bytes = 1024 * 1024;
  // Accepted connections waiting for a worker beyond this are closed at once.
  size_t max_queued_connections = 1024;
  // The head and body deadlines, keep-alive and when an idle or slow connection makes room.
  ConnectionLimits connection_limits;
  bool access_log = true;
  std::string tls_cert;  // PEM files; when both are set the server speaks only HTTPS
  std::string tls_key;
};

class Router;

class HttpServer {
 public:
  // `extra_routes` lets tests and embedders add routes beside the API's own.
  HttpServer(const ServerOptions& options, const Services& services,
             const std::function<void(Router&)>& extra_routes = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds `host`:`port` (0 picks a free port) and returns the bound port. Fails with Unavailable
  // when the port is taken or the TLS certificate or key cannot be loaded.
  Result<int> bind(const std::string& host, int port);
  // Serves until stop(); in-flight requests finish before it returns. False on a socket error.
  bool listen();
  // Stops accepting; safe to call from any thread, more than once, before or after listen().
  void stop();
  bool is_running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tsunagu::http
