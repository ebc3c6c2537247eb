// The one JSON ↔ struct path for what clients set on organizations and services, shared by the
// API (POST bodies; PATCH as a JSON merge patch over fields_json() of the current record) and the
// demo seed. Parsing reports every broken field at once (types, enums, "25:00", lengths, then
// the rules of directory_rules.h) as InvalidArgument with field names as in the API.
// Also an organization as the API shows it (organization_json()), and the same JSON rendered
// once for the search index and completed per answer (RenderedJson), byte for byte equal.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "common/field_reader.h"
#include "common/result.h"
#include "domain/directory/directory.h"

namespace tsunagu::domain {

Result<OrganizationFields> parse_organization_fields(const Json& body);
Result<ServiceFields> parse_service_fields(const Json& body);

// The input shape of the fields (what parse_* accepts), used for merge patches and rendering.
Json fields_json(const OrganizationFields& f);
Json fields_json(const ServiceFields& f);
Json hours_json(const std::vector<HoursEntry>& hours);

// An organization as the API shows it (a withheld address is left out, not blanked); `now`
// dates the capacity report ("age_minutes", "stale").
Json organization_json(const Organization& o, TimePoint now);

// organization_json() of an organization without distance_km, serialised as the HTTP layer
// does (compact, UTF-8 as is), cut where the moment or the query adds something:
// head + age_minutes + before_stale + stale + before_distance [+ ,"distance_km":…] + tail.
// Without a capacity report head and before_stale are empty and before_distance holds
// everything up to distance_km.
struct RenderedJson {
  std::string head, before_stale, before_distance, tail;
};
RenderedJson render_organization(const Organization& o);

// Appends what organization_json(o, now) with o.distance_km = distance serialises to, given
// the organization's RenderedJson and capacity.
void append_organization(std::string& out, const RenderedJson& rendered,
                         const std::optional<Capacity>& capacity, TimePoint now,
                         std::optional<double> distance_km);

}  // namespace tsunagu::domain
