#include "domain/directory/directory_search.h"

#include <cmath>

#include "common/text.h"
#include "domain/access/authorization.h"
#include "domain/base/wards.h"
#include "domain/base/where.h"
#include "domain/directory/directory_privacy.h"
#include "domain/directory/directory_store.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

constexpr double kKmPerDegreeLat = 111.32;
constexpr double kPi = 3.14159265358979323846;

// The wire names of `values`, as the values of a placeholder list (Where::param_list).
template <typename T, typename Name>
std::vector<Where::Value> names(const std::vector<T>& values, Name name) {
  std::vector<Where::Value> out;
  for (const T& v : values) out.emplace_back(std::string(name(v)));
  return out;
}

// Open at minute `m` of Tokyo date D: a slot of D (or D's exceptions, when it has any) that
// covers m, or a slot of D-1 that runs past midnight beyond m. One pass over the entry's hours
// (a handful of rows by primary key): dated rows always count, since having any makes them the
// day's hours; weekly rows count only when the day has no dated row, which is probed only for a
// weekly slot that would otherwise match.
void add_open_at(Where& f, TimePoint t) {
  TokyoTime now = to_tokyo(t);
  TokyoTime before = to_tokyo(t - std::chrono::hours(24));
  std::string m = f.param(int64_t{now.minute_of_day});
  auto no_dated_row = [](const std::string& date) {
    return "NOT EXISTS (SELECT 1 FROM opening_hours x WHERE x.owner_id = o.id AND x.day = " + date +
           ")";
  };
  std::string today = f.param(format_date(now.date));
  std::string weekday = f.param("w" + std::to_string(now.weekday));
  std::string yesterday = f.param(format_date(before.date));
  std::string last_weekday = f.param("w" + std::to_string(before.weekday));
  std::string covers = "h.opens <= " + m + " AND " + m + " < h.end_min";
  std::string runs_past = m + " + 1440 < h.end_min";
  f.add("EXISTS (SELECT 1 FROM opening_hours h WHERE h.owner_id = o.id AND ((h.day = " + today +
        " AND " + covers + ") OR (h.day = " + weekday + " AND " + covers + " AND " +
        no_dated_row(today) + ") OR (h.day = " + yesterday + " AND " + runs_past +
        ") OR (h.day = " + last_weekday + " AND " + runs_past + " AND " + no_dated_row(yesterday) +
        ")))");
}

// The squared distance in km² as an SQL expression (equirectangular projection at the origin).
std::string add_near(Where& f, const Actor* actor, const Near& near) {
  double kx = kKmPerDegreeLat * std::cos(near.lat * kPi / 180.0);
  double dlat = near.within_km / kKmPerDegreeLat;
  double dlon = kx > 1e-9 ? near.within_km / kx : 180.0;
  f.add("o.lat BETWEEN " + f.param(near.lat - dlat) + " AND " + f.param(near.lat + dlat));
  f.add("o.lon BETWEEN " + f.param(near.lon - dlon) + " AND " + f.param(near.lon + dlon));
  std::string levels = f.param_list(
      names(visible_address_levels(actor), [](AddressVisibility v) { return to_string(v); }));
  std::string own = actor && actor->organization_id ? f.param(*actor->organization_id) : "NULL";
  f.add("(o.address_visibility IN " + levels + " OR o.id = " + own + ")");
  std::string dx = "((o.lon - " + f.param(near.lon) + ") * " + f.param(kx) + ")";
  std::string dy = "((o.lat - " + f.param(near.lat) + ") * " + f.param(kKmPerDegreeLat) + ")";
  std::string d2 = "(" + dx + " * " + dx + " + " + dy + " * " + dy + ")";
  f.add(d2 + " <= " + f.param(near.within_km * near.within_km));
  return d2;
}

std::string fts_phrase(const std::string& term) {
  std::string out = "\"";
  for (char ch : term) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// `narrowed`: another filter (ward, category, district, near) already drives the search from an
// index to a few hundred rows. Then every word is checked with instr() on those rows: the
// trigram index answers a common word (保育園, こども食堂: ~1 500 of 5 000 entries) in ~2 ms,
// four times what reading the narrowed rows' text costs, and a rare one gains little. Both
// paths compare the same folded text, so they find the same entries.
void add_terms(Where& f, const std::vector<std::string>& terms, bool narrowed) {
  std::string match;
  for (const auto& term : terms) {
    if (!narrowed && utf8_length(term) >= 3) {
      match += (match.empty() ? "" : " ") + fts_phrase(term);
    } else {
      f.add("instr(o.search_text, " + f.param(term) + ") > 0");
    }
  }
  if (!match.empty()) {
    f.add("o.seq IN (SELECT rowid FROM organization_fts WHERE organization_fts MATCH " +
          f.param(match) + ")");
  }
}

}  // namespace

