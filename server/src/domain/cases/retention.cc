#include "domain/cases/retention.h"

#include <string_view>

#include "domain/access/actor.h"
#include "domain/audit/audit.h"
#include "storage/database.h"

namespace tsunagu::domain::retention {
namespace {

// Closed before `closed_before`, and not erased since it was closed.
constexpr char kDue[] =
    "c.status = 'closed' AND c.closed_at < ?1 AND NOT EXISTS (SELECT 1 FROM audit_log a"
    " WHERE a.case_id = c.id AND a.action = 'case.erase' AND a.at > c.closed_at)";

std::string closed_before(const Clock& clock, int retention_days) {
  return format_utc(clock.now() - std::chrono::hours(24) * retention_days);
}

std::string count_sql(const Erasure& e) {
  return std::string("SELECT count(*) FROM ") + e.table + " WHERE (" + e.rows + ") AND " +
         e.column + " IS NOT (" + e.erased + ")";
}

std::string erase_sql(const Erasure& e) {
  return std::string("UPDATE ") + e.table + " SET " + e.column + " = " + e.erased + " WHERE (" +
         e.rows + ") AND " + e.column + " IS NOT (" + e.erased + ")";
}

// Binds the case id, and the erased label where the erasure writes it.
void bind(storage::Statement& s, const Erasure& e, const std::string& case_id) {
  s.bind(1, case_id);
  if (std::string_view(e.erased).find("?2") != std::string_view::npos) s.bind(2, kErasedLabel);
}

std::string erased_fields() {
  std::string out;
  for (const Erasure& e : kErasures) {
    if (!out.empty()) out += ", ";
    out += std::string(e.table) + "." + e.column;
  }
  return out;
}

}  // namespace

Result<Plan> plan(storage::Database& db, const Clock& clock, int retention_days) {
  if (retention_days < 1) return Error::InvalidArgument("the retention period must be ≥ 1 day");
  Plan p;
  p.closed_before = closed_before(clock, retention_days);
  return db.read([&](storage::Connection& c) -> Result<Plan> {
    auto due = c.prepare(std::string("SELECT c.id, c.ward, c.case_ref, c.closed_at FROM cases c"
                                     " WHERE ") +
                         kDue + " ORDER BY c.closed_at, c.id");
    due.bind(1, p.closed_before);
    while (due.step()) p.cases.push_back({due.text(0), due.text(1), due.text(2), due.text(3)});
    for (const Erasure& e : kErasures) p.columns.push_back({e.table, e.column, 0});
    for (const ExpiredCase& one : p.cases) {
      for (size_t i = 0; i < std::size(kErasures); ++i) {
        auto count = c.prepare(count_sql(kErasures[i]));
        bind(count, kErasures[i], one.case_id);
        if (count.step()) p.columns[i].values += count.int64(0);
      }
    }
    return p;
  });
}

Result<int64_t> erase(storage::Database& db, const Clock& clock, int retention_days) {
  TRY_ASSIGN(Plan due, plan(db, clock, retention_days));
  const std::string fields = erased_fields();
  int64_t erased = 0;
  for (const ExpiredCase& one : due.cases) {
    TRY_ASSIGN(bool done, db.write([&](storage::Connection& c) -> Result<bool> {
      auto still = c.prepare(std::string("SELECT 1 FROM cases c WHERE c.id = ?2 AND ") + kDue);
      still.bind(1, due.closed_before).bind(2, one.case_id);
      if (!still.step()) return false;  // reopened (or erased) meanwhile
      for (const Erasure& e : kErasures) {
        auto erase = c.prepare(erase_sql(e));
        bind(erase, e, one.case_id);
        erase.run();
      }
      audit::Entry entry;
      entry.action = "case.erase";
      entry.resource_type = "case";
      entry.resource_id = one.case_id;
      entry.case_id = one.case_id;
      entry.detail = "retention: closed before " + due.closed_before + "; erased " + fields;
      audit::append(c, clock, nullptr, RequestMeta{}, entry);
      return true;
    }));
    if (done) ++erased;
  }
  return erased;
}

}  // namespace tsunagu::domain::retention
