#include "domain/directory/directory_index.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/log.h"
#include "domain/directory/directory_store.h"

namespace tsunagu::domain {
namespace directory_index {
namespace {

thread_local std::vector<std::string>* changes = nullptr;

using EntryPtr = std::shared_ptr<const Entry>;

// Days since 1970-01-01 of a stored day, or kNoValue when it is not a date as format_date()
// writes it (such a row could never equal the date the search compares it with).
int32_t stored_date(const std::string& day) {
  auto d = parse_date(day);
  if (!d.ok() || format_date(*d) != day) return kNoValue;
  return static_cast<int32_t>(std::chrono::sys_days(*d).time_since_epoch().count());
}

Slot slot_from(const std::string& day, std::optional<int64_t> opens, std::optional<int64_t> end) {
  Slot slot;
  if (day.size() == 2 && day[0] == 'w') {
    slot.day = day[1] - '0';
  } else {
    slot.dated = true;
    slot.day = stored_date(day);
  }
  if (opens) slot.opens = static_cast<int32_t>(*opens);
  if (end) slot.end = static_cast<int32_t>(*end);
  return slot;
}

// Reads the entries of `ids` (every organization when null) in one read transaction.
constexpr char kReadChanges[] =
    "SELECT CAST(value AS INTEGER) FROM server_meta WHERE key = 'directory_changes'";

int64_t read_changes(storage::Connection& c) {
  auto s = c.prepare(kReadChanges);
  return s.step() ? s.int64(0) : 0;
}

// Reads the entries of `ids` (every organization when null) in one read transaction, with the
// change count they reflect.
Result<std::vector<std::shared_ptr<Entry>>> load_entries(storage::Database& db,
                                                         const std::vector<std::string>* ids,
                                                         std::vector<std::string>& ward_codes,
                                                         int64_t& changes_seen) {
  std::string id_list;
  if (ids != nullptr) id_list = nlohmann::json(*ids).dump();
  auto only = [&](const char* column) {
    return ids == nullptr
               ? std::string()
               : std::string(" WHERE ") + column + " IN (SELECT value FROM json_each(?1))";
  };
  auto bind = [&](storage::Statement& s) {
    if (ids != nullptr) s.bind(1, id_list);
  };
  return db.read([&](storage::Connection& c) -> Result<std::vector<std::shared_ptr<Entry>>> {
    std::vector<std::shared_ptr<Entry>> out;
    std::unordered_map<std::string, Entry*> by_id;
    auto rows = c.prepare(std::string("SELECT ") + store::kOrganizationColumns +
                          ", o.search_text, o.sort_key FROM organizations o" + only("o.id"));
    bind(rows);
    while (rows.step()) {
      auto e = std::make_shared<Entry>();
      TRY_ASSIGN(e->organization, store::organization_from_row(rows));
      e->search_text = rows.text(24);
      e->sort_key = rows.text(25);
      by_id.emplace(e->organization.id, e.get());
      out.push_back(std::move(e));
    }
    // As store::load_details() orders and joins them.
    auto wards = c.prepare(
        "SELECT w.organization_id, w.ward FROM organization_wards w JOIN wards r ON r.code = "
        "w.ward" +
        only("w.organization_id") + " ORDER BY w.organization_id, r.position");
    bind(wards);
    while (wards.step()) {
      auto it = by_id.find(wards.text(0));
      if (it != by_id.end()) it->second->organization.fields.wards.push_back(wards.text(1));
    }
    auto listed =
        c.prepare("SELECT organization_id, ward FROM organization_wards" + only("organization_id"));
    bind(listed);
    while (listed.step()) {
      auto it = by_id.find(listed.text(0));
      if (it != by_id.end()) it->second->listed_wards.push_back(listed.text(1));
    }
    auto hours =
        c.prepare("SELECT owner_id, day, opens, closes, closed, note, end_min FROM opening_hours" +
                  only("owner_id") + " ORDER BY owner_id, position");
    bind(hours);
    while (hours.step()) {
      auto it = by_id.find(hours.text(0));
      if (it == by_id.end()) continue;  // a service's own hours
      it->second->organization.fields.hours.push_back(store::hours_from_row(hours, 1));
      it->second->slots.push_back(
          slot_from(hours.text(1), hours.optional_int64(2), hours.optional_int64(6)));
    }
    changes_seen = read_changes(c);
    ward_codes.clear();
    auto codes = c.prepare("SELECT code FROM wards ORDER BY code");
    while (codes.step()) ward_codes.push_back(codes.text(0));
    return out;
  });
}

void render(Entry& e) {
  e.has_capacity = e.organization.capacity.has_value();
  e.has_dated = std::any_of(e.slots.begin(), e.slots.end(), [](const Slot& s) { return s.dated; });
  e.json = render_organization(e.organization);
  if (e.organization.fields.address_visibility != AddressVisibility::kPublic) {
    Organization withheld = e.organization;
    withheld.fields.address.clear();
    withheld.fields.lat.reset();
    withheld.fields.lon.reset();
    withheld.address_withheld = true;
    e.json_withheld = render_organization(withheld);
  }
  std::sort(e.listed_wards.begin(), e.listed_wards.end());
}

// Slots that are weekly rows with times, as (weekday, opens, end).
template <typename Each>
void weekly_slots(const Entry& e, Each each) {
  for (const Slot& s : e.slots) {
    if (s.dated || s.day < 0 || s.day > 6 || s.opens == kNoValue || s.end == kNoValue) continue;
    each(s.day, s.opens, s.end);
  }
}

void build_weekly_open(const std::vector<EntryPtr>& entries, WeeklyOpen& w) {
  // A slot of day d covers [opens, min(end, 1440)) of d and [0, end - 1440) of d + 1 (the
  // SQL path's `m + 1440 < end_min`).
  for (auto& starts : w.starts) starts = {0};
  for (const EntryPtr& e : entries) {
    weekly_slots(*e, [&](int day, int opens, int end) {
      auto& today = w.starts[static_cast<size_t>(day)];
      today.push_back(std::clamp(opens, 0, 1440));
      today.push_back(std::clamp(end, 0, 1440));
      if (end > 1440)
        w.starts[static_cast<size_t>((day + 1) % 7)].push_back(std::min(end - 1440, 1440));
    });
  }
  size_t words = (entries.size() + 63) / 64;
  for (size_t d = 0; d < 7; ++d) {
    auto& starts = w.starts[d];
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    if (!starts.empty() && starts.back() >= 1440) starts.pop_back();
    w.open[d].assign(starts.size(), std::vector<uint64_t>(words, 0));
    w.counts[d].assign(starts.size(), 0);
  }
  // Sets the bits of `rank` in the stretches of day d that start in [from, to).
  auto mark = [&](size_t d, uint32_t rank, int from, int to) {
    auto& starts = w.starts[d];
    auto i =
        static_cast<size_t>(std::lower_bound(starts.begin(), starts.end(), from) - starts.begin());
    for (; i < starts.size() && starts[i] < to; ++i)
      w.open[d][i][rank / 64] |= uint64_t{1} << (rank % 64);
  };
  for (uint32_t rank = 0; rank < entries.size(); ++rank) {
    const Entry& e = *entries[rank];
    if (e.has_dated) {
      for (size_t d = 0; d < 7; ++d) mark(d, rank, 0, 1440);
      continue;
    }
    weekly_slots(e, [&](int day, int opens, int end) {
      mark(static_cast<size_t>(day), rank, opens, std::min(end, 1440));
      if (end > 1440) mark(static_cast<size_t>((day + 1) % 7), rank, 0, end - 1440);
    });
  }
  for (size_t d = 0; d < 7; ++d) {
    for (size_t i = 0; i < w.open[d].size(); ++i) {
      uint32_t n = 0;
      for (uint64_t word : w.open[d][i]) n += static_cast<uint32_t>(__builtin_popcountll(word));
      w.counts[d][i] = n;
    }
  }
}

void fill_facts(Snapshot& s) {
  s.facts.clear();
  s.facts.reserve(s.entries.size());
  for (const EntryPtr& e : s.entries) {
    const Organization& o = e->organization;
    const OrganizationFields& f = o.fields;
    Facts x;
    x.has_location = f.lat.has_value() && f.lon.has_value();
    if (x.has_location) {
      x.lat = *f.lat;
      x.lon = *f.lon;
    }
    x.status = f.status;
    x.visibility = f.visibility;
    x.category = f.category;
    x.address_visibility = f.address_visibility;
    x.capacity = o.capacity ? static_cast<int8_t>(o.capacity->status) : int8_t{-1};
    x.council_member = f.council_member;
    x.has_dated = e->has_dated;
    s.facts.push_back(x);
  }
}

bool listed_before(const EntryPtr& a, const EntryPtr& b) {
  if (a->sort_key != b->sort_key) return a->sort_key < b->sort_key;
  return a->organization.id < b->organization.id;
}

// True when the postings of `a` also serve `b` at the same rank.
bool same_indexed_fields(const Entry& a, const Entry& b) {
  const OrganizationFields& x = a.organization.fields;
  const OrganizationFields& y = b.organization.fields;
  auto same_slot = [](const Slot& s, const Slot& t) {
    return s.dated == t.dated && s.day == t.day && s.opens == t.opens && s.end == t.end;
  };
  return a.organization.id == b.organization.id && a.search_text == b.search_text &&
         a.sort_key == b.sort_key && x.category == y.category && a.listed_wards == b.listed_wards &&
         x.lat == y.lat && x.lon == y.lon &&
         std::equal(a.slots.begin(), a.slots.end(), b.slots.begin(), b.slots.end(), same_slot);
}

std::shared_ptr<const Postings> build_postings(const std::vector<EntryPtr>& entries) {
  auto p = std::make_shared<Postings>();
  std::vector<uint64_t> keys;
  for (uint32_t rank = 0; rank < entries.size(); ++rank) {
    const Entry& e = *entries[rank];
    const OrganizationFields& f = e.organization.fields;
    p->rank_of.emplace(e.organization.id, rank);
    std::u32string cps = code_points(e.search_text);
    keys.clear();
    for (size_t i = 0; i < cps.size(); ++i) {
      for (size_t n = 1; n <= 3 && i + n <= cps.size(); ++n) {
        bool has_nul = false;
        for (size_t k = i; k < i + n; ++k) has_nul = has_nul || cps[k] == 0;
        if (!has_nul) keys.push_back(gram_key(cps.data() + i, n));
      }
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (uint64_t k : keys) p->grams[k].push_back(rank);
    auto category = static_cast<size_t>(f.category);
    if (category < p->by_category.size()) p->by_category[category].push_back(rank);
    for (const std::string& w : e.listed_wards) {
      auto& list = p->by_ward[w];
      if (list.empty() || list.back() != rank) list.push_back(rank);
    }
    if (f.lat && f.lon) p->cells[cell_key(cell_of(*f.lat), cell_of(*f.lon))].push_back(rank);
  }
  build_weekly_open(entries, p->weekly_open);
  return p;
}

size_t string_bytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

size_t rendered_bytes(const RenderedJson& r) {
  return string_bytes(r.head) + string_bytes(r.before_stale) + string_bytes(r.before_distance) +
         string_bytes(r.tail);
}

}  // namespace

std::u32string code_points(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

uint64_t gram_key(const char32_t* cps, size_t n) {
  uint64_t key = 0;
  for (size_t i = 0; i < 3; ++i) key = (key << 21) | (i < n ? (cps[i] & 0x1FFFFF) : 0);
  return key;
}

int64_t cell_of(double degrees) { return static_cast<int64_t>(std::floor(degrees / kCellDegrees)); }

uint64_t cell_key(int64_t lat_cell, int64_t lon_cell) {
  return (static_cast<uint64_t>(lat_cell) << 32) ^ static_cast<uint64_t>(lon_cell & 0xFFFFFFFF);
}

size_t Snapshot::memory_bytes() const {
  size_t bytes =
      sizeof(Snapshot) + entries.capacity() * sizeof(EntryPtr) + facts.capacity() * sizeof(Facts);
  for (const EntryPtr& e : entries) {
    const OrganizationFields& f = e->organization.fields;
    bytes += sizeof(Entry) + 16;  // the shared_ptr's control block
    bytes += string_bytes(e->search_text) + string_bytes(e->sort_key);
    bytes += rendered_bytes(e->json) + rendered_bytes(e->json_withheld);
    for (const std::string* s : {&e->organization.id, &f.name, &f.name_kana, &f.description,
                                 &f.district, &f.address, &f.phone, &f.email, &f.website}) {
      bytes += string_bytes(*s);
    }
    bytes += e->slots.capacity() * sizeof(Slot) + f.hours.capacity() * sizeof(HoursEntry);
    bytes += (f.wards.size() + e->listed_wards.size() + f.tags.size() + f.languages.size()) *
             (sizeof(std::string) + 16);
  }
  if (postings) {
    // Hash nodes: key, vector, next pointer, cached hash.
    auto lists = [](const auto& map, size_t key_bytes) {
      size_t b = map.bucket_count() * sizeof(void*);
      for (const auto& [k, v] : map) b += key_bytes + sizeof(v) + 16 + v.capacity() * 4;
      return b;
    };
    bytes += lists(postings->grams, 8) + lists(postings->cells, 8) +
             lists(postings->by_ward, sizeof(std::string));
    for (const auto& v : postings->by_category) bytes += v.capacity() * 4;
    for (size_t d = 0; d < 7; ++d) {
      for (const auto& bits : postings->weekly_open.open[d]) bytes += bits.capacity() * 8 + 24;
      bytes += postings->weekly_open.starts[d].capacity() * 8;
    }
    bytes += postings->rank_of.bucket_count() * sizeof(void*) +
             postings->rank_of.size() * (sizeof(std::string) + 48);
  }
  return bytes;
}

int64_t count_change(storage::Connection& c) {
  auto s = c.prepare(
      "INSERT INTO server_meta (key, value) VALUES ('directory_changes', '1') "
      "ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) "
      "RETURNING CAST(value AS INTEGER)");
  int64_t n = s.step() ? s.int64(0) : 0;
  while (s.step()) {
  }
  return n;
}

ChangeScope::ChangeScope(std::vector<std::string>& ids) : previous_(changes) { changes = &ids; }
ChangeScope::~ChangeScope() { changes = previous_; }

}  // namespace directory_index

using directory_index::EntryPtr;
using directory_index::Snapshot;

void note_directory_change(const std::string& organization_id) {
  if (directory_index::changes != nullptr) directory_index::changes->push_back(organization_id);
}

DirectoryIndex& DirectoryIndex::of(storage::Database& db) {
  return db.attachment<DirectoryIndex>([&] { return std::make_unique<DirectoryIndex>(db); });
}

Result<std::shared_ptr<const Snapshot>> DirectoryIndex::snapshot() {
  if (auto s = current_.load(std::memory_order_acquire)) return s;
  std::lock_guard lock(write_mutex_);
  if (auto s = current_.load(std::memory_order_acquire)) return s;
  TRY(rebuild_locked());
  return current_.load(std::memory_order_acquire);
}

Status DirectoryIndex::rebuild() {
  std::lock_guard lock(write_mutex_);
  return rebuild_locked();
}

Status DirectoryIndex::rebuild_locked() {
  auto started = std::chrono::steady_clock::now();
  auto snapshot = std::make_shared<Snapshot>();
  int64_t seen = 0;
  TRY_ASSIGN(auto loaded, directory_index::load_entries(db_, nullptr, snapshot->ward_codes, seen));
  for (auto& e : loaded) {
    directory_index::render(*e);
    snapshot->entries.push_back(std::move(e));
  }
  std::sort(snapshot->entries.begin(), snapshot->entries.end(), directory_index::listed_before);
  snapshot->postings = directory_index::build_postings(snapshot->entries);
  directory_index::fill_facts(*snapshot);
  snapshot->build_time = std::chrono::steady_clock::now() - started;
  current_.store(std::move(snapshot), std::memory_order_release);
  seen_ = seen;
  std::erase_if(own_, [&](int64_t n) { return n <= seen_; });
  return Status::Ok();
}

void DirectoryIndex::refresh(const std::vector<std::string>& ids, int64_t change) noexcept {
  std::lock_guard lock(write_mutex_);
  std::shared_ptr<const Snapshot> old = current_.load(std::memory_order_acquire);
  if (!old) return;  // the first search builds it, from what is committed by then
  if (change > seen_) own_.push_back(change);
  std::sort(own_.begin(), own_.end());
  while (!own_.empty() && own_.front() <= seen_ + 1) {
    seen_ = std::max(seen_, own_.front());
    own_.erase(own_.begin());
  }
  try {
    auto started = std::chrono::steady_clock::now();
    std::vector<std::string> unique = ids;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    auto next = std::make_shared<Snapshot>();
    int64_t ignored = 0;  // catch_up() compares counts; a refresh reads only its own ids
    auto loaded = directory_index::load_entries(db_, &unique, next->ward_codes, ignored);
    if (!loaded.ok()) {
      LOG(kError) << "directory index: refresh failed (" << loaded.error().to_string()
                  << "); the next search rebuilds it";
      current_.store(nullptr, std::memory_order_release);
      return;
    }
    for (auto& e : *loaded) directory_index::render(*e);
    // Ids that are neither organizations before nor after (services, hours owners) drop out
    // here; an organization missing from `loaded` is gone.
    std::unordered_map<std::string, EntryPtr> fresh;
    for (auto& e : *loaded) fresh.emplace(e->organization.id, std::move(e));
    const auto& rank_of = old->postings->rank_of;
    bool same_postings = true;
    for (const std::string& id : unique) {
      auto was = rank_of.find(id);
      auto now = fresh.find(id);
      bool existed = was != rank_of.end(), exists = now != fresh.end();
      if (!existed && !exists) continue;
      if (existed != exists ||
          !directory_index::same_indexed_fields(*old->entries[was->second], *now->second)) {
        same_postings = false;
      }
    }
    next->entries = old->entries;
    if (same_postings) {
      for (auto& [id, e] : fresh) next->entries[rank_of.at(id)] = std::move(e);
      next->postings = old->postings;
    } else {
      std::erase_if(next->entries, [&](const EntryPtr& e) {
        return std::binary_search(unique.begin(), unique.end(), e->organization.id);
      });
      for (auto& [id, e] : fresh) next->entries.push_back(std::move(e));
      std::sort(next->entries.begin(), next->entries.end(), directory_index::listed_before);
      next->postings = directory_index::build_postings(next->entries);
    }
    directory_index::fill_facts(*next);
    next->build_time = std::chrono::steady_clock::now() - started;
    current_.store(std::move(next), std::memory_order_release);
  } catch (const std::exception& e) {
    LOG(kError) << "directory index: refresh failed (" << e.what()
                << "); the next search rebuilds it";
    current_.store(nullptr, std::memory_order_release);
  }
}

void DirectoryIndex::catch_up() noexcept {
  std::lock_guard lock(write_mutex_);
  if (!current_.load(std::memory_order_acquire)) return;
  try {
    auto stored = db_.read(
        [](storage::Connection& c) -> Result<int64_t> { return directory_index::read_changes(c); });
    if (!stored.ok() || *stored == seen_) return;
    // Counts this process made and already refreshed are not news; any other count is.
    int64_t reached = seen_;
    for (int64_t n : own_) {
      if (n == reached + 1) reached = n;
    }
    if (reached == *stored) {
      seen_ = reached;
      std::erase_if(own_, [&](int64_t n) { return n <= seen_; });
      return;
    }
    LOG(kInfo) << "directory index: the directory changed outside this process; rebuilding";
    auto rebuilt = rebuild_locked();
    if (!rebuilt.ok()) {
      LOG(kError) << "directory index: rebuild failed (" << rebuilt.error().to_string() << ")";
      current_.store(nullptr, std::memory_order_release);
    }
  } catch (const std::exception& e) {
    LOG(kError) << "directory index: catching up failed (" << e.what() << ")";
  }
}

}  // namespace tsunagu::domain
