// Open Referral HSDS 3.0 shapes for the public directory: organizations, services (with
// schedules, phones, languages, service areas and the category as a taxonomy attribute),
// locations and services at locations, the Tsunagu category taxonomy, and HSDS's Page envelope.
// Output validates against the compiled schemas in shared/hsds-3.0 (tests/hsds); docs/hsds.md
// is the mapping. HSDS ids must be UUIDs, so the rows HSDS wants that Tsunagu does not store (a
// schedule, a phone, a location) get ids derived from their owner's id.
//
// Every function takes organizations as redacted for anonymous callers
// (domain/directory/directory_public.h) and shows a location only where has_public_location()
// holds.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/base/wards.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_public.h"
#include "http/json_io.h"

namespace tsunagu::http::hsds {

// The wards by code, for service areas.
using WardNames = std::map<std::string, domain::Ward, std::less<>>;

// A stable UUID-shaped id for `seed` (SHA-256 based).
std::string derived_id(std::string_view seed);

// A service's place at its organization's location: one per service whose organization has a
// public location. The id is the service's id with its first group changed reversibly, so
// /service_at_locations/{id} finds its service without a table.
std::string service_at_location_id(std::string_view service_id);
// The service of a service_at_location id (nullopt when `id` is not shaped like one).
std::optional<std::string> service_of_service_at_location(std::string_view id);

// compiled/organization_list.json (one item).
Json organization_item(const domain::Organization& o);
// compiled/organization.json; `services` nested with their one-to-one fields only, or in full
// (each without its organization) when `full_services`.
Json organization(const domain::Organization& o, const std::vector<domain::Service>& services,
                  bool full_services, const WardNames& wards);
// compiled/service_list.json (one item).
Json service_item(const domain::Service& s, const domain::Organization& o);
// minimal=true: the spec's id and last_modified, with name and status so that the item is
// still a compiled/service_list.json item.
Json service_minimal(const domain::Service& s);
// compiled/service.json
Json service(const domain::Service& s, const domain::Organization& o, const WardNames& wards);
// compiled/service_at_location_list.json (one item); `o` must have a public location.
Json service_at_location_item(const domain::Service& s, const domain::Organization& o);
// compiled/service_at_location.json; `o` must have a public location.
Json service_at_location(const domain::Service& s, const domain::Organization& o,
                         const WardNames& wards);

extern const char* const kTaxonomyId;
// taxonomy.json
Json taxonomy();
// taxonomy_term.json
Json taxonomy_term(domain::Category category);
// c0000000-0000-4000-8000-0000000000NN, NN = the category's position + 1 (stable: categories are
// only ever appended).
std::string taxonomy_term_id(domain::Category category);
std::optional<domain::Category> category_of_term(std::string_view term_id);

// HSDS's Page: total_items, total_pages, page_number, size, first_page, last_page, empty,
// contents.
Json page(Json contents, int64_t total, const PageRequest& paging);

}  // namespace tsunagu::http::hsds
