// Lists of strings kept in one TEXT column as a JSON array (risk_categories, languages, tags…):
// one reader and one writer for every table that does so.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tsunagu::domain {

std::string strings_to_json(const std::vector<std::string>& items);

// The strings of a JSON array; anything else (not JSON, not an array, non-string items) is
// skipped, so a damaged cell reads as fewer items rather than failing the request.
std::vector<std::string> strings_from_json(std::string_view text);

}  // namespace tsunagu::domain
