// Closed sets of words a field may take (risk levels, meeting kinds, statuses…): membership and
// the "must be one of: …" field error, the same way for every resource. The sets themselves are
// the labelled tables of vocabulary.h.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/base/vocabulary.h"

namespace tsunagu::domain {

inline bool is_one_of(Words set, std::string_view v) { return find_word(set, v) != nullptr; }

// The values of `set`, e.g. for FieldReader::one_of.
inline std::vector<std::string_view> values_of(Words set) {
  std::vector<std::string_view> out;
  for (const Word& w : set) out.push_back(w.value);
  return out;
}

// "a, b, c"
inline std::string list_of(Words set) {
  std::string out;
  for (const Word& w : set) out += (out.empty() ? "" : ", ") + std::string(w.value);
  return out;
}

// "must be one of: a, b, c"
inline std::string must_be_one_of(Words set) { return "must be one of: " + list_of(set); }

// The field error for a value outside `set` (code field.invalid_choice, the values as
// parameter "allowed").
inline FieldError invalid_choice(std::string field, Words set) {
  return FieldError::InvalidChoice(std::move(field), list_of(set));
}

}  // namespace tsunagu::domain
