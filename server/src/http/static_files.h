// The web client's files (client/web, built by Vite) served from a folder on the same origin as
// the API: GET / and every path outside /api, /hsds, /healthz and /metrics. A path without a file
// extension that names no file is a client-side route and gets index.html; a missing file with
// an extension is 404. Hashed assets (/assets/name-HASH.js) may be cached for a year; index.html
// is revalidated every time. Every answer carries the Content-Security-Policy of the client
// (no inline script, nothing from other origins) and the headers that keep it out of frames.
//
// A request never reaches a file outside the folder: no "..", no dot-files, no backslashes or
// NUL bytes, and the resolved path (symlinks followed) must still lie inside the folder.
//
// Thread-safety: the handler reads files only; it may run on every worker at once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/router.h"

namespace tsunagu::http {

// The regex of the paths the client owns (everything but the API's prefixes).
extern const char* const kClientPathPattern;

// The Content-Type for a file name by its extension ("app.js" → "text/javascript; charset=utf-8");
// application/octet-stream for unknown ones.
std::string content_type_for(std::string_view file_name);

// The file under `root` a URL path names, or nullopt when the path is unsafe or names no
// regular file. `root` must be canonical.
std::optional<std::filesystem::path> file_under(const std::filesystem::path& root,
                                                std::string_view url_path);

// Registers GET for the client's paths, serving from `root`. Does nothing when `root` is empty or
// not a folder (then those paths stay 404 problems).
void register_static_files(Router& router, const std::string& root);

}  // namespace tsunagu::http
