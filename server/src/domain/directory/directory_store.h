// Rows ↔ values for the directory tables (schema/0004_directory.sql), shared by the domain's
// directory functions: loading and saving organizations, services and their hours, and keeping
// the search text and its trigram index in step with every change. Nothing here checks who is
// asking; callers do that first.
//
// Thread-safety: every function runs on the caller's connection and transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/directory/directory.h"

namespace tsunagu::storage {
class Connection;
class Statement;
}  // namespace tsunagu::storage

namespace tsunagu::domain::store {

// The column list that organization_from_row() reads, prefixed by the table alias "o.".
extern const char* const kOrganizationColumns;
// Reads a row selected with kOrganizationColumns first (hours and wards are loaded separately);
// a stored word (category, visibility, status, capacity) that does not decode is an internal
// error, as it is for every function below that reads rows.
Result<Organization> organization_from_row(storage::Statement& s);
// Loads wards and hours into an organization read by organization_from_row().
void load_details(storage::Connection& c, Organization& o);
// The same for a page of organizations with one query for wards and one for hours, whatever
// the page's size (a search result).
void load_details(storage::Connection& c, std::vector<Organization>& page);

Result<std::optional<Organization>> load_organization(storage::Connection& c,
                                                      const std::string& id);
void insert_organization(storage::Connection& c, const Organization& o);
void update_organization(storage::Connection& c, const Organization& o);
// Capacity, version and updated_at only.
void update_capacity(storage::Connection& c, const Organization& o);

Result<std::optional<Service>> load_service(storage::Connection& c, const std::string& id);
// Services of an organization in name order; hours fall back to `org_hours` when they have none.
Result<std::vector<Service>> load_services(storage::Connection& c,
                                           const std::string& organization_id,
                                           const std::vector<HoursEntry>& org_hours,
                                           bool active_only);
void insert_service(storage::Connection& c, const Service& s);
void update_service(storage::Connection& c, const Service& s);

// Reads day, opens, closes, closed, note from column `first` on (an opening_hours row).
HoursEntry hours_from_row(storage::Statement& s, int first);

std::vector<HoursEntry> read_hours(storage::Connection& c, const std::string& owner_id);
void write_hours(storage::Connection& c, const std::string& owner_id,
                 const std::vector<HoursEntry>& hours);

// Recomputes organizations.search_text and sort_key and the FTS row from the organization and
// its active services. Call after every change to either, in the same transaction.
Status reindex_organization(storage::Connection& c, const std::string& organization_id);

}  // namespace tsunagu::domain::store
