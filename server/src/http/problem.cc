#include "http/problem.h"

#include <httplib.h>

#include "http/problem_texts.h"
#include "http/request_context.h"

namespace tsunagu::http {

namespace {
constexpr char kTypeBase[] = "https://tsunagu.example/problems/";
constexpr char kProblemType[] = "application/problem+json";

Language current_language() {
  const RequestContext& ctx = current_request();
  return ctx.active ? ctx.language : Language::kEnglish;
}

std::string dump(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
}  // namespace

const ProblemKind& problem_kind(ErrorKind kind) {
  static const ProblemKind kInvalid{422, "validation-error"};
  static const ProblemKind kMalformed{400, "malformed-request"};
  static const ProblemKind kNotFound{404, "not-found"};
  static const ProblemKind kExists{409, "conflict"};
  static const ProblemKind kState{409, "invalid-state"};
  static const ProblemKind kStale{412, "stale-version"};
  static const ProblemKind kUnauth{401, "unauthenticated"};
  static const ProblemKind kForbidden{403, "forbidden"};
  static const ProblemKind kThrottled{429, "too-many-requests"};
  static const ProblemKind kTooLarge{413, "payload-too-large"};
  static const ProblemKind kFormat{415, "unsupported-media-type"};
  static const ProblemKind kUnavailable{503, "unavailable"};
  static const ProblemKind kInternal{500, "internal-error"};
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

std::string code_for_slug(const std::string& slug) {
  if (slug == "malformed-request") return "malformed";
  if (slug == "internal-error") return "internal";
  std::string code = slug;
  for (char& c : code) {
    if (c == '-') c = '_';
  }
  return code;
}

nlohmann::json problem_json(int status, const std::string& slug, const std::string& detail,
                            Language language) {
  std::string code = code_for_slug(slug);
  const ErrorText& t = error_text(code, status >= 500 ? "internal" : "http_error");
  if (language == Language::kJapanese) {
    return {{"type", kTypeBase + slug},
            {"title", t.title_ja},
            {"status", status},
            {"detail", t.detail_ja},
            {"code", code}};
  }
  return {{"type", kTypeBase + slug},
          {"title", t.title_en},
          {"status", status},
          {"detail", detail.empty() ? std::string(t.title_en) + "." : detail},
          {"code", code}};
}

nlohmann::json problem_json(const Error& error, Language language) {
  const ProblemKind& kind = problem_kind(error.kind());
  // Internal errors never show their message: it may hold details meant for the log only.
  std::string detail = error.kind() == ErrorKind::kInternal && language == Language::kEnglish
                           ? "Something went wrong on the server. The request id identifies it."
                           : error_detail(error, language);
  nlohmann::json body = {{"type", kTypeBase + std::string(kind.slug)},
                         {"title", error_title(error, language)},
                         {"status", kind.status},
                         {"detail", detail},
                         {"code", error.code()}};
  if (!error.fields().empty()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : error.fields()) {
      fields.push_back(
          {{"field", f.field}, {"code", field_code(f)}, {"message", field_message(f, language)}});
    }
    body["errors"] = std::move(fields);
  }
  return body;
}

void write_problem(httplib::Response& res, const Error& error) {
  nlohmann::json body = problem_json(error, current_language());
  res.status = body["status"].get<int>();
  if (error.retry_after_seconds()) {
    res.set_header("Retry-After", std::to_string(*error.retry_after_seconds()));
  }
  res.set_content(dump(body), kProblemType);
}

void write_problem(httplib::Response& res, int status, const std::string& slug,
                   const std::string& detail) {
  res.status = status;
  res.set_content(dump(problem_json(status, slug, detail, current_language())), kProblemType);
}

}  // namespace tsunagu::http
