// The three ways a command fails, each with its own exit code (see exit codes in README.md):
// the user's input is wrong before anything is sent (UsageError, 2), the server answered with a
// problem (ApiError, 1, or 4 when not signed in), or the server could not be reached
// (ConnectionError, 3). Commands throw them; main() prints one line and exits.
//
// Thread-safety: values.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace tsunagu::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitServerRefused = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitUnreachable = 3;
inline constexpr int kExitNotSignedIn = 4;

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ConnectionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An RFC 9457 problem from the server (or an unexpected answer dressed as one).
struct FieldError {
  std::string field;
  std::string message;
};

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::string title, std::string detail,
           std::vector<FieldError> errors);
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& title() const { return title_; }
  const std::string& detail() const { return detail_; }
  const std::vector<FieldError>& errors() const { return errors_; }
  // One readable line: "title: detail (field: message; field: message) [HTTP 422]".
  std::string line() const;

 private:
  int status_;
  std::string code_, title_, detail_;
  std::vector<FieldError> errors_;
};

}  // namespace tsunagu::cli
