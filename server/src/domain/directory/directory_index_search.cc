// search_organizations() and search_organizations_json() over the directory index: the same
// rules as search_organizations_sql() (directory_search.cc), evaluated on one snapshot.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <string_view>
#include <utility>

#include "domain/access/authorization.h"
#include "domain/directory/directory_index.h"
#include "domain/directory/directory_privacy.h"
#include "domain/directory/directory_search.h"

namespace tsunagu::domain {
namespace {

using directory_index::Entry;
using directory_index::kNoValue;
using directory_index::Snapshot;
using Ranks = std::vector<uint32_t>;

constexpr double kKmPerDegreeLat = 111.32;
constexpr double kPi = 3.14159265358979323846;
// More grid cells than this in a near box (a radius of tens of km): scan instead.
constexpr size_t kMaxCells = 2048;

const Ranks kNone;

struct Term {
  std::string text;
  bool exact = false;            // the gram is the whole term: its posting list is the answer
  const Ranks* rarest = &kNone;  // the shortest posting list among its grams
};

struct OpenAt {
  int32_t minute, today, weekday, yesterday, last_weekday;
  const std::vector<uint64_t>* weekly = nullptr;  // WeeklyOpen's bitset for the minute
  uint32_t count = 0;                             // its bits set
};

bool bit(const std::vector<uint64_t>& bits, uint32_t rank) {
  return (bits[rank / 64] >> (rank % 64)) & 1;
}

struct NearBox {
  double lat, lon, kx, lat_lo, lat_hi, lon_lo, lon_hi, r2, dlat, dlon;
  bool levels[3];  // AddressVisibility → visible in every entry
  const std::string* own;
};

int32_t day_number(Date d) {
  return static_cast<int32_t>(std::chrono::sys_days(d).time_since_epoch().count());
}

// The search's conditions on one snapshot.
class Matcher {
 public:
  Matcher(const Snapshot& s, const Actor* actor, const OrganizationQuery& q,
          std::vector<std::string> terms)
      : s_(s), actor_(actor), q_(q), status_(q.status.value_or(EntryStatus::kActive)) {
    const auto& grams = s.postings->grams;
    for (std::string& text : terms) {
      Term t;
      std::u32string cps = directory_index::code_points(text);
      bool has_nul = std::find(cps.begin(), cps.end(), U'\0') != cps.end();
      size_t n = std::min<size_t>(cps.size(), 3);
      t.exact = cps.size() <= 3 && !has_nul;
      if (!has_nul) {
        for (size_t i = 0; i + n <= cps.size(); ++i) {
          auto it = grams.find(directory_index::gram_key(cps.data() + i, n));
          const Ranks* list = it == grams.end() ? &kNone : &it->second;
          if (i == 0 || list->size() < t.rarest->size()) t.rarest = list;
        }
      } else {
        t.rarest = nullptr;  // checked by substring only
      }
      t.text = std::move(text);
      terms_.push_back(std::move(t));
    }
    if (q.open_at) {
      TokyoTime now = to_tokyo(*q.open_at);
      TokyoTime before = to_tokyo(*q.open_at - std::chrono::hours(24));
      open_at_ = OpenAt{now.minute_of_day, day_number(now.date), static_cast<int32_t>(now.weekday),
                        day_number(before.date), static_cast<int32_t>(before.weekday)};
      const auto& weekly = s.postings->weekly_open;
      auto day = static_cast<size_t>(now.weekday % 7);
      const auto& starts = weekly.starts[day];
      auto i = std::upper_bound(starts.begin(), starts.end(), now.minute_of_day) - starts.begin();
      if (i > 0) {
        open_at_->weekly = &weekly.open[day][static_cast<size_t>(i - 1)];
        open_at_->count = weekly.counts[day][static_cast<size_t>(i - 1)];
      }
    }
    if (q.near) {
      // The same arithmetic, in the same order, as the SQL path's expressions (plain IEEE
      // doubles on both sides, no fused multiply-add on the x86-64 baseline), so the same
      // entries fall inside and the distances order the same.
      const Near& n = *q.near;
      NearBox b{};
      b.lat = n.lat;
      b.lon = n.lon;
      b.kx = kKmPerDegreeLat * std::cos(n.lat * kPi / 180.0);
      b.dlat = n.within_km / kKmPerDegreeLat;
      b.dlon = b.kx > 1e-9 ? n.within_km / b.kx : 180.0;
      b.lat_lo = n.lat - b.dlat;
      b.lat_hi = n.lat + b.dlat;
      b.lon_lo = n.lon - b.dlon;
      b.lon_hi = n.lon + b.dlon;
      b.r2 = n.within_km * n.within_km;
      for (AddressVisibility v : visible_address_levels(actor)) {
        b.levels[static_cast<size_t>(v)] = true;
      }
      b.own = actor != nullptr && actor->organization_id ? &*actor->organization_id : nullptr;
      near_ = b;
    }
  }

