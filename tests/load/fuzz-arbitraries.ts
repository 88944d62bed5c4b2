/**
 * fast-check arbitraries for fuzzing the functions: hostile strings (RTL,
 * zero-width, blank fillers, combining marks alone, lone surrogates, NUL,
 * emoji, huge), wrong types, raw JSON
 * numbers JSON.stringify cannot write (1e400, -0, 2^70), deep nesting,
 * `__proto__`/`constructor`/`prototype` keys, duplicate keys, arrays for
 * objects, empty and non-JSON bodies, invalid UTF-8, wrong and missing
 * Content-Type. Every "malformed" body is built to be refused: it carries at
 * least one breaking change (a required field missing or of the wrong type)
 * or is not a JSON object at all.
 */
import fc from "fast-check";

/** Odd strings worth trying in any field. */
export const specialStrings = [
  "",
  " ",
  "\t\n\r ",
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(30),
  "\u202Egnp.exe",
  "\u202Btexte à l'envers\u202C",
  "مرحبا بكم في المشاورة",
  "שלום לכולם",
  "\u200B",
  "\u200B\u200C\u200D\u2060\uFEFF",
  "\u200F\u200E\u061C",
  "👩‍👩‍👧‍👦",
  "🇫🇷🏳️‍🌈",
  "e\u0301te\u0301",
  "cafe\u0301",
  "\u3164\u3164",
  "\u115F\u1160\uFFA0",
  "\u2800\u2800",
  "\u00AD\u00AD",
  "\u0301\u0308",
  "\u202eAdmin\u202c",
  "https://user:pass@exemple.fr/",
  "Z̴̡̛͉a̷̛̠l̵̢̛g̶̡̛o̸̢̤",
  "\uFFFF",
  "\uFFFE",
  "\uD800",
  "\uDC00",
  "\uDC00\uD800",
  "ab\uD83D",
  "\u{E0001}\u{E0066}\u{E0072}",
  "\u{10FFFF}",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "0x1F",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "<script>alert(1)</script>",
  "'; drop table public.contributions; --",
  "\\'; select pg_sleep(1); --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, on purpose.
  "${7*7}",
  "{{7*7}}",
  "../../../etc/passwd",
  "%00",
  "\\u0000",
  "\r\n\r\n",
  "\u2028\u2029",
  "\u0085",
  "\u001B[31mrouge",
  "ＡＢＣ１２３",
  "𝕋𝕚𝕖𝕣𝕤-𝕝𝕚𝕖𝕦",
  "23000",
  "2A004",
  "00000000-0000-0000-0000-000000000000",
  "habitant ",
  "HABITANT",
  "ancrage-territorial\u0000",
  "constructor",
  "__proto__",
  "hasOwnProperty",
] as const;

/** Pieces that hostile texts are assembled from. */
export const hostileFragments = [
  "\u0000",
  "\uD800",
  "\uDFFF",
  "\u202E",
  "\u202D",
  "\u2066",
  "\u200B",
  "\u200D",
  "\uFEFF",
  "\u00A0",
  "\u0007",
  "\u001F",
  "\u007F",
  "\u0085",
  "\u2028",
  "😀",
  "👩🏽‍💻",
  "🇫🇷",
  "e\u0301",
  "\u0301",
  "\u2060",
  "\u00AD",
  "\u3164",
  "\u2800",
  "ﷺ",
  "العمل عن بعد",
  "עבודה",
  "中文",
  "\uFFFD",
  "\uFFFE",
  "\u{1D54B}",
  "\u{E0020}",
  "<b>",
  "&amp;",
  "'",
  '"',
  "\\",
  "*",
  "`",
  "[lien](javascript:alert(1))",
  "<img src=x onerror=alert(1)>",
] as const;

/** A single unpaired UTF-16 surrogate inside text. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => `ab${String.fromCharCode(code)}cd`);

/** 1,000 to 40,000 repetitions of one unit: past the 32 KB body limit once encoded, often. */
export const hugeString = fc
  .tuple(
    fc.constantFrom("a", "é", "😀", "\u200B", "\u202E", "ا", " ", "\u0000"),
    fc.integer({ min: 1_000, max: 40_000 }),
  )
  .map(([unit, times]) => unit.repeat(times));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 4, arbitrary: fc.constantFrom(...specialStrings) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom(...hostileFragments), { minLength: 1, maxLength: 12 })
      .map((parts) => parts.join("")),
  },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: hugeString },
);

