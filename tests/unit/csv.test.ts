/**
 * The CSV writer (src/domain/csv.ts), read back by a small RFC 4180 parser
 * written for the tests (tests/build/rfc4180.ts, shared with the build
 * tests), independently of the writer: hostile cells come back as written,
 * except that formula-like text comes back behind an apostrophe.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvCell, csvField, neutraliseFormula, toCsv, UTF8_BOM } from "../../src/domain/csv";
import { parseCsv } from "../build/rfc4180";

/** What a spreadsheet gets for a text cell: the text, behind an apostrophe if it would start a formula. */
const expectedText = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const hostile = [
  "=1+1",
  "+33 6 12 34 56 78",
  "-2",
  "@SUM(A1)",
  "\tindent",
  "\rreturn first",
  '=HYPERLINK("http://example.org","clic")',
  "a, b, c",
  'il a dit "non"',
  '"',
  "",
  "ligne 1\r\nligne 2",
  "ligne 1\nligne 2",
  "seul\r",
  "émoji 🎉 👩🏽‍💻 et accents : àâçéèêëîïôûùüÿœæ",
  "  espaces autour  ",
  "'déjà une apostrophe",
  "1+1=2",
  "a=b",
  "-",
];

describe("toCsv", () => {
  it("round-trips hostile text through an RFC 4180 parser, formulas behind an apostrophe", () => {
    const header = ["texte", "autre"];
    const rows = hostile.map((text, index) => [text, `ligne ${index}`]);
    const csv = toCsv(header, rows);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const parsed = parseCsv(csv.slice(UTF8_BOM.length));
    expect(parsed).toEqual([header, ...hostile.map((text, index) => [expectedText(text), `ligne ${index}`])]);
  });

  it("ends every line with CRLF and never leaves a bare LF outside quotes", () => {
    const csv = toCsv(["a", "b"], [["x", "y\nz"]], { bom: false });
    expect(csv).toBe('a,b\r\nx,"y\nz"\r\n');
  });

  it("writes numbers and booleans as they are, and nothing for null or undefined", () => {
    const csv = toCsv(["n", "m", "b", "c", "vide", "absent"], [[-2, 3.5, true, false, null, undefined]], {
      bom: false,
    });
    expect(csv).toBe("n,m,b,c,vide,absent\r\n-2,3.5,true,false,,\r\n");
  });

  it("starts with a UTF-8 byte order mark unless told not to", () => {
    expect(toCsv(["a"], []).charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(toCsv(["a"], []), "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(toCsv(["a"], [], { bom: false })).toBe("a\r\n");
  });

  it("refuses a row whose length differs from the header's, and a number that is not finite", () => {
    expect(() => toCsv(["a", "b"], [["1"]])).toThrow("row 1 has 1 cells, the header 2");
    expect(() => csvField(Number.NaN)).toThrow("NaN is not a finite number");
    expect(() => csvField(Number.POSITIVE_INFINITY)).toThrow("not a finite number");
  });

  it("neutralises exactly the OWASP list of formula starts", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(neutraliseFormula(`${start}x`)).toBe(`'${start}x`);
    for (const start of ["a", " ", "'", '"', "1", "\n", "é", ";", "|"]) {
      expect(neutraliseFormula(`${start}x`)).toBe(`${start}x`);
    }
  });

  it("round-trips any text and any grid (property)", () => {
    const cell = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", ",", '"', "a", "é", "🎉", " ") }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 })),
        (width, grid) => {
          const rows = grid.map((row) => row.slice(0, width));
          const header = Array.from({ length: width }, (_, index) => `c${index}`);
          const parsed = parseCsv(toCsv(header, rows, { bom: false }));
          expect(parsed).toEqual([header, ...rows.map((row) => row.map(expectedText))]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("accepts any mix of cell types (compile-time and run-time)", () => {
    const row: CsvCell[] = ["a", 1, false, null, undefined];
    expect(parseCsv(toCsv(["a", "b", "c", "d", "e"], [row], { bom: false }))[1]).toEqual(["a", "1", "false", "", ""]);
  });
});

describe("the test's own parser", () => {
  it("reads what the RFC allows and refuses what it does not", () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\r\ny",,z')).toEqual([
      ["a", "b,c", 'd"e'],
      ["x\r\ny", "", "z"],
    ]);
    expect(() => parseCsv('a"b\r\n')).toThrow("quote inside an unquoted field");
    expect(() => parseCsv('"a"b\r\n')).toThrow("text after a closing quote");
    expect(() => parseCsv("a\nb\r\n")).toThrow("bare CR or LF");
    expect(() => parseCsv('"abc')).toThrow("unclosed quoted field");
  });
});
