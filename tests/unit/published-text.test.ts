import { describe, expect, it } from "vitest";
import {
  countOf,
  EXCERPT_LENGTH,
  excerpt,
  formatPublicationDay,
  ofName,
  paragraphs,
  reactionSummary,
} from "../../src/domain/published-text";

describe("excerpt", () => {
  it("keeps a short text whole, on one line", () => {
    expect(excerpt("  Un texte court.\n\nSur deux   paragraphes.  ")).toBe("Un texte court. Sur deux paragraphes.");
  });

  it("cuts a long text at a word boundary, within the length, with an ellipsis", () => {
    const text = "Dans notre bourg, le tiers-lieu a ouvert dans l'ancienne poste ; ".repeat(10);
    const result = excerpt(text);
    expect(Array.from(result).length).toBeLessThanOrEqual(EXCERPT_LENGTH);
    expect(Array.from(result).length).toBeGreaterThan(EXCERPT_LENGTH * 0.66);
    expect(result.endsWith("…")).toBe(true);
    // The last word before the ellipsis is a whole word of the text, with no dangling punctuation.
    expect(result).toMatch(/[\p{L}]…$/u);
    expect(text.startsWith(result.slice(0, -1))).toBe(true);
  });

  it("honours a shorter length", () => {
    expect(excerpt("Un deux trois quatre cinq six sept huit neuf dix", 20)).toBe("Un deux trois…");
  });

  it("cuts inside a word longer than a third of the excerpt rather than dropping it", () => {
    const result = excerpt(`Voir ${"x".repeat(100)}`, 40);
    expect(Array.from(result)).toHaveLength(40);
    expect(result.endsWith("x…")).toBe(true);
  });

  it("never cuts an emoji in half", () => {
    const result = excerpt("😀".repeat(50), 10);
    expect(result).toBe(`${"😀".repeat(9)}…`);
  });
});

describe("paragraphs", () => {
  it("splits on blank lines, keeps single line breaks, drops empty paragraphs", () => {
    expect(paragraphs("Premier\nsuite du premier\n\n\n  Deuxième  \r\n\r\nTroisième\n \n\n")).toEqual([
      "Premier\nsuite du premier",
      "Deuxième",
      "Troisième",
    ]);
  });

  it("returns nothing for a blank text", () => {
    expect(paragraphs(" \n\n ")).toEqual([]);
  });
});

describe("counts in words", () => {
  it("uses the French singular below 2", () => {
    expect(countOf(0, "soutien")).toBe("0 soutien");
    expect(countOf(1, "soutien")).toBe("1 soutien");
    expect(countOf(2, "soutien")).toBe("2 soutiens");
    expect(countOf(2, "lieu publié", "lieux publiés")).toBe("2 lieux publiés");
  });

  it("groups thousands the French way", () => {
    expect(countOf(12_345, "réponse").replace(/\s/g, " ")).toBe("12 345 réponses");
  });

  it("says the reactions of a contribution", () => {
    expect(reactionSummary({ support: 3, disagree: 1 })).toBe("3 soutiens, 1 désaccord");
  });
});

describe("ofName", () => {
  it("elides « de » before a vowel, not before a consonant or an h", () => {
    expect(ofName("Adjointe du Haut-Jura")).toBe("d'Adjointe du Haut-Jura");
    expect(ofName("Élue locale")).toBe("d'Élue locale");
    expect(ofName("Nomade du Perche")).toBe("de Nomade du Perche");
    expect(ofName("Habitant du plateau")).toBe("de Habitant du plateau");
    expect(ofName("42 citoyens")).toBe("de 42 citoyens");
  });
});

describe("formatPublicationDay", () => {
  it("gives the day in Paris, even when it is another day in UTC", () => {
    expect(formatPublicationDay(new Date("2018-04-13T07:53:00Z"))).toBe("13 avril 2018");
    // 23:30 UTC on 14 May is 01:30 on 15 May in Paris (UTC+2).
    expect(formatPublicationDay(new Date("2018-05-14T23:30:00Z"))).toBe("15 mai 2018");
  });
});
