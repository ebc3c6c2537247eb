// What the HTTP layer knows about the request a worker thread is serving: its id (echoed as
// X-Request-Id, written to the access log and to audit entries), the matched route's name for
// metrics, when it started, and the language its problem texts are written in. cpp-httplib serves
// each request start to finish on one thread, so the context is thread-local and needs no locking.
#pragma once

#include <chrono>
#include <string>

#include "http/language.h"

namespace tsunagu::http {

struct RequestContext {
  bool active = false;  // set by the pre-routing handler, cleared by the access logger
  std::string id;
  std::string route = "unmatched";
  std::string client_address;  // the peer, or the client a trusted proxy names (set by Router)
  std::chrono::steady_clock::time_point started;
  Language language = Language::kEnglish;  // of Accept-Language, for problem texts
};

RequestContext& current_request();

}  // namespace tsunagu::http
