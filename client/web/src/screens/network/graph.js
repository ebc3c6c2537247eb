// Draws the network with cytoscape. The network page imports this module dynamically, so
// cytoscape is a separate chunk of the bundle, fetched from our own server only when the page
// opens (the home screen's JavaScript stays small; nothing comes from the internet). Returns the
// cytoscape instance so the page can destroy it.
import cytoscape from "cytoscape";
import { styleOf } from "./model.js";

export function drawNetwork(container, { nodes, edges }, { neverLabel }) {
  const maxCount = Math.max(1, ...edges.map((e) => e.count));
  return cytoscape({
    container,
    elements: [
      ...nodes.map((n) => ({
        data: { ...n, label: n.never ? `${n.name}\n${neverLabel}` : n.name, color: styleOf(n.category).color, shape: styleOf(n.category).shape },
        classes: n.never ? "never" : "",
      })),
      ...edges.map((e) => ({
        data: { ...e, width: 1.5 + (4 * e.count) / maxCount },
        classes: e.kind,
      })),
    ],
    style: [
      {
        selector: "node",
        style: {
          shape: "data(shape)",
          "background-color": "data(color)",
          "background-opacity": 0.85,
          "border-width": 2,
          "border-color": "#1A1A1C",
          label: "data(label)",
          "font-size": 11,
          "font-family": "sans-serif",
          color: "#1A1A1C",
          "text-wrap": "wrap",
          "text-max-width": 110,
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-background-color": "#FFFFFF",
          "text-background-opacity": 0.85,
          "text-background-padding": 1,
          width: 26,
          height: 26,
        },
      },
      {
        selector: "node.never",
        style: {
          "background-color": "#FFFFFF",
          "border-color": "data(color)",
          "border-width": 4,
          "border-style": "dashed",
        },
      },
      { selector: "node:selected", style: { "border-width": 5, "border-color": "#FFD43D", "overlay-opacity": 0 } },
      {
        selector: "edge",
        style: { width: "data(width)", "curve-style": "bezier", "line-color": "#3460FB", opacity: 0.8 },
      },
      {
        selector: "edge.referral",
        style: { "target-arrow-shape": "triangle", "target-arrow-color": "#3460FB", "arrow-scale": 0.9 },
      },
      {
        selector: "edge.meeting",
        style: { "line-style": "dashed", "line-color": "#008A4B" },
      },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, padding: 24 },
    wheelSensitivity: 0.3,
    minZoom: 0.3,
    maxZoom: 3,
  });
}
