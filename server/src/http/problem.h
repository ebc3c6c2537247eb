// RFC 9457 problem details: the one shape every failure takes on the wire, and the one table
// that maps the domain's error kinds onto HTTP statuses. No exception text, SQL or stack trace
// ever reaches a problem; callers pass messages meant for users.
//
// Every problem carries a stable `code` (the error's, see common/result.h) and each errors[]
// entry its field code. Titles and texts come in the request's language (request_context.h):
// Japanese texts from the catalogue in problem_texts.h, English ones from the error itself.
//
// Thread-safety: pure functions (the language is the calling thread's request's).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "http/language.h"

namespace httplib {
struct Response;
}

namespace tsunagu::http {

struct ProblemKind {
  int status;
  const char* slug;  // https://tsunagu.example/problems/<slug>
};

// The one table: ErrorKind → status and type slug.
const ProblemKind& problem_kind(ErrorKind kind);

// The code of a problem the HTTP layer produces itself, from its slug ("method-not-allowed" →
// "method_not_allowed").
std::string code_for_slug(const std::string& slug);

// The problem for a status that the HTTP layer itself produces (404 route, 405, 413, 500…): its
// title in either language from the one table of texts (problem_texts.h) by the slug's code, the
// English detail given (empty: the title), the Japanese detail from the table.
nlohmann::json problem_json(int status, const std::string& slug, const std::string& detail,
                            Language language = Language::kEnglish);
nlohmann::json problem_json(const Error& error, Language language = Language::kEnglish);

// Writes `error` as application/problem+json with its status (and Retry-After for 429), in the
// current request's language.
void write_problem(httplib::Response& res, const Error& error);
void write_problem(httplib::Response& res, int status, const std::string& slug,
                   const std::string& detail = "");

}  // namespace tsunagu::http
