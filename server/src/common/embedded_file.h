// A file compiled into the binary (the migrations and the assessment forms of schema/).
// Generated sources define the lists; see cmake/EmbedFiles.cmake. Immutable, thread-safe.
#pragma once

#include <string_view>

namespace tsunagu {

struct EmbeddedFile {
  std::string_view name;  // file name without directory, e.g. "0001_foundation.sql"
  std::string_view data;  // the bytes, exactly as in the source tree
};

}  // namespace tsunagu
