// The directory's search index: an immutable in-memory picture of every organization (archived
// and network-only ones too, so the status and visibility filters work) built from SQLite, so
// that a search is a postings intersection, a filter over plain fields, a sort and a
// concatenation of JSON rendered in advance, without a query (directory_index_search.h).
//
// Coherence. SQLite stays the truth; the index is built from it on first use (the server builds
// it at start, Directory::build_index()) and kept current by the write path itself, so no caller
// (no handler) ever invalidates or refreshes it:
// - Who bumps what: every directory write goes through write_directory() (the Directory service
//   object's writes and the import do). The store functions name the organizations they touch
//   (note_directory_change()); inside the write's transaction the write counts itself in the
//   database (server_meta 'directory_changes', count_change()); once the transaction has
//   committed, before the write returns, refresh() reads those entries again from SQLite and
//   publishes a new snapshot.
// - Under which lock: refresh(), rebuild() and catch_up() run under the index's write_mutex_;
//   publishing is one atomic store of the snapshot pointer. Searches take no lock.
// - What a reader may see: the snapshot current when it called snapshot(), whole and immutable.
//   A search that starts after a write returned sees it; one that overlaps a write sees it or
//   not, never half of it; a write that failed or was rolled back publishes nothing. If reading
//   the entries again fails, the index drops its snapshot and the next search builds it afresh.
// - Other processes: a change another process made (import-hsds against a running server's
//   database) shows as a change count this process did not make; catch_up() rebuilds then. The
//   server calls it every second (Directory::catch_up_index()), so such a change is seen within
//   about a second.
//
// Per organization (Entry): the record as stored (wards, hours, capacity), its folded search
// text and sort key exactly as the write path stored them, the wards it is listed under, its
// weekly and dated opening slots, and its JSON rendered twice, with and without the address,
// with holes for what depends on the moment or the query (capacity age_minutes and stale,
// distance_km). Across organizations (Postings): 1-, 2- and 3-code-point gram postings over the
// search text, lists by category and ward, and a grid of ~1 km cells over locations, all as
// sorted ranks in listing order (sort key, then id). A write that leaves every indexed field
// of its entries as it was (a capacity report, a phone number) keeps the postings and swaps
// the entries only.
//
// The index belongs to its database (storage::Database::attachment), so two databases in one
// process never share one.
//
// Thread-safety: snapshot() may be called from any thread; once built it only loads an atomic
// pointer. A Snapshot is immutable: read it from any thread while holding the pointer. Builds
// and refreshes are serialised by the index's own mutex (never held by a search).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "domain/directory/directory.h"
#include "domain/directory/directory_json.h"
#include "storage/database.h"

namespace tsunagu::domain {

namespace directory_index {

inline constexpr int32_t kNoValue = INT32_MIN;  // a NULL column

// One row of the organization's opening_hours, as the search reads it.
struct Slot {
  bool dated = false;  // day is a date (days since 1970-01-01) rather than a weekday 0–6
  int32_t day = kNoValue;
  int32_t opens = kNoValue;  // minutes; kNoValue for a closed day
  int32_t end = kNoValue;    // end_min: past 1440 when the slot runs overnight
};

struct Entry {
  Organization organization;              // as stored, wards and hours loaded, nothing withheld
  std::string search_text;                // organizations.search_text
  std::string sort_key;                   // organizations.sort_key
  std::vector<std::string> listed_wards;  // every organization_wards row (the ward filter)
  std::vector<Slot> slots;
  bool has_dated = false;  // some slot is a dated row: its weekly slots may not apply
  bool has_capacity = false;
  RenderedJson json;           // with the address
  RenderedJson json_withheld;  // without it (only when address_visibility is not public)
};

// Who is open by the weekly slots alone, per weekday: the minutes where that changes
// (starts[w], ascending, from 0) and, for each stretch from one of them to the next, a bitset
// over ranks of the entries open throughout it (a slot of the day covering it, or one of the
// day before running past midnight beyond it), with every entry that has dated rows added
// (has_dated: those are checked slot by slot).
struct WeeklyOpen {
  std::array<std::vector<int32_t>, 7> starts;
  std::array<std::vector<std::vector<uint64_t>>, 7> open;
  std::array<std::vector<uint32_t>, 7> counts;  // bits set in each of open[w]
};

struct Postings {
  std::unordered_map<uint64_t, std::vector<uint32_t>> grams;  // gram key → ranks
  std::array<std::vector<uint32_t>, 13> by_category;          // Category → ranks
  std::unordered_map<std::string, std::vector<uint32_t>> by_ward;
  std::unordered_map<uint64_t, std::vector<uint32_t>> cells;  // grid cell → ranks (located)
  std::unordered_map<std::string, uint32_t> rank_of;          // organization id → rank
  WeeklyOpen weekly_open;
};

// What most conditions read of an entry, packed by rank so a search over thousands of
// candidates stays in cache (the Entry itself is read for words, wards, district, dated hours).
struct Facts {
  double lat = 0, lon = 0;  // with has_location
  EntryStatus status = EntryStatus::kActive;
  Visibility visibility = Visibility::kNetwork;
  Category category = Category::kOther;
  AddressVisibility address_visibility = AddressVisibility::kHidden;
  int8_t capacity = -1;  // CapacityStatus, or -1 without a report
  bool council_member = false, has_location = false, has_dated = false;
};

struct Snapshot {
  std::vector<std::shared_ptr<const Entry>> entries;  // by rank: sort key, then id
  std::vector<Facts> facts;                           // by rank
  std::shared_ptr<const Postings> postings;
  std::vector<std::string> ward_codes;  // the wards table, sorted
  std::chrono::nanoseconds build_time{0};

