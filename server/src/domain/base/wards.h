// Sapporo's ten wards (reference data from schema/0001). Other areas validate ward codes here.
// Thread-safety: functions may be called from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace tsunagu::storage {
class Connection;
class Database;
}  // namespace tsunagu::storage

namespace tsunagu::domain {

struct Ward {
  std::string code;  // "chuo"
  std::string name;  // "中央区"
  std::string name_kana;
};

Result<std::vector<Ward>> list_wards(storage::Database& db);

// The ward's English name, as the city writes it: "Chuo Ward".
std::string english_name(const Ward& ward);

// True when `code` is one of the wards (within the caller's transaction).
bool is_ward(storage::Connection& c, const std::string& code);

// A list's ?ward= filter: Ok when absent or a ward code; otherwise Malformed (400) naming the
// parameter, so a misspelt ward never passes for a ward with nothing in it.
Status check_ward_param(storage::Connection& c, const std::optional<std::string>& ward);
// The same in a read transaction of its own, for a list that checks before it scopes.
Status check_ward_param(storage::Database& db, const std::optional<std::string>& ward);

}  // namespace tsunagu::domain
