import { describe, expect, it } from "vitest";
import type * as z from "zod/mini";
import {
  answerInputSchema,
  BODY_MAX,
  flagInputSchema,
  initiativeInputSchema,
  pseudonymSchema,
  replyInputSchema,
} from "../../src/domain/contribution.schema";
import { fr } from "../../src/domain/messages.fr";
import { synthesisSchema } from "../../src/domain/moderation";
import {
  codePointLength,
  hasBidiControl,
  hasVisibleCharacter,
  isStorableText,
  typedLength,
} from "../../src/domain/text";
import { fieldIssues } from "../../src/domain/validation";

const validAnswer = (overrides: Record<string, unknown> = {}) => ({
  themeId: "ancrage-territorial",
  questionId: "freins-rencontres",
  body: "Dans notre bourg, le principal frein reste la connexion internet.",
  pseudonym: "Camille",
  profile: "habitant",
  postalCode: "23000",
  communeCode: "23096",
  ...overrides,
});

const validReply = (overrides: Record<string, unknown> = {}) => ({
  parentId: "6f1d0b3c-1234-4abc-8def-0123456789ab",
  stance: "for",
  body: "Je suis d'accord.",
  pseudonym: "Noé",
  profile: "usager",
  postalCode: "23000",
  communeCode: "23096",
  ...overrides,
});

const validInitiative = (overrides: Record<string, unknown> = {}) => ({
  name: "Atelier partagé",
  kind: "fablab",
  description: "Un atelier de fabrication numérique ouvert aux habitants deux soirs par semaine.",
  url: "https://atelier.example.org",
  pseudonym: "Sam",
  profile: "fondateur",
  postalCode: "23000",
  communeCode: "23096",
  ...overrides,
});

const validFlag = (overrides: Record<string, unknown> = {}) => ({
  reason: "other",
  voterToken: "jeton-de-test-0123456789",
  ...overrides,
});

/** Any of the input schemas. */
type Schema = { safeParse(value: unknown): { success: boolean; error?: z.core.$ZodError | undefined } };

/** The issues of a payload the schema refuses, one per field. */
function issuesOf(schema: Schema, payload: unknown) {
  const result = schema.safeParse(payload);
  expect(result.success, "the schema should refuse this payload").toBe(false);
  return fieldIssues(result.error!);
}

/** The message on one field of a payload the schema refuses. */
function messageOn(schema: Schema, payload: unknown, path: string) {
  return issuesOf(schema, payload).find((issue) => issue.path === path)?.message;
}

/** Text with no visible character, each kind the rule covers (long enough to pass any minimum length). */
const invisibleTexts = {
  "zero-width spaces": "\u200B".repeat(25),
  "zero-width non-joiners and joiners": "\u200C\u200D".repeat(13),
  "zero-width joiners": "\u200D".repeat(25),
  "U+FEFF between zero-width spaces": "\u200B\uFEFF".repeat(13),
  "word joiners": "\u2060".repeat(25),
  "soft hyphens": "\u00AD".repeat(25),
  "bidi controls": "\u202E\u202C\u2066\u2069\u200E\u200F\u061C".repeat(4),
  "combining marks alone": "\u0301\u0308".repeat(13),
  "Hangul fillers": "\u3164\u115F\u1160\uFFA0".repeat(7),
  "blank Braille patterns": "\u2800".repeat(25),
  "control characters and spaces": "\u0007 \u001B\u00A0\u3000\u2028".repeat(5),
  "variation selectors and tags": "\uFE0F\u{E0020}\u{E0066}".repeat(9),
};

describe("text PostgreSQL can store", () => {
  it("accepts accents, emoji and right-to-left text", () => {
    expect(isStorableText("Équipe 👩🏽‍💻 مرحبا")).toBe(true);
  });

  it("refuses a NUL character and half a surrogate pair", () => {
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("a\uD83Db")).toBe(false);
    expect(isStorableText("a\uDC69b")).toBe(false);
  });

  it("gives the citizen a French message on the field, not a server error", () => {
    const result = answerInputSchema.safeParse(
      validAnswer({ body: "Un texte assez long pour passer, mais avec \u0000 dedans." }),
    );
    expect(result.success).toBe(false);
    expect(fieldIssues(result.error!)).toEqual([
      { path: "body", message: expect.stringContaining("caractère invalide") },
    ]);
  });
});

