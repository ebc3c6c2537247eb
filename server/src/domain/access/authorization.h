// The one authorisation check every route calls: may(actor, action, resource). A table says, for
// each action, which roles may take it and within which scope (any, their wards, their own
// organization). The answer distinguishes "your role may never do this" (403) from "not this
// one" (404, so a caller never learns that an id outside their scope exists), and anonymous
// callers get 401 except for the few public actions. Which rows and which view a role gets once
// it may act is in policy.h, beside this table.
//
// Thread-safety: pure functions over a constant table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/access/actor.h"

namespace tsunagu::domain {

enum class Action {
  // Accounts and the audit log.
  kOwnAccount,  // GET /me, logout: every signed-in user, about themselves only
  kUserManage,  // list, read, create, update, disable users; reset passwords
  kAuditRead,   // the audit log and its verification
  // The directory.
  kOrganizationRead,     // public entries for everyone; network entries for signed-in users
  kOrganizationCreate,   // add an organization or service
  kOrganizationUpdate,   // edit an entry (partners: their own)
  kOrganizationArchive,  // DELETE = archive
  kCapacityUpdate,       // PUT …/capacity (partners: their own)
  kServiceManage,        // add, edit or archive a service (partners: their own organization's)
  // Cases and referrals.
  kCaseRead,            // a case's content (wards: their own)
  kCaseWrite,           // create, update, close a case
  kReferralRead,        // a referral (wards: their own; partners: addressed to them)
  kReferralCreate,      // draft or send a referral
  kReferralTransition,  // move a referral on; which step is whose is in referral_states.h
  kNotificationRead,    // one's own notifications
  // Meetings.
  kMeetingRead,       // a meeting (wards: their own; partners: invited), its action items
  kMeetingWrite,      // plan, edit, record decisions, adopt the suggested agenda
  kActionItemUpdate,  // move an action item on (partners: those their organization owns)
  kCalendarRead,      // one's own iCalendar feed
  kNetworkRead,       // who has met whom in a ward's network
  // Casework.
  kAssessmentDetermine,  // the 特定妊婦 determination on an assessment (coordinators: their wards)
  kTransferDecide,       // accept or decline a case moving into the ward (coordinators)
  // Reports.
  kReportRead,  // the gaps and referral reports (wards: theirs; partners: their organization's)
};

const char* to_string(Action action);
// Every action, for table-driven tests that walk the whole matrix.
const std::vector<Action>& all_actions();

// The scope facts of the resource acted on; leave unknown parts empty.
struct Resource {
  std::optional<std::string> ward;             // the case's or meeting's ward
  std::optional<std::string> organization_id;  // the organization concerned
};

enum class Decision { kAllow, kUnauthenticated, kForbidden, kOutOfScope };

// With a resource: may this actor act on this one? A scoped rule needs the scope fact (a ward
// rule without resource.ward is out of scope, never a silent pass).
Decision may(const Actor* actor, Action action, const Resource& resource = {});

// Without a resource: may this actor's role take the action at all (somewhere in its scope)?
// For list endpoints and for checking the role before loading anything.
Decision may_at_all(const Actor* actor, Action action);

// The one answer for an id the caller may not see and for an id that does not exist, so a 404
// never tells them apart: every lookup of a scoped resource (case, referral, meeting, action
// item, notification) answers an unknown id with it too.
Error not_found();

// may() / may_at_all() as a Status: Unauthenticated (401), PermissionDenied (403), not_found().
Status authorize(const Actor* actor, Action action, const Resource& resource = {});
Status authorize_role(const Actor* actor, Action action);

}  // namespace tsunagu::domain
