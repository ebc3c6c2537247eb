#include "http/router.h"

#include "http/auth.h"
#include "http/connection_guard.h"
#include "http/json_io.h"
#include "http/problem.h"
#include "http/request_context.h"

namespace tsunagu::http {

httplib::Server::Handler Router::wrap(const std::string& name, Handler handler) {
  return [this, name, handler = std::move(handler)](const httplib::Request& req,
                                                    httplib::Response& res) {
    current_request().route = name;
    current_request().client_address = client_address(req, trusted_proxies_);
    ConnectionGuard::handling();
    // Every query parameter, whether the handler reads it or not: a control character (a NUL in
    // ?q=) is a client error before it can reach SQL or a log.
    Status status = check_query_params(req);
    if (status.ok()) status = handler(req, res);
    if (!status.ok()) write_problem(res, status.error());
  };
}

void Router::remember(const std::string& pattern, const std::string& name, const char* method) {
  methods_[pattern].insert(method);
  names_[pattern] = name;
}

void Router::get(const std::string& p, const std::string& name, Handler h) {
  remember(p, name, "GET");
  server_.Get(p, wrap(name, std::move(h)));
}
void Router::post(const std::string& p, const std::string& name, Handler h) {
  remember(p, name, "POST");
  server_.Post(p, wrap(name, std::move(h)));
}
void Router::put(const std::string& p, const std::string& name, Handler h) {
  remember(p, name, "PUT");
  server_.Put(p, wrap(name, std::move(h)));
}
void Router::patch(const std::string& p, const std::string& name, Handler h) {
  remember(p, name, "PATCH");
  server_.Patch(p, wrap(name, std::move(h)));
}
void Router::del(const std::string& p, const std::string& name, Handler h) {
  remember(p, name, "DELETE");
  server_.Delete(p, wrap(name, std::move(h)));
}

void Router::finish() {
  for (const auto& [pattern, methods] : methods_) {
    std::string allow;
    for (const auto& m : methods) allow += (allow.empty() ? "" : ", ") + m;
    if (methods.contains("GET")) allow += ", HEAD";
    auto not_allowed =
        wrap(names_[pattern], [allow](const httplib::Request&, httplib::Response& res) {
          res.set_header("Allow", allow);
          write_problem(res, 405, "method-not-allowed",
                        "This method is not supported here; use " + allow + ".");
          return Status::Ok();
        });
    if (!methods.contains("GET")) server_.Get(pattern, not_allowed);
    if (!methods.contains("POST")) server_.Post(pattern, not_allowed);
    if (!methods.contains("PUT")) server_.Put(pattern, not_allowed);
    if (!methods.contains("PATCH")) server_.Patch(pattern, not_allowed);
    if (!methods.contains("DELETE")) server_.Delete(pattern, not_allowed);
    // Answered here, before any sign-in: which methods exist is no secret, and a browser's
    // preflight carries no credentials.
    server_.Options(pattern,
                    wrap(names_[pattern], [allow](const httplib::Request&, httplib::Response& res) {
                      res.status = 204;
                      res.set_header("Allow", allow + ", OPTIONS");
                      return Status::Ok();
                    }));
  }
}

}  // namespace tsunagu::http