  // True when the entry at `rank` matches; sets *d2 (km²) with near.
  // The conditions on Facts first, then the posting lists, then what needs the Entry.
  bool matches(uint32_t rank, double* d2) const {
    const directory_index::Facts& x = s_.facts[rank];
    if (x.status != status_) return false;
    if (actor_ == nullptr &&
        (x.visibility != Visibility::kPublic || x.status != EntryStatus::kActive)) {
      return false;
    }
    if (!q_.categories.empty() &&
        std::find(q_.categories.begin(), q_.categories.end(), x.category) == q_.categories.end()) {
      return false;
    }
    if (q_.council_member && x.council_member != *q_.council_member) return false;
    if ((!q_.capacity.empty() || q_.capacity_unknown) && !capacity_matches(x)) return false;
    if (near_ && !near(x, rank, d2)) return false;
    if (open_at_ && !x.has_dated &&
        !(open_at_->weekly != nullptr && bit(*open_at_->weekly, rank))) {
      return false;
    }
    for (const Term& t : terms_) {
      if (t.exact && !std::binary_search(t.rarest->begin(), t.rarest->end(), rank)) return false;
    }
    bool needs_entry = !q_.wards.empty() || !q_.district.empty() || (open_at_ && x.has_dated);
    for (const Term& t : terms_) needs_entry = needs_entry || !t.exact;
    if (!needs_entry) return true;
    const Entry& e = *s_.entries[rank];
    if (!q_.wards.empty() && !listed_in_wards(e)) return false;
    if (!q_.district.empty() && e.organization.fields.district != q_.district) return false;
    for (const Term& t : terms_) {
      if (!t.exact && !contains(e, rank, t)) return false;
    }
    if (open_at_ && x.has_dated && !open_at(e, rank)) return false;
    return true;
  }

  // The bitset of the entries open at open_at's minute by their weekly slots (and every entry
  // with dated rows) when it is the shortest way to every match; null otherwise.
  const std::vector<uint64_t>* open_candidates(const Ranks* list) const {
    if (!open_at_ || open_at_->weekly == nullptr) return nullptr;
    size_t others = list != nullptr ? list->size() : s_.entries.size();
    return open_at_->count < others ? open_at_->weekly : nullptr;
  }

  // The shortest list of candidates that holds every match, as sorted ranks (grid cells: in
  // any order, only with near); null: every entry. `storage` holds a union of several lists.
  const Ranks* candidates(Ranks& storage) const {
    bool chosen = false, from_cells = false;
    size_t best = s_.entries.size();
    std::vector<const Ranks*> lists;
    auto offer = [&](std::vector<const Ranks*> parts, bool are_cells = false) {
      size_t size = 0;
      for (const Ranks* r : parts) size += r->size();
      if (size < best || (!chosen && parts.size() == 1 && size == best)) {
        best = size;
        lists = std::move(parts);
        chosen = true;
        from_cells = are_cells;
      }
    };
    for (const Term& t : terms_) {
      if (t.rarest != nullptr) offer({t.rarest});
    }
    if (!q_.categories.empty()) {
      std::vector<const Ranks*> parts;
      std::vector<Category> seen;
      for (Category c : q_.categories) {
        if (std::find(seen.begin(), seen.end(), c) != seen.end()) continue;
        seen.push_back(c);
        auto i = static_cast<size_t>(c);
        parts.push_back(i < s_.postings->by_category.size() ? &s_.postings->by_category[i]
                                                            : &kNone);
      }
      offer(std::move(parts));
    }
    if (!q_.wards.empty()) {
      std::vector<const Ranks*> parts;
      std::vector<std::string_view> seen;
      for (const std::string& w : q_.wards) {
        if (std::find(seen.begin(), seen.end(), w) != seen.end()) continue;
        seen.push_back(w);
        auto it = s_.postings->by_ward.find(w);
        parts.push_back(it == s_.postings->by_ward.end() ? &kNone : &it->second);
      }
      offer(std::move(parts));
    }
    if (near_) {
      int64_t lat0 = directory_index::cell_of(near_->lat_lo);
      int64_t lat1 = directory_index::cell_of(near_->lat_hi);
      int64_t lon0 = directory_index::cell_of(near_->lon_lo);
      int64_t lon1 = directory_index::cell_of(near_->lon_hi);
      auto cells = static_cast<double>(lat1 - lat0 + 1) * static_cast<double>(lon1 - lon0 + 1);
      if (cells <= kMaxCells) {
        std::vector<const Ranks*> parts;
        for (int64_t a = lat0; a <= lat1; ++a) {
          for (int64_t b = lon0; b <= lon1; ++b) {
            auto it = s_.postings->cells.find(directory_index::cell_key(a, b));
            if (it != s_.postings->cells.end()) parts.push_back(&it->second);
          }
        }
        offer(std::move(parts), true);
      }
    }
    if (!chosen) return nullptr;
    if (lists.size() == 1) return lists[0];
    storage.clear();
    storage.reserve(best);
    for (const Ranks* r : lists) storage.insert(storage.end(), r->begin(), r->end());
    if (from_cells) return &storage;  // disjoint, and a near search orders its matches itself
    std::sort(storage.begin(), storage.end());
    storage.erase(std::unique(storage.begin(), storage.end()), storage.end());
    return &storage;
  }