/** A number literal written as is in the JSON text: some are not JSON at all. */
export class RawNumber {
  constructor(readonly text: string) {}
}
export const rawNumber = fc
  .constantFrom(
    "1e400",
    "-1e400",
    "1e-400",
    "-0",
    "123456789012345678901234567890",
    "9007199254740993",
    "1.7976931348623157e308",
    "5e-324",
    "0.1e1",
    "1E2",
    "2018.5",
    "00012",
    "NaN",
    "Infinity",
    "-Infinity",
    "0x10",
    "+1",
    ".5",
    "1_000",
  )
  .map((text) => new RawNumber(text));

/** Values of every wrong type (and some right ones), for any field. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [null], [""], [[]], { "": "" }) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), nastyString, { maxKeys: 3 }) },
  { weight: 2, arbitrary: rawNumber },
);

/** A value of a type no string field accepts: breaks any payload it is put into. */
export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom([], {}, [""], { value: "" }),
  rawNumber.filter((raw) => !Number.isNaN(Number(raw.text))),
);

/** One top-level entry of a JSON object, in order; keys may repeat (JSON.parse keeps the last). */
export type Entries = [string, unknown][];

export type Mutation =
  | { op: "set"; key: string; value: unknown }
  | { op: "delete"; key: string }
  | { op: "duplicate"; key: string; value: unknown }
  | { op: "add"; key: string; value: unknown };

const pollutionKeys = ["__proto__", "constructor", "prototype"] as const;

/** What a prototype-pollution attempt carries: if it ever lands on Object.prototype, `polluted` shows it. */
export const pollutionValue = fc.constantFrom<unknown>(
  { polluted: "oui", isAdmin: true, status: "published" },
  { prototype: { polluted: "oui" } },
  { parentId: "00000000-0000-4000-8000-000000000001", stance: "for" },
  "polluted",
  [],
  null,
);

/** Mutations of a valid payload; the first is always breaking (so the payload must be refused). */
export function mutations(requiredKeys: readonly string[], optionalKeys: readonly string[]): fc.Arbitrary<Mutation[]> {
  const required = fc.constantFrom(...requiredKeys);
  const any = fc.constantFrom(...requiredKeys, ...optionalKeys);
  const breaking: fc.Arbitrary<Mutation> = fc.oneof(
    required.map((key): Mutation => ({ op: "delete", key })),
    fc.record({ key: required, value: wrongTypeValue }).map(({ key, value }): Mutation => ({ op: "set", key, value })),
    // The last of two keys wins: the breaking value goes second.
    fc
      .record({ key: required, value: wrongTypeValue })
      .map(({ key, value }): Mutation => ({ op: "duplicate", key, value })),
  );
  const other: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ key: any, value: nastyValue }).map((m): Mutation => ({ op: "set", ...m })) },
    { weight: 1, arbitrary: any.map((key): Mutation => ({ op: "delete", key })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ key: fc.constantFrom(...pollutionKeys), value: pollutionValue })
        .map((m): Mutation => ({ op: "add", ...m })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ key: fc.string({ unit: "grapheme", maxLength: 12 }), value: nastyValue })
        .map((m): Mutation => ({ op: "add", ...m })),
    },
    {
      weight: 1,
      arbitrary: fc.record({ key: any, value: nastyValue }).map((m): Mutation => ({ op: "duplicate", ...m })),
    },
  );
  // The breaking change goes last, so that no other mutation can repair it.
  return fc.tuple(breaking, fc.array(other, { maxLength: 3 })).map(([first, rest]) => [...rest, first]);
}

export function applyMutations(valid: Record<string, unknown>, changes: Mutation[]): Entries {
  let entries: Entries = Object.entries(valid);
  for (const change of changes) {
    switch (change.op) {
      case "set":
        if (entries.some(([key]) => key === change.key)) {
          entries = entries.map(([key, value]) => [key, key === change.key ? change.value : value]);
        } else entries.push([change.key, change.value]);
        break;
      case "delete":
        entries = entries.filter(([key]) => key !== change.key);
        break;
      case "duplicate":
      case "add":
        entries.push([change.key, change.value]);
        break;
    }
  }
  return entries;
}

