/**
 * How the charts write their figures and labels in French: grouped
 * integers, rounded shares, month names, labels wrapped to a line length.
 * Pure functions: the SVG and its data table call the same ones, so a
 * number reads the same in both.
 */

const integerFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 0 });

/** "1 234": French grouping (a narrow no-break space, as Intl writes it). */
export function formatCount(value: number): string {
  return integerFormat.format(value);
}

/**
 * A share of a whole as a French percentage, rounded to the unit: "36 %".
 * A share that is not zero but rounds to 0 reads "< 1 %", so that a
 * territory with one contribution never looks like it has none.
 */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.005) return `< ${percentFormat.format(0.01)}`;
  return percentFormat.format(share);
}

/** part / whole, and 0 when the whole is 0 (no contribution yet: every share is 0, not NaN). */
export function shareOf(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/**
 * A label cut into lines of at most `maxChars` characters, at spaces. A
 * single word longer than a line stays whole on its own line: the SVG
 * cannot hyphenate, and a cut word is harder to read than a long line.
 */
export function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.trim().split(/\s+/)) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= maxChars) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

const monthFormat = new Intl.DateTimeFormat("fr-FR", { month: "long", timeZone: "UTC" });
const monthYearFormat = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });

/**
 * "avril", or "avril 2018" with the year: the name of the month of a
 * calendar day (YYYY-MM-DD). Read in UTC, since a calendar day has no time
 * zone of its own.
 */
export function monthName(isoDay: string, withYear = false): string {
  const date = new Date(`${isoDay.slice(0, 7)}-01T12:00:00Z`);
  return (withYear ? monthYearFormat : monthFormat).format(date);
}