 private:
  bool listed_in_wards(const Entry& e) const {
    for (const std::string& w : e.listed_wards) {
      if (std::find(q_.wards.begin(), q_.wards.end(), w) != q_.wards.end()) return true;
    }
    return false;
  }

  bool capacity_matches(const directory_index::Facts& x) const {
    if (x.capacity < 0) return q_.capacity_unknown;
    return std::find(q_.capacity.begin(), q_.capacity.end(),
                     static_cast<CapacityStatus>(x.capacity)) != q_.capacity.end();
  }

  // instr(search_text, term) > 0.
  static bool contains(const Entry& e, uint32_t rank, const Term& t) {
    if (t.exact) return std::binary_search(t.rarest->begin(), t.rarest->end(), rank);
    if (t.rarest != nullptr && !std::binary_search(t.rarest->begin(), t.rarest->end(), rank)) {
      return false;
    }
    return memmem(e.search_text.data(), e.search_text.size(), t.text.data(), t.text.size()) !=
           nullptr;
  }

  // Open at minute m of Tokyo date D: a slot of D (or of D's dated rows, when it has any) that
  // covers m, or a slot of D-1 (likewise) that runs past midnight beyond m.
  bool open_at(const Entry& e, uint32_t rank) const {
    const OpenAt& a = *open_at_;
    if (!e.has_dated) return a.weekly != nullptr && bit(*a.weekly, rank);
    bool dated_today = false, dated_yesterday = false;
    for (const auto& slot : e.slots) {
      if (!slot.dated) continue;
      dated_today = dated_today || slot.day == a.today;
      dated_yesterday = dated_yesterday || slot.day == a.yesterday;
    }
    for (const auto& slot : e.slots) {
      bool covers = slot.opens != kNoValue && slot.end != kNoValue && slot.opens <= a.minute &&
                    a.minute < slot.end;
      bool runs_past = slot.end != kNoValue && a.minute + 1440 < slot.end;
      if (slot.dated) {
        if ((slot.day == a.today && covers) || (slot.day == a.yesterday && runs_past)) return true;
      } else {
        if (slot.day == a.weekday && covers && !dated_today) return true;
        if (slot.day == a.last_weekday && runs_past && !dated_yesterday) return true;
      }
    }
    return false;
  }

  bool near(const directory_index::Facts& x, uint32_t rank, double* d2) const {
    const NearBox& b = *near_;
    if (!x.has_location) return false;
    double lat = x.lat, lon = x.lon;
    if (!(lat >= b.lat_lo && lat <= b.lat_hi && lon >= b.lon_lo && lon <= b.lon_hi)) return false;
    auto level = static_cast<size_t>(x.address_visibility);
    if (!(level < 3 && b.levels[level]) &&
        !(b.own != nullptr && *b.own == s_.entries[rank]->organization.id)) {
      return false;
    }
    double dx = (lon - b.lon) * b.kx;
    double dy = (lat - b.lat) * kKmPerDegreeLat;
    double d = dx * dx + dy * dy;
    if (!(d <= b.r2)) return false;
    *d2 = d;
    return true;
  }

