// The demo data set: the seed files of a folder (seed/ in the source tree, installed as
// <datadir>/tsunagu/seed), read at run time and loaded by `--demo` or `tsunagu-server seed` into
// a new, empty database; a database that had it already is left as it is, and one that holds
// other data (a real installation) is refused with FailedPrecondition. Each file is
// {"kind": "...", "items": [...]} and is handled by the loader registered for its kind; files
// load in name order (10_…, 20_…) inside one transaction, so a broken seed leaves the database
// as it was. A library of its own (tsunagu_seed), linked by the application, the tests and the
// benchmarks: the domain library holds none of it.
//
// Thread-safety: load_demo() takes the database's writer like any other change; read_seed_dir()
// only reads files.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace tsunagu::storage {
class Database;
}

namespace tsunagu::domain {

// One seed file as read: its path (what errors name) and its text.
struct SeedFile {
  std::string name;
  std::string text;
};

// Every *.json file of `dir`, sorted by name. NotFound when `dir` is no folder; FailedPrecondition
// when the folder holds no seed file or naming the file that cannot be read; InvalidArgument
// naming the file that is not {"kind": ..., "items": [...]} JSON.
Result<std::vector<SeedFile>> read_seed_dir(const std::string& dir);

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

// Loads `files` (in the order given) in one write transaction.
Result<DemoReport> load_demo(storage::Database& db, const Clock& clock, const DemoOptions& options,
                             const std::vector<SeedFile>& files);
// read_seed_dir(dir), then load_demo(): a folder that cannot be read changes nothing.
Result<DemoReport> load_demo_from(storage::Database& db, const Clock& clock,
                                  const DemoOptions& options, const std::string& dir);

}  // namespace tsunagu::domain
