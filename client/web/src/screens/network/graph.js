// Draws the network with cytoscape. The network page imports this module dynamically, so
// cytoscape is a separate chunk of the bundle, fetched from our own server only when the page
// opens (the home screen's JavaScript stays small; nothing comes from the internet). Returns the
// cytoscape instance so the page can destroy it.
import cytoscape from "cytoscape";
import { styleOf } from "./model.js";

// Cytoscape adds a <style> element to the page unless an element with this id is already there;
// the server's Content-Security-Policy forbids inline styles, so a placeholder stands in for it and
// network.css carries the one rule it would have added (the container is position: relative).
const CYTOSCAPE_STYLESHEET_ID = "__________cytoscape_stylesheet";
function preventInlineStylesheet() {
  if (document.getElementById(CYTOSCAPE_STYLESHEET_ID)) return;
  const placeholder = document.createElement("meta");
  placeholder.id = CYTOSCAPE_STYLESHEET_ID;
  document.head.appendChild(placeholder);
}

// Long names would push the rings apart until every label is too small to read; the graph shows
// the first characters and the tables beside it give every name in full.
const MAX_LABEL = 9;
const shortName = (name) => ([...name].length > MAX_LABEL ? [...name].slice(0, MAX_LABEL).join("") + "…" : name);

export function drawNetwork(container, { nodes, edges }, { neverLabel }) {
  preventInlineStylesheet();
  const maxCount = Math.max(1, ...edges.map((e) => e.count));
  return cytoscape({
    container,
    elements: [
      ...nodes.map((n) => ({
        data: { ...n, label: shortName(n.name) + (n.never ? "\n" + neverLabel : ""), color: styleOf(n.category).color, shape: styleOf(n.category).shape },
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
          "font-size": 16,
          "font-family": "sans-serif",
          color: "#1A1A1C",
          "text-wrap": "wrap",
          "text-max-width": 160,
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-background-color": "#FFFFFF",
          "text-background-opacity": 0.85,
          "text-background-padding": 1,
          width: 30,
          height: 30,
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
    // Rings by number of links: the best-connected partners in the middle, partners with no link
    // on the outside (the ones to reach). Labels count as part of each node so names do not
    // overlap, and the same network is always drawn the same way.
    layout: {
      name: "concentric",
      concentric: (node) => node.degree(),
      levelWidth: (nodes) => Math.max(1, nodes.maxDegree() / 3),
      minNodeSpacing: 4,
      avoidOverlap: true,
      nodeDimensionsIncludeLabels: true,
      animate: false,
      padding: 16,
    },
    wheelSensitivity: 0.3,
    minZoom: 0.3,
    maxZoom: 3,
  });
}
