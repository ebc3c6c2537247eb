#include "common/result.h"

#include <stdexcept>

namespace tsunagu {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return "invalid_argument";
    case ErrorKind::kMalformed:
      return "malformed";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kAlreadyExists:
      return "already_exists";
    case ErrorKind::kFailedPrecondition:
      return "failed_precondition";
    case ErrorKind::kAborted:
      return "aborted";
    case ErrorKind::kUnauthenticated:
      return "unauthenticated";
    case ErrorKind::kPermissionDenied:
      return "permission_denied";
    case ErrorKind::kResourceExhausted:
      return "resource_exhausted";
    case ErrorKind::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorKind::kUnsupportedFormat:
      return "unsupported_format";
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "unknown";
}

Error Error::InvalidArgument(std::string message, std::vector<FieldError> fields) {
  Error e(ErrorKind::kInvalidArgument, std::move(message));
  e.fields_ = std::move(fields);
  return e;
}
Error Error::Field(std::string field, std::string message) {
  return InvalidArgument("The request has an invalid field.",
                         {{std::move(field), std::move(message)}});
}
Error Error::Malformed(std::string m) { return {ErrorKind::kMalformed, std::move(m)}; }
Error Error::Parameter(std::string name, std::string message) {
  return Parameters({{std::move(name), std::move(message)}});
}
Error Error::Parameters(std::vector<FieldError> errors) {
  std::string names;
  for (const auto& e : errors) names += (names.empty() ? "" : ", ") + e.field;
  Error error = Malformed("The request has invalid parameters: " + names + ".");
  for (auto& e : errors) error.add_field(std::move(e.field), std::move(e.message));
  return error;
}
Error Error::NotFound(std::string m) { return {ErrorKind::kNotFound, std::move(m)}; }
Error Error::AlreadyExists(std::string m) { return {ErrorKind::kAlreadyExists, std::move(m)}; }
Error Error::FailedPrecondition(std::string m) {
  return {ErrorKind::kFailedPrecondition, std::move(m)};
}
Error Error::Aborted(std::string m) { return {ErrorKind::kAborted, std::move(m)}; }
Error Error::Unauthenticated(std::string m) { return {ErrorKind::kUnauthenticated, std::move(m)}; }
Error Error::PermissionDenied(std::string m) {
  return {ErrorKind::kPermissionDenied, std::move(m)};
}
Error Error::ResourceExhausted(std::string m, int retry_after_seconds) {
  Error e(ErrorKind::kResourceExhausted, std::move(m));
  e.retry_after_seconds_ = retry_after_seconds;
  return e;
}
Error Error::PayloadTooLarge(std::string m) { return {ErrorKind::kPayloadTooLarge, std::move(m)}; }
Error Error::UnsupportedFormat(std::string m) {
  return {ErrorKind::kUnsupportedFormat, std::move(m)};
}
Error Error::Unavailable(std::string m) { return {ErrorKind::kUnavailable, std::move(m)}; }
Error Error::Internal(std::string m) { return {ErrorKind::kInternal, std::move(m)}; }

Error& Error::add_field(std::string field, std::string message) {
  fields_.push_back({std::move(field), std::move(message)});
  return *this;
}

std::string Error::to_string() const {
  std::string out = std::string(tsunagu::to_string(kind_)) + ": " + message_;
  if (!fields_.empty()) {
    out += " [";
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (i > 0) out += ", ";
      out += fields_[i].field + ": " + fields_[i].message;
    }
    out += "]";
  }
  return out;
}

const Error& Status::error() const {
  if (ok()) throw_bad_result_access("Status::error() on OK");
  return *error_;
}

void throw_bad_result_access(const char* what) { throw std::logic_error(what); }

}  // namespace tsunagu
