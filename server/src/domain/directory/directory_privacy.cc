#include "domain/directory/directory_privacy.h"

#include "domain/access/policy.h"

namespace tsunagu::domain {

bool may_see_organization(const Actor* actor, Visibility visibility, EntryStatus status) {
  if (actor != nullptr) return true;
  return visibility == Visibility::kPublic && status == EntryStatus::kActive;
}

bool may_see_address(const Actor* actor, const std::string& organization_id,
                     AddressVisibility address_visibility) {
  switch (address_visibility) {
    case AddressVisibility::kPublic:
      return true;
    case AddressVisibility::kNetwork:
      return actor != nullptr;
    case AddressVisibility::kHidden:
      return actor != nullptr && (access::administers_directory(*actor) ||
                                  access::is_staff_of(*actor, organization_id));
  }
  return false;
}

std::vector<AddressVisibility> visible_address_levels(const Actor* actor) {
  if (actor == nullptr) return {AddressVisibility::kPublic};
  if (access::administers_directory(*actor)) {
    return {AddressVisibility::kPublic, AddressVisibility::kNetwork, AddressVisibility::kHidden};
  }
  return {AddressVisibility::kPublic, AddressVisibility::kNetwork};
}

std::string directory_view(const Actor* actor) {
  if (actor == nullptr) return "anonymous";
  if (access::administers_directory(*actor)) return "admin";
  if (access::is_organization_role(actor->role) && actor->organization_id) {
    return "partner:" + *actor->organization_id;
  }
  return "network";
}

void redact_for(const Actor* actor, Organization& organization) {
  if (may_see_address(actor, organization.id, organization.fields.address_visibility)) return;
  organization.fields.address.clear();
  organization.fields.lat.reset();
  organization.fields.lon.reset();
  organization.distance_km.reset();
  organization.address_withheld = true;
}

}  // namespace tsunagu::domain
