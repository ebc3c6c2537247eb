// Referrals::list and Referrals::expire_overdue: the inbox, the ward's list, and the timer.
#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/audit/audit.h"
#include "domain/audit/audited_read.h"
#include "domain/base/choices.h"
#include "domain/base/wards.h"
#include "domain/base/where.h"
#include "domain/referrals/referral_store.h"
#include "domain/referrals/referrals.h"
#include "storage/database.h"

#include <nlohmann/json.hpp>

namespace tsunagu::domain {
namespace {
namespace store = referral_store;

// What a list page showed, for the audit log: a partner's page (its own organization's
// referrals) as one entry naming each row, found by household through the organization; a ward
// role's page, which spans organizations, as one entry per referral.
void record_list_reads(const Actor& actor, const std::vector<Referral>& page, AuditedReads& reads) {
  if (page.empty()) return;
  if (access::lists_organization_rows(actor) && actor.organization_id) {
    std::vector<audit::ListedRow> rows;
    rows.reserve(page.size());
    for (const Referral& r : page) rows.push_back({r.id, r.case_id.value_or(""), r.ward});
    reads.push_back(audit::list_page("referral.list", "referral", *actor.organization_id, rows));
    return;
  }
  for (const Referral& r : page) {
    reads.push_back(
        {"referral.list", "referral", r.id, r.case_id, r.organization_id, std::nullopt});
  }
}
}  // namespace

Result<Page<Referral>> Referrals::list(const Actor& actor, const RequestMeta& meta,
                                       const ReferralFilter& filter, const PageRequest& page) {
  TRY(authorize_role(&actor, Action::kReferralRead));
  if (filter.status && !parse_referral_status(*filter.status)) {
    return Error::Parameters({invalid_choice("status", words::kReferralStatuses)});
  }
  const Date today = tokyo_date(clock_.now());
  // Scope first: a partner's inbox is its organization's referrals (never drafts); ward roles
  // see their wards'. A filter outside the scope yields nothing rather than an error.
  TRY(check_ward_param(db_, filter.ward));
  std::optional<std::string> org = filter.organization_id;
  std::vector<std::string> wards;
  const bool partner = access::lists_organization_rows(actor);
  if (partner) {
    // Fail closed: an organization role without an organization lists nothing.
    if (!actor.organization_id || (org && org != actor.organization_id)) return Page<Referral>{};
    org = actor.organization_id;
  } else {
    if (filter.ward && !actor.has_ward(*filter.ward)) return Page<Referral>{};
    wards = filter.ward ? std::vector<std::string>{*filter.ward} : actor.wards;
  }
  // Only the conditions in force go into the SQL, so SQLite can use the inbox and ward indexes
  // (an "?1 IS NULL OR …" form would scan every referral). Each shape is one cached statement.
  Where where;
  if (org) where.add("r.organization_id = ?", {*org});
  if (partner && filter.ward) where.add("r.ward = ?", {*filter.ward});
  if (!partner) {
    where.add("r.ward IN (SELECT value FROM json_each(?))", {nlohmann::json(wards).dump()});
  }
  if (filter.status) where.add("r.status = ?", {*filter.status});
  if (filter.case_id) where.add("r.case_id = ?", {*filter.case_id});
  if (partner) where.add(store::kSentToPartner);
  if (filter.overdue_only) {
    where.add("r.status IN ('sent', 'accepted') AND r.due_by < ?", {format_date(today)});
  }
  // A partner's whole inbox, or its ward or status part, is counted by the counts the schema keeps
  // (referral_inbox_counts): a few rows, where counting the inbox's index entries read hundreds of
  // pages. The case and overdue filters count their (few) entries.
  std::optional<Where> counted;
  if (partner && !filter.case_id && !filter.overdue_only) {
    counted.emplace().add("organization_id = ?", {*org});
    if (filter.ward) counted->add("ward = ?", {*filter.ward});
    if (filter.status) counted->add("status = ?", {*filter.status});
  }
  const int limit_param = where.size() + 1;
  return audited_read(
      db_, clock_, actor, meta,
      [&](storage::Connection& c, AuditedReads& reads) -> Result<Page<Referral>> {
        Page<Referral> out;
        auto count = counted ? c.prepare(
                                   "SELECT coalesce(sum(n), 0) FROM"
                                   " referral_inbox_counts" +
                                   counted->sql())
                             : c.prepare("SELECT count(*) FROM referrals r" + where.sql());
        (counted ? *counted : where).bind(count);
        count.step();
        out.total = count.int64(0);
        // The page's rowids first, from the index alone (the inbox and ward indexes
        // hold created_at, id and status, and every index its rows' rowids), then
        // those 50 rows by rowid: an OFFSET deep in a partner's inbox skips index
        // entries, not table rows, and no row is looked up by its id first.
        const std::string order = " ORDER BY r.created_at DESC, r.id DESC";
        auto rows = c.prepare(std::string(store::kSelect) +
                              " WHERE r.rowid IN (SELECT r.rowid FROM referrals r" + where.sql() +
                              order + " LIMIT ?" + std::to_string(limit_param) + " OFFSET ?" +
                              std::to_string(limit_param + 1) + ")" + order);
        where.bind(rows);
        rows.bind(limit_param, page.per_page).bind(limit_param + 1, page.offset());
        while (rows.step()) {
          TRY_ASSIGN(Referral r, store::from_row(rows, today));
          out.items.push_back(std::move(r));
        }
        // The households only of the rows that show them (a partner sees the
        // household of what it accepted).
        store::attach_households(
            c, out.items, [&](const Referral& r) { return household_shown(actor, r.status); });
        store::attach_ward_contacts(c, out.items);
        record_list_reads(actor, out.items, reads);
        for (Referral& r : out.items) r = view(actor, std::move(r));
        return out;
      });
}

Result<int> Referrals::expire_overdue() {
  const Date today = tokyo_date(clock_.now());
  const std::string today_text = format_date(today);
  return db_.write([&](storage::Connection& c) -> Result<int> {
    struct Due {
      std::string id;
      ReferralStatus from;
      std::string organization_id, created_by;
      std::optional<std::string> case_id;
    };
    std::vector<Due> due;
    auto rows = c.prepare(
        "SELECT id, status, organization_id, created_by, case_id FROM referrals"
        " WHERE status IN ('sent', 'accepted') AND due_by < ?1"
        " AND (status = 'sent' OR overdue_notified_at IS NULL)");
    rows.bind(1, today_text);
    while (rows.step()) {
      TRY_ASSIGN(const ReferralStatus from, decode_word<ReferralStatus>(rows.text(1)));
      due.push_back({rows.text(0), from, rows.text(2), rows.text(3), rows.text(4)});
    }
    const std::string now = format_utc(clock_.now());
    int expired = 0;
    for (const Due& d : due) {
      audit::Entry entry{"referral.expire", "referral", d.id, d.case_id, d.organization_id, {}};
      if (d.from == ReferralStatus::kSent) {
        c.prepare(
             "UPDATE referrals SET status = 'expired', version = version + 1,"
             " updated_at = ?2, closed_at = ?2 WHERE id = ?1")
            .bind(1, d.id)
            .bind(2, now)
            .run();
        store::insert_event(c, clock_, d.id, nullptr, ReferralStatus::kSent,
                            ReferralStatus::kExpired, std::nullopt, "No answer by the due date.");
        store::notify(c, clock_, "referral.expired", d.id, store::Audience::kWard);
        ++expired;
      } else {
        // Accepted without an outcome past due: stays accepted, listed as overdue, sender told
        // once.
        c.prepare("UPDATE referrals SET overdue_notified_at = ?2 WHERE id = ?1")
            .bind(1, d.id)
            .bind(2, now)
            .run();
        store::notify(c, clock_, "referral.overdue", d.id, store::Audience::kWard);
        entry.action = "referral.overdue";
      }
      audit::append(c, clock_, nullptr, {}, entry);
    }
    return expired;
  });
}

}  // namespace tsunagu::domain
