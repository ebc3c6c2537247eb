#include "domain/reports/report_items.h"

#include <nlohmann/json.hpp>

#include "domain/audit/audit.h"
#include "domain/referrals/referral_store.h"
#include "storage/database.h"

namespace tsunagu::domain::reports {
namespace {

std::string stored_date(const std::optional<std::string>& utc) {
  return utc ? format_date(tokyo_date(parse_stored_time(*utc))) : std::string();
}

// Runs the count and the page of one list.
template <typename RowFn>
ItemList run_list(storage::Connection& c, const std::string& count_sql, const std::string& rows_sql,
                  const Where& where, const PageRequest& slice, RowFn&& row) {
  ItemList out;
  out.slice = slice;
  auto count = c.prepare(count_sql);
  where.bind(count);
  count.step();
  out.total = count.int64(0);
  if (slice.per_page <= 0 || out.total <= slice.offset()) return out;
  auto rows = c.prepare(rows_sql);
  const int next = where.bind(rows);
  rows.bind(next, slice.per_page).bind(next + 1, slice.offset());
  while (rows.step()) out.items.push_back(row(rows));
  return out;
}

}  // namespace

ItemList referral_items(storage::Connection& c, const ReportScope& scope, Where where,
                        const std::string& reason, const std::string& since_column,
                        const std::string& today, const PageRequest& slice) {
  if (scope.partner) {
    where.add("r.organization_id = ?", {scope.organization_id.value_or("")});
    where.add(referral_store::kSentToPartner);
    if (!scope.wards.empty()) where.add("r.ward = ?", {scope.wards.front()});
  } else {
    where.add("r.ward IN " + scope.ward_placeholders(),
              std::vector<Where::Value>(scope.wards.begin(), scope.wards.end()));
  }
  // The page's rows are chosen first from the index alone (referrals_open_ward holds the
  // filter and sort columns of the open lists), then only those are read and joined: joining
  // every matching row before sorting would read thousands of rows for a page of 5 or 50.
  const std::string order = " ORDER BY " + since_column + ", r.id";
  const std::string rows_sql =
      "SELECT r.id, r.ward, r.status, r.case_id, c.case_ref, c.household_label,"
      " r.organization_id, o.name, " +
      since_column +
      ", r.due_by FROM referrals r JOIN cases c ON c.id = r.case_id"
      " JOIN organizations o ON o.id = r.organization_id"
      " WHERE r.rowid IN (SELECT r.rowid FROM referrals r" +
      where.sql() + order + " LIMIT ? OFFSET ?)" + order;
  return run_list(c, "SELECT count(*) FROM referrals r" + where.sql(), rows_sql, where, slice,
                  [&](storage::Statement& s) {
                    ReportItem item;
                    item.record_type = "referral";
                    item.id = s.text(0);
                    item.href = "/api/v1/referrals/" + item.id;
                    item.ward = s.text(1);
                    item.status = s.text(2);
                    item.audit_case_id = s.text(3);
                    if (!scope.partner) {
                      item.case_id = s.text(3);
                      item.case_ref = s.text(4);
                      item.household_label = s.text(5);
                    }
                    item.organization_id = s.text(6);
                    item.organization_name = s.text(7);
                    item.reason = reason;
                    if (auto since = stored_date(s.optional_text(8)); !since.empty()) {
                      item.since = since;
                      item.days = days_between(since, today);
                    }
                    item.due = s.optional_text(9);
                    return item;
                  });
}

ItemList action_item_items(storage::Connection& c, const ReportScope& scope, const Actor& actor,
                           Where where, const std::string& reason, const std::string& today,
                           const PageRequest& slice) {
  where.add("a.status = 'open'");
  if (scope.partner) {
    where.add("(a.owner_organization_id = ? OR a.owner_user_id = ?)",
              {scope.organization_id.value_or(""), actor.user_id});
    if (!scope.wards.empty()) where.add("m.ward = ?", {scope.wards.front()});
  } else {
    where.add("m.ward IN (SELECT value FROM json_each(?))", {scope.wards_json()});
  }
  const std::string from = " FROM action_items a JOIN meetings m ON m.id = a.meeting_id";
  const std::string rows_sql =
      "SELECT a.id, m.ward, a.status, a.title, a.owner_organization_id, o.name, a.due_on,"
      " a.meeting_id" +
      from + " LEFT JOIN organizations o ON o.id = a.owner_organization_id" + where.sql() +
      " ORDER BY a.due_on IS NULL, a.due_on, a.id LIMIT ? OFFSET ?";
  return run_list(c, "SELECT count(*)" + from + where.sql(), rows_sql, where, slice,
                  [&](storage::Statement& s) {
                    ReportItem item;
                    item.reason = reason;
                    item.record_type = "action_item";
                    item.id = s.text(0);
                    item.href = "/api/v1/meetings/" + s.text(7);
                    item.ward = s.text(1);
                    item.status = s.text(2);
                    item.title = s.text(3);
                    item.organization_id = s.optional_text(4);
                    item.organization_name = s.optional_text(5);
                    item.due = s.optional_text(6);
                    if (item.due && *item.due < today) {
                      item.since = item.due;
                      item.days = days_between(*item.due, today);
                    }
                    return item;
                  });
}

Status audit_reads(storage::Database& db, const Clock& clock, const Actor& actor,
                   const RequestMeta& meta, const std::string& action,
                   const std::vector<const ItemList*>& lists) {
  AuditedReads reads;
  for (const ItemList* l : lists) {
    for (const auto& item : l->items) {
      if (!item.audit_case_id) continue;
      reads.push_back({action, item.record_type, item.id, item.audit_case_id, item.organization_id,
                       item.reason});
    }
  }
  return audit::record_reads(db, clock, actor, meta, reads);
}

}  // namespace tsunagu::domain::reports
