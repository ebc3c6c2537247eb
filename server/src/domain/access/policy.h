// The access policy beyond may(): once authorization.h has said that an actor may take an action,
// these questions say which rows it lists and which view of a record it sees. They are the only
// place outside this folder's files that tells roles apart; feature code and the HTTP layer ask
// them by what they mean, never by comparing roles. Every question fails closed: Role::kNone (a
// default-built Actor) answers no to each of them, and has no home screen.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "domain/access/actor.h"

namespace tsunagu::domain::access {

// --- Roles and their scopes (accounts) ---

// One of the five roles a user may hold; false for Role::kNone.
bool is_assignable(Role role);
// Works on the cases of its wards (coordinator, ward staff): holds at least one ward and no
// organization.
bool is_ward_role(Role role);
// Staff of one partner organization: holds exactly one organization and no wards.
bool is_organization_role(Role role);
// Leads its wards' casework (the coordinator): takes the transfer steps only a lead takes.
bool is_ward_lead(Role role);
// Keeps the installation administrable: the last enabled account with such a role may not lose
// it or be disabled.
bool manages_accounts(Role role);

// The role of an installation's first account (`tsunagu-server create-admin`).
Role first_account_role();
// The actor of an operator's command on the server machine (`create-admin`, `import-hsds`):
// an administrator without a user id, named by the command.
Actor operator_actor(std::string command);

// --- Which users, in SQL ---

// A WHERE term over the `users` table (as `alias`) that holds for the accounts whose role
// answers yes to `question`, one of the role questions above: the role names are written out
// from the same predicate, so a feature's SQL never names a role. users_with("u", is_ward_lead)
// is "u.role IN ('coordinator')"; a question no role answers yes to gives "0".
std::string users_with(std::string_view alias, bool (*question)(Role));

// --- Which rows ---

// GET /users answers with the names of the colleagues in the actor's wards instead of the
// account list.
bool lists_colleagues(const Actor& actor);
// Lists, counts and reports only rows addressed to (or owned by) its organization — a
// partner's inbox, its meetings and action items, its figures — rather than its wards' rows.
bool lists_organization_rows(const Actor& actor);

// --- Which view ---

// Sees the receiving partner's view of a referral (no case, no internal note, no author; after
// the end only what it wrote itself) and of a meeting it was invited to (redacted unless a
// roundtable).
bool sees_partner_view(const Actor& actor);
// Changes what an action item says (title, owner, due date) and takes the ward's steps of its
// lifecycle (reopening); otherwise only its status moves on.
bool edits_action_item_details(const Actor& actor);
// Sees every address in the directory, `hidden` ones included, and classifies entries
// (category, council membership, status).
bool administers_directory(const Actor& actor);
// Is staff of the organization `organization_id` (sees its own hidden address).
bool is_staff_of(const Actor& actor, const std::string& organization_id);

// The home screen an actor gets (GET /api/v1/overview).
enum class Home {
  kNone,            // no home screen: Role::kNone
  kAdministration,  // directory and account counts
  kAudit,           // audit log counts
  kWard,            // its wards' gaps, referrals, meetings and action items
  kPartner,         // its organization's inbox, action items and capacity
};
Home home_overview_kind(const Actor& actor);

}  // namespace tsunagu::domain::access
