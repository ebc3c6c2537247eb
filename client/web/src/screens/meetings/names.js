// The organizations a meeting may invite (the active directory entries of its ward), and a filter
// for src/names.js's answers. Names of ids the API returns bare come from src/names.js.
import { get } from "../../api.js";

export async function organizationsOfWard(ward) {
  const page = await get("/organizations", { ward, status: "active", per_page: 200 });
  return page.items || [];
}

/** {id: organization} without the ids that could not be read (src/names.js gives them as null). */
export const withoutMissing = (found) => Object.fromEntries(Object.entries(found).filter(([, o]) => o));
