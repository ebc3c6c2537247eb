#include "domain/audit/audit_query.h"

#include "domain/access/authorization.h"
#include "domain/base/wards.h"
#include "domain/base/where.h"
#include "storage/database.h"

namespace tsunagu::domain::audit {
namespace {

std::string describe(const Filter& f) {
  std::string out;
  auto add = [&](const char* name, const std::optional<std::string>& v) {
    if (v) out += (out.empty() ? "" : " ") + std::string(name) + "=" + *v;
  };
  add("actor", f.actor);
  add("case_id", f.case_id);
  add("organization_id", f.organization_id);
  add("case_ref", f.case_ref);
  add("ward", f.ward);
  if (f.from) add("from", format_utc(*f.from));
  if (f.to) add("to", format_utc(*f.to));
  return out.empty() ? "all entries" : out;
}

// The user an `actor` filter names, by id or username (nullopt: no such user).
std::optional<std::string> resolve_actor(storage::Connection& c, const std::string& actor) {
  auto s = c.prepare("SELECT id FROM users WHERE id = ?1 OR username = ?1");
  s.bind(1, actor);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

// The WHERE clause of search_query(), to bind.
Where search_where(const Filter& f, const std::optional<std::string>& actor_id) {
  Where w;
  // Only the filters that are set, each in a form an index serves (audit_log_case,
  // audit_log_actor, audit_log_organization, audit_log_at), so "who saw this household" reads
  // that household's entries rather than the whole log.
  if (actor_id) {
    w.add("actor_id = ?", {*actor_id});
  } else if (f.actor) {
    w.add("actor_username = ?", {*f.actor});  // nobody by that id or name today: the log's own word
  }
  // A household's entries: those naming it (audit_log_case), and the list pages that showed it
  // to an organization (audit::list_page): only an organization its referrals were sent to can
  // have listed it, so those organizations' entries (audit_log_organization) are searched for
  // it, not every page of the log.
  if (f.case_id) {
    w.add_each(
        "seq IN (SELECT seq FROM audit_log WHERE case_id = ?"
        " UNION ALL SELECT p.seq FROM audit_log p WHERE p.organization_id IN"
        " (SELECT r.organization_id FROM referrals r WHERE r.case_id = ?"
        " AND r.sent_at IS NOT NULL) AND p.listed IS NOT NULL AND EXISTS"
        " (SELECT 1 FROM json_each(p.listed) WHERE json_extract(value, '$.case_id') = ?))",
        *f.case_id);
  }
  if (f.organization_id) w.add("organization_id = ?", {*f.organization_id});
  // A ward's cases by its own index (cases_ward_status), then each case's entries by
  // audit_log_case; and the list pages that showed one of the ward's referrals
  // (audit_log_listed). With case_ref the case is resolved to case_id before this point.
  if (f.ward && !f.case_ref) {
    w.add_each(
        "seq IN (SELECT seq FROM audit_log WHERE case_id IN"
        " (SELECT id FROM cases WHERE ward = ?)"
        " UNION ALL SELECT p.seq FROM audit_log p WHERE p.listed IS NOT NULL AND EXISTS"
        " (SELECT 1 FROM json_each(p.listed) WHERE json_extract(value, '$.ward') = ?))",
        *f.ward);
  }
  if (f.from) w.add("at >= ?", {format_utc(*f.from)});
  if (f.to) w.add("at < ?", {format_utc(*f.to)});
  return w;
}

}  // namespace

SearchQuery search_query(const Filter& f, const std::optional<std::string>& actor_id) {
  Where w = search_where(f, actor_id);
  SearchQuery q{w.sql(), {}};
  for (const Where::Value& v : w.values()) q.params.push_back(std::get<std::string>(v));
  return q;
}

Result<Page> search(storage::Database& db, const Clock& clock, const Actor& actor,
                    const RequestMeta& meta, const Filter& filter) {
  TRY(authorize(&actor, Action::kAuditRead));
  if (filter.case_ref && !filter.ward) {
    return Error::Malformed("The parameter case_ref needs ward.")
        .add_field("case_ref", "needs ward: a case number is unique within its ward only");
  }
  return db.write([&](storage::Connection& c) -> Result<Page> {
    Page page;
    std::optional<std::string> actor_id;
    if (filter.actor) actor_id = resolve_actor(c, *filter.actor);
    TRY(check_ward_param(c, filter.ward));
    Filter effective = filter;
    bool none = false;  // the filter names a case that does not exist (or two different ones)
    if (filter.case_ref) {
      auto s = c.prepare("SELECT id FROM cases WHERE ward = ?1 AND case_ref = ?2");
      s.bind(1, *filter.ward).bind(2, *filter.case_ref);
      if (!s.step() || (filter.case_id && *filter.case_id != s.text(0))) {
        none = true;
      } else {
        effective.case_id = s.text(0);
      }
    }
    Where where = search_where(effective, actor_id);
    if (none) where.add("0");
    auto count = c.prepare("SELECT count(*) FROM audit_log" + where.sql());
    where.bind(count);
    count.step();
    page.total = count.int64(0);
    const int limit = where.size() + 1;
    auto rows = c.prepare(
        "SELECT seq, at, actor_id, actor_username, actor_role, action, resource_type,"
        " resource_id, case_id, organization_id, request_id, source_address, detail,"
        " prev_hash, hash, listed FROM audit_log" +
        where.sql() + " ORDER BY seq DESC LIMIT ?" + std::to_string(limit) + " OFFSET ?" +
        std::to_string(limit + 1));
    where.bind(rows);
    rows.bind(limit, filter.limit).bind(limit + 1, filter.offset);
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
      r.prev_hash = rows.text(13);
      r.hash = rows.text(14);
      r.listed = rows.optional_text(15);
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