  // An estimate of the heap the snapshot holds (entries, rendered JSON, postings).
  size_t memory_bytes() const;
};

// The grid: cells of kCellDegrees of latitude by kCellDegrees of longitude (1.1 × 0.8 km in
// Sapporo).
inline constexpr double kCellDegrees = 0.01;
uint64_t cell_key(int64_t lat_cell, int64_t lon_cell);
int64_t cell_of(double degrees);

// The key of a gram of 1–3 code points (none of them U+0000).
uint64_t gram_key(const char32_t* cps, size_t n);
// The code points of valid UTF-8 (an invalid byte is taken as U+FFFD).
std::u32string code_points(std::string_view s);

}  // namespace directory_index

class DirectoryIndex {
 public:
  explicit DirectoryIndex(storage::Database& db) : db_(db) {}
  DirectoryIndex(const DirectoryIndex&) = delete;
  DirectoryIndex& operator=(const DirectoryIndex&) = delete;

  // The index of `db`, made (not yet built) on first use.
  static DirectoryIndex& of(storage::Database& db);

  // The current snapshot, built from SQLite first if there is none. Fails with Internal when
  // the build cannot read the database.
  Result<std::shared_ptr<const directory_index::Snapshot>> snapshot();

  // Builds the whole index from SQLite and publishes it.
  Status rebuild();

  // After a committed write that stored the change count `change`: reads the organizations
  // `ids` again (an id that is gone is dropped) and publishes a new snapshot. Nothing happens
  // when no snapshot was built yet.
  void refresh(const std::vector<std::string>& ids, int64_t change) noexcept;

  // Rebuilds the index when the database counts directory changes that no write_directory()
  // of this process made (another process wrote the directory). Cheap otherwise: one read.
  void catch_up() noexcept;

 private:
  Status rebuild_locked();

  storage::Database& db_;
  std::mutex write_mutex_;    // builds, refreshes, and the two below
  int64_t seen_ = 0;          // every change up to this count is in the snapshot
  std::vector<int64_t> own_;  // counts past seen_ of this process's writes, already refreshed
  std::atomic<std::shared_ptr<const directory_index::Snapshot>> current_;
};

// Records that the organization `organization_id` (or a service or hours owner's id, which is
// harmless) changes in the write_directory() transaction running on this thread. The store
// functions call it; a call outside write_directory() does nothing.
void note_directory_change(const std::string& organization_id);

namespace directory_index {
// Counts a directory change in the database (inside the write's transaction); returns the count.
int64_t count_change(storage::Connection& c);

// What write_directory() collects while its callback runs (on whichever thread runs it).
class ChangeScope {
 public:
  explicit ChangeScope(std::vector<std::string>& ids);
  ~ChangeScope();
  ChangeScope(const ChangeScope&) = delete;
  ChangeScope& operator=(const ChangeScope&) = delete;

 private:
  std::vector<std::string>* previous_;
};
}  // namespace directory_index

// db.write(fn) for a change to the directory: collects the organizations fn changes and, once
// the transaction has committed and before returning, refreshes them in the database's index.
// A failed or rolled-back write leaves the index as it was.
template <typename Fn>
auto write_directory(storage::Database& db, Fn&& fn) {
  std::vector<std::string> changed;
  int64_t change = 0;
  auto result = db.write([&](storage::Connection& c) {
    changed.clear();
    auto r = [&] {
      directory_index::ChangeScope scope(changed);
      return fn(c);
    }();
    if (r.ok() && !changed.empty()) change = directory_index::count_change(c);
    return r;
  });
  if (result.ok() && !changed.empty()) DirectoryIndex::of(db).refresh(changed, change);
  return result;
}

}  // namespace tsunagu::domain
