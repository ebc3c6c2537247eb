#include "http/server.h"

#include <httplib.h>

#include <exception>

#include "common/ids.h"
#include "common/log.h"
#include "http/metrics.h"
#include "http/problem.h"
#include "http/request_context.h"
#include "http/routes.h"

namespace tsunagu::http {

RequestContext& current_request() {
  thread_local RequestContext context;
  return context;
}

namespace {
std::unique_ptr<httplib::Server> make_server(const ServerOptions& o) {
  if (o.tls_cert.empty()) return std::make_unique<httplib::Server>();
  return std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
}
}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  Services services;
  std::unique_ptr<httplib::Server> owned;  // httplib::SSLServer with TLS
  httplib::Server& server;
  Metrics metrics;
  Router router{server};

  Impl(const ServerOptions& o, const Services& s)
      : options(o), services(s), owned(make_server(o)), server(*owned) {}
  void configure(const std::function<void(Router&)>& extra_routes);
  void log_request(const httplib::Request& req, const httplib::Response& res);
};

namespace {

// A request id clients can quote to operators: 16 hex digits from the CSPRNG.
std::string new_request_id() { return to_hex(random_bytes(8)); }

const char* title_for_status(int status) {
  switch (status) {
    case 400:
      return "Bad request";
    case 404:
      return "Not found";
    case 405:
      return "Method not allowed";
    case 413:
      return "Payload too large";
    case 414:
      return "URI too long";
    case 415:
      return "Unsupported media type";
    case 416:
      return "Range not satisfiable";
    default:
      return status >= 500 ? "Internal server error" : "Request failed";
  }
}

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
    default:
      return status >= 500 ? "internal-error" : "http-error";
  }
}

}  // namespace

void HttpServer::Impl::configure(const std::function<void(Router&)>& extra_routes) {
  server.new_task_queue = [n = options.threads] {
    return new httplib::ThreadPool(static_cast<size_t>(n));
  };
  // Without these, 0.11.4 closes every 5th keep-alive request and Nagle delays small
  // responses by 40 ms: two orders of magnitude of throughput.
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100000);
  server.set_keep_alive_timeout(options.keep_alive_seconds);
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);

  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    RequestContext& ctx = current_request();
    ctx.active = true;
    ctx.language = preferred_language(req.get_header_value("Accept-Language"));
    ctx.id = new_request_id();
    ctx.route = "unmatched";
    ctx.started = std::chrono::steady_clock::now();
    res.set_header("X-Request-Id", ctx.id);
    res.set_header("Cache-Control", "no-store");  // 要配慮個人情報 must not sit in caches
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Called for every status ≥ 400 before it is written; fills in a body only where the
  // library produced the status itself (no route, body too large, unreadable request).
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string detail = res.status == 404   ? "No resource at " + req.path + "."
                             : res.status == 413 ? "The body is larger than the server accepts."
                                                 : title_for_status(res.status);
        write_problem(res, res.status, slug_for_status(res.status), title_for_status(res.status),
                      detail);
        return httplib::Server::HandlerResponse::Handled;
      }));

  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                  std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    // The text goes to the log only; the client gets the request id to quote.
    LOG(kError) << "unhandled exception id=" << current_request().id
                << " route=" << current_request().route << " method=" << req.method << ": " << what;
    res.headers.erase("Location");
    write_problem(res, Error::Internal("unhandled exception; see the log"));
  });

  server.set_logger(
      [this](const httplib::Request& req, const httplib::Response& res) { log_request(req, res); });

  register_all_routes(router, services, metrics);
  if (extra_routes) extra_routes(router);
  router.finish();
}

void HttpServer::Impl::log_request(const httplib::Request& req, const httplib::Response& res) {
  RequestContext& ctx = current_request();
  auto elapsed = ctx.active ? std::chrono::steady_clock::now() - ctx.started
                            : std::chrono::steady_clock::duration::zero();
  metrics.observe(ctx.active ? ctx.route : "unrouted", req.method, res.status,
                  std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed));
  if (options.access_log && log::enabled(log::Level::kInfo)) {
    // The path only: query strings may carry search words about a family. Built by appending
    // (no stream): this runs for every request.
    std::string line;
    line.reserve(160);
    line.append("access id=").append(ctx.active ? ctx.id : "-").append(" ");
    line.append(req.method).append(" ").append(req.path).append(" route=").append(ctx.route);
    line.append(" status=").append(std::to_string(res.status)).append(" us=");
    line.append(
        std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()));
    line.append(" addr=").append(req.remote_addr);
    log::write(log::Level::kInfo, line);
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
