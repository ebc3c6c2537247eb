// A change sent as JSON Merge Patch (RFC 7396): a key left out keeps its value, a value replaces
// it, and null removes it. FieldReader counts null as missing; these read the nulls themselves.
//
// Thread-safety: pure functions over the caller's reader.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/field_reader.h"

namespace tsunagu {

// A field of a JSON Merge Patch: nullopt when the request left it out (unchanged), an engaged
// optional holding nullopt when it sent null (removed), or the new value.
template <typename T>
using Patch = std::optional<std::optional<T>>;

// `key` of `object` is present and null.
bool sent_null(const Json& object, std::string_view key);

// The nulls of a change: each key of `fixed` sent as null is an error of that field ("cannot be
// removed"); the keys of `removable` sent as null are returned, in that order. Both are marked
// known to `r`.
std::vector<std::string> read_patch_nulls(FieldReader& r, const Json& body,
                                          std::initializer_list<std::string_view> fixed,
                                          std::initializer_list<std::string_view> removable);

// `key` is one of `keys`.
bool contains_key(const std::vector<std::string>& keys, std::string_view key);

}  // namespace tsunagu
