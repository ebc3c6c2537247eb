#include "domain/access/actor.h"

#include <algorithm>

namespace tsunagu::domain {

const char* to_string(Role role) {
  switch (role) {
    case Role::kNone:
      return "none";
    case Role::kAdmin:
      return "admin";
    case Role::kCoordinator:
      return "coordinator";
    case Role::kWardStaff:
      return "ward_staff";
    case Role::kPartner:
      return "partner";
    case Role::kAuditor:
      return "auditor";
  }
  return "unknown";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : kAssignableRoles) {
    if (name == to_string(r)) return r;
  }
  return std::nullopt;
}

Result<Role> decode_role(std::string_view stored) {
  if (auto role = parse_role(stored)) return *role;
  return Error::Internal("A stored role does not decode: '" + std::string(stored) + "'.");
}

bool Actor::has_ward(std::string_view ward) const {
  return std::find(wards.begin(), wards.end(), ward) != wards.end();
}

}  // namespace tsunagu::domain
