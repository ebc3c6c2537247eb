// Loads the demo directory (seed/10_organizations.json, kind "organizations"): each item is an
// organization in the API's input shape plus its fixed "id", an optional "capacity"
// {status, note} and its "services" (each with an optional fixed "id"). Items go through the same
// parsing and rules as the API, so a seed that the API would refuse does not load.
//
// Thread-safety: runs on the caller's write transaction (the demo loader's).
#pragma once

#include "common/field_reader.h"
#include "common/result.h"
#include "common/time.h"

namespace tsunagu::storage {
class Connection;
}

namespace tsunagu::domain {

Status load_directory_seed(storage::Connection& c, const Clock& clock, const Json& items);

}  // namespace tsunagu::domain
