// Who is asking: the authenticated user behind a request (or nobody), with the role and scopes
// that every authorisation decision reads, and the request facts that every audit entry
// records. Built by the HTTP layer from a token; plain data for the domain.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace tsunagu::domain {

enum class Role {
  kNone,         // no rights at all: what a default-built Actor (and Role{}) holds, never stored
  kAdmin,        // accounts, organizations, settings; no case content
  kCoordinator,  // おやこ支援担当係長 (統括支援員): everything case-related in their wards
  kWardStaff,  // 保健師 / 家庭児童相談: cases of their wards, drafts referrals
  kPartner,    // staff of one partner organization: its inbox and its own entry
  kAuditor,    // reads the audit log; no case content
};
// A value-initialised Role (the default of every struct that holds one) is no role at all.
static_assert(Role{} == Role::kNone);

// "admin", "coordinator", "ward_staff", "partner", "auditor"; "none" for Role::kNone.
const char* to_string(Role role);
// The five roles a user may hold, in a fixed order (Role::kNone is not one of them).
inline constexpr Role kAssignableRoles[] = {Role::kAdmin, Role::kCoordinator, Role::kWardStaff,
                                            Role::kPartner, Role::kAuditor};
// One of the five assignable roles by name; nullopt otherwise (also for "none").
std::optional<Role> parse_role(std::string_view name);
// A role read back from storage: an unknown name is an Internal error, never a default role, so
// a corrupt or foreign row fails closed instead of granting anything.
Result<Role> decode_role(std::string_view stored);

struct Actor {
  std::string user_id;
  std::string username;
  Role role = Role::kNone;                     // a default-built Actor may do nothing
  std::vector<std::string> wards;              // ward codes, for coordinator and ward_staff
  std::optional<std::string> organization_id;  // for partner

  bool has_ward(std::string_view ward) const;
};

// Facts about the request that an audit entry records.
struct RequestMeta {
  std::string request_id;
  std::string source_address;
};

}  // namespace tsunagu::domain
