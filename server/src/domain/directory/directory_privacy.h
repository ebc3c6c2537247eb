// Who may see which part of the directory. One place for the rules every endpoint and export
// applies (api.md, "Directory"):
// - anonymous callers see active `public` organizations only;
// - signed-in callers also see `network` organizations (and, in listings, archived ones on
//   request);
// - an address (with its lat/lon, which would reveal it as well) marked `network` is withheld
//   from anonymous callers; one marked `hidden` (a shelter, a resident's home) is withheld from
//   everyone except admin and the organization's own staff.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "domain/access/actor.h"
#include "domain/directory/directory.h"

namespace tsunagu::domain {

// True when the caller may see the entry at all.
bool may_see_organization(const Actor* actor, Visibility visibility, EntryStatus status);

// True when the caller may see where the organization `organization_id` is.
bool may_see_address(const Actor* actor, const std::string& organization_id,
                     AddressVisibility address_visibility);

// The address visibilities whose locations the caller may see in every organization (the
// caller's own organization aside); used to restrict `near` searches, so distances never
// reveal a withheld place.
std::vector<AddressVisibility> visible_address_levels(const Actor* actor);

// The name of what the caller may see of the directory under the rules above: "anonymous",
// "network" (every signed-in role without more rights), "admin", or "partner:<organization id>"
// (which also sees its own entry's hidden address). Two callers with the same view are shown
// the same entries, addresses and distances by every listing (the directory index renders each
// organization with and without its address and picks per caller by may_see_address()).
std::string directory_view(const Actor* actor);

// Clears address, lat and lon and sets address_withheld when the caller may not see them.
void redact_for(const Actor* actor, Organization& organization);

}  // namespace tsunagu::domain
