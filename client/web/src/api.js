// The one module that talks to the server. Same origin, cookie session: the browser sends the
// HttpOnly cookie `tsunagu_session`; every request that changes something carries the session's
// CSRF token in X-CSRF-Token. Errors come back as ApiError holding the RFC 9457 problem, which
// components/errors.jsx turns into messages beside the fields.
import { signal } from "@preact/signals";
import { lang } from "./i18n.js";

const CSRF_KEY = "tsunagu.csrf";

/** The CSRF token of the current browser session (kept for reloads in sessionStorage). */
export const csrfToken = signal(sessionStorage.getItem(CSRF_KEY) || "");
export function setCsrfToken(token) {
  csrfToken.value = token || "";
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}

/** Called with every 401 so the shell can send the user back to the sign-in screen. */
let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}
/** Called after each successful request: a request keeps the session's idle clock running. */
let onActivity = () => {};
export function setActivityHandler(fn) {
  onActivity = fn;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || { status, title: `HTTP ${status}` };
  }
}

/** Builds a query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === "" || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? "?" + s : "";
}

/**
 * request("GET", "/cases", {query, body, ifMatch, idempotencyKey, headers}) → parsed JSON (or text
 * for CSV, or null for 204). Paths are relative to /api/v1 unless they start with "/api/" or "/hsds/".
 */
export async function request(method, path, opts = {}) {
  const url =
    (path.startsWith("/api/") || path.startsWith("/hsds/") ? path : "/api/v1" + path) +
    query(opts.query);
  const headers = { Accept: "application/json", "Accept-Language": lang.value, ...opts.headers };
  if (method !== "GET" && method !== "HEAD" && csrfToken.value && !opts.noCsrf) {
    headers["X-CSRF-Token"] = csrfToken.value;
  }
  if (opts.ifMatch !== undefined) headers["If-Match"] = `"${opts.ifMatch}"`;
  if (opts.idempotencyKey) headers["Idempotency-Key"] = opts.idempotencyKey;
  let body;
  if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  let res;
  try {
    res = await fetch(url, { method, headers, body, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, { status: 0, code: "network", title: "network" });
  }
  const type = res.headers.get("Content-Type") || "";
  let data = null;
  if (res.status !== 204) {
    data = type.includes("json") ? await res.json().catch(() => null) : await res.text();
  }
  if (!res.ok) {
    const problem = data && typeof data === "object" ? data : { status: res.status };
    if (res.status === 401 && !opts.quiet401) onUnauthorized(problem);
    throw new ApiError(res.status, problem);
  }
  onActivity();
  return data;
}

export const get = (path, q, opts) => request("GET", path, { ...opts, query: q });
export const post = (path, body, opts) => request("POST", path, { ...opts, body });
export const put = (path, body, opts) => request("PUT", path, { ...opts, body });
export const patch = (path, body, opts) => request("PATCH", path, { ...opts, body });
export const del = (path, opts) => request("DELETE", path, opts);

/**
 * A fresh Idempotency-Key: a random UUID v4 (crypto.randomUUID needs a secure context; this
 * does not, so it also works over plain http on a ward's intranet).
 */
export function newIdempotencyKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * One Idempotency-Key per submission of a form: `keys.for(body)` gives the key to send with
 * `{idempotencyKey}`. Sending the same body again (a retry after a lost answer or a double click)
 * reuses the key, so the server answers the first result instead of creating a second; a changed
 * body is a new submission with a new key. `keys.done()` after a success: the next record, even
 * one with the same words, is a new one.
 */
export function submissionKeys() {
  let last = null;
  let key = null;
  return {
    for(body) {
      const text = JSON.stringify(body);
      if (text !== last) {
        last = text;
        key = newIdempotencyKey();
      }
      return key;
    },
    done() {
      last = null;
      key = null;
    },
  };
}
