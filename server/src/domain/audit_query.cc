#include "domain/audit_query.h"

#include "domain/authorization.h"
#include "storage/database.h"

namespace tsunagu::domain::audit {
namespace {

// Every filter is optional: "?n IS NULL OR …" keeps one statement (and one cached plan).
constexpr char kWhere[] =
    " WHERE (?1 IS NULL OR actor_id = ?1 OR actor_username = ?1)"
    " AND (?2 IS NULL OR case_id = ?2)"
    " AND (?3 IS NULL OR organization_id = ?3)"
    " AND (?4 IS NULL OR at >= ?4)"
    " AND (?5 IS NULL OR at < ?5)";

std::string describe(const Filter& f) {
  std::string out;
  auto add = [&](const char* name, const std::optional<std::string>& v) {
    if (v) out += (out.empty() ? "" : " ") + std::string(name) + "=" + *v;
  };
  add("actor", f.actor);
  add("case_id", f.case_id);
  add("organization_id", f.organization_id);
  if (f.from) add("from", format_utc(*f.from));
  if (f.to) add("to", format_utc(*f.to));
  return out.empty() ? "all entries" : out;
}

}  // namespace

Result<Page> search(storage::Database& db, const Clock& clock, const Actor& actor,
                    const RequestMeta& meta, const Filter& filter) {
  TRY(authorize(&actor, Action::kAuditRead));
  std::optional<std::string> from, to;
  if (filter.from) from = format_utc(*filter.from);
  if (filter.to) to = format_utc(*filter.to);
  return db.write([&](storage::Connection& c) -> Result<Page> {
    Page page;
    auto bind = [&](storage::Statement& s) {
      s.bind(1, filter.actor).bind(2, filter.case_id).bind(3, filter.organization_id);
      s.bind(4, from).bind(5, to);
    };
    auto count = c.prepare(std::string("SELECT count(*) FROM audit_log") + kWhere);
    bind(count);
    count.step();
    page.total = count.int64(0);
    auto rows = c.prepare(
        std::string("SELECT seq, at, actor_id, actor_username, actor_role, action, resource_type,"
                    " resource_id, case_id, organization_id, request_id, source_address, detail"
                    " FROM audit_log") +
        kWhere + " ORDER BY seq DESC LIMIT ?6 OFFSET ?7");
    bind(rows);
    rows.bind(6, filter.limit).bind(7, filter.offset);
    while (rows.step()) {
      Record r;
      r.seq = rows.int64(0);
      r.at = parse_stored_time(rows.text(1));
      r.actor_id = rows.optional_text(2);
      r.actor_username = rows.optional_text(3);
      r.actor_role = rows.optional_text(4);
      r.action = rows.text(5);
      r.resource_type = rows.text(6);
      r.resource_id = rows.optional_text(7);
      r.case_id = rows.optional_text(8);
      r.organization_id = rows.optional_text(9);
      r.request_id = rows.optional_text(10);
      r.source_address = rows.optional_text(11);
      r.detail = rows.optional_text(12);
      page.items.push_back(std::move(r));
    }
    // Recorded after the query, so a search does not find itself. The filter goes into the
    // detail only: searching for a household is not an access to it.
    append(
        c, clock, &actor, meta,
        {"audit.search", "audit_log", std::nullopt, std::nullopt, std::nullopt, describe(filter)});
    return page;
  });
}

Result<Verification> verify_for(storage::Database& db, const Clock& clock, const Actor& actor,
                                const RequestMeta& meta) {
  TRY(authorize(&actor, Action::kAuditRead));
  TRY_ASSIGN(Verification v, verify(db));
  std::string detail = v.ok ? "ok, " + std::to_string(v.entries) + " entries"
                            : "broken at " + std::to_string(v.broken_at.value_or(0));
  TRY(db.write([&](storage::Connection& c) -> Status {
    append(c, clock, &actor, meta,
           {"audit.verify", "audit_log", std::nullopt, std::nullopt, std::nullopt, detail});
    return Status::Ok();
  }));
  return v;
}

}  // namespace tsunagu::domain::audit
