#include "domain/directory/directory_store.h"

#include <unordered_map>

#include <nlohmann/json.hpp>

#include "common/text.h"
#include "domain/base/json_column.h"
#include "domain/directory/directory_index.h"
#include "storage/database.h"

namespace tsunagu::domain::store {
namespace {

using nlohmann::json;

std::optional<double> optional_real(storage::Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return s.real(column);
}

// Binds the client-settable columns ?2 … ?19 shared by INSERT and UPDATE (?1 is the id).
void bind_fields(storage::Statement& s, const OrganizationFields& f) {
  s.bind(2, f.name)
      .bind(3, f.name_kana)
      .bind(4, f.description)
      .bind(5, to_string(f.category))
      .bind(6, f.district)
      .bind(7, f.address)
      .bind(8, to_string(f.address_visibility))
      .bind(9, f.lat)
      .bind(10, f.lon)
      .bind(11, f.phone)
      .bind(12, f.email)
      .bind(13, f.website)
      .bind(14, f.council_member)
      .bind(15, to_string(f.visibility))
      .bind(16, strings_to_json(f.tags))
      .bind(17, strings_to_json(f.languages))
      .bind(18, to_string(f.status));
}

void write_wards(storage::Connection& c, const std::string& id, const std::vector<std::string>& w) {
  c.prepare("DELETE FROM organization_wards WHERE organization_id = ?1").bind(1, id).run();
  for (const auto& ward : w) {
    c.prepare("INSERT OR IGNORE INTO organization_wards (organization_id, ward) VALUES (?1, ?2)")
        .bind(1, id)
        .bind(2, ward)
        .run();
  }
}

constexpr char kServiceColumns[] =
    "id, organization_id, name, description, eligibility, age_min, age_max, fee, how_to_apply, "
    "languages, status, version, created_at, updated_at";

Result<Service> service_from_row(storage::Statement& s) {
  Service v;
  v.id = s.text(0);
  v.organization_id = s.text(1);
  v.fields.name = s.text(2);
  v.fields.description = s.text(3);
  v.fields.eligibility = s.text(4);
  if (!s.is_null(5)) v.fields.age_min = static_cast<int>(s.int64(5));
  if (!s.is_null(6)) v.fields.age_max = static_cast<int>(s.int64(6));
  v.fields.fee = s.text(7);
  v.fields.how_to_apply = s.text(8);
  v.fields.languages = strings_from_json(s.text(9));
  TRY_ASSIGN(v.fields.status, decode_word<EntryStatus>(s.text(10)));
  v.version = s.int64(11);
  v.created_at = parse_stored_time(s.text(12));
  v.updated_at = parse_stored_time(s.text(13));
  return v;
}

void bind_service(storage::Statement& s, const Service& v) {
  s.bind(1, v.id)
      .bind(2, v.organization_id)
      .bind(3, v.fields.name)
      .bind(4, v.fields.description)
      .bind(5, v.fields.eligibility)
      .bind(6, v.fields.age_min)
      .bind(7, v.fields.age_max)
      .bind(8, v.fields.fee)
      .bind(9, v.fields.how_to_apply)
      .bind(10, strings_to_json(v.fields.languages))
      .bind(11, to_string(v.fields.status))
      .bind(12, v.version)
      .bind(13, format_utc(v.created_at))
      .bind(14, format_utc(v.updated_at));
}

std::string folded(const std::string& text) {
  auto f = fold_for_search(text);
  return f.ok() ? *f : text;
}

}  // namespace

HoursEntry hours_from_row(storage::Statement& s, int first) {
  HoursEntry h;
  std::string day = s.text(first);
  if (day.size() == 2 && day[0] == 'w') {
    h.weekday = day[1] - '0';
  } else if (auto d = parse_date(day); d.ok()) {
    h.date = *d;
  }
  h.opens = static_cast<int>(s.optional_int64(first + 1).value_or(0));
  h.closes = static_cast<int>(s.optional_int64(first + 2).value_or(0));
  h.closed = s.int64(first + 3) != 0;
  h.note = s.text(first + 4);
  return h;
}

const char* const kOrganizationColumns =
    "o.id, o.name, o.name_kana, o.description, o.category, o.district, o.address, "
    "o.address_visibility, o.lat, o.lon, o.phone, o.email, o.website, o.council_member, "
    "o.visibility, o.tags, o.languages, o.status, o.capacity_status, o.capacity_note, "
    "o.capacity_updated_at, o.version, o.created_at, o.updated_at";

Result<Organization> organization_from_row(storage::Statement& s) {
  Organization o;
  OrganizationFields& f = o.fields;
  o.id = s.text(0);
  f.name = s.text(1);
  f.name_kana = s.text(2);
  f.description = s.text(3);
  TRY_ASSIGN(f.category, decode_word<Category>(s.text(4)));
  f.district = s.text(5);
  f.address = s.text(6);
  TRY_ASSIGN(f.address_visibility, decode_word<AddressVisibility>(s.text(7)));
  f.lat = optional_real(s, 8);
  f.lon = optional_real(s, 9);
  f.phone = s.text(10);
  f.email = s.text(11);
  f.website = s.text(12);
  f.council_member = s.int64(13) != 0;
  TRY_ASSIGN(f.visibility, decode_word<Visibility>(s.text(14)));
  f.tags = strings_from_json(s.text(15));
  f.languages = strings_from_json(s.text(16));
  TRY_ASSIGN(f.status, decode_word<EntryStatus>(s.text(17)));
  if (!s.is_null(18)) {
    TRY_ASSIGN(const CapacityStatus capacity, decode_word<CapacityStatus>(s.text(18)));
    o.capacity = Capacity{capacity, s.text(19), parse_stored_time(s.text(20))};
  }
  o.version = s.int64(21);
  o.created_at = parse_stored_time(s.text(22));
  o.updated_at = parse_stored_time(s.text(23));
  return o;
}

void load_details(storage::Connection& c, Organization& o) {
  auto wards = c.prepare(
      "SELECT w.ward FROM organization_wards w JOIN wards r ON r.code = w.ward "
      "WHERE w.organization_id = ?1 ORDER BY r.position");
  wards.bind(1, o.id);
  while (wards.step()) o.fields.wards.push_back(wards.text(0));
  o.fields.hours = read_hours(c, o.id);
}

void load_details(storage::Connection& c, std::vector<Organization>& page) {
  if (page.empty()) return;
  // The ids travel as one JSON array parameter, so the statement text (and its cache entry)
  // does not depend on the page's size.
  json ids = json::array();
  std::unordered_map<std::string, Organization*> by_id;
  for (Organization& o : page) {
    ids.push_back(o.id);
    by_id.emplace(o.id, &o);
  }
  std::string id_list = ids.dump();
  auto wards = c.prepare(
      "SELECT w.organization_id, w.ward FROM organization_wards w JOIN wards r ON r.code = w.ward "
      "WHERE w.organization_id IN (SELECT value FROM json_each(?1)) "
      "ORDER BY w.organization_id, r.position");
  wards.bind(1, id_list);
  while (wards.step()) by_id.at(wards.text(0))->fields.wards.push_back(wards.text(1));
  auto hours = c.prepare(
      "SELECT owner_id, day, opens, closes, closed, note FROM opening_hours "
      "WHERE owner_id IN (SELECT value FROM json_each(?1)) ORDER BY owner_id, position");
  hours.bind(1, id_list);
  while (hours.step()) by_id.at(hours.text(0))->fields.hours.push_back(hours_from_row(hours, 1));
}

Result<std::optional<Organization>> load_organization(storage::Connection& c,
                                                      const std::string& id) {
  auto s = c.prepare(std::string("SELECT ") + kOrganizationColumns +
                     " FROM organizations o WHERE o.id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::optional<Organization>();
  TRY_ASSIGN(Organization o, organization_from_row(s));
  load_details(c, o);
  return std::optional(std::move(o));
}

namespace {

// An organization stored whole by `row` (an insert or an update whose parameters are the id,
// the fields from ?2, the version at ?19 and `stamp` at ?20), then its wards and hours.
void store_whole(storage::Connection& c, storage::Statement& row, const Organization& o,
                 TimePoint stamp) {
  note_directory_change(o.id);
  row.bind(1, o.id);
  bind_fields(row, o.fields);
  row.bind(19, o.version).bind(20, format_utc(stamp)).run();
  write_wards(c, o.id, o.fields.wards);
  write_hours(c, o.id, o.fields.hours);
}

}  // namespace

void insert_organization(storage::Connection& c, const Organization& o) {
  auto s = c.prepare(
      "INSERT INTO organizations (id, name, name_kana, description, category, district, address, "
      "address_visibility, lat, lon, phone, email, website, council_member, visibility, tags, "
      "languages, status, version, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
      "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)");
  store_whole(c, s, o, o.created_at);
}

void update_organization(storage::Connection& c, const Organization& o) {
  auto s = c.prepare(
      "UPDATE organizations SET name = ?2, name_kana = ?3, description = ?4, category = ?5, "
      "district = ?6, address = ?7, address_visibility = ?8, lat = ?9, lon = ?10, phone = ?11, "
      "email = ?12, website = ?13, council_member = ?14, visibility = ?15, tags = ?16, "
      "languages = ?17, status = ?18, version = ?19, updated_at = ?20 WHERE id = ?1");
  store_whole(c, s, o, o.updated_at);
}

void update_capacity(storage::Connection& c, const Organization& o) {
  note_directory_change(o.id);
  c.prepare(
       "UPDATE organizations SET capacity_status = ?2, capacity_note = ?3, "
       "capacity_updated_at = ?4, version = ?5, updated_at = ?6 WHERE id = ?1")
      .bind(1, o.id)
      .bind(2, to_string(o.capacity->status))
      .bind(3, o.capacity->note)
      .bind(4, format_utc(o.capacity->updated_at))
      .bind(5, o.version)
      .bind(6, format_utc(o.updated_at))
      .run();
}

Result<std::optional<Service>> load_service(storage::Connection& c, const std::string& id) {
  auto s = c.prepare(std::string("SELECT ") + kServiceColumns + " FROM services WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::optional<Service>();
  TRY_ASSIGN(Service v, service_from_row(s));
  v.fields.hours = read_hours(c, v.id);
  if (v.fields.hours.empty()) {
    v.fields.hours = read_hours(c, v.organization_id);
    v.hours_inherited = true;
  }
  return std::optional(std::move(v));
}

Result<std::vector<Service>> load_services(storage::Connection& c,
                                           const std::string& organization_id,
                                           const std::vector<HoursEntry>& org_hours,
                                           bool active_only) {
  auto s = c.prepare(std::string("SELECT ") + kServiceColumns +
                     " FROM services WHERE organization_id = ?1 AND (?2 = 0 OR status = 'active')"
                     " ORDER BY name, id");
  s.bind(1, organization_id).bind(2, active_only);
  std::vector<Service> out;
  while (s.step()) {
    TRY_ASSIGN(Service v, service_from_row(s));
    out.push_back(std::move(v));
  }
  for (Service& v : out) {
    v.fields.hours = read_hours(c, v.id);
    if (v.fields.hours.empty()) {
      v.fields.hours = org_hours;
      v.hours_inherited = true;
    }
  }
  return out;
}

void insert_service(storage::Connection& c, const Service& v) {
  note_directory_change(v.organization_id);
  auto s = c.prepare(std::string("INSERT INTO services (") + kServiceColumns +
                     ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  bind_service(s, v);
  s.run();
  write_hours(c, v.id, v.hours_inherited ? std::vector<HoursEntry>{} : v.fields.hours);
}

void update_service(storage::Connection& c, const Service& v) {
  // A service moved to another organization: its old one is reindexed (and so noted) too.
  note_directory_change(v.organization_id);
  auto s = c.prepare(
      "UPDATE services SET organization_id = ?2, name = ?3, description = ?4, eligibility = ?5, "
      "age_min = ?6, age_max = ?7, fee = ?8, how_to_apply = ?9, languages = ?10, status = ?11, "
      "version = ?12, created_at = ?13, updated_at = ?14 WHERE id = ?1");
  bind_service(s, v);
  s.run();
  write_hours(c, v.id, v.hours_inherited ? std::vector<HoursEntry>{} : v.fields.hours);
}

std::vector<HoursEntry> read_hours(storage::Connection& c, const std::string& owner_id) {
  auto s = c.prepare(
      "SELECT day, opens, closes, closed, note FROM opening_hours WHERE owner_id = ?1 "
      "ORDER BY position");
  s.bind(1, owner_id);
  std::vector<HoursEntry> out;
  while (s.step()) out.push_back(hours_from_row(s, 0));
  return out;
}

void write_hours(storage::Connection& c, const std::string& owner_id,
                 const std::vector<HoursEntry>& hours) {
  note_directory_change(owner_id);
  c.prepare("DELETE FROM opening_hours WHERE owner_id = ?1").bind(1, owner_id).run();
  int position = 0;
  for (const HoursEntry& h : hours) {
    std::string day = h.weekday ? "w" + std::to_string(*h.weekday) : format_date(*h.date);
    auto s = c.prepare(
        "INSERT INTO opening_hours (owner_id, position, day, opens, closes, end_min, closed, note) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    s.bind(1, owner_id).bind(2, position++).bind(3, day);
    if (h.closed) {
      s.bind_null(4).bind_null(5).bind_null(6);
    } else {
      s.bind(4, h.opens).bind(5, h.closes).bind(6, slot_end(h.opens, h.closes));
    }
    s.bind(7, h.closed).bind(8, h.note).run();
  }
}

Status reindex_organization(storage::Connection& c, const std::string& organization_id) {
  note_directory_change(organization_id);
  TRY_ASSIGN(std::optional<Organization> o, load_organization(c, organization_id));
  if (!o) return Status::Ok();
  const OrganizationFields& f = o->fields;
  std::string text = f.name + "\n" + f.name_kana + "\n" + f.description + "\n" + f.district;
  for (const auto& tag : f.tags) text += "\n" + tag;
  TRY_ASSIGN(std::vector<Service> services,
             load_services(c, organization_id, {}, /*active_only=*/true));
  for (const Service& v : services) {
    text += "\n" + v.fields.name + "\n" + v.fields.description + "\n" + v.fields.eligibility;
  }
  std::string search_text = folded(text);
  std::string sort_key = folded(f.name_kana.empty() ? f.name : f.name_kana);
  auto seq = c.prepare(
      "UPDATE organizations SET search_text = ?2, sort_key = ?3 WHERE id = ?1 RETURNING seq");
  seq.bind(1, organization_id).bind(2, search_text).bind(3, sort_key);
  if (!seq.step()) return Status::Ok();
  int64_t rowid = seq.int64(0);
  while (seq.step()) {
  }
  c.prepare("DELETE FROM organization_fts WHERE rowid = ?1").bind(1, rowid).run();
  c.prepare("INSERT INTO organization_fts (rowid, body) VALUES (?1, ?2)")
      .bind(1, rowid)
      .bind(2, search_text)
      .run();
  return Status::Ok();
}

}  // namespace tsunagu::domain::store
