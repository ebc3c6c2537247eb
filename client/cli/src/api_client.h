// The one place the command-line client speaks HTTP: the server's base address, the bearer
// token, Accept-Language, and the decoding of answers. A 2xx JSON answer comes back as JSON; an
// RFC 9457 problem (or any other non-2xx answer) is thrown as ApiError; a server that cannot be
// reached is thrown as ConnectionError naming its address. Commands never see httplib.
//
// Thread-safety: one ApiClient per thread (it keeps one connection open between calls).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace httplib {
class Client;
}

namespace tsunagu::cli {

using Json = nlohmann::ordered_json;
using Query = std::vector<std::pair<std::string, std::string>>;

struct ApiResponse {
  int status = 0;
  std::string body;
  std::string content_type;
  std::string etag;
};

struct ApiClientOptions {
  std::string server;     // "http://127.0.0.1:8080"; a trailing slash is ignored
  std::string token;      // bearer token, empty when not signed in
  std::string language;   // Accept-Language, e.g. "ja"
  bool progress = false;  // show a spinner on stderr while a call is slow
};

class ApiClient {
 public:
  explicit ApiClient(ApiClientOptions options);
  ~ApiClient();
  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;

  const std::string& server() const { return options_.server; }

  Json get(const std::string& path, const Query& query = {});
  // The body of a non-JSON answer (CSV, DOT), asked for with `accept`.
  std::string get_text(const std::string& path, const Query& query, const std::string& accept);
  Json post(const std::string& path, const Json& body,
            const std::optional<std::string>& if_match = std::nullopt);
  Json put(const std::string& path, const Json& body);
  Json patch(const std::string& path, const Json& body,
             const std::optional<std::string>& if_match = std::nullopt);
  // POST that creates a record, with a fresh Idempotency-Key. When the answer is lost (the
  // connection fails), it is sent once more with the same key: the server then answers the
  // record the first request made instead of recording it twice.
  Json create(const std::string& path, const Json& body);

  // Any method; returns 2xx answers as they are and throws ApiError for the others.
  ApiResponse send(const std::string& method, const std::string& path, const Query& query,
                   const std::optional<Json>& body,
                   const std::map<std::string, std::string>& headers);

 private:
  ApiClientOptions options_;
  std::unique_ptr<httplib::Client> http_;
};

// A random UUID (version 4, from std::random_device) for an Idempotency-Key header.
std::string new_idempotency_key();

// Percent-encodes one path segment or query value (RFC 3986 unreserved characters stay).
std::string url_encode(const std::string& text);

// "/api/v1/organizations?q=…&ward=chuo" from a path and parameters (empty values are left out).
std::string with_query(const std::string& path, const Query& query);

// The ApiError a non-2xx answer stands for: a problem+json's title, detail, code and errors, or
// "HTTP <status>" and the start of the body for anything else.
[[noreturn]] void throw_problem(int status, const std::string& content_type,
                                const std::string& body);

}  // namespace tsunagu::cli