  const Snapshot& s_;
  const Actor* actor_;
  const OrganizationQuery& q_;
  EntryStatus status_;
  std::vector<Term> terms_;
  std::optional<OpenAt> open_at_;
  std::optional<NearBox> near_;
};

struct Hit {
  uint32_t rank;
  double d2;
};

struct Found {
  std::shared_ptr<const Snapshot> snapshot;
  std::vector<Hit> page;
  int64_t total = 0;
};

Result<Found> find(storage::Database& db, const Actor* actor, const OrganizationQuery& query) {
  TRY(authorize(actor, Action::kOrganizationRead));
  TRY_ASSIGN(std::vector<std::string> terms, search_terms(query.q));
  TRY_ASSIGN(auto snapshot, DirectoryIndex::of(db).snapshot());
  for (const auto& ward : query.wards) {
    if (!std::binary_search(snapshot->ward_codes.begin(), snapshot->ward_codes.end(), ward)) {
      return Error::Malformed("The parameter ward must list ward codes such as chuo.")
          .add_field("ward", "unknown ward " + ward);
    }
  }
  Found found;
  found.snapshot = snapshot;
  Matcher m(*snapshot, actor, query, std::move(terms));
  // As SQLite reads LIMIT and OFFSET: a negative limit is none, a negative offset is 0.
  uint64_t offset = query.offset < 0 ? 0 : static_cast<uint64_t>(query.offset);
  uint64_t limit = query.limit < 0 ? UINT64_MAX : static_cast<uint64_t>(query.limit);
  auto in_page = [&](uint64_t i) { return i >= offset && i - offset < limit; };
  Ranks storage;
  const Ranks* candidates = m.candidates(storage);
  const std::vector<uint64_t>* open = m.open_candidates(candidates);
  auto visit = [&](auto&& each) {
    if (open != nullptr) {
      for (size_t w = 0; w < open->size(); ++w) {
        for (uint64_t word = (*open)[w]; word != 0; word &= word - 1) {
          each(static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(word))));
        }
      }
    } else if (candidates != nullptr) {
      for (uint32_t r : *candidates) each(r);
    } else {
      for (uint32_t r = 0; r < snapshot->entries.size(); ++r) each(r);
    }
  };
  if (query.near) {
    std::vector<Hit> hits;
    visit([&](uint32_t r) {
      double d2 = 0;
      if (m.matches(r, &d2)) hits.push_back({r, d2});
    });
    auto closer = [](const Hit& a, const Hit& b) {
      return a.d2 != b.d2 ? a.d2 < b.d2 : a.rank < b.rank;
    };
    found.total = static_cast<int64_t>(hits.size());
    uint64_t end =
        limit == UINT64_MAX ? hits.size() : std::min<uint64_t>(hits.size(), offset + limit);
    if (offset < end) {
      std::partial_sort(hits.begin(), hits.begin() + static_cast<ptrdiff_t>(end), hits.end(),
                        closer);
      found.page.assign(hits.begin() + static_cast<ptrdiff_t>(offset),
                        hits.begin() + static_cast<ptrdiff_t>(end));
    }
  } else {
    uint64_t n = 0;
    visit([&](uint32_t r) {
      double unused = 0;
      if (!m.matches(r, &unused)) return;
      if (in_page(n)) found.page.push_back({r, 0});
      ++n;
    });
    found.total = static_cast<int64_t>(n);
  }
  return found;
}

}  // namespace

Result<OrganizationPage> search_organizations(storage::Database& db, const Actor* actor,
                                              const OrganizationQuery& query) {
  TRY_ASSIGN(Found found, find(db, actor, query));
  OrganizationPage page;
  page.total = found.total;
  page.items.reserve(found.page.size());
  for (const Hit& hit : found.page) {
    Organization o = found.snapshot->entries[hit.rank]->organization;
    if (query.near) o.distance_km = std::sqrt(hit.d2);
    redact_for(actor, o);
    page.items.push_back(std::move(o));
  }
  return page;
}

Result<OrganizationPageJson> search_organizations_json(storage::Database& db, const Actor* actor,
                                                       const OrganizationQuery& query,
                                                       TimePoint now) {
  TRY_ASSIGN(Found found, find(db, actor, query));
  OrganizationPageJson out;
  out.total = found.total;
  size_t size = 2;
  for (const Hit& hit : found.page) {
    const auto& j = found.snapshot->entries[hit.rank]->json;
    size += j.head.size() + j.before_stale.size() + j.before_distance.size() + j.tail.size() + 48;
  }
  out.items.reserve(size);
  out.items += '[';
  bool first = true;
  for (const Hit& hit : found.page) {
    const Entry& e = *found.snapshot->entries[hit.rank];
    const Organization& o = e.organization;
    bool shown = may_see_address(actor, o.id, o.fields.address_visibility);
    std::optional<double> distance;
    if (query.near && shown) distance = std::sqrt(hit.d2);
    if (!first) out.items += ',';
    first = false;
    append_organization(out.items, shown ? e.json : e.json_withheld, o.capacity, now, distance);
  }
  out.items += ']';
  return out;
}

}  // namespace tsunagu::domain
