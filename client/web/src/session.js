// The signed-in user and the browser session: sign in (cookie + CSRF token), sign out, who am I
// (/me with capabilities and names), and the clock that warns before the session expires. The
// server decides every permission; can() only chooses what to show.
import { signal, computed } from "@preact/signals";
import { forgetNames } from "./names.js";
import { get, post, del, setCsrfToken, csrfToken, setUnauthorizedHandler, setActivityHandler } from "./api.js";

export const me = signal(null);
/** Why the user is on the sign-in screen: null, "expired" or "signed_out". */
export const signInReason = signal(null);
/** Absolute end of the session (expires_at from the server), in ms since the epoch. */
export const absoluteEnd = signal(0);
/** The idle window in ms, when known; each successful request starts it again. */
export const idleWindow = signal(0);
export const lastActivity = signal(Date.now());

/** When the session ends if nothing else happens (ms since the epoch), or 0 when unknown. */
export const sessionEnd = computed(() => {
  const ends = [absoluteEnd.value];
  if (idleWindow.value) ends.push(lastActivity.value + idleWindow.value);
  const known = ends.filter((t) => t > 0);
  return known.length ? Math.min(...known) : 0;
});

const EXPIRY_KEY = "tsunagu.session";
function rememberExpiry(body) {
  const now = Date.now();
  const exp = Date.parse(body?.expires_at || "");
  if (!Number.isNaN(exp)) absoluteEnd.value = exp;
  if (body?.idle_timeout_seconds) idleWindow.value = body.idle_timeout_seconds * 1000;
  lastActivity.value = now;
  sessionStorage.setItem(
    EXPIRY_KEY,
    JSON.stringify({ absolute: absoluteEnd.value, idle: idleWindow.value }),
  );
}
function restoreExpiry() {
  try {
    const s = JSON.parse(sessionStorage.getItem(EXPIRY_KEY) || "{}");
    absoluteEnd.value = s.absolute || 0;
    idleWindow.value = s.idle || 0;
  } catch {
    /* nothing stored */
  }
}

function clearSession(reason) {
  me.value = null;
  forgetNames();
  setCsrfToken("");
  sessionStorage.removeItem(EXPIRY_KEY);
  absoluteEnd.value = 0;
  idleWindow.value = 0;
  signInReason.value = reason;
}

/** The session ran out (the clock here, or a 401): back to the sign-in screen, saying why. */
export function expireSession() {
  if (me.value) clearSession("expired");
}

setUnauthorizedHandler(() => {
  if (me.value) clearSession("expired");
});
setActivityHandler(() => {
  lastActivity.value = Date.now();
});

/** Reads /me: the user, the capabilities of the role, the names of its wards or organization. */
export async function loadMe() {
  me.value = await get("/me", null, { quiet401: true });
  return me.value;
}

/**
 * At start-up: a tab that signed in before still holds the CSRF token; only then is there a
 * session cookie worth asking about (so a fresh visit makes no request that must fail).
 */
export async function restoreSession() {
  if (!csrfToken.value) return null;
  restoreExpiry();
  try {
    const body = await get("/auth/session", null, { quiet401: true });
    setCsrfToken(body.csrf_token);
    rememberExpiry(body);
    return await loadMe();
  } catch (e) {
    clearSession(e.status === 401 ? "expired" : null);
    return null;
  }
}

export async function signIn(username, password) {
  const body = await post("/auth/session", { username, password }, { quiet401: true });
  setCsrfToken(body.csrf_token);
  rememberExpiry(body);
  signInReason.value = null;
  await loadMe();
  return me.value;
}

export async function signOut() {
  try {
    await del("/auth/session", { quiet401: true });
  } finally {
    clearSession("signed_out");
  }
}

/** Keeps the session alive (a request resets the idle clock) and refreshes what /me says. */
export async function extendSession() {
  await loadMe();
}

/** Whether the user's role holds an action of the authorization table (from /me). */
export function can(action) {
  const caps = me.value?.capabilities;
  if (Array.isArray(caps)) return caps.includes(action);
  if (caps && typeof caps === "object") return !!caps[action];
  return false;
}

export const role = computed(() => me.value?.role || null);
export const isWardRole = computed(() => role.value === "coordinator" || role.value === "ward_staff");

/** Whether the session's end is its absolute limit (then only signing in again helps). */
export const endIsAbsolute = computed(
  () => idleWindow.value > 0 && absoluteEnd.value > 0 && sessionEnd.value === absoluteEnd.value,
);