/** JSON text of a value, writing RawNumber literals as they are and keeping `__proto__` as a plain key. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value !== null && typeof value === "object") return entriesText(Object.entries(value));
  // JSON.stringify writes NaN and Infinity as null, and lone surrogates as \uXXXX escapes.
  return JSON.stringify(value) ?? "null";
}

export function entriesText(entries: Entries): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${toJsonText(value)}`).join(",")}}`;
}

/** Nesting `depth` levels deep: arrays, objects, or both. */
export const deepJson = fc
  .record({ depth: fc.integer({ min: 10, max: 20_000 }), kind: fc.constantFrom("array", "object", "mixed") })
  .map(({ depth, kind }) => {
    if (kind === "array") return `${"[".repeat(depth)}1${"]".repeat(depth)}`;
    if (kind === "object") return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    return `${'{"body":['.repeat(depth)}"x"${"]}".repeat(depth)}`;
  });

/** Bodies that are not JSON, or not a JSON object. */
export function nonJsonText(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  return fc.oneof(
    nastyString,
    fc.constantFrom(
      "NaN",
      "undefined",
      "{'body': 'texte'}",
      '{"body": "texte",}',
      "{body: 1}",
      "[1, 2,]",
      "<?xml version='1.0'?><contribution/>",
      "body=bonjour&pseudonym=Camille",
      "{} {}",
      '{"a":1}garbage',
      "\u0000{}",
      "//comment\n{}",
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      '"\\ud800"',
      "\uFEFF\uFEFF{}",
    ),
    // A valid payload cut short: a request interrupted in the middle.
    fc.tuple(valid, fc.nat()).map(([payload, cut]) => {
      const text = JSON.stringify(payload);
      return text.slice(0, cut % Math.max(1, text.length - 1));
    }),
  );
}

/** Content-Type header values: right, almost right, wrong; undefined leaves it out. */
export const contentType = fc.oneof(
  { weight: 60, arbitrary: fc.constant<string | undefined>("application/json") },
  {
    weight: 40,
    arbitrary: fc.constantFrom<string | undefined>(
      "application/json; charset=utf-8",
      "Application/JSON",
      "application/json;charset=latin1",
      " application/json ",
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=xyz",
      "application/jsonp",
      "application/ld+json",
      "application/problem+json",
      "json",
      "",
      "application/json, text/plain",
      "*/*",
      undefined,
      undefined,
      undefined,
    ),
  },
);

/** Idempotency-Key header values; undefined leaves it out. */
export const idempotencyKey = fc.oneof(
  { weight: 10, arbitrary: fc.constant<string | undefined>(undefined) },
  { weight: 6, arbitrary: fc.uuid({ version: 4 }).map((key): string | undefined => key) },
  { weight: 1, arbitrary: fc.uuid({ version: 4 }).map((key): string | undefined => key.toUpperCase()) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<string | undefined>(
      " ",
      "abc",
      "123",
      "00000000-0000-0000-0000-000000000000",
      "{6f1d0b3c-1234-4abc-8def-0123456789ab}",
      "6f1d0b3c12344abc8def0123456789ab",
      "6f1d0b3c-1234-4abc-8def-0123456789ab, 6f1d0b3c-1234-4abc-8def-0123456789ac",
      "x".repeat(2000),
      "null",
    ),
  },
);

