// Every question of the access policy × every role, written out independently of policy.cc: a
// change to which rows or which view a role gets must change this file too. Role::kNone (a
// default-built Actor) answers no to every question.
#include "domain/access/policy.h"

#include <gtest/gtest.h>

#include <map>

#include "domain/access/authorization.h"

namespace tsunagu::domain::access {
namespace {

struct Answers {
  bool assignable, ward_role, organization_role, ward_lead, manages_accounts;
  bool lists_colleagues, lists_organization_rows, sees_partner_view, edits_action_item_details,
      administers_directory;
  Home home;
};

const std::map<Role, Answers>& expected() {
  //                         assign ward   org    lead   accts  colleag orgrows partner items  dir
  static const std::map<Role, Answers> table = {
      {Role::kNone,
       {false, false, false, false, false, false, false, false, false, false, Home::kNone}},
      {Role::kAdmin,
       {true, false, false, false, true, false, false, false, false, true, Home::kAdministration}},
      {Role::kCoordinator,
       {true, true, false, true, false, true, false, false, true, false, Home::kWard}},
      {Role::kWardStaff,
       {true, true, false, false, false, true, false, false, true, false, Home::kWard}},
      {Role::kPartner,
       {true, false, true, false, false, false, true, true, false, false, Home::kPartner}},
      {Role::kAuditor,
       {true, false, false, false, false, false, false, false, false, false, Home::kAudit}},
  };
  return table;
}

Actor actor_with(Role role) {
  Actor a;
  a.user_id = "u-1";
  a.role = role;
  if (is_ward_role(role)) a.wards = {"chuo"};
  if (is_organization_role(role)) a.organization_id = "org-own";
  return a;
}

TEST(PolicyTest, EveryRoleAgainstEveryQuestion) {
  for (const auto& [role, want] : expected()) {
    SCOPED_TRACE(to_string(role));
    const Actor a = actor_with(role);
    EXPECT_EQ(is_assignable(role), want.assignable);
    EXPECT_EQ(is_ward_role(role), want.ward_role);
    EXPECT_EQ(is_organization_role(role), want.organization_role);
    EXPECT_EQ(is_ward_lead(role), want.ward_lead);
    EXPECT_EQ(manages_accounts(role), want.manages_accounts);
    EXPECT_EQ(lists_colleagues(a), want.lists_colleagues);
    EXPECT_EQ(lists_organization_rows(a), want.lists_organization_rows);
    EXPECT_EQ(sees_partner_view(a), want.sees_partner_view);
    EXPECT_EQ(edits_action_item_details(a), want.edits_action_item_details);
    EXPECT_EQ(administers_directory(a), want.administers_directory);
    EXPECT_EQ(home_overview_kind(a), want.home);
  }
}

TEST(PolicyTest, TheWardLeadIsAWardRole) {
  for (const auto& [role, answers] : expected()) {
    if (is_ward_lead(role)) {
      EXPECT_TRUE(is_ward_role(role)) << to_string(role);
    }
  }
}

TEST(PolicyTest, ADefaultBuiltActorAnswersNoToEverything) {
  const Actor nobody;
  EXPECT_FALSE(is_assignable(nobody.role));
  EXPECT_FALSE(lists_colleagues(nobody));
  EXPECT_FALSE(lists_organization_rows(nobody));
  EXPECT_FALSE(sees_partner_view(nobody));
  EXPECT_FALSE(edits_action_item_details(nobody));
  EXPECT_FALSE(administers_directory(nobody));
  EXPECT_FALSE(is_staff_of(nobody, ""));
  EXPECT_EQ(home_overview_kind(nobody), Home::kNone);
  for (Action action : all_actions()) {
    EXPECT_EQ(may(&nobody, action, {"chuo", "org-own"}), Decision::kForbidden) << to_string(action);
    EXPECT_EQ(may_at_all(&nobody, action), Decision::kForbidden) << to_string(action);
  }
}

TEST(PolicyTest, StaffOfIsOnlyTheOwnOrganizationsPartner) {
  EXPECT_TRUE(is_staff_of(actor_with(Role::kPartner), "org-own"));
  EXPECT_FALSE(is_staff_of(actor_with(Role::kPartner), "org-other"));
  Actor admin = actor_with(Role::kAdmin);
  admin.organization_id = "org-own";  // never stored for an admin, and no staff even so
  EXPECT_FALSE(is_staff_of(admin, "org-own"));
  Actor partner_without_organization = actor_with(Role::kPartner);
  partner_without_organization.organization_id.reset();
  EXPECT_FALSE(is_staff_of(partner_without_organization, ""));
}

TEST(PolicyTest, AnOperatorActsAsTheFirstAccountsRole) {
  const Actor op = operator_actor("tsunagu-server create-admin");
  EXPECT_EQ(op.username, "tsunagu-server create-admin");
  EXPECT_TRUE(op.user_id.empty());
  EXPECT_EQ(op.role, first_account_role());
  EXPECT_EQ(may(&op, Action::kUserManage), Decision::kAllow);
  EXPECT_EQ(may(&op, Action::kCaseRead, {"chuo", std::nullopt}), Decision::kForbidden);
}

// The SQL form of a role question names exactly the roles the question answers yes to.
TEST(PolicyTest, UsersWithWritesTheQuestionsRolesAsSql) {
  EXPECT_EQ(users_with("u", is_ward_lead), "u.role IN ('coordinator')");
  EXPECT_EQ(users_with("u", is_ward_role), "u.role IN ('coordinator', 'ward_staff')");
  EXPECT_EQ(users_with("users", manages_accounts), "users.role IN ('admin')");
  EXPECT_EQ(users_with("u", [](Role) { return false; }), "0");
  // Role::kNone is never stored, so no question can name it.
  EXPECT_EQ(users_with("u", [](Role r) { return r == Role{}; }), "0");
}

}  // namespace
}  // namespace tsunagu::domain::access
