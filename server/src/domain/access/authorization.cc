#include "domain/access/authorization.h"

#include <map>

namespace tsunagu::domain {
namespace {

enum class Scope {
  kNone,             // the role may not take the action
  kAny,              // anywhere
  kOwnWards,         // resource.ward must be one of the actor's wards (when the resource has one)
  kOwnOrganization,  // resource.organization_id must be the actor's organization
};

struct Rule {
  const char* name;
  bool anonymous;  // allowed without signing in
  Scope admin, coordinator, ward_staff, partner, auditor;
};

constexpr Scope N = Scope::kNone, A = Scope::kAny, W = Scope::kOwnWards,
                O = Scope::kOwnOrganization;

const std::map<Action, Rule>& rules() {
  //                                    name                   anon  admin coord staff partner
  //                                    auditor
  static const std::map<Action, Rule> table = {
      {Action::kOwnAccount, {"account.own", false, A, A, A, A, A}},
      {Action::kUserManage, {"user.manage", false, A, N, N, N, N}},
      {Action::kAuditRead, {"audit.read", false, A, N, N, N, A}},
      {Action::kOrganizationRead, {"organization.read", true, A, A, A, A, A}},
      {Action::kOrganizationCreate, {"organization.create", false, A, N, N, N, N}},
      {Action::kOrganizationUpdate, {"organization.update", false, A, N, N, O, N}},
      {Action::kOrganizationArchive, {"organization.archive", false, A, N, N, N, N}},
      {Action::kCapacityUpdate, {"capacity.update", false, A, N, N, O, N}},
      {Action::kServiceManage, {"service.manage", false, A, N, N, O, N}},
      {Action::kCaseRead, {"case.read", false, N, W, W, N, N}},
      {Action::kCaseWrite, {"case.write", false, N, W, W, N, N}},
      {Action::kReferralRead, {"referral.read", false, N, W, W, O, N}},
      {Action::kReferralCreate, {"referral.create", false, N, W, W, N, N}},
      {Action::kReferralTransition, {"referral.transition", false, N, W, W, O, N}},
      {Action::kNotificationRead, {"notification.read", false, A, A, A, A, A}},
      {Action::kMeetingRead, {"meeting.read", false, N, W, W, O, N}},
      {Action::kMeetingWrite, {"meeting.write", false, N, W, W, N, N}},
      {Action::kActionItemUpdate, {"action_item.update", false, N, W, W, O, N}},
      {Action::kCalendarRead, {"calendar.read", false, N, A, A, A, N}},
      {Action::kNetworkRead, {"network.read", false, N, W, W, N, N}},
      {Action::kReportRead, {"report.read", false, N, W, W, O, N}},
      {Action::kAssessmentDetermine, {"assessment.determine", false, N, W, N, N, N}},
      {Action::kTransferDecide, {"transfer.decide", false, N, W, N, N, N}},
  };
  return table;
}

Scope scope_for(const Rule& r, Role role) {
  switch (role) {
    case Role::kNone:
      return Scope::kNone;
    case Role::kAdmin:
      return r.admin;
    case Role::kCoordinator:
      return r.coordinator;
    case Role::kWardStaff:
      return r.ward_staff;
    case Role::kPartner:
      return r.partner;
    case Role::kAuditor:
      return r.auditor;
  }
  return Scope::kNone;
}

}  // namespace

const char* to_string(Action action) { return rules().at(action).name; }

const std::vector<Action>& all_actions() {
  static const std::vector<Action> actions = [] {
    std::vector<Action> out;
    for (const auto& [action, rule] : rules()) out.push_back(action);
    return out;
  }();
  return actions;
}

Decision may(const Actor* actor, Action action, const Resource& resource) {
  const Rule& rule = rules().at(action);
  if (actor == nullptr) return rule.anonymous ? Decision::kAllow : Decision::kUnauthenticated;
  switch (scope_for(rule, actor->role)) {
    case Scope::kNone:
      return Decision::kForbidden;
    case Scope::kAny:
      return Decision::kAllow;
    case Scope::kOwnWards:
      return resource.ward && actor->has_ward(*resource.ward) ? Decision::kAllow
                                                              : Decision::kOutOfScope;
    case Scope::kOwnOrganization:
      return resource.organization_id && actor->organization_id == resource.organization_id
                 ? Decision::kAllow
                 : Decision::kOutOfScope;
  }
  return Decision::kForbidden;
}

Decision may_at_all(const Actor* actor, Action action) {
  const Rule& rule = rules().at(action);
  if (actor == nullptr) return rule.anonymous ? Decision::kAllow : Decision::kUnauthenticated;
  return scope_for(rule, actor->role) == Scope::kNone ? Decision::kForbidden : Decision::kAllow;
}

Error not_found() { return Error::NotFound("Not found."); }

namespace {
Status to_status(Decision decision, Action action) {
  switch (decision) {
    case Decision::kAllow:
      return Status::Ok();
    case Decision::kUnauthenticated:
      return Error::Unauthenticated("Sign in first.");
    case Decision::kForbidden:
      return Error::PermissionDenied(std::string("Your role may not do this (") +
                                     to_string(action) + ").");
    case Decision::kOutOfScope:
      return not_found();
  }
  return Error::PermissionDenied("Not allowed.");
}
}  // namespace

Status authorize(const Actor* actor, Action action, const Resource& resource) {
  return to_status(may(actor, action, resource), action);
}

Status authorize_role(const Actor* actor, Action action) {
  return to_status(may_at_all(actor, action), action);
}

}  // namespace tsunagu::domain
