#include "http/problem.h"

#include <httplib.h>

namespace tsunagu::http {

namespace {
constexpr char kTypeBase[] = "https://tsunagu.example/problems/";
constexpr char kProblemType[] = "application/problem+json";
}  // namespace

const ProblemKind& problem_kind(ErrorKind kind) {
  static const ProblemKind kInvalid{422, "validation-error", "The request breaks a rule"};
  static const ProblemKind kMalformed{400, "malformed-request", "The request could not be read"};
  static const ProblemKind kNotFound{404, "not-found", "Not found"};
  static const ProblemKind kExists{409, "conflict", "It already exists"};
  static const ProblemKind kState{409, "invalid-state", "Not possible in the current state"};
  static const ProblemKind kStale{412, "stale-version",
                                  "The resource has changed since you read it"};
  static const ProblemKind kUnauth{401, "unauthenticated", "Authentication required"};
  static const ProblemKind kForbidden{403, "forbidden", "Not allowed for your role"};
  static const ProblemKind kThrottled{429, "too-many-requests", "Too many requests"};
  static const ProblemKind kTooLarge{413, "payload-too-large", "The request is too large"};
  static const ProblemKind kFormat{415, "unsupported-media-type", "Send JSON"};
  static const ProblemKind kUnavailable{503, "unavailable", "Temporarily unavailable"};
  static const ProblemKind kInternal{500, "internal-error", "Internal server error"};
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return kInvalid;
    case ErrorKind::kMalformed:
      return kMalformed;
    case ErrorKind::kNotFound:
      return kNotFound;
    case ErrorKind::kAlreadyExists:
      return kExists;
    case ErrorKind::kFailedPrecondition:
      return kState;
    case ErrorKind::kAborted:
      return kStale;
    case ErrorKind::kUnauthenticated:
      return kUnauth;
    case ErrorKind::kPermissionDenied:
      return kForbidden;
    case ErrorKind::kResourceExhausted:
      return kThrottled;
    case ErrorKind::kPayloadTooLarge:
      return kTooLarge;
    case ErrorKind::kUnsupportedFormat:
      return kFormat;
    case ErrorKind::kUnavailable:
      return kUnavailable;
    case ErrorKind::kInternal:
      return kInternal;
  }
  return kInternal;
}

nlohmann::json problem_json(int status, const std::string& slug, const std::string& title,
                            const std::string& detail) {
  return {{"type", kTypeBase + slug}, {"title", title}, {"status", status}, {"detail", detail}};
}

nlohmann::json problem_json(const Error& error) {
  const ProblemKind& kind = problem_kind(error.kind());
  // Internal errors never show their message: it may hold details meant for the log only.
  std::string detail = error.kind() == ErrorKind::kInternal
                           ? "Something went wrong on the server. The request id identifies it."
                           : error.message();
  nlohmann::json body = problem_json(kind.status, kind.slug, kind.title, detail);
  if (!error.fields().empty()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : error.fields())
      fields.push_back({{"field", f.field}, {"message", f.message}});
    body["errors"] = std::move(fields);
  }
  return body;
}

void write_problem(httplib::Response& res, const Error& error) {
  nlohmann::json body = problem_json(error);
  res.status = body["status"].get<int>();
  if (error.retry_after_seconds()) {
    res.set_header("Retry-After", std::to_string(*error.retry_after_seconds()));
  }
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  kProblemType);
}

void write_problem(httplib::Response& res, int status, const std::string& slug,
                   const std::string& title, const std::string& detail) {
  res.status = status;
  res.set_content(problem_json(status, slug, title, detail).dump(), kProblemType);
}

}  // namespace tsunagu::http
