/**
 * Citations in a synthesis: `[[c:<uuid>]]` parsed with its line, checked
 * against what is published, turned into a safe Markdown link named
 * « contribution de <pseudonyme> », and counted for the coverage figures.
 */
import { describe, expect, it } from "vitest";
import {
  CitationError,
  checkCitations,
  citationCoverage,
  citationLabel,
  citedContributionIds,
  linkCitations,
  markdownText,
  parseCitations,
} from "../../src/domain/citations";
import { renderMarkdown } from "../../src/domain/markdown";

const A = "0b8f2c1e-5d4a-4c3b-9a21-7e6f5d4c3b2a";
const B = "11111111-2222-4333-8444-555555555555";

describe("parseCitations", () => {
  it("finds each [[c:…]] with its id in lower case, its offsets and its line", () => {
    const text = `Intro.\n\nLa connexion manque ([[c:${A.toUpperCase()}]]), dit-on [[ c : ${B} ]].`;
    const citations = parseCitations(text);
    expect(citations.map(({ id, line }) => ({ id, line }))).toEqual([
      { id: A, line: 3 },
      { id: B, line: 3 },
    ]);
    const first = citations[0]!;
    expect(text.slice(first.start, first.end)).toBe(`[[c:${A.toUpperCase()}]]`);
    expect(first.raw).toBe(`[[c:${A.toUpperCase()}]]`);
  });

  it("reports a mistyped identifier rather than ignoring it, and leaves other brackets alone", () => {
    const citations = parseCitations("Voir [[c:0b8f2c1e]] et [[note]], [lien](https://exemple.fr), [[x:abc]].");
    expect(citations).toHaveLength(1);
    expect(citations[0]).toMatchObject({ raw: "[[c:0b8f2c1e]]", id: undefined, line: 1 });
  });

  it("does not run a citation across lines", () => {
    expect(parseCitations(`[[c:${A}\n]]`)).toEqual([]);
  });

  it("lists the cited ids once each, in the order of first citation", () => {
    expect(citedContributionIds(`[[c:${B}]] [[c:${A}]] [[c:${B}]] [[c:oops]]`)).toEqual([B, A]);
  });
});

describe("checkCitations", () => {
  it("accepts citations of published contributions", () => {
    expect(checkCitations(`[[c:${A}]]`, (id) => id === A)).toEqual([]);
    expect(checkCitations("Pas de citation.", () => false)).toEqual([]);
  });

  it("names the id and the line of each citation that cannot be published, in French", () => {
    const issues = checkCitations(`[[c:${A}]]\n\n[[c:${B}]] [[c:abc]]`, (id) => id === A);
    expect(issues.map(({ id, line }) => ({ id, line }))).toEqual([
      { id: B, line: 3 },
      { id: undefined, line: 3 },
    ]);
    expect(issues[0]?.message).toContain(B);
    expect(issues[0]?.message).toMatch(/n'est pas publiée/);
    expect(issues[1]?.message).toMatch(/« \[\[c:abc\]\] » ne contient pas un identifiant/);
  });

  it("gives the build an error naming the theme and the ids", () => {
    const error = new CitationError(
      "ancrage-territorial",
      "Ancrage territorial",
      checkCitations(`[[c:${B}]]`, () => false),
    );
    expect(error.message).toContain("ancrage-territorial");
    expect(error.message).toContain(B);
    expect(error.themeId).toBe("ancrage-territorial");
  });
});

describe("linkCitations", () => {
  const links = new Map([
    [A, { pseudonym: "Camille", href: `/contributions/${A}/` }],
    [B, { pseudonym: "Alix", href: `/contributions/${A}/#reponse-${B}` }],
  ]);

  it("renders each citation as a link to its contribution, named after its author", () => {
    const html = renderMarkdown(linkCitations(`Le réseau manque ([[c:${A}]], [[c:${B}]]).`, (id) => links.get(id)));
    expect(html).toBe(
      `<p>Le réseau manque (<a href="/contributions/${A}/">contribution de Camille</a>, <a href="/contributions/${A}/#reponse-${B}">contribution d'Alix</a>).</p>`,
    );
  });

  it("keeps a pseudonym's punctuation as words: no formatting, no link, no HTML", () => {
    const pseudonym = "*Zoé* [x](javascript:alert(1)) <b>&amp;";
    const html = renderMarkdown(linkCitations(`[[c:${A}]]`, () => ({ pseudonym, href: `/contributions/${A}/` })));
    expect(html).toBe(
      `<p><a href="/contributions/${A}/">contribution de *Zoé* [x](javascript:alert(1)) &lt;b&gt;&amp;amp;</a></p>`,
    );
    expect(markdownText("a_b")).toBe("a\\_b");
    expect(citationLabel("Éloi")).toBe("contribution d'Éloi");
  });

  it("leaves a citation it cannot link as written", () => {
    expect(linkCitations(`x [[c:${B}]] y`, () => undefined)).toBe(`x [[c:${B}]] y`);
  });
});

describe("citationCoverage", () => {
  it("counts each cited contribution once, in all, per theme (its own synthesis) and per kind of territory", () => {
    const received = [
      { id: "a1", themeId: "t1", territoryType: "rural" as const },
      { id: "a2", themeId: "t1", territoryType: "metropolis" as const },
      { id: "a3", themeId: "t2", territoryType: "rural" as const },
      { id: "a4", themeId: "t2", territoryType: "small-town" as const },
    ];
    const coverage = citationCoverage(
      received,
      [
        { themeId: "t1", contributionId: "a1" },
        { themeId: "t2", contributionId: "a1" }, // cited by another theme's synthesis too
        { themeId: "t2", contributionId: "a3" },
      ],
      ["t1", "t2"],
    );
    expect(coverage.all).toEqual({ cited: 2, received: 4 });
    expect(Object.fromEntries(coverage.byTheme)).toEqual({
      t1: { cited: 1, received: 2 },
      t2: { cited: 1, received: 2 },
    });
    expect(coverage.byTerritory.map(({ type, cited, received }) => [type, cited, received])).toEqual([
      ["rural", 2, 2],
      ["small-town", 0, 1],
      ["medium-town", 0, 0],
      ["metropolis", 0, 1],
    ]);
  });
});
