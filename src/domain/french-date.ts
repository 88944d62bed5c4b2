/**
 * French writes the first day of a month as an ordinal: « 1er décembre
 * 2026 », never « 1 décembre 2026 » (Imprimerie nationale; the Académie's
 * « Dire, ne pas dire »). Intl's fr-FR formats give the cardinal, so the
 * day part is rewritten here; every other day stays a cardinal.
 */
export function formatFrenchDate(format: Intl.DateTimeFormat, date: Date): string {
  return format
    .formatToParts(date)
    .map((part) => (part.type === "day" && Number(part.value) === 1 ? "1er" : part.value))
    .join("");
}
