// A small history-API router. Routes are registered in routes.js as {path: "/cases/:id", ...};
// links are ordinary <a href> elements (so they work with the keyboard and open in a new tab)
// and clicks on same-origin links are turned into navigate() calls.
import { signal } from "@preact/signals";

export const location = signal(currentLocation());

function currentLocation() {
  return { path: window.location.pathname, search: new URLSearchParams(window.location.search) };
}

export function navigate(to, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  location.value = currentLocation();
  window.scrollTo(0, 0);
}

window.addEventListener("popstate", () => {
  location.value = currentLocation();
});

document.addEventListener("click", (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
    return;
  }
  const a = e.target.closest?.("a[href]");
  if (!a || a.target || a.hasAttribute("download")) return;
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith("/api/")) return;
  if (url.hash && url.pathname === window.location.pathname) return;  // in-page anchors
  e.preventDefault();
  navigate(url.pathname + url.search);
});

/** Finds the route for a path: returns {route, params} or null. */
export function match(routes, path) {
  for (const route of routes) {
    const names = [];
    const re = new RegExp(
      "^" + route.path.replace(/:([a-zA-Z_]+)/g, (_, n) => (names.push(n), "([^/]+)")) + "/?$",
    );
    const m = path.match(re);
    if (m) {
      const params = {};
      names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      return { route, params };
    }
  }
  return null;
}
