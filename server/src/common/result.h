// Expected failures as values. A function that can fail for a reason a user or client could
// cause returns Result<T> (or Status for no value); exceptions are kept for bugs and broken
// invariants. The kinds are a small closed set in the spirit of abseil's status codes; the HTTP
// layer maps each kind onto one status code in one table (http/problem.cc), so domain code never
// names an HTTP status.
//
// Thread-safety: values; distinct objects may be used from different threads freely.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tsunagu {

enum class ErrorKind {
  kInvalidArgument,     // well-formed input that breaks a rule (missing field, bad enum)
  kMalformed,           // input that cannot be parsed at all (broken JSON, bad parameter)
  kNotFound,            // unknown id, or an id outside the caller's scope
  kAlreadyExists,       // uniqueness conflict
  kFailedPrecondition,  // the resource is in the wrong state (illegal transition)
  kAborted,             // optimistic concurrency: the caller's version is stale
  kUnauthenticated,     // no, invalid or expired credentials
  kPermissionDenied,    // authenticated, but the role may not do this at all
  kResourceExhausted,   // throttled; retry_after_seconds says when to try again
  kPayloadTooLarge,     // the input is larger than the server accepts
  kUnsupportedFormat,   // the input is in a format the server does not take (not JSON)
  kUnavailable,         // shutting down or overloaded; retry later
  kInternal,            // a bug or an environment failure; never shown in detail
};

// Returns a stable lowercase name for logs and tests, e.g. "invalid_argument".
const char* to_string(ErrorKind kind);

// The code a problem of this kind carries when nothing more precise is given, e.g.
// "validation", "not_found", "auth.unauthenticated".
const char* default_code(ErrorKind kind);

// Every kind, for tests that walk the catalogues.
const std::vector<ErrorKind>& all_error_kinds();

// Named values a message is built from (a limit, the allowed values, another field's name), so
// the HTTP layer can say the same thing in another language.
using ErrorParams = std::vector<std::pair<std::string, std::string>>;

// A rule one field breaks. `code` is stable for clients ("field.required"); `message` is the
// English text; `params` the values the message names.
struct FieldError {
  std::string field;    // JSON path of the offending field, e.g. "hours[2].opens"
  std::string message;  // human-readable, safe to show to the caller
  std::string code = "field.invalid";
  ErrorParams params = {};
  bool operator==(const FieldError&) const = default;

  static FieldError Required(std::string field);
  static FieldError Unknown(std::string field);
  static FieldError InvalidChoice(std::string field, std::string allowed);  // "a, b, c"
  static FieldError TooLong(std::string field, size_t max_chars);
  static FieldError TooMany(std::string field, size_t max_items);
  // `type` is one of string, integer, number, boolean, array, object, text (valid UTF-8).
  static FieldError Type(std::string field, std::string type, std::string message);
  // `format` is one of date, time, datetime, email, url, phone, kana, id.
  static FieldError Format(std::string field, std::string format, std::string message);
  static FieldError Range(std::string field, std::string min, std::string max);
  static FieldError Past(std::string field);    // must not be in the past
  static FieldError Future(std::string field);  // must not be in the future
  // Any other rule, with its own code and parameters (e.g. "field.not_found").
  static FieldError Rule(std::string field, std::string code, std::string message,
                         ErrorParams params = {});
};

// Adds `more` to `into`, leaving out errors about a field `into` already names: one pass of
// validation reports every broken field once — what the request's reader found first, then what
// the rules found in the fields that could be read.
void add_field_errors(std::vector<FieldError>& into, std::vector<FieldError> more);

// Every field-error code the factories above produce, for tests that walk the catalogues.
const std::vector<std::string>& field_error_codes();

class Error {
 public:
  Error(ErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}

  static Error InvalidArgument(std::string message, std::vector<FieldError> fields = {});
  static Error Field(std::string field, std::string message);  // InvalidArgument, one field
  static Error Field(FieldError field);
  static Error Malformed(std::string message);
  // Malformed naming each query parameter that is wrong: a list's filter outside its set, an
  // unknown parameter. `errors` is not empty.
  static Error Parameters(std::vector<FieldError> errors);
  static Error NotFound(std::string message);
  static Error AlreadyExists(std::string message);
  static Error FailedPrecondition(std::string message);
  static Error Aborted(std::string message);
  static Error Unauthenticated(std::string message);
  static Error PermissionDenied(std::string message);
  static Error ResourceExhausted(std::string message, int retry_after_seconds);
  static Error PayloadTooLarge(std::string message);
  static Error UnsupportedFormat(std::string message);
  static Error Unavailable(std::string message);
  static Error Internal(std::string message);

  // A code more precise than the kind's (e.g. "referral.illegal_transition"), and the values
  // its message names.
  Error& with_code(std::string code, ErrorParams params = {});

  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  // The stable code: the one given with_code(), else the kind's default_code().
  std::string code() const;
  const ErrorParams& params() const { return params_; }
  const std::vector<FieldError>& fields() const { return fields_; }
  std::optional<int> retry_after_seconds() const { return retry_after_seconds_; }

  Error& add_field(std::string field, std::string message);
  Error& add_field(FieldError field);
  std::string to_string() const;  // "kind: message [field: message, ...]" for logs and tests

 private:
  ErrorKind kind_;
  std::string message_;
  std::vector<FieldError> fields_;
  std::optional<int> retry_after_seconds_;
  std::string code_;
  ErrorParams params_;
};

// Result<T> holds either a T or an Error. value() on an error (or error() on a value) is a bug
// and throws std::logic_error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& {
    check_value();
    return std::get<T>(state_);
  }
  T& value() & {
    check_value();
    return std::get<T>(state_);
  }
  T&& value() && {
    check_value();
    return std::get<T>(std::move(state_));
  }
  const Error& error() const {
    check_error();
    return std::get<Error>(state_);
  }

  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }

 private:
  void check_value() const;
  void check_error() const;
  std::variant<T, Error> state_;
};

// Status is a Result without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static Status Ok() { return {}; }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const;

 private:
  std::optional<Error> error_;
};

// The answer to a request's field errors, everywhere: Ok when there are none, else
// InvalidArgument "The <what> has invalid fields." carrying every one of them.
Status field_errors(std::vector<FieldError> errors, std::string_view what = "request");

[[noreturn]] void throw_bad_result_access(const char* what);

template <typename T>
void Result<T>::check_value() const {
  if (!ok()) throw_bad_result_access("Result::value() on an error");
}
template <typename T>
void Result<T>::check_error() const {
  if (ok()) throw_bad_result_access("Result::error() on a value");
}

}  // namespace tsunagu

#define TSUNAGU_CONCAT_INNER(a, b) a##b
#define TSUNAGU_CONCAT(a, b) TSUNAGU_CONCAT_INNER(a, b)

// TRY(expr): evaluates a Status or Result expression and returns its error from the enclosing
// function (which must return Status or Result<U>) if it failed.
#define TRY(expr)                                                    \
  do {                                                               \
    auto&& tsunagu_try_result = (expr);                              \
    if (!tsunagu_try_result.ok()) return tsunagu_try_result.error(); \
  } while (false)

// TRY_ASSIGN(lhs, expr): like TRY, and on success moves the value into lhs,
// e.g. TRY_ASSIGN(auto user, accounts.find(id));
#define TRY_ASSIGN(lhs, expr) \
  TSUNAGU_TRY_ASSIGN_IMPL(TSUNAGU_CONCAT(tsunagu_try_, __LINE__), lhs, expr)
#define TSUNAGU_TRY_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                            \
  if (!tmp.ok()) return tmp.error();            \
  lhs = std::move(tmp).value()
