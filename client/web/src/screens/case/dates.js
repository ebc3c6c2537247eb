// Today as a date (YYYY-MM-DD) in Asia/Tokyo, the default of a contact's or assessment's date: the
// server refuses a future one, so a browser whose clock zone is elsewhere must not offer tomorrow.
export function todayInTokyo() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}
