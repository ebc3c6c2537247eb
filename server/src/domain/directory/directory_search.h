// Finding organizations: the directory's list endpoint and everything that filters it.
// - q: every word must occur in the name, kana reading, description, district, tags or an
//   active service's name/description/eligibility, compared after fold_for_search() (so width,
//   hiragana/katakana and case do not matter). Words of three or more characters go through the
//   FTS5 trigram index, unless a ward, category, district or near filter already narrows the
//   search to a few hundred rows; shorter ones (保育, 夜間), which a trigram index cannot match,
//   and narrowed searches through instr() over the same folded text in the base table.
// - open_at: open at that instant in Asia/Tokyo, with overnight slots and dated exceptions (see
//   directory.h) evaluated in SQL over opening_hours.
// - near: within `within_km` of a point, by an equirectangular distance (exact to well under 1%
//   at a city's scale), over entries whose location the caller may see, nearest first.
// Results are ordered by kana reading then id (by distance first with `near`): stable, so pages
// neither repeat nor skip entries between requests.
//
// search_organizations() and search_organizations_json() answer from the database's directory
// index (directory_index.h) without a query; search_organizations_sql() answers the same from
// SQLite and is the reference the index is checked against (tests/unit/domain/
// directory_index_compare_test.cc): both give the same entries, order, total and JSON.
//
// Thread-safety: may be called from any thread (one index snapshot, or one read transaction,
// per call).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/access/actor.h"
#include "domain/directory/directory.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain {

struct Near {
  double lat = 0, lon = 0, within_km = 5;
};

struct OrganizationQuery {
  std::string q;  // as typed; folded here
  std::vector<Category> categories;
  std::vector<std::string> wards;
  std::string district;
  std::optional<TimePoint> open_at;
  std::optional<bool> council_member;
  std::vector<CapacityStatus> capacity;
  bool capacity_unknown = false;  // also match entries that never reported capacity
  std::optional<Near> near;
  std::optional<EntryStatus> status;  // default: active; anonymous callers always get active
  int64_t offset = 0;
  int limit = 50;
};

struct OrganizationPage {
  std::vector<Organization> items;  // redacted for the caller
  int64_t total = 0;
};

// The page for `actor` (nullptr: anonymous). Fails with PermissionDenied as authorize() does,
// Malformed for a bad q (search_terms()) or an unknown ward code; Internal when the index
// cannot be built.
Result<OrganizationPage> search_organizations(storage::Database& db, const Actor* actor,
                                              const OrganizationQuery& query);

// The same page as the JSON array of organization_json(o, now) of its items (directory_json.h),
// serialised as the HTTP layer writes bodies, with the total.
struct OrganizationPageJson {
  std::string items;  // "[…]"
  int64_t total = 0;
};
Result<OrganizationPageJson> search_organizations_json(storage::Database& db, const Actor* actor,
                                                       const OrganizationQuery& query,
                                                       TimePoint now);

// The reference: the same search as SQL over the tables (FTS5 trigrams, instr(), the hours
// evaluated in SQL).
Result<OrganizationPage> search_organizations_sql(storage::Database& db, const Actor* actor,
                                                  const OrganizationQuery& query);

// The folded words of a query: split on spaces after fold_for_search(), at most 8.
Result<std::vector<std::string>> search_terms(const std::string& q);

}  // namespace tsunagu::domain
