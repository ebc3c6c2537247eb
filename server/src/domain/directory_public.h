// The directory as the public sees it, for open-data exports (the HSDS API): active services of
// active `public` organizations, addresses only where they are public. Built on the same privacy
// rules as everything else (directory_privacy.h), with no caller: an export is anonymous.
//
// Thread-safety: may be called from any thread (one read snapshot per call).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/directory.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain {

struct PublicServiceQuery {
  std::string q;                     // words matched like the directory's q
  std::string organization_id;       // empty: all
  std::optional<Category> category;  // the taxonomy term
  std::optional<TimePoint> modified_after;
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

}  // namespace tsunagu::domain
