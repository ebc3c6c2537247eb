// RFC 9457 problem details: the one shape every failure takes on the wire, and the one table
// that maps the domain's error kinds onto HTTP statuses. No exception text, SQL or stack trace
// ever reaches a problem; callers pass messages meant for users.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace httplib {
struct Response;
}

namespace tsunagu::http {

struct ProblemKind {
  int status;
  const char* slug;   // https://tsunagu.example/problems/<slug>
  const char* title;  // short, stable, English (clients localise by slug)
};

// The one table: ErrorKind → status, type slug and title.
const ProblemKind& problem_kind(ErrorKind kind);

// The problem for a status that the HTTP layer itself produces (404 route, 405, 413, 500…).
nlohmann::json problem_json(int status, const std::string& slug, const std::string& title,
                            const std::string& detail);
nlohmann::json problem_json(const Error& error);

// Writes `error` as application/problem+json with its status (and Retry-After for 429).
void write_problem(httplib::Response& res, const Error& error);
void write_problem(httplib::Response& res, int status, const std::string& slug,
                   const std::string& title, const std::string& detail);

}  // namespace tsunagu::http