describe("text with no visible character", () => {
  it.each(Object.entries(invisibleTexts))("is recognised: %s", (_kind, text) => {
    expect(hasVisibleCharacter(text)).toBe(false);
  });

  it.each(["a", "😀", "ناصر", "中文", "e\u0301", "\u200Ba\u200B", "\u202Enimda"])(
    "%j has a visible character",
    (text) => {
      expect(hasVisibleCharacter(text)).toBe(true);
    },
  );

  it.each(Object.entries(invisibleTexts))("is refused as an answer's body, in French: %s", (_kind, body) => {
    expect(issuesOf(answerInputSchema, validAnswer({ body }))).toEqual([{ path: "body", message: fr.body.invisible }]);
  });

  it("is refused as a reply's body", () => {
    expect(messageOn(replyInputSchema, validReply({ body: "\u200D\u2060" }), "body")).toBe(fr.body.invisible);
  });

  it.each([
    ["zero-width spaces", "\u200B\u200B\u200B"],
    ["zero-width joiners", "\u200D\u200D"],
    ["U+FEFF between word joiners", "\u2060\uFEFF\u2060"],
    ["word joiners", "\u2060\u2060"],
    ["Hangul fillers", "\u3164\u3164"],
    ["blank Braille patterns", "\u2800\u2800\u2800"],
    ["combining marks alone", "\u0301\u0301"],
  ])("is refused as a pseudonym: %s", (_kind, pseudonym) => {
    expect(issuesOf(answerInputSchema, validAnswer({ pseudonym }))).toEqual([
      { path: "pseudonym", message: fr.pseudonym.invisible },
    ]);
  });

  it("is refused as an initiative's name or description", () => {
    expect(messageOn(initiativeInputSchema, validInitiative({ name: "\u200B\u200D\u2060" }), "name")).toBe(
      fr.initiative.nameInvisible,
    );
    expect(
      messageOn(initiativeInputSchema, validInitiative({ description: invisibleTexts["word joiners"] }), "description"),
    ).toBe(fr.initiative.descriptionInvisible);
    expect(
      messageOn(
        initiativeInputSchema,
        validInitiative({ description: invisibleTexts["U+FEFF between zero-width spaces"] }),
        "description",
      ),
    ).toBe(fr.initiative.descriptionInvisible);
  });

  it("is refused as a flag's details, which may still be left empty or out", () => {
    expect(issuesOf(flagInputSchema, validFlag({ details: "\u200B\u2060\u200D" }))).toEqual([
      { path: "details", message: fr.flagDetailsInvisible },
    ]);
    expect(flagInputSchema.safeParse(validFlag({ details: "" })).success).toBe(true);
    expect(flagInputSchema.safeParse(validFlag({ details: "   " })).success).toBe(true);
    expect(flagInputSchema.safeParse(validFlag()).success).toBe(true);
  });

  it("keeps the minimum-length message for an empty or blank field", () => {
    expect(messageOn(answerInputSchema, validAnswer({ body: "   " }), "body")).toBe(fr.body.tooShort(20));
    // JavaScript's trim removes U+FEFF: a body made only of it is empty once trimmed.
    expect(messageOn(answerInputSchema, validAnswer({ body: "\uFEFF".repeat(30) }), "body")).toBe(fr.body.tooShort(20));
    expect(messageOn(answerInputSchema, validAnswer({ pseudonym: "" }), "pseudonym")).toBe(fr.pseudonym.tooShort);
  });

  it("accepts visible text that carries invisible characters too (emoji sequences, joined scripts)", () => {
    const result = answerInputSchema.safeParse(
      validAnswer({ body: "Notre équipe 👩🏽‍💻 travaille ici\u00AD même, مرحبا.", pseudonym: "Léa\u200D" }),
    );
    expect(result.success).toBe(true);
  });
});

