/**
 * A CSV writer for the open data files: RFC 4180 (comma separator, CRLF
 * line ends, a field quoted when it holds a comma, a quote, CR or LF, its
 * quotes doubled), with the two habits spreadsheets need on top of the RFC:
 *
 * - a UTF-8 byte order mark, so that Excel reads accents as UTF-8 rather
 *   than in the machine's legacy code page;
 * - protection against formula injection (OWASP, "CSV Injection"): a text
 *   cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 *   leading apostrophe, so a spreadsheet shows it as text instead of
 *   running it. Citizens write these cells, so this is not optional.
 *
 * Numbers and booleans are written as they are: they come from the code,
 * never from a visitor, and a number is never a formula (a negative number
 * would lose its meaning with an apostrophe in front of it).
 *
 * Pure: no I/O.
 */

/** A value of one cell: text, a number, a boolean, or nothing (an empty cell). */
export type CsvCell = string | number | boolean | null | undefined;

/** The byte order mark that opens a UTF-8 file meant for spreadsheets. */
export const UTF8_BOM = "\uFEFF";

/** Line end required by RFC 4180. */
const CRLF = "\r\n";

/** First characters that make a spreadsheet read a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Characters that force a field into quotes (RFC 4180, section 2, rules 6 and 7). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A text as a spreadsheet must receive it: with an apostrophe in front when
 * it would otherwise start a formula.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field of a record, quoted if needed. */
export function csvField(value: CsvCell): string {
  let text: string;
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    // NaN or Infinity in an export is a bug upstream: fail the build rather than publish "NaN".
    if (!Number.isFinite(value)) throw new RangeError(`CSV: ${value} is not a finite number`);
    text = String(value);
  } else if (typeof value === "boolean") {
    text = value ? "true" : "false";
  } else {
    text = neutraliseFormula(value);
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Options of {@link toCsv}. */
export interface CsvOptions {
  /** Starts the file with a UTF-8 byte order mark (default true: the files are meant for spreadsheets). */
  bom?: boolean;
}

/**
 * A whole CSV file: a header line, then one record per row, every line
 * ended by CRLF (the RFC allows the last one to go without; ending it keeps
 * `cat a.csv b.csv` and line counters right). Every row must have as many
 * cells as the header: a short or long row is a bug, not something to pad.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  options: CsvOptions = {},
): string {
  const lines = [header.map(csvField).join(",")];
  rows.forEach((row, index) => {
    if (row.length !== header.length) {
      throw new RangeError(`CSV: row ${index + 1} has ${row.length} cells, the header ${header.length}`);
    }
    lines.push(row.map(csvField).join(","));
  });
  return `${options.bom === false ? "" : UTF8_BOM}${lines.join(CRLF)}${CRLF}`;
}
