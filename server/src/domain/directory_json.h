// The one JSON ↔ struct path for what clients set on organizations and services, shared by the
// API (POST bodies; PATCH as a JSON merge patch over fields_json() of the current record) and the
// demo seed. Parsing reports every broken field at once (types, enums, "25:00", lengths, then
// the rules of directory_rules.h) as InvalidArgument with field names as in the API.
//
// Thread-safety: pure functions.
#pragma once

#include "common/field_reader.h"
#include "common/result.h"
#include "domain/directory.h"

namespace tsunagu::domain {

Result<OrganizationFields> parse_organization_fields(const Json& body);
Result<ServiceFields> parse_service_fields(const Json& body);

// The input shape of the fields (what parse_* accepts), used for merge patches and rendering.
Json fields_json(const OrganizationFields& f);
Json fields_json(const ServiceFields& f);
Json hours_json(const std::vector<HoursEntry>& hours);

}  // namespace tsunagu::domain
