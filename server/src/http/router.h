// Named regex routes over cpp-httplib. Every handler returns a Status: an error is rendered as
// problem+json by the router, so handlers never format errors themselves. The route name labels
// metrics; path parameters are regex groups (req.matches[1] …), since 0.11.4 has no path syntax.
// finish() answers 405 with an Allow header for the methods a path does not support, and OPTIONS
// with 204 and the same Allow header.
//
// Thread-safety: register routes before the server starts; handlers run on worker threads.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <httplib.h>

#include "common/result.h"

namespace tsunagu::http {

using Handler = std::function<Status(const httplib::Request&, httplib::Response&)>;

class Router {
 public:
  explicit Router(httplib::Server& server) : server_(server) {}

  void get(const std::string& pattern, const std::string& name, Handler handler);
  void post(const std::string& pattern, const std::string& name, Handler handler);
  void put(const std::string& pattern, const std::string& name, Handler handler);
  void patch(const std::string& pattern, const std::string& name, Handler handler);
  void del(const std::string& pattern, const std::string& name, Handler handler);

  // Proxies whose X-Forwarded-For is believed when a handler asks for the client's address
  // (request_meta()); call before the server starts.
  void trust_proxies(std::vector<std::string> proxies) { trusted_proxies_ = std::move(proxies); }

  // Registers the 405 answers; call once after every route is added.
  void finish();

  // Every registered pattern and its methods (for tests that must cover every route).
  const std::map<std::string, std::set<std::string>>& routes() const { return methods_; }

 private:
  httplib::Server::Handler wrap(const std::string& name, Handler handler);
  void remember(const std::string& pattern, const std::string& name, const char* method);
  httplib::Server& server_;
  std::map<std::string, std::set<std::string>> methods_;  // pattern → methods
  std::map<std::string, std::string> names_;              // pattern → route name
  std::vector<std::string> trusted_proxies_;
};

}  // namespace tsunagu::http
