// The network as the screen draws it, from GET /api/v1/network: organizations (nodes) with their
// category, how often they were referred to and how many meetings they shared, and the links
// between them (referrals and shared meetings, with counts). Kept apart from the drawing so the
// graph and its text alternative (the tables) show exactly the same data.

// Each category's colour and shape: the shape carries the meaning too, so colour is never the
// only cue (WCAG 1.4.1). Colours are from the Digital Agency's palette, dark enough against
// white for the node borders and legend swatches.
export const CATEGORY_STYLE = {
  ward_office: { color: "#0017C1", shape: "star" },
  child_guidance_center: { color: "#C60000", shape: "octagon" },
  family_support_center: { color: "#7B3AEC", shape: "hexagon" },
  youth_space: { color: "#008A4B", shape: "ellipse" },
  night_nursery: { color: "#333399", shape: "diamond" },
  nursery: { color: "#1D8B94", shape: "round-rectangle" },
  medical: { color: "#CE0000", shape: "rectangle" },
  midwife: { color: "#B7247A", shape: "triangle" },
  health_center: { color: "#AC3E00", shape: "pentagon" },
  school: { color: "#5F6B00", shape: "round-triangle" },
  resident_group: { color: "#8A5300", shape: "barrel" },
  npo: { color: "#00608D", shape: "round-diamond" },
  other: { color: "#626264", shape: "vee" },
};
export const styleOf = (category) => CATEGORY_STYLE[category] || CATEGORY_STYLE.other;

const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * normalise(body) → {nodes: [{id, name, category, ward, referrals, meetings, never}],
 * edges: [{id, source, target, kind, count}]}. `never` marks a partner nobody has referred to.
 */
export function normalise(body) {
  const rawNodes = body?.nodes || body?.organizations || [];
  const nodes = rawNodes.map((n) => {
    const id = n.id ?? n.organization_id;
    const referrals = num(n.referrals ?? n.referrals_received ?? n.referral_count);
    return {
      id,
      name: n.name || n.label || id,
      category: n.category || "other",
      ward: n.ward || (n.wards || [])[0] || "",
      referrals,
      meetings: num(n.meetings ?? n.shared_meetings ?? n.meeting_count),
      never: n.never_referred ?? (n.kind !== "ward" && n.category !== "ward_office" && referrals === 0),
    };
  });
  const known = new Set(nodes.map((n) => n.id));
  const edges = [];
  (body?.edges || body?.links || []).forEach((e, i) => {
    const source = e.source ?? e.from ?? e.organization_ids?.[0];
    const target = e.target ?? e.to ?? e.organization_ids?.[1];
    if (!known.has(source) || !known.has(target)) return;
    edges.push({
      id: "e" + i,
      source,
      target,
      kind: e.kind || e.type || (e.referrals ? "referral" : "meeting"),
      count: num(e.count ?? e.weight ?? e.referrals ?? e.meetings) || 1,
    });
  });
  return { nodes, edges };
}
