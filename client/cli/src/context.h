// What every command shares: the global options (--server, --lang, --json), the API client
// (signed in with the saved token when it belongs to the chosen server), the server's word
// lists for labels, and the output helpers (tables sized to the terminal, JSON, colour).
// Commands get one Context and never read the environment or the credentials file themselves.
//
// Thread-safety: single-threaded, like the command line.
#pragma once

#include <chrono>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include "api_client.h"
#include "credentials.h"
#include "table.h"

namespace tsunagu::cli {

inline constexpr const char* kDefaultServer = "http://127.0.0.1:8080";

struct GlobalOptions {
  std::string server;  // --server; empty: TSUNAGU_SERVER, the saved login's, the default
  std::string lang = "ja";
  bool json = false;
};

class Context {
 public:
  Context(std::ostream& out, std::chrono::system_clock::time_point now) : out_(out), now_(now) {}

  GlobalOptions options;

  std::ostream& out() { return out_; }
  std::chrono::system_clock::time_point now() const { return now_; }
  bool japanese() const { return options.lang.rfind("ja", 0) == 0; }
  // The Japanese or the English text, by --lang.
  std::string t(const std::string& ja, const std::string& en) const { return japanese() ? ja : en; }

  // The server to talk to: --server, else TSUNAGU_SERVER, else the saved login's, else
  // http://127.0.0.1:8080. An address without a scheme gets "http://".
  std::string server();
  // The saved login, when it is for server().
  std::optional<Credentials> credentials();
  // The client for server(), with the saved token when there is one for that server.
  ApiClient& api();
  // The client for server() without any token (for signing in).
  ApiClient& anonymous_api();

  // The label of `value` in the word set `set` of GET /api/v1/reference ("categories",
  // "referral_statuses", …) in the chosen language; the value itself when the server has no
  // label for it or the list cannot be fetched.
  std::string label(const std::string& set, const std::string& value);

  // Output.
  void print_json(const Json& value);
  void print_table(const Table& table);
  void print_line(const std::string& text);
  bool colour() const;
  std::string bold(const std::string& text) const;
  std::string dim(const std::string& text) const;

 private:
  std::ostream& out_;
  std::chrono::system_clock::time_point now_;
  std::unique_ptr<ApiClient> api_;
  std::unique_ptr<ApiClient> anonymous_api_;
  std::optional<Json> reference_;
};

// Cell text of a JSON field: strings as they are, numbers as written, booleans as ✓ or empty,
// arrays joined with ", ", objects' values joined with spaces (a contact's name and phone),
// missing and null as empty.
std::string text(const Json& object, const std::string& key);
std::string text(const Json& value);
// "2026-12-01T23:30:00+09:00" → "2026-12-01 23:30" (other offsets are kept).
std::string short_time(const std::string& rfc3339);

}  // namespace tsunagu::cli

namespace tsunagu::cli {
// "label  value" lines with the values aligned (labels padded by display width); empty values
// are left out.
void print_fields(Context& ctx, const std::vector<std::pair<std::string, std::string>>& fields);
}  // namespace tsunagu::cli
