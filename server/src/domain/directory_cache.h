// Answers to directory searches kept between directory changes, so that the same search asked
// again (the ward's night nurseries, the youth spaces open now) costs a lookup instead of a
// query over thousands of rows (issue 5 benchmark). The cache stores opaque bytes — the HTTP
// layer keeps the rendered response — under a key that names
//   - who is asking, as directory_view() (directory_privacy.h): anonymous, the network, admin,
//     or one partner organization; no caller is ever answered from another view's entry;
//   - the minute it was answered in: answers date capacity reports ("age_minutes") and resolve
//     open_at=now, so an entry serves for the rest of its minute at most;
//   - the query after parsing: folded words in order, lists sorted, open_at to the minute.
// Every change to the directory (organizations, services, hours, capacity, archive) bumps the
// directory generation after its transaction ends; an entry answered before the bump is never
// served after it, and the cache empties itself when it sees a new generation.
//
// The generation is one counter per process: a server has one directory, and a process with
// several databases (tests) only forgets answers more often than it must.
//
// Thread-safety: SearchCache's methods and the generation functions may be called from any
// thread; one mutex guards the entries (lookups are a hash probe and a list splice under it).
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "common/result.h"
#include "common/time.h"
#include "domain/actor.h"
#include "domain/directory_search.h"
#include "storage/database.h"

namespace tsunagu::domain {

// The number of directory changes this process has begun or finished. Read it before a search
// starts its read transaction and store the answer under that number: a change that commits
// while the search runs bumps it again when its transaction has ended, so the answer is dropped.
uint64_t directory_generation();

// Counts a change to the directory. The domain's write functions call it inside their
// transaction (store.*) and again after it ends (write_directory()); callers need not.
void note_directory_change();

// db.write(fn) for a change to the directory: notes the change once the transaction has ended,
// committed or rolled back (a needless bump only costs a few cache misses).
template <typename Fn>
auto write_directory(storage::Database& db, Fn&& fn) {
  struct AfterCommit {
    ~AfterCommit() { note_directory_change(); }
  } after_commit;
  return db.write(std::forward<Fn>(fn));
}

class SearchCache {
 public:
  struct Stats {
    uint64_t hits = 0, misses = 0;
    size_t entries = 0, bytes = 0;
  };

  // Keeps answers up to `max_bytes` in all, forgetting the least recently used first; an
  // answer larger than an eighth of that is not kept.
  explicit SearchCache(size_t max_bytes);
  SearchCache(const SearchCache&) = delete;
  SearchCache& operator=(const SearchCache&) = delete;

  // The key of `query` asked by `actor` at `now` (see above). Fails as search_terms() does for
  // a malformed q; such a search is not cached (it answers an error).
  static Result<std::string> key(const Actor* actor, const OrganizationQuery& query, TimePoint now);

  // The answer stored under `key` in the current generation, or nullptr.
  std::shared_ptr<const std::string> find(const std::string& key);
  // Stores `answer` under `key` unless `generation` (read before the search began) is no longer
  // current.
  void put(const std::string& key, uint64_t generation, std::string answer);

  Stats stats() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const std::string>>;

  void forget_if_changed();  // mutex_ held
  void evict_to(size_t bytes);

  const size_t max_bytes_;
  mutable std::mutex mutex_;
  uint64_t generation_ = 0;  // of every entry held
  std::list<Entry> lru_;     // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace tsunagu::domain
