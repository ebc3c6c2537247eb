#include "domain/reports/report_scope.h"

#include <nlohmann/json.hpp>

#include "common/time.h"
#include "domain/access/authorization.h"
#include "domain/access/policy.h"
#include "domain/base/wards.h"
#include "storage/connection.h"
#include "storage/statement.h"

namespace tsunagu::domain::reports {

std::string ReportScope::wards_json() const { return nlohmann::json(wards).dump(); }

std::string ReportScope::ward_placeholders() const {
  std::string out = "(";
  for (size_t i = 0; i < wards.size(); ++i) out += i == 0 ? "?" : ", ?";
  return out + ")";
}

Result<ReportScope> resolve_scope(storage::Connection& c, const Actor& actor, Action action,
                                  const std::optional<std::string>& ward) {
  TRY(authorize_role(&actor, action));
  TRY(check_ward_param(c, ward));
  ReportScope scope;
  if (access::lists_organization_rows(actor)) {
    scope.partner = true;
    scope.organization_id = actor.organization_id;
    if (ward) scope.wards = {*ward};
    return scope;
  }
  if (ward) {
    TRY(authorize(&actor, action, {*ward, std::nullopt}));
    scope.wards = {*ward};
  } else {
    scope.wards = actor.wards;
  }
  return scope;
}

int64_t days_between(const std::string& from_date, const std::string& to_date) {
  auto a = parse_date(from_date);
  auto b = parse_date(to_date);
  if (!a.ok() || !b.ok()) return 0;
  return (std::chrono::sys_days(*b) - std::chrono::sys_days(*a)).count();
}

}  // namespace tsunagu::domain::reports
