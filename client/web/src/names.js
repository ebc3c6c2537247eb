// Names for ids the API returns bare (a meeting's organizations, lead_user_id, actor_id), read once per
// page load and kept: organizations from /organizations/{id}, users from /users?ward= (ward
// roles only; other roles see ids they may not resolve, shown as "—").
import { get } from "./api.js";

const orgs = new Map();
const users = new Map();

export function organization(id) {
  if (!id) return Promise.resolve(null);
  if (!orgs.has(id)) orgs.set(id, get(`/organizations/${encodeURIComponent(id)}`).catch(() => null));
  return orgs.get(id);
}

/** {id: organization} for a list of ids. */
export async function organizations(ids) {
  const unique = [...new Set(ids.filter(Boolean))];
  const found = await Promise.all(unique.map(organization));
  return Object.fromEntries(unique.map((id, i) => [id, found[i]]));
}

/** {user_id: display_name} of the caller's wards' users. */
export function wardUsers() {
  if (!users.has("all")) {
    users.set(
      "all",
      get("/users", { per_page: 200 })
        .then((b) => Object.fromEntries((b.items || []).map((u) => [u.id, u.display_name])))
        .catch(() => ({})),
    );
  }
  return users.get("all");
}

/** Forgets what was read (after sign-out, so another user starts afresh). */
export function forgetNames() {
  orgs.clear();
  users.clear();
}
