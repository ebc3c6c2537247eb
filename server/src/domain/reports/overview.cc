#include "domain/reports/overview.h"

#include "domain/access/authorization.h"
#include "storage/database.h"

namespace tsunagu::domain::reports {
namespace {

// The first rows of each list on the home screen.
constexpr PageRequest kFirstItems{1, kOverviewItems};

// The wards' planned meetings from now on, soonest first.
ItemList next_meetings(storage::Connection& c, const ReportScope& scope, const std::string& now,
                       const PageRequest& slice) {
  const std::string where =
      " WHERE m.ward IN (SELECT value FROM json_each(?1)) AND m.status = 'planned'"
      " AND m.starts_at >= ?2";
  ItemList out;
  out.slice = slice;
  auto count = c.prepare("SELECT count(*) FROM meetings m" + where);
  count.bind(1, scope.wards_json()).bind(2, now);
  count.step();
  out.total = count.int64(0);
  auto rows = c.prepare("SELECT m.id, m.ward, m.kind, m.title, m.starts_at FROM meetings m" +
                        where + " ORDER BY m.starts_at, m.id LIMIT ?3");
  rows.bind(1, scope.wards_json()).bind(2, now).bind(3, slice.per_page);
  while (rows.step()) {
    ReportItem item;
    item.reason = rows.text(2);  // the meeting's kind
    item.record_type = "meeting";
    item.id = rows.text(0);
    item.href = "/api/v1/meetings/" + item.id;
    item.ward = rows.text(1);
    item.status = "planned";
    item.title = rows.text(3);
    item.starts_at = format_rfc3339(parse_stored_time(rows.text(4)));
    out.items.push_back(std::move(item));
  }
  return out;
}

CapacityAge capacity_age(storage::Connection& c, const std::string& organization_id,
                         TimePoint now) {
  CapacityAge out;
  out.stale = true;
  auto s =
      c.prepare("SELECT capacity_status, capacity_updated_at FROM organizations WHERE id = ?1");
  s.bind(1, organization_id);
  if (!s.step() || s.is_null(1)) return out;
  const TimePoint at = parse_stored_time(s.text(1));
  out.status = s.optional_text(0);
  out.updated_at = format_rfc3339(at);
  out.age_days = std::chrono::duration_cast<std::chrono::days>(now - at).count();
  out.stale = now - at > std::chrono::days(kCapacityStaleDaysForGaps);
  return out;
}

int64_t count_of(storage::Connection& c, const std::string& sql, const std::string& param = "") {
  auto s = c.prepare(sql);
  if (!param.empty()) s.bind(1, param);
  s.step();
  return s.int64(0);
}

}  // namespace

Result<Overview> overview(storage::Database& db, const Clock& clock, const Actor& actor,
                          const RequestMeta& meta) {
  const TimePoint now = clock.now();
  Overview out;
  out.role = to_string(actor.role);
  out.home = access::home_overview_kind(actor);
  if (out.home == access::Home::kNone)
    return Error::PermissionDenied("Your role has no home screen.");
  out.today = format_date(tokyo_date(now));
  const std::string& today = out.today;
  if (out.home == access::Home::kAdministration || out.home == access::Home::kAudit) {
    TRY(db.read([&](storage::Connection& c) -> Status {
      if (out.home == access::Home::kAdministration) {
        out.counts = {
            {"organizations_active",
             count_of(c, "SELECT count(*) FROM organizations WHERE status = 'active'")},
            {"capacity_stale",
             count_of(c,
                      "SELECT count(*) FROM organizations WHERE status = 'active'"
                      " AND capacity_updated_at < ?1",
                      format_utc(now - std::chrono::days(kCapacityStaleDaysForGaps)))},
            {"users_enabled", count_of(c, "SELECT count(*) FROM users WHERE disabled = 0")}};
      } else {
        out.counts = {
            {"audit_entries", count_of(c, "SELECT count(*) FROM audit_log")},
            {"audit_entries_last_24h", count_of(c, "SELECT count(*) FROM audit_log WHERE at >= ?1",
                                                format_utc(now - std::chrono::hours(24)))}};
      }
      return Status::Ok();
    }));
    return out;
  }
  if (out.home == access::Home::kWard) {
    GapParams params;
    params.slice = kFirstItems;
    TRY_ASSIGN(GapsReport gaps, gaps_report(db, clock, actor, meta, params));
    out.gaps = std::move(gaps.sections);
  }
  TRY(db.read([&](storage::Connection& c) -> Status {
    TRY_ASSIGN(ReportScope scope, resolve_scope(c, actor, Action::kReportRead, std::nullopt));
    out.wards = scope.wards;
    Where sent, accepted, none;
    sent.add(kOpenReferrals).add("r.status = 'sent'");
    accepted.add(kOpenReferrals).add("r.status = 'accepted'");
    if (scope.partner) {
      Where overdue;
      overdue.add(kOpenReferrals).add("r.due_by < ?", {today});
      out.lists = {
          {"new_referrals",
           referral_items(c, scope, sent, "sent", "r.sent_at", today, kFirstItems)},
          {"accepted",
           referral_items(c, scope, accepted, "accepted", "r.responded_at", today, kFirstItems)},
          {"overdue",
           referral_items(c, scope, overdue, "past_due_by", "r.sent_at", today, kFirstItems)},
          {"action_items", action_item_items(c, scope, actor, none, "open", today, kFirstItems)}};
      out.capacity = capacity_age(c, scope.organization_id.value_or(""), now);
      return Status::Ok();
    }
    Where mine;
    mine.add("a.owner_user_id = ?", {actor.user_id});
    out.lists = {
        {"awaiting_answer",
         referral_items(c, scope, sent, "sent", "r.sent_at", today, kFirstItems)},
        {"accepted_without_outcome",
         referral_items(c, scope, accepted, "accepted", "r.responded_at", today, kFirstItems)},
        {"my_action_items", action_item_items(c, scope, actor, mine, "open", today, kFirstItems)},
        {"next_meetings", next_meetings(c, scope, format_utc(now), kFirstItems)}};
    return Status::Ok();
  }));
  std::vector<const ItemList*> lists;
  for (const auto& [name, list] : out.lists) lists.push_back(&list);
  TRY(audit_reads(db, clock, actor, meta, "overview.read", lists));
  return out;
}

}  // namespace tsunagu::domain::reports
