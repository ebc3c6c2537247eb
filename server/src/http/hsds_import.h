// Reading an Open Referral HSDS 3.0 directory back into Tsunagu's values, for `tsunagu-server
// import-hsds` (domain/directory/directory_import.h does the checking and writing). The input is
// organizations.json as export-hsds writes it (compiled/organization_package.json: every
// organization fully nested, services in full), which carries everything the other exported
// files repeat; docs/hsds.md says which HSDS field becomes which Tsunagu field. Each record
// remembers the line its object starts on, so a report can point into the file.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "domain/directory/directory_import.h"
#include "http/hsds_json.h"

namespace tsunagu::http::hsds {

// Parses `text` (the contents of the file called `file`). Never fails: invalid JSON, a record
// that is not an object, a value of the wrong type, an unknown category term or a schedule
// Tsunagu cannot keep become the result's problems; service areas become ward codes by the
// ward's name (中央区) or code, and an unknown one is passed on for check_wards to name.
domain::DirectoryImport read_organizations(std::string_view file, std::string_view text,
                                           const WardNames& wards);

// A Tsunagu field name from the directory rules (name_kana, wards[2], hours[0].opens) as the
// HSDS field it came from (alternate_name, service_areas, schedules[0].opens_at); HSDS names
// pass through.
std::string hsds_field(bool is_service, std::string_view field);

// "organizations.json:12: <id>: <field>: <problem>" (without id and field when it has none).
std::string format_problem(const domain::ImportProblem& p);

}  // namespace tsunagu::http::hsds