describe("bidirectional controls", () => {
  it("are recognised, all of them", () => {
    for (const control of ["\u061C", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E"]) {
      expect(hasBidiControl(`a${control}b`), control.codePointAt(0)?.toString(16)).toBe(true);
    }
    for (const control of ["\u2066", "\u2067", "\u2068", "\u2069"]) expect(hasBidiControl(`a${control}b`)).toBe(true);
    expect(hasBidiControl("ناصر שלום Admin")).toBe(false);
  });

  it.each(["\u202eAdmin\u202c", "\u202enimdA", "Admin\u2066", "Modé\u200Frateur", "\u061CCamille"])(
    "are refused in a pseudonym, in French: %j",
    (pseudonym) => {
      expect(issuesOf(answerInputSchema, validAnswer({ pseudonym }))).toEqual([
        { path: "pseudonym", message: fr.pseudonym.bidi },
      ]);
    },
  );

  it("are refused in an initiative's name, not in free text", () => {
    expect(messageOn(initiativeInputSchema, validInitiative({ name: "\u202ELe Hub\u202C" }), "name")).toBe(
      fr.initiative.nameBidi,
    );
    // A body may quote right-to-left text with its marks.
    expect(
      answerInputSchema.safeParse(validAnswer({ body: "Le panneau dit \u2067مرحبا\u2069 à l'entrée du tiers-lieu." }))
        .success,
    ).toBe(true);
  });

  it("leave right-to-left names alone", () => {
    expect(pseudonymSchema.safeParse("ناصر").success).toBe(true);
    expect(pseudonymSchema.safeParse("שלום").success).toBe(true);
  });
});

describe("Unicode NFC", () => {
  it('stores "cafe\\u0301" as "café", in every text field', () => {
    const answer = answerInputSchema.parse(
      validAnswer({ body: "  Le cafe\u0301 associatif du bourg ferme le lundi.  ", pseudonym: "Zoe\u0308" }),
    );
    expect(answer.body).toBe("Le café associatif du bourg ferme le lundi.");
    expect(answer.pseudonym).toBe("Zoë");
    const initiative = initiativeInputSchema.parse(
      validInitiative({
        name: "Le cafe\u0301 numérique",
        description: "Un cafe\u0301 associatif qui prête des ordinateurs.",
        url: "https://exemple.fr/cafe\u0301",
      }),
    );
    expect(initiative.name).toBe("Le café numérique");
    expect(initiative.description).toBe("Un café associatif qui prête des ordinateurs.");
    expect(initiative.url).toBe("https://exemple.fr/café");
    expect(flagInputSchema.parse(validFlag({ details: "cafe\u0301" })).details).toBe("café");
  });

  it("counts the length of the normalised text", () => {
    expect(typedLength(" cafe\u0301 ")).toBe(4);
    // 4,001 code points as typed, 4,000 characters once composed: not too long.
    const body = `${"a".repeat(BODY_MAX - 1)}e\u0301`;
    expect(codePointLength(body)).toBe(BODY_MAX + 1);
    expect(answerInputSchema.safeParse(validAnswer({ body })).success).toBe(true);
  });
});

describe("lengths in characters (code points), as PostgreSQL's char_length counts them", () => {
  it("counts an emoji as one character", () => {
    expect(codePointLength("😀")).toBe(1);
    expect("😀".length).toBe(2);
    expect(codePointLength("👩🏽‍💻")).toBe(4);
    expect(codePointLength("é")).toBe(1);
  });

  it(`accepts a body of ${BODY_MAX} emoji and refuses ${BODY_MAX + 1}, as it does letters`, () => {
    expect(answerInputSchema.safeParse(validAnswer({ body: "😀".repeat(BODY_MAX) })).success).toBe(true);
    expect(answerInputSchema.safeParse(validAnswer({ body: "a".repeat(BODY_MAX) })).success).toBe(true);
    const tooLong = fr.body.tooLong(BODY_MAX);
    expect(issuesOf(answerInputSchema, validAnswer({ body: "😀".repeat(BODY_MAX + 1) }))).toEqual([
      { path: "body", message: tooLong },
    ]);
    expect(issuesOf(answerInputSchema, validAnswer({ body: "a".repeat(BODY_MAX + 1) }))).toEqual([
      { path: "body", message: tooLong },
    ]);
  });

  it("applies the minimum in characters: one emoji is one character, not two", () => {
    expect(messageOn(replyInputSchema, validReply({ body: "👍" }), "body")).toBe(fr.body.tooShort(2));
    expect(replyInputSchema.safeParse(validReply({ body: "👍👍" })).success).toBe(true);
    expect(messageOn(answerInputSchema, validAnswer({ pseudonym: "🦊" }), "pseudonym")).toBe(fr.pseudonym.tooShort);
  });

  it("applies the other limits in characters too", () => {
    expect(pseudonymSchema.safeParse("🦊".repeat(40)).success).toBe(true);
    expect(pseudonymSchema.safeParse("🦊".repeat(41)).error?.issues[0]?.message).toBe(fr.pseudonym.tooLong);
    expect(initiativeInputSchema.safeParse(validInitiative({ name: "🏠".repeat(120) })).success).toBe(true);
    expect(messageOn(initiativeInputSchema, validInitiative({ name: "🏠".repeat(121) }), "name")).toBe(
      fr.initiative.name,
    );
    expect(initiativeInputSchema.safeParse(validInitiative({ description: "🌳".repeat(1000) })).success).toBe(true);
    expect(initiativeInputSchema.safeParse(validInitiative({ description: "🌳".repeat(1001) })).success).toBe(false);
    expect(flagInputSchema.safeParse(validFlag({ details: "😡".repeat(500) })).success).toBe(true);
    expect(messageOn(flagInputSchema, validFlag({ details: "😡".repeat(501) }), "details")).toBe(fr.flagDetails);
    expect(synthesisSchema.safeParse({ body: "📊".repeat(20_000) }).success).toBe(true);
    expect(synthesisSchema.safeParse({ body: "📊".repeat(20_001) }).success).toBe(false);
  });
});

describe("website addresses", () => {
  it.each([
    "https://user:pass@atelier.example.org/",
    "https://user@atelier.example.org",
    "https://:secret@atelier.example.org",
    "http://atelier.example.org@evil.example/",
    "https://user@exa\u202Emple.fr",
  ])("refuses %j, which carries credentials, in French", (url) => {
    expect(issuesOf(initiativeInputSchema, validInitiative({ url }))).toEqual([
      { path: "url", message: fr.initiative.websiteCredentials },
    ]);
  });

  it("keeps an address with an @ in its path", () => {
    expect(initiativeInputSchema.parse(validInitiative({ url: "https://exemple.fr/@atelier" })).url).toBe(
      "https://exemple.fr/@atelier",
    );
  });
});
