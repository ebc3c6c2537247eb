// Open Referral HSDS 3.0 shapes for the public directory: organizations, services (with
// schedules, phones, languages, service areas and the category as a taxonomy attribute), the
// Tsunagu category taxonomy, and HSDS's Page envelope. Output validates against the compiled
// schemas in shared/hsds-3.0 (tests/hsds). HSDS ids must be UUIDs, so the rows HSDS wants that
// Tsunagu does not store (a schedule, a phone) get ids derived from their owner's id.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/directory.h"
#include "domain/directory_public.h"
#include "http/json_io.h"

namespace tsunagu::http::hsds {

// A stable UUID-shaped id for `seed` (SHA-256 based).
std::string derived_id(std::string_view seed);

// compiled/organization.json; `services` are nested in full (each without its organization).
Json organization(const domain::Organization& o, const std::vector<domain::Service>& services);
// compiled/organization_list.json (one item).
Json organization_item(const domain::Organization& o);
// compiled/service.json
Json service(const domain::Service& s, const domain::Organization& o);
// compiled/service_list.json (one item)
Json service_item(const domain::Service& s, const domain::Organization& o);

extern const char* const kTaxonomyId;
Json taxonomy();
Json taxonomy_term(domain::Category category);
std::string taxonomy_term_id(domain::Category category);
std::optional<domain::Category> category_of_term(std::string_view term_id);

// HSDS's Page: total_items, total_pages, page_number, size, first_page, last_page, empty,
// contents.
Json page(Json contents, int64_t total, const Paging& paging);

}  // namespace tsunagu::http::hsds
