#include "common/result.h"

#include <algorithm>
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

const char* default_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return "validation";
    case ErrorKind::kMalformed:
      return "malformed";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kAlreadyExists:
      return "conflict";
    case ErrorKind::kFailedPrecondition:
      return "invalid_state";
    case ErrorKind::kAborted:
      return "stale_version";
    case ErrorKind::kUnauthenticated:
      return "auth.unauthenticated";
    case ErrorKind::kPermissionDenied:
      return "auth.forbidden";
    case ErrorKind::kResourceExhausted:
      return "auth.throttled";
    case ErrorKind::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorKind::kUnsupportedFormat:
      return "unsupported_media_type";
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

const std::vector<ErrorKind>& all_error_kinds() {
  static const std::vector<ErrorKind> all = {
      ErrorKind::kInvalidArgument, ErrorKind::kMalformed,          ErrorKind::kNotFound,
      ErrorKind::kAlreadyExists,   ErrorKind::kFailedPrecondition, ErrorKind::kAborted,
      ErrorKind::kUnauthenticated, ErrorKind::kPermissionDenied,   ErrorKind::kResourceExhausted,
      ErrorKind::kPayloadTooLarge, ErrorKind::kUnsupportedFormat,  ErrorKind::kUnavailable,
      ErrorKind::kInternal};
  return all;
}

FieldError FieldError::Required(std::string field) {
  return {std::move(field), "is required", "field.required"};
}
FieldError FieldError::Unknown(std::string field) {
  return {std::move(field), "is not a known field", "field.unknown"};
}
FieldError FieldError::InvalidChoice(std::string field, std::string allowed) {
  std::string message = "must be one of: " + allowed;
  return {std::move(field),
          std::move(message),
          "field.invalid_choice",
          {{"allowed", std::move(allowed)}}};
}
FieldError FieldError::TooLong(std::string field, size_t max_chars) {
  return {std::move(field),
          "must be at most " + std::to_string(max_chars) + " characters",
          "field.too_long",
          {{"max", std::to_string(max_chars)}}};
}
FieldError FieldError::TooMany(std::string field, size_t max_items) {
  return {std::move(field),
          "must have at most " + std::to_string(max_items) + " entries",
          "field.too_many",
          {{"max", std::to_string(max_items)}}};
}
FieldError FieldError::Type(std::string field, std::string type, std::string message) {
  return {std::move(field), std::move(message), "field.type", {{"type", std::move(type)}}};
}
FieldError FieldError::Format(std::string field, std::string format, std::string message) {
  return {std::move(field), std::move(message), "field.format", {{"format", std::move(format)}}};
}
FieldError FieldError::Range(std::string field, std::string min, std::string max) {
  std::string message = "must be between " + min + " and " + max;
  return {std::move(field),
          std::move(message),
          "field.range",
          {{"min", std::move(min)}, {"max", std::move(max)}}};
}
FieldError FieldError::Past(std::string field) {
  return {std::move(field), "must not be in the past", "field.past"};
}
FieldError FieldError::Future(std::string field) {
  return {std::move(field), "must not be in the future", "field.future"};
}
FieldError FieldError::Rule(std::string field, std::string code, std::string message,
                            ErrorParams params) {
  return {std::move(field), std::move(message), std::move(code), std::move(params)};
}

const std::vector<std::string>& field_error_codes() {
  static const std::vector<std::string> all = {
      "field.invalid",  "field.required", "field.unknown", "field.invalid_choice",
      "field.too_long", "field.too_many", "field.type",    "field.format",
      "field.range",    "field.past",     "field.future"};
  return all;
}

Error& Error::with_code(std::string code, ErrorParams params) {
  code_ = std::move(code);
  params_ = std::move(params);
  return *this;
}

std::string Error::code() const { return code_.empty() ? default_code(kind_) : code_; }

Error Error::InvalidArgument(std::string message, std::vector<FieldError> fields) {
  Error e(ErrorKind::kInvalidArgument, std::move(message));
  e.fields_ = std::move(fields);
  return e;
}
Error Error::Field(std::string field, std::string message) {
  return InvalidArgument("The request has an invalid field.",
                         {{std::move(field), std::move(message)}});
}
Error Error::Field(FieldError field) {
  return InvalidArgument("The request has an invalid field.", {std::move(field)});
}
Error Error::Malformed(std::string m) { return {ErrorKind::kMalformed, std::move(m)}; }
Error Error::Parameters(std::vector<FieldError> errors) {
  std::string names;
  for (const auto& e : errors) names += (names.empty() ? "" : ", ") + e.field;
  Error error = Malformed("The request has invalid parameters: " + names + ".");
  for (auto& e : errors) error.add_field(std::move(e));
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
Error& Error::add_field(FieldError field) {
  fields_.push_back(std::move(field));
  return *this;
}

Status field_errors(std::vector<FieldError> errors, std::string_view what) {
  if (errors.empty()) return Status::Ok();
  return Error::InvalidArgument("The " + std::string(what) + " has invalid fields.",
                                std::move(errors));
}

void add_field_errors(std::vector<FieldError>& into, std::vector<FieldError> more) {
  const size_t named = into.size();
  for (FieldError& e : more) {
    bool seen = std::any_of(into.begin(), into.begin() + static_cast<std::ptrdiff_t>(named),
                            [&](const FieldError& f) { return f.field == e.field; });
    if (!seen) into.push_back(std::move(e));
  }
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
