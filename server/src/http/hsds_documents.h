// The public directory read as whole HSDS 3.0 documents, for the /hsds/ routes and for
// `tsunagu-server export-hsds`: the wards by code, an organization with its services nested, and
// every object of the public directory as one JSON array per object type (the compiled
// *_package.json schemas). Always anonymous (directory_public.h): what the export writes is what
// /hsds/ shows to anyone.
//
// Thread-safety: may be called from any thread (each call reads through the Directory).
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "domain/directory/directory_facade.h"
#include "http/hsds_json.h"

namespace tsunagu::http::hsds {

Result<WardNames> ward_names(domain::Directory& directory);

// compiled/organization.json for an organization the anonymous caller may see, its active
// services nested (see organization()).
Result<Json> full_organization(domain::Directory& directory, const domain::Organization& o,
                               bool full_services, const WardNames& wards);

// One file of an export: `name` (organizations.json, …), the schema its array validates against,
// and the items in the order of the /hsds/ lists.
struct ExportFile {
  std::string name;
  std::string schema;  // relative to shared/hsds-3.0/schema
  Json items = Json::array();
};

// organizations.json (fully nested, services in full), services.json,
// service_at_locations.json, taxonomies.json, taxonomy_terms.json. The same directory gives the
// same files, byte for byte.
Result<std::vector<ExportFile>> export_documents(domain::Directory& directory);

}  // namespace tsunagu::http::hsds
