#include "domain/directory_privacy.h"

namespace tsunagu::domain {
namespace {

bool is_own_staff(const Actor* actor, const std::string& organization_id) {
  return actor != nullptr && actor->role == Role::kPartner &&
         actor->organization_id == organization_id;
}

}  // namespace

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
      return (actor != nullptr && actor->role == Role::kAdmin) ||
             is_own_staff(actor, organization_id);
  }
  return false;
}

std::vector<AddressVisibility> visible_address_levels(const Actor* actor) {
  if (actor == nullptr) return {AddressVisibility::kPublic};
  if (actor->role == Role::kAdmin) {
    return {AddressVisibility::kPublic, AddressVisibility::kNetwork, AddressVisibility::kHidden};
  }
  return {AddressVisibility::kPublic, AddressVisibility::kNetwork};
}

std::string directory_view(const Actor* actor) {
  if (actor == nullptr) return "anonymous";
  if (actor->role == Role::kAdmin) return "admin";
  if (actor->role == Role::kPartner && actor->organization_id) {
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
