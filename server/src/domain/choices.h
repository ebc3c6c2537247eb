// Closed sets of words a field may take (risk levels, meeting kinds, statuses…): membership and
// the "must be one of: …" message, the same way for every resource.
//
// Thread-safety: pure functions.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

namespace tsunagu::domain {

template <size_t N>
bool is_one_of(const char* const (&set)[N], std::string_view v) {
  return std::any_of(std::begin(set), std::end(set), [&](const char* s) { return v == s; });
}

// "must be one of: a, b, c"
template <size_t N>
std::string must_be_one_of(const char* const (&set)[N]) {
  std::string out = "must be one of: ";
  for (size_t i = 0; i < N; ++i) out += (i ? ", " : "") + std::string(set[i]);
  return out;
}

}  // namespace tsunagu::domain
