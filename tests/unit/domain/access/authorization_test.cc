// The whole role × action matrix, written out independently of the table in authorization.cc:
// a change to who may do what must change this file too.
#include "domain/access/authorization.h"

#include <gtest/gtest.h>

#include <map>

namespace tsunagu::domain {
namespace {

enum Expect { kNo, kAny, kWard, kOrg };  // kNo: 403; kWard/kOrg: allowed only within scope

struct Row {
  bool anonymous;
  Expect admin, coordinator, ward_staff, partner, auditor;
};

const std::map<Action, Row>& expected() {
  static const std::map<Action, Row> table = {
      //                               anon   admin coord ward  partner auditor
      {Action::kOwnAccount, {false, kAny, kAny, kAny, kAny, kAny}},
      {Action::kUserManage, {false, kAny, kNo, kNo, kNo, kNo}},
      {Action::kAuditRead, {false, kAny, kNo, kNo, kNo, kAny}},
      {Action::kOrganizationRead, {true, kAny, kAny, kAny, kAny, kAny}},
      {Action::kOrganizationCreate, {false, kAny, kNo, kNo, kNo, kNo}},
      {Action::kOrganizationUpdate, {false, kAny, kNo, kNo, kOrg, kNo}},
      {Action::kOrganizationArchive, {false, kAny, kNo, kNo, kNo, kNo}},
      {Action::kCapacityUpdate, {false, kAny, kNo, kNo, kOrg, kNo}},
      {Action::kServiceManage, {false, kAny, kNo, kNo, kOrg, kNo}},
      {Action::kCaseRead, {false, kNo, kWard, kWard, kNo, kNo}},
      {Action::kCaseWrite, {false, kNo, kWard, kWard, kNo, kNo}},
      {Action::kReferralRead, {false, kNo, kWard, kWard, kOrg, kNo}},
      {Action::kReferralCreate, {false, kNo, kWard, kWard, kNo, kNo}},
      {Action::kReferralTransition, {false, kNo, kWard, kWard, kOrg, kNo}},
      {Action::kNotificationRead, {false, kAny, kAny, kAny, kAny, kAny}},
      {Action::kMeetingRead, {false, kNo, kWard, kWard, kOrg, kNo}},
      {Action::kMeetingWrite, {false, kNo, kWard, kWard, kNo, kNo}},
      {Action::kActionItemUpdate, {false, kNo, kWard, kWard, kOrg, kNo}},
      {Action::kCalendarRead, {false, kNo, kAny, kAny, kAny, kNo}},
      {Action::kNetworkRead, {false, kNo, kWard, kWard, kNo, kNo}},
      {Action::kReportRead, {false, kNo, kWard, kWard, kOrg, kNo}},
      {Action::kAssessmentDetermine, {false, kNo, kWard, kNo, kNo, kNo}},
      {Action::kTransferDecide, {false, kNo, kWard, kNo, kNo, kNo}},
  };
  return table;
}

Expect expect_for(const Row& r, Role role) {
  switch (role) {
    case Role::kNone:
      return kNo;
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
  return kNo;
}

Actor actor(Role role) {
  Actor a{"u-1", "someone", role, {}, std::nullopt};
  if (role == Role::kCoordinator || role == Role::kWardStaff) a.wards = {"chuo"};
  if (role == Role::kPartner) a.organization_id = "org-own";
  return a;
}

const Resource kOwnWard{"chuo", std::nullopt};
const Resource kOtherWard{"kita", std::nullopt};
const Resource kOwnOrg{std::nullopt, "org-own"};
const Resource kOtherOrg{std::nullopt, "org-other"};

TEST(AuthorizationTest, EveryActionHasAnExpectedRow) {
  for (Action a : all_actions()) {
    EXPECT_TRUE(expected().contains(a)) << "add " << to_string(a) << " to this test's table";
  }
  EXPECT_EQ(expected().size(), all_actions().size());
}

TEST(AuthorizationTest, EveryRoleAgainstEveryAction) {
  const Role roles[] = {Role::kAdmin, Role::kCoordinator, Role::kWardStaff, Role::kPartner,
                        Role::kAuditor};
  for (Action action : all_actions()) {
    const Row& row = expected().at(action);
    EXPECT_EQ(may(nullptr, action, kOwnOrg),
              row.anonymous ? Decision::kAllow : Decision::kUnauthenticated)
        << to_string(action) << " anonymous";
    for (Role role : roles) {
      SCOPED_TRACE(std::string(to_string(action)) + " as " + to_string(role));
      Actor a = actor(role);
      switch (expect_for(row, role)) {
        case kNo:
          // Forbidden whatever the resource: 403, never a 404 that hides the rule.
          EXPECT_EQ(may_at_all(&a, action), Decision::kForbidden);
          EXPECT_EQ(may(&a, action, kOwnWard), Decision::kForbidden);
          EXPECT_EQ(may(&a, action, kOwnOrg), Decision::kForbidden);
          EXPECT_EQ(authorize(&a, action).error().kind(), ErrorKind::kPermissionDenied);
          break;
        case kAny:
          EXPECT_EQ(may(&a, action, kOtherWard), Decision::kAllow);
          EXPECT_EQ(may(&a, action, kOtherOrg), Decision::kAllow);
          EXPECT_TRUE(authorize(&a, action, kOtherOrg).ok());
          break;
        case kWard:
          EXPECT_EQ(may_at_all(&a, action), Decision::kAllow);
          EXPECT_EQ(may(&a, action, kOwnWard), Decision::kAllow);
          EXPECT_EQ(may(&a, action, kOtherWard), Decision::kOutOfScope);
          EXPECT_EQ(authorize(&a, action, kOtherWard).error().kind(), ErrorKind::kNotFound);
          EXPECT_EQ(may(&a, action, {}), Decision::kOutOfScope) << "unknown ward";
          break;
        case kOrg:
          EXPECT_EQ(may_at_all(&a, action), Decision::kAllow);
          EXPECT_EQ(may(&a, action, kOwnOrg), Decision::kAllow);
          EXPECT_EQ(may(&a, action, kOtherOrg), Decision::kOutOfScope);
          // Out of scope is 404, so the caller does not learn the other entry exists.
          EXPECT_EQ(authorize(&a, action, kOtherOrg).error().kind(), ErrorKind::kNotFound);
          EXPECT_EQ(may(&a, action, {}), Decision::kOutOfScope) << "unknown organization";
          break;
      }
    }
  }
}

TEST(AuthorizationTest, AnonymousIsUnauthenticatedNotForbidden) {
  EXPECT_EQ(authorize(nullptr, Action::kUserManage).error().kind(), ErrorKind::kUnauthenticated);
  EXPECT_EQ(authorize(nullptr, Action::kAuditRead).error().kind(), ErrorKind::kUnauthenticated);
}

}  // namespace
}  // namespace tsunagu::domain
