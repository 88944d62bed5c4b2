import { describe, expect, it } from "vitest";
import { answerInputSchema } from "../../src/domain/contribution.schema";
import { fieldIssues, isStorableText } from "../../src/domain/validation";

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
    const result = answerInputSchema.safeParse({
      themeId: "ancrage-territorial",
      questionId: "freins-rencontres",
      body: "Un texte assez long pour passer, mais avec \u0000 dedans.",
      pseudonym: "Camille",
      profile: "habitant",
      postalCode: "23000",
      communeCode: "23096",
    });
    expect(result.success).toBe(false);
    expect(fieldIssues(result.error!)).toEqual([
      { path: "body", message: expect.stringContaining("caractère invalide") },
    ]);
  });
});
