#include "domain/seed/network_seed.h"

#include "domain/accounts/accounts.h"
#include "domain/cases/cases.h"
#include "domain/cases/casework.h"
#include "domain/cases/transfers.h"
#include "domain/meetings/action_items.h"
#include "domain/meetings/meeting_input.h"
#include "domain/meetings/meetings.h"
#include "storage/database.h"

namespace tsunagu::domain {
namespace {

const RequestMeta kSeedMeta{"demo-seed", ""};

// The user an item is created as ("as": a user id of seed/20_accounts.json).
Result<Actor> seed_actor(storage::Connection& c, const Json& item) {
  auto as = item.find("as");
  if (as == item.end() || !as->is_string())
    return Error::InvalidArgument("needs \"as\": a user id");
  TRY_ASSIGN(auto user, find_user(c, as->get<std::string>()));
  if (!user) return Error::InvalidArgument("\"as\" is not a user of the demo");
  return actor_of(*user);
}

// `days` from today in Asia/Tokyo, as YYYY-MM-DD.
std::string day_from_today(const Clock& clock, int64_t days) {
  return format_date(add_days(tokyo_date(clock.now()), days));
}

int64_t integer_or(const Json& item, const char* key, int64_t fallback) {
  auto it = item.find(key);
  return it != item.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

// The item's own fields for the API's reader: seed-only keys turned into API fields.
Json without(Json item, std::initializer_list<const char*> keys) {
  for (const char* k : keys) item.erase(k);
  return item;
}

// A failure, named by the seed item it came from.
Status named(const Status& s, const std::string& what) {
  if (s.ok()) return s;
  return Error::InvalidArgument(what + ": " + s.error().to_string());
}
template <typename T>
Result<T> named(Result<T> r, const std::string& what) {
  if (r.ok()) return r;
  return Error::InvalidArgument(what + ": " + r.error().to_string());
}

Status load_action_items(storage::Connection& c, const Clock& clock, const Actor& actor,
                         const Meeting& m, const Json& items) {
  for (const auto& item : items) {
    Json body = without(item, {"due_in_days"});
    if (item.contains("due_in_days")) {
      body["due_on"] = day_from_today(clock, integer_or(item, "due_in_days", 0));
    }
    TRY_ASSIGN(auto fields, read_action_item_fields(body, true));
    TRY(insert_action_item(c, clock, actor, kSeedMeta, m.id, fields));
  }
  return Status::Ok();
}

}  // namespace

Result<int> load_case_seed(storage::Connection& c, const Clock& clock, const Json& items) {
  int created = 0;
  for (const auto& item : items) {
    std::string what = "case " + item.value("case_ref", std::string("?"));
    TRY_ASSIGN(Actor actor, named(seed_actor(c, item), what));
    Json body = without(item, {"as", "reviewed_days_ago"});
    if (item.contains("reviewed_days_ago")) {
      body["last_reviewed_on"] = day_from_today(clock, -integer_or(item, "reviewed_days_ago", 0));
    }
    TRY_ASSIGN(CaseFields fields, named(read_case_fields(body, true), what));
    TRY(named(insert_case(c, clock, actor, kSeedMeta, fields), what));
    ++created;
  }
  return created;
}

Result<int> load_meeting_seed(storage::Connection& c, const Clock& clock, const Json& items) {
  int created = 0;
  for (const auto& item : items) {
    std::string what = "meeting " + item.value("title", std::string("?"));
    TRY_ASSIGN(Actor actor, named(seed_actor(c, item), what));
    Json body = without(item, {"as", "in_days", "starts", "ends", "action_items"});
    std::string day = day_from_today(clock, integer_or(item, "in_days", 0));
    body["starts_at"] = day + "T" + item.value("starts", std::string("10:00")) + ":00+09:00";
    body["ends_at"] = day + "T" + item.value("ends", std::string("11:00")) + ":00+09:00";
    TRY_ASSIGN(MeetingFields fields, named(read_meeting_fields(body, true), what));
    TRY_ASSIGN(Meeting meeting, named(insert_meeting(c, clock, actor, kSeedMeta, fields), what));
    if (item.contains("action_items")) {
      TRY(named(load_action_items(c, clock, actor, meeting, item["action_items"]), what));
    }
    ++created;
  }
  return created;
}

namespace {

// The items' days before today as the field `field` (YYYY-MM-DD).
Json dated(const Json& item, const char* days_key, const char* field, const Clock& clock,
           std::initializer_list<const char*> drop) {
  Json body = without(item, drop);
  body.erase(days_key);
  body[field] = day_from_today(clock, -integer_or(item, days_key, 0));
  return body;
}

Status load_case_work(storage::Connection& c, const Clock& clock, const std::string& case_id,
                      const Json& item) {
  for (const auto& a : item.value("assessments", Json::array())) {
    TRY_ASSIGN(Actor nurse, seed_actor(c, a));
    Json body = dated(a, "assessed_days_ago", "assessed_on", clock, {"as", "determination"});
    TRY_ASSIGN(Assessment done,
               record_assessment(c, clock, nurse, kSeedMeta, case_id, read_new_assessment(body)));
    if (!a.contains("determination")) continue;
    TRY_ASSIGN(Actor coordinator, seed_actor(c, a["determination"]));
    TRY(record_determination(c, clock, coordinator, kSeedMeta, case_id, done.id,
                             read_new_determination(without(a["determination"], {"as"}))));
  }
  for (const auto& k : item.value("contacts", Json::array())) {
    TRY_ASSIGN(Actor actor, seed_actor(c, k));
    Json body = dated(k, "days_ago", "on", clock, {"as"});
    TRY(record_contact(c, clock, actor, kSeedMeta, case_id, read_new_contact(body)));
  }
  if (item.contains("transfer")) {
    TRY_ASSIGN(Actor actor, seed_actor(c, item["transfer"]));
    TRY(request_transfer(c, clock, actor, kSeedMeta, case_id,
                         read_new_transfer(without(item["transfer"], {"as"}))));
  }
  return Status::Ok();
}

}  // namespace

Result<int> load_casework_seed(storage::Connection& c, const Clock& clock, const Json& items) {
  int cases = 0;
  for (const auto& item : items) {
    std::string what = "casework of " + item.value("case_ref", std::string("?"));
    auto s = c.prepare("SELECT id FROM cases WHERE ward = ?1 AND case_ref = ?2");
    s.bind(1, item.value("ward", std::string())).bind(2, item.value("case_ref", std::string()));
    if (!s.step()) return Error::InvalidArgument(what + ": no such case in the seed");
    const std::string case_id = s.text(0);
    TRY(named(load_case_work(c, clock, case_id, item), what));
    ++cases;
  }
  return cases;
}

}  // namespace tsunagu::domain