/** An HTTP method; bodies are dropped for GET and HEAD. */
export const method = fc.oneof(
  { weight: 12, arbitrary: fc.constant("POST") },
  { weight: 2, arbitrary: fc.constantFrom("GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "post", "PROPFIND") },
);

export type Body = { kind: "none" } | { kind: "text"; text: string } | { kind: "bytes"; bytes: Uint8Array };

/**
 * Request bodies built to be refused, from a valid payload: mutated objects
 * (with at least one breaking change), whole JSON values of any shape,
 * arrays, deep nesting, prototype keys, empty and non-JSON bodies, bytes that
 * are not UTF-8, and bodies past the size limit.
 */
export function malformedBody(
  valid: fc.Arbitrary<Record<string, unknown>>,
  requiredKeys: readonly string[],
  optionalKeys: readonly string[] = [],
): fc.Arbitrary<Body> {
  const text = (arbitrary: fc.Arbitrary<string>) => arbitrary.map((value): Body => ({ kind: "text", text: value }));
  const mutated = fc
    .tuple(valid, mutations(requiredKeys, optionalKeys), fc.constantFrom("", "", "", "\uFEFF", " \n"))
    .map(([payload, changes, prefix]) => `${prefix}${entriesText(applyMutations(payload, changes))}`);
  return fc.oneof(
    { weight: 40, arbitrary: text(mutated) },
    { weight: 8, arbitrary: text(fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? "null")) },
    {
      weight: 6,
      arbitrary: text(
        fc.oneof(
          valid.map((payload) => `[${JSON.stringify(payload)}]`),
          valid.map((payload) => `[${JSON.stringify(payload)},${JSON.stringify(payload)}]`),
          fc.constantFrom("[]", "[[]]", "[{}]", "[null]"),
        ),
      ),
    },
    { weight: 5, arbitrary: text(deepJson) },
    {
      weight: 6,
      arbitrary: text(
        fc
          .tuple(valid, mutations(requiredKeys, optionalKeys), pollutionValue, pollutionValue)
          .map(([payload, changes, proto, ctor]) =>
            entriesText([
              ["__proto__", proto],
              ["constructor", { prototype: ctor }],
              ...applyMutations(payload, changes),
              ["prototype", proto],
            ]),
          ),
      ),
    },
    {
      weight: 5,
      arbitrary: fc.constantFrom<Body>(
        { kind: "none" },
        { kind: "text", text: "" },
        { kind: "text", text: " " },
        { kind: "text", text: "\n" },
        { kind: "text", text: "null" },
        { kind: "text", text: "true" },
        { kind: "text", text: "0" },
        { kind: "text", text: '""' },
        { kind: "text", text: "{}" },
      ),
    },
    { weight: 8, arbitrary: text(nonJsonText(valid)) },
    {
      weight: 4,
      arbitrary: fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((bytes): Body => ({ kind: "bytes", bytes })),
        // UTF-16 (with NUL bytes between ASCII letters) where UTF-8 is expected.
        valid.map(
          (payload): Body => ({
            kind: "bytes",
            bytes: new Uint8Array(Buffer.from(JSON.stringify(payload), "utf16le")),
          }),
        ),
        // Overlong and truncated UTF-8 sequences inside a JSON string.
        fc.constantFrom<Body>(
          { kind: "bytes", bytes: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]) },
          { kind: "bytes", bytes: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]) },
          { kind: "bytes", bytes: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xf0, 0x9f, 0x22, 0x7d]) },
        ),
      ),
    },
    {
      weight: 4,
      arbitrary: text(
        fc
          .tuple(
            valid,
            mutations(requiredKeys, optionalKeys),
            fc.constantFrom(...requiredKeys, ...optionalKeys),
            hugeString,
          )
          .map(([payload, changes, key, huge]) => entriesText(applyMutations({ ...payload, [key]: huge }, changes))),
      ),
    },
    {
      weight: 4,
      arbitrary: text(
        fc
          .tuple(
            valid,
            mutations(requiredKeys, optionalKeys),
            fc.constantFrom(...requiredKeys, ...optionalKeys),
            rawNumber,
          )
          .map(([payload, changes, key, raw]) => entriesText(applyMutations({ ...payload, [key]: raw }, changes))),
      ),
    },
  );
}

/** Text made hostile: a French sentence long enough to be accepted, with odd characters inside. */
export function hostileText(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(
        "Dans notre bourg, le tiers-lieu manque de connexion",
        "Le coworking de la vallée a besoin d'un animateur",
        "Les élus doivent soutenir les lieux existants",
      ),
      fc.array(fc.oneof(fc.constantFrom(...hostileFragments), fc.string({ unit: "binary", maxLength: 8 })), {
        minLength: 1,
        maxLength: 10,
      }),
      fc.nat(),
      fc.boolean(),
    )
    .map(([sentence, odd, nonce, around]) => {
      const middle = odd.join("");
      const text = `${around ? middle : ""}${sentence} ${middle} (envoi ${nonce}).${around ? middle : ""}`;
      return text.length > maxLength ? text.slice(0, maxLength) : text.padEnd(minLength, ".");
    });
}

/** A short hostile name (pseudonym, initiative name): 2 to `max` characters. */
export function hostileName(max: number): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...hostileFragments), fc.constantFrom("Camille", "Léa", "Ωmega", "ناصر")), {
      minLength: 1,
      maxLength: 5,
    })
    .map((parts) => parts.join("").slice(0, max))
    .filter((name) => name.trim().length >= 2 && !/@|https?:|www\./i.test(name));
}