Result<std::vector<std::string>> search_terms(const std::string& q) {
  auto folded = fold_for_search(q);
  if (!folded.ok()) return Error::Malformed("q is not valid UTF-8.").add_field("q", "not UTF-8");
  std::vector<std::string> terms;
  size_t i = 0;
  const std::string& s = *folded;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) terms.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  if (terms.size() > 8) {
    return Error::Malformed("q has too many words (at most 8).").add_field("q", "at most 8 words");
  }
  return terms;
}

Result<OrganizationPage> search_organizations_sql(storage::Database& db, const Actor* actor,
                                                  const OrganizationQuery& query) {
  TRY(authorize(actor, Action::kOrganizationRead));
  TRY_ASSIGN(std::vector<std::string> terms, search_terms(query.q));
  Where f;
  // Anonymous callers see active public entries only; asking them for archived ones finds none.
  if (actor == nullptr) f.add("o.visibility = 'public' AND o.status = 'active'");
  f.add("o.status = " + f.param(to_string(query.status.value_or(EntryStatus::kActive))));
  if (!query.categories.empty()) {
    f.add("o.category IN " +
          f.param_list(names(query.categories, [](Category c) { return to_string(c); })));
  }
  if (!query.wards.empty()) {
    f.add("o.id IN (SELECT w.organization_id FROM organization_wards w WHERE w.ward IN " +
          f.param_list(names(query.wards, [](const std::string& w) { return w; })) + ")");
  }
  if (!query.district.empty()) f.add("o.district = " + f.param(query.district));
  if (query.council_member) {
    f.add("o.council_member = " + f.param(int64_t{*query.council_member ? 1 : 0}));
  }
  if (!query.capacity.empty() || query.capacity_unknown) {
    std::string known =
        query.capacity.empty()
            ? "0"
            : "o.capacity_status IN " + f.param_list(names(query.capacity, [](CapacityStatus c) {
                return to_string(c);
              }));
    f.add("(" + known + (query.capacity_unknown ? " OR o.capacity_status IS NULL)" : ")"));
  }
  add_terms(f, terms,
            !query.wards.empty() || !query.categories.empty() || !query.district.empty() ||
                query.near.has_value());
  if (query.open_at) add_open_at(f, *query.open_at);
  std::string d2 = query.near ? add_near(f, actor, *query.near) : "NULL";

  return db.read([&](storage::Connection& c) -> Result<OrganizationPage> {
    OrganizationPage page;
    for (const auto& ward : query.wards) {
      if (!is_ward(c, ward)) {
        return Error::Malformed("The parameter ward must list ward codes such as chuo.")
            .add_field("ward", "unknown ward " + ward);
      }
    }
    // One pass for the page and the total: the inner query evaluates the filters once over
    // narrow columns, counts every match (a window over the whole result, computed before
    // LIMIT) and keeps the page's row ids; only those rows are then read in full.
    // LIMIT and OFFSET are bound too, so every page shares one cached statement.
    int limit = f.size() + 1;
    std::string inner_order = query.near ? "d2, o.sort_key, o.id" : "o.sort_key, o.id";
    std::string outer_order = query.near ? "m.d2, m.sort_key, m.id" : "m.sort_key, m.id";
    auto rows = c.prepare(
        std::string("SELECT ") + store::kOrganizationColumns +
        ", m.d2, m.total FROM (SELECT o.seq AS seq, o.sort_key AS sort_key, o.id AS id, " + d2 +
        " AS d2, count(*) OVER () AS total FROM organizations o" + f.sql() + " ORDER BY " +
        inner_order + " LIMIT ?" + std::to_string(limit) + " OFFSET ?" + std::to_string(limit + 1) +
        ") m JOIN organizations o ON o.seq = m.seq ORDER BY " + outer_order);
    f.bind(rows);
    rows.bind(limit, int64_t{query.limit}).bind(limit + 1, query.offset);
    while (rows.step()) {
      TRY_ASSIGN(Organization o, store::organization_from_row(rows));
      if (!rows.is_null(24)) o.distance_km = std::sqrt(rows.real(24));
      page.total = rows.int64(25);
      page.items.push_back(std::move(o));
    }
    // A page past the end has no row to carry the total: count separately (rare).
    if (page.items.empty() && (query.offset > 0 || query.limit <= 0)) {
      auto count = c.prepare("SELECT count(*) FROM organizations o" + f.sql());
      f.bind(count);
      if (count.step()) page.total = count.int64(0);
    }
    store::load_details(c, page.items);
    for (Organization& o : page.items) redact_for(actor, o);
    return page;
  });
}

}  // namespace tsunagu::domain
