// The directory as the public sees it, for open-data exports (the HSDS API): active services of
// active `public` organizations, addresses only where they are public. Built on the same privacy
// rules as everything else (directory_privacy.h), with no caller: an export is anonymous, so
// whoever asks gets the same answer and no token can widen it.
//
// Thread-safety: may be called from any thread (one read snapshot per call).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/directory/directory.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain {

struct PublicServiceQuery {
  std::string q;                            // words matched like the directory's q
  std::string organization_id;              // empty: all
  std::optional<Category> category;         // the taxonomy term
  std::optional<TimePoint> modified_after;  // on or after
  // Only services whose organization has a location anonymous callers may see (HSDS's
  // service_at_locations).
  bool with_public_location = false;
  int64_t offset = 0;
  int limit = 50;
};

struct PublicService {
  Service service;
  Organization organization;  // redacted for an anonymous caller
};

struct PublicServicePage {
  std::vector<PublicService> items;
  int64_t total = 0;
};

// Ordered by service name, then id.
Result<PublicServicePage> list_public_services(storage::Database& db,
                                               const PublicServiceQuery& query);

// One public service (NotFound when it is not public).
Result<PublicService> get_public_service(storage::Database& db, const std::string& id);

// True when an organization redacted for anonymous callers (redact_for(nullptr, …)) still says
// where it is: its address or its coordinates were public and are present.
bool has_public_location(const Organization& redacted);

}  // namespace tsunagu::domain
