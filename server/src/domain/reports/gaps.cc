#include "domain/reports/gaps.h"

#include <nlohmann/json.hpp>

#include "domain/access/authorization.h"
#include "storage/database.h"

namespace tsunagu::domain::reports {
namespace {

std::vector<std::string> json_strings(const std::string& text) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::string days_ago(TimePoint now, int days) { return format_utc(now - std::chrono::days(days)); }

std::string stored_date(const std::string& utc) {
  return format_date(tokyo_date(parse_stored_time(utc)));
}

// Specified pregnancies (特定妊婦) and certified abuse (虐待認定) first, then households both
// sections serve, then the rest of the high-risk cases.
constexpr char kGraveFirst[] =
    " ORDER BY (instr(c.risk_categories, '\"specified_pregnancy\"') > 0"
    " OR instr(c.risk_categories, '\"abuse_certified\"') > 0) DESC,"
    " (instr(c.sections, '\"maternal_child_health\"') > 0"
    " AND instr(c.sections, '\"child_welfare\"') > 0) DESC,"
    " c.risk_level = 'high' DESC, since, c.case_ref, c.id";

ReportItem case_item(storage::Statement& s, const std::string& reason, const std::string& today) {
  ReportItem item;
  item.reason = reason;
  item.record_type = "case";
  item.id = s.text(0);
  item.href = "/api/v1/cases/" + item.id;
  item.ward = s.text(1);
  item.status = "open";
  item.case_id = item.id;
  item.audit_case_id = item.id;
  item.case_ref = s.text(2);
  item.household_label = s.text(3);
  item.risk_level = s.text(4);
  item.risk_categories = json_strings(s.text(5));
  item.sections = json_strings(s.text(6));
  item.since = s.text(7);
  item.days = days_between(*item.since, today);
  return item;
}

// Open high-risk cases (risk_level high, 特定妊婦 or 虐待認定) open for `quiet_days` or more with
// no referral sent or accepted and no meeting (held, planned or coming) that has them on its
// agenda since then. `since`: the last meeting that had the case on its agenda, else the day it
// was opened.
//
// The case's latest meeting (any date, cancelled ones aside) answers both questions: the case
// is quiet when that meeting began before the cutoff, and then it lies in the past and is
// `since`. It is computed once per case, in a materialized CTE, so that SQLite does not copy the
// correlated subquery into both the filter and the result.
//
// The candidates come from the partial index cases_open_high_risk alone, whose WHERE is this
// query's risk condition word for word (schema/0013): change both or neither, or SQLite reads
// every open case of the ward from the table again.
ItemList quiet_cases(storage::Connection& c, const ReportScope& scope, const std::string& cutoff,
                     const std::string& today, const PageRequest& slice) {
  const std::string quiet =
      "WITH quiet AS MATERIALIZED (SELECT c.id, c.ward, c.case_ref, c.household_label,"
      " c.risk_level, c.risk_categories, c.sections, c.created_at,"
      " (SELECT max(m.starts_at) FROM meeting_agenda_items a JOIN meetings m"
      " ON m.id = a.meeting_id WHERE a.case_id = c.id AND m.status <> 'cancelled') AS last_meeting"
      " FROM cases c WHERE c.ward IN (SELECT value FROM json_each(?1)) AND c.status = 'open'"
      " AND c.created_at <= ?2"
      " AND (c.risk_level = 'high' OR instr(c.risk_categories, '\"specified_pregnancy\"') > 0"
      " OR instr(c.risk_categories, '\"abuse_certified\"') > 0)"
      " AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = c.id"
      " AND r.status IN ('sent', 'accepted')))";
  const std::string where = " WHERE c.last_meeting IS NULL OR c.last_meeting < ?2";
  ItemList out;
  out.slice = slice;
  auto count_only = [&] {
    auto count = c.prepare(quiet + " SELECT count(*) FROM quiet c" + where);
    count.bind(1, scope.wards_json()).bind(2, cutoff);
    count.step();
    out.total = count.int64(0);
    return out;
  };
  if (slice.per_page <= 0) return count_only();
  // One pass over the ward's open cases gives the page and (count(*) OVER ()) the total.
  auto rows = c.prepare(quiet +
                        " SELECT c.id, c.ward, c.case_ref, c.household_label, c.risk_level,"
                        " c.risk_categories, c.sections, coalesce(c.last_meeting, c.created_at)"
                        " AS since, count(*) OVER () FROM quiet c" +
                        where + kGraveFirst + " LIMIT ?3 OFFSET ?4");
  rows.bind(1, scope.wards_json()).bind(2, cutoff).bind(3, slice.per_page).bind(4, slice.offset());
  while (rows.step()) {
    out.total = rows.int64(8);
    ReportItem item = case_item(rows, "no_referral_no_meeting", today);
    item.since = stored_date(*item.since);
    item.days = days_between(*item.since, today);
    out.items.push_back(std::move(item));
  }
  // A page past the last row has no row to carry the total.
  if (out.items.empty() && slice.offset() > 0) return count_only();
  return out;
}

// Open cases whose support plan's review_by has passed, the longest overdue first. The count
// and the page's ids come from cases_open_review alone (plan_review_by is the plan's review_by,
// kept by the schema's triggers); only the page's rows are read from the table.
ItemList plans_past_review(storage::Connection& c, const ReportScope& scope,
                           const std::string& today, const PageRequest& slice) {
  const std::string where =
      " WHERE c.ward IN (SELECT value FROM json_each(?1)) AND c.status = 'open'"
      " AND c.plan_review_by < ?2";
  const std::string order = " ORDER BY c.plan_review_by, c.case_ref, c.id";
  ItemList out;
  out.slice = slice;
  auto count = c.prepare("SELECT count(*) FROM cases c" + where);
  count.bind(1, scope.wards_json()).bind(2, today);
  count.step();
  out.total = count.int64(0);
  if (slice.per_page <= 0 || out.total <= slice.offset()) return out;
  auto rows = c.prepare(
      "SELECT c.id, c.ward, c.case_ref, c.household_label, c.risk_level, c.risk_categories,"
      " c.sections, c.plan_review_by FROM cases c WHERE c.rowid IN (SELECT c.rowid FROM cases c" +
      where + order + " LIMIT ?3 OFFSET ?4)" + order);
  rows.bind(1, scope.wards_json()).bind(2, today).bind(3, slice.per_page).bind(4, slice.offset());
  while (rows.step()) {
    ReportItem item = case_item(rows, "plan_review_overdue", today);
    item.due = item.since;
    out.items.push_back(std::move(item));
  }
  return out;
}

// Active partners of the scope whose capacity was last given before `cutoff`.
ItemList stale_capacity(storage::Connection& c, const ReportScope& scope, const std::string& cutoff,
                        const std::string& today, const PageRequest& slice) {
  Where where;
  where.add("o.status = 'active'").add("o.capacity_updated_at < ?", {cutoff});
  if (scope.partner) {
    where.add("o.id = ?", {scope.organization_id.value_or("")});
  } else {
    where.add(
        "o.id IN (SELECT organization_id FROM organization_wards"
        " WHERE ward IN (SELECT value FROM json_each(?)))",
        {scope.wards_json()});
  }
  ItemList out;
  out.slice = slice;
  auto count = c.prepare("SELECT count(*) FROM organizations o" + where.sql());
  where.bind(count);
  count.step();
  out.total = count.int64(0);
  if (slice.per_page <= 0 || out.total <= slice.offset()) return out;
  auto rows = c.prepare(
      "SELECT o.id, o.name, o.capacity_status, o.capacity_updated_at FROM organizations o" +
      where.sql() + " ORDER BY o.capacity_updated_at, o.id LIMIT ? OFFSET ?");
  const int next = where.bind(rows);
  rows.bind(next, slice.per_page).bind(next + 1, slice.offset());
  while (rows.step()) {
    ReportItem item;
    item.reason = "capacity_stale";
    item.record_type = "organization";
    item.id = rows.text(0);
    item.href = "/api/v1/organizations/" + item.id;
    item.organization_id = item.id;
    item.organization_name = rows.text(1);
    item.status = rows.optional_text(2);
    item.since = stored_date(rows.text(3));
    item.days = days_between(*item.since, today);
    out.items.push_back(std::move(item));
  }
  return out;
}

// Pending transfers of the scope's wards, oldest request first. An incoming one waits for this
// ward's answer (transfer_to_answer), an outgoing one for the other ward's
// (transfer_awaiting_other_ward). Both wards see the case's reference and label on a transfer.
ItemList pending_transfers(storage::Connection& c, const ReportScope& scope,
                           const std::string& today, const PageRequest& slice) {
  const std::string from =
      " FROM case_transfers t JOIN cases c ON c.id = t.case_id WHERE t.status = 'pending'"
      " AND (t.to_ward IN (SELECT value FROM json_each(?1))"
      " OR t.from_ward IN (SELECT value FROM json_each(?1)))";
  ItemList out;
  out.slice = slice;
  auto count = c.prepare("SELECT count(*)" + from);
  count.bind(1, scope.wards_json());
  count.step();
  out.total = count.int64(0);
  if (slice.per_page <= 0 || out.total <= slice.offset()) return out;
  auto rows = c.prepare(
      "SELECT t.id, t.from_ward, c.case_ref, c.household_label, c.risk_level, c.risk_categories,"
      " c.sections, t.requested_at, c.id,"
      " t.to_ward IN (SELECT value FROM json_each(?1)) AS incoming" +
      from + " ORDER BY t.requested_at, t.id LIMIT ?2 OFFSET ?3");
  rows.bind(1, scope.wards_json()).bind(2, slice.per_page).bind(3, slice.offset());
  while (rows.step()) {
    const bool incoming = rows.int64(9) != 0;
    ReportItem item =
        case_item(rows, incoming ? "transfer_to_answer" : "transfer_awaiting_other_ward", today);
    item.record_type = "transfer";
    item.href = "/api/v1/transfers/" + item.id;
    item.status = "pending";
    item.case_id = rows.text(8);
    item.audit_case_id = item.case_id;
    item.since = stored_date(*item.since);
    item.days = days_between(*item.since, today);
    out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace

Result<GapsReport> gaps_report(storage::Database& db, const Clock& clock, const Actor& actor,
                               const RequestMeta& meta, const GapParams& params) {
  const TimePoint now = clock.now();
  GapsReport report;
  report.today = format_date(tokyo_date(now));
  report.params = params;
  const std::string& today = report.today;
  const PageRequest& slice = params.slice;
  TRY(db.read([&](storage::Connection& c) -> Status {
    TRY_ASSIGN(report.scope, resolve_scope(c, actor, Action::kReportRead, params.ward));
    const ReportScope& scope = report.scope;
    // The redundant IN term lets SQLite use the partial index referrals_due (open referrals
    // only, a small share of a year's) instead of every referral of the ward.
    Where unanswered;
    unanswered.add(kOpenReferrals)
        .add("r.status = 'sent'")
        .add("(r.due_by < ? OR r.sent_at <= ?)", {today, days_ago(now, params.unanswered_days)});
    ItemList list = referral_items(c, scope, unanswered, "no_answer", "r.sent_at", today, slice);
    for (auto& item : list.items) {
      if (item.due && *item.due < today) item.reason = "past_due_by";
    }
    report.sections.push_back({"unanswered_referrals", std::move(list)});
    Where accepted;
    accepted.add(kOpenReferrals)
        .add("r.status = 'accepted'")
        .add("r.responded_at <= ?", {days_ago(now, params.outcome_days)});
    report.sections.push_back(
        {"accepted_without_outcome",
         referral_items(c, scope, accepted, "no_outcome", "r.responded_at", today, slice)});
    if (!scope.partner) {
      report.sections.push_back(
          {"quiet_high_risk_cases",
           quiet_cases(c, scope, days_ago(now, params.quiet_days), today, slice)});
      report.sections.push_back({"plans_past_review", plans_past_review(c, scope, today, slice)});
      report.sections.push_back({"pending_transfers", pending_transfers(c, scope, today, slice)});
    }
    Where overdue;
    overdue.add("a.due_on < ?", {today});
    report.sections.push_back(
        {"overdue_action_items",
         action_item_items(c, scope, actor, overdue, "action_item_overdue", today, slice)});
    report.sections.push_back(
        {"stale_capacity",
         stale_capacity(c, scope, days_ago(now, kCapacityStaleDaysForGaps), today, slice)});
    return Status::Ok();
  }));
  std::vector<const ItemList*> lists;
  for (const auto& s : report.sections) lists.push_back(&s.list);
  TRY(audit_reads(db, clock, actor, meta, "report.gaps", lists));
  return report;
}

}  // namespace tsunagu::domain::reports
