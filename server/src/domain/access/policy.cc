#include "domain/access/policy.h"

#include <utility>

namespace tsunagu::domain::access {

bool is_assignable(Role role) { return role != Role::kNone; }

bool is_ward_role(Role role) { return role == Role::kCoordinator || role == Role::kWardStaff; }

bool is_organization_role(Role role) { return role == Role::kPartner; }

bool is_ward_lead(Role role) { return role == Role::kCoordinator; }

bool manages_accounts(Role role) { return role == Role::kAdmin; }

std::string users_with(std::string_view alias, bool (*question)(Role)) {
  std::string names;
  for (Role role : kAssignableRoles) {
    if (!question(role)) continue;
    names += names.empty() ? "'" : ", '";
    names += to_string(role);
    names += "'";
  }
  if (names.empty()) return "0";
  return std::string(alias) + ".role IN (" + names + ")";
}

Role first_account_role() { return Role::kAdmin; }

Actor operator_actor(std::string command) {
  Actor actor;
  actor.username = std::move(command);
  actor.role = Role::kAdmin;
  return actor;
}

bool lists_colleagues(const Actor& actor) { return is_ward_role(actor.role); }

bool lists_organization_rows(const Actor& actor) { return is_organization_role(actor.role); }

bool sees_partner_view(const Actor& actor) { return is_organization_role(actor.role); }

bool edits_action_item_details(const Actor& actor) { return is_ward_role(actor.role); }

bool administers_directory(const Actor& actor) { return actor.role == Role::kAdmin; }

bool is_staff_of(const Actor& actor, const std::string& organization_id) {
  return is_organization_role(actor.role) && actor.organization_id == organization_id;
}

Home home_overview_kind(const Actor& actor) {
  switch (actor.role) {
    case Role::kNone:
      return Home::kNone;
    case Role::kAdmin:
      return Home::kAdministration;
    case Role::kAuditor:
      return Home::kAudit;
    case Role::kCoordinator:
    case Role::kWardStaff:
      return Home::kWard;
    case Role::kPartner:
      return Home::kPartner;
  }
  return Home::kNone;
}

}  // namespace tsunagu::domain::access
