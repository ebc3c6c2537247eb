#include "http/static_files.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <system_error>
#include <utility>

#include "common/log.h"
#include "http/etag.h"
#include "http/problem.h"
#include "http/response_headers.h"

namespace tsunagu::http {

const char* const kClientPathPattern = R"(/(?!(?:api|hsds|healthz|metrics)(?:/|$)).*)";

namespace {

namespace fs = std::filesystem;

// The contract's `default-src 'self'` (every script, style, image, font and fetch from this
// origin only, nothing inline), and the directives that do not fall back to it closed as well.
constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'";

const std::pair<std::string_view, std::string_view> kContentTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
    {".webmanifest", "application/manifest+json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
};

bool has_extension(std::string_view path) {
  std::string_view last = path.substr(path.rfind('/') + 1);
  return last.find('.') != std::string_view::npos;
}

// Vite's content-hashed names: /assets/name-HASH.ext, HASH of 8 or more [A-Za-z0-9_-].
bool is_hashed_asset(std::string_view path) {
  static const std::regex kHashed(R"(^/assets/(?:[^/]+/)*[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$)");
  return std::regex_match(path.begin(), path.end(), kHashed);
}

std::optional<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(out).str();
}

// The security headers every response has (set_security_headers, in pre-routing), with the
// client's fuller Content-Security-Policy in place of the API's frame-ancestors only: replaced,
// not added, so a browser never sees two policies.
void set_client_headers(httplib::Response& res) {
  replace_header(res, "Content-Security-Policy", kContentSecurityPolicy);
  replace_header(res, "X-Content-Type-Options", "nosniff");
  replace_header(res, "X-Frame-Options", "DENY");
  replace_header(res, "Referrer-Policy", "no-referrer");
}

Status serve(const fs::path& root, const httplib::Request& req, httplib::Response& res) {
  set_client_headers(res);
  const std::string& path = req.path;
  std::optional<fs::path> file = file_under(root, path);
  bool is_index = false;
  if (!file || fs::is_directory(*file)) {
    // A client-side route (no extension) or the root: the page itself.
    if (has_extension(path)) return Error::NotFound("No such file of the web client.");
    file = file_under(root, "/index.html");
    is_index = true;
    if (!file) return Error::NotFound("The web client is not installed (no index.html).");
  }
  is_index = is_index || file->filename() == "index.html";
  auto body = read_file(*file);
  if (!body) {
    LOG(kError) << "cannot read " << file->string();
    return Error::Internal("cannot read a file of the web client");
  }
  // The page itself is never kept (a new release is seen at once); hashed assets are kept for a
  // year; other files are revalidated.
  replace_header(res, "Cache-Control",
                 is_index                ? "no-store"
                 : is_hashed_asset(path) ? "public, max-age=31536000, immutable"
                                         : "no-cache");
  std::string etag = etag_of_content(*body);
  replace_header(res, "ETag", etag);
  if (if_none_match(req, etag)) {
    res.status = 304;
    return Status::Ok();
  }
  res.status = 200;
  res.set_content(std::move(*body), content_type_for(file->filename().string()));
  return Status::Ok();
}

}  // namespace

std::string content_type_for(std::string_view file_name) {
  size_t dot = file_name.rfind('.');
  if (dot != std::string_view::npos) {
    std::string ext(file_name.substr(dot));
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [e, type] : kContentTypes) {
      if (e == ext) return std::string(type);
    }
  }
  return "application/octet-stream";
}

std::optional<fs::path> file_under(const fs::path& root, std::string_view url_path) {
  if (url_path.empty() || url_path[0] != '/') return std::nullopt;
  fs::path candidate = root;
  std::string_view rest = url_path.substr(1);
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty()) continue;
    // No parent or current directory, no hidden files, nothing a file system reads specially.
    if (segment[0] == '.') return std::nullopt;
    if (segment.find_first_of(std::string_view("\\\0:", 3)) != std::string_view::npos) {
      return std::nullopt;
    }
    candidate /= std::string(segment);
  }
  std::error_code ec;
  fs::path resolved = fs::canonical(candidate, ec);
  if (ec) return std::nullopt;
  // Symlinks are followed; the target must still be inside the root.
  if (std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end()).first !=
      root.end()) {
    return std::nullopt;
  }
  if (!fs::is_regular_file(resolved, ec) && !fs::is_directory(resolved, ec)) return std::nullopt;
  return resolved;
}

void register_static_files(Router& router, const std::string& root) {
  if (root.empty()) return;
  std::error_code ec;
  fs::path canonical_root = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical_root)) {
    LOG(kWarn) << "no web client at " << root << "; / answers 404";
    return;
  }
  router.get(kClientPathPattern, "web",
             [canonical_root](const httplib::Request& req, httplib::Response& res) {
               return serve(canonical_root, req, res);
             });
}

}  // namespace tsunagu::http
