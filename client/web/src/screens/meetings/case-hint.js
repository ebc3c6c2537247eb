// A light hint before a roundtable's text is saved: residents attend 座談会 without a duty of
// confidentiality, so text that looks like a case number (中央-2026-0012, C-2026-012) or a
// household's initials (A.K.) is pointed out before it leaves the browser. This is only a
// reminder; the server's check (422 naming the field) is the rule, and it knows the ward's real
// case references and labels, which the browser does not.

// A ward's own number: a short prefix of letters or kanji, a year or series, a serial number.
const CASE_REF = /[\p{L}]{1,4}\s?[-‐－ー―]\s?\d{2,4}\s?[-‐－ー―]\s?\d{2,6}/gu;
// Initials as households are labelled: "A.K." or "A. K." (two or three capital letters).
const INITIALS = /(?<![\p{L}\d])[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?(?![\p{L}\d])/gu;

/**
 * The pieces of `text` that look like case data, as typed (each once), or [] when none do.
 * Full-width letters and digits are folded first (ＡＢ１２ reads as AB12).
 */
export function caseDataIn(text) {
  if (!text) return [];
  const folded = text.normalize("NFKC");
  const found = new Set();
  for (const re of [CASE_REF, INITIALS]) {
    for (const m of folded.matchAll(re)) found.add(m[0].trim());
  }
  return [...found];
}

/** Every field of a roundtable's form that looks like it holds case data: {field: [pieces]}. */
export function caseDataInFields(fields) {
  const out = {};
  for (const [name, text] of Object.entries(fields)) {
    const found = caseDataIn(text);
    if (found.length) out[name] = found;
  }
  return out;
}
