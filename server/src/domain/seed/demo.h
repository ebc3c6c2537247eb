// The demo data set: seed/*.json, embedded at build time and loaded by `--demo` into a new,
// empty database; a database that had it already is left as it is, and one that holds other
// data (a real installation) is refused with FailedPrecondition. Each file is {"kind": "...",
// "items": [...]} and is handled by the loader registered for its kind; files load in name order
// (10_…, 20_…) inside one transaction, so a broken seed leaves the database as it was.
//
// Thread-safety: load_demo() takes the database's writer like any other change.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "common/embedded_file.h"
#include "common/result.h"
#include "common/time.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain {

// The seed compiled from seed/ (generated source, sorted by name).
const std::vector<EmbeddedFile>& embedded_seed();

class PasswordHasher;

struct DemoOptions {
  std::string password;  // for every demo account; empty → a random one, reported
  const PasswordHasher* hasher = nullptr;  // nullptr → the default (strong) parameters
  // The seed kinds to load ("organizations", "accounts", "cases", "meetings"); empty → all.
  // Tests that count what they create load the network without its households and meetings.
  std::set<std::string> kinds = {};
};

struct DemoReport {
  bool loaded = false;             // false: the database already had the demo data
  std::vector<std::string> lines;  // what to tell the person who started the demo
};

Result<DemoReport> load_demo(storage::Database& db, const Clock& clock, const DemoOptions& options,
                             const std::vector<EmbeddedFile>& files = embedded_seed());

}  // namespace tsunagu::domain
