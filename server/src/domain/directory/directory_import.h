// Importing a directory from outside (an Open Referral HSDS file, http/hsds_import.h): upserts
// organizations and their services by id, all or nothing, in one write transaction with one
// audit entry ("directory.import"). Every record is checked with the directory's own rules
// (directory_rules.h: check_organization, check_service, check_wards) and written through the
// directory store (directory_store.h), so an import keeps exactly the rules an edit keeps.
//
// What a file cannot say is kept from the stored record: an import never makes an existing
// network-only organization public nor a network or hidden address public (visibility and
// address_visibility stay as stored), and without a location in the file the stored address
// stays (the file cannot tell "no address" from "address withheld"). Status, district, tags,
// council membership, capacity and the organization's own hours and languages are not in an
// HSDS organization and stay too; a new organization is public and active, its address public
// when the file gives one. Services the file does not list are left alone (an upsert, not a sync).
//
// Thread-safety: import_directory() takes the database's writer like any other change (a dry run
// only reads).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/access/actor.h"
#include "domain/directory/directory.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain {

// One invalid record: where it starts in its file, its id, the field and what is wrong. `field`
// is Tsunagu's field name for what the directory rules find (name, wards[1], hours[0].opens) and
// the file's own for what the reader finds; http/hsds_import.h names both in HSDS terms.
struct ImportProblem {
  std::string file;
  int line = 0;
  std::string record_id;  // "" when the problem is not one record's (invalid JSON)
  bool is_service = false;
  std::string field;
  std::string problem;
};

struct ImportedService {
  int line = 0;
  Service service;                         // id, fields; organization_id is its organization's
  std::optional<TimePoint> last_modified;  // kept as updated_at; nullopt: the import's time
};

struct ImportedOrganization {
  int line = 0;
  std::string id;
  // name, name_kana, description, phone, email, website always; the rest as the flags say.
  OrganizationFields fields;
  bool has_location = false;  // address, lat, lon are the file's
  bool has_category = false;  // category is the file's
  bool has_wards = false;     // wards are the file's
  std::vector<ImportedService> services;
};

struct DirectoryImport {
  std::string file;  // for problems: organizations.json
  std::vector<ImportedOrganization> organizations;
  std::vector<ImportProblem> problems;  // what reading the file found already
};

struct ImportCounts {
  int64_t created = 0, updated = 0, unchanged = 0;
};

struct ImportReport {
  ImportCounts organizations, services;
  std::vector<ImportProblem> problems;  // non-empty: nothing was written
  bool written = false;                 // false for a dry run and when there are problems
};

struct ImportOptions {
  bool dry_run = false;  // check and count, write nothing
  // Called after every `progress_every` organizations checked, and after the last.
  std::function<void(size_t done, size_t total)> progress;
  size_t progress_every = 500;
};

// Checks every record and, when all are valid and it is not a dry run, writes them with one
// audit entry for `actor` (nullptr: the system), all in one transaction. Invalid records are
// the report's problems (ok result); an error result is a storage failure (nothing written).
Result<ImportReport> import_directory(storage::Database& db, const Clock& clock, const Actor* actor,
                                      const RequestMeta& meta, const DirectoryImport& input,
                                      const ImportOptions& options);

}  // namespace tsunagu::domain
