// Dates as the ward reads them: days in Asia/Tokyo, whatever zone the browser is set to.
const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Tokyo date (YYYY-MM-DD) of a moment, by default now. */
export function tokyoDate(when = new Date()) {
  return dayFormat.format(when instanceof Date ? when : new Date(when));
}

/** The Tokyo date `days` days from today (negative for the past). */
export function tokyoDateIn(days) {
  return tokyoDate(new Date(Date.now() + days * 86400000));
}

/** "2026-12" of a timestamp in Tokyo, for grouping a calendar by month. */
export function tokyoMonth(when) {
  return tokyoDate(when).slice(0, 7);
}
