// Language and words. Japanese first; English is a toggle kept in localStorage. Screen texts
// live beside each screen as {ja: {...}, en: {...}} and are read with tr(); the closed word sets
// of the domain (categories, statuses, reasons, wards…) come from /api/v1/reference through
// label() so every client shows the same words.
import { signal } from "@preact/signals";

const stored = localStorage.getItem("tsunagu.lang");
export const lang = signal(stored === "en" ? "en" : "ja");
document.documentElement.lang = lang.value;

export function setLang(next) {
  lang.value = next;
  localStorage.setItem("tsunagu.lang", next);
  document.documentElement.lang = next;
}

/** tr(TEXTS, "key", {n: 3}) → the text in the current language, with {n} filled in. */
export function tr(texts, key, vars) {
  let s = texts[lang.value]?.[key] ?? texts.ja?.[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** The reference word sets, {set: {code: {ja, en}}}, loaded once by loadReference(). */
export const reference = signal(null);

// Accepts the sets as arrays of {code, ja, en} (or {code, label: {ja, en}}, or {code, name_ja,
// name_en}), or as maps code → {ja, en} / code → "label".
function normalise(body) {
  const out = {};
  for (const [set, value] of Object.entries(body || {})) {
    if (!value || typeof value !== "object") continue;
    const map = {};
    const entries = Array.isArray(value)
      ? value.map((v) => [v.code ?? v.id ?? v.value, v])
      : Object.entries(value);
    for (const [code, v] of entries) {
      if (code === undefined) continue;
      if (typeof v === "string") map[code] = { ja: v, en: v };
      else {
        const l = v.label && typeof v.label === "object" ? v.label : v;
        map[code] = { ja: l.ja ?? l.name_ja ?? code, en: l.en ?? l.name_en ?? l.ja ?? code };
      }
    }
    out[set] = map;
  }
  return out;
}

export function setReference(body) {
  reference.value = normalise(body);
}

/** label("categories", "youth_space") → 居場所 (or the code itself when the set is unknown). */
export function label(set, code) {
  if (code === undefined || code === null || code === "") return "";
  const entry = reference.value?.[set]?.[code];
  return entry ? entry[lang.value] || entry.ja : String(code);
}

/** The codes of a set in the server's order, for select boxes. */
export function codes(set) {
  return Object.keys(reference.value?.[set] || {});
}

const dateFmt = { ja: "ja-JP", en: "en-GB" };
/** A date or timestamp as people in Sapporo read it (Asia/Tokyo). */
export function formatDate(value, withTime = false) {
  if (!value) return "";
  const d = new Date(value.length === 10 ? value + "T00:00:00+09:00" : value);
  if (Number.isNaN(d.getTime())) return value;
  const opts = { timeZone: "Asia/Tokyo", year: "numeric", month: "short", day: "numeric" };
  if (withTime) Object.assign(opts, { hour: "2-digit", minute: "2-digit" });
  return d.toLocaleString(dateFmt[lang.value], opts);
}
export function formatTime(value) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value || "";
  return d.toLocaleTimeString(dateFmt[lang.value], {
    timeZone: "Asia/Tokyo",
    hour: "2-digit",
    minute: "2-digit",
  });
}
