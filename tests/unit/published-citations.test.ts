/**
 * Citations from the public snapshot to the pages: toPublished links each
 * one to the contribution, lists what each synthesis cites, and refuses a
 * citation of a contribution it does not show (CitationError, naming the
 * theme and the id); citableContributionIds gives the save of a synthesis
 * the same set; synthesisCoverage counts replies in their thread's theme.
 */
import { describe, expect, it } from "vitest";
import { CitationError } from "../../src/domain/citations";
import { themes } from "../../src/domain/consultation";
import { citableContributionIds, synthesisCoverage, toPublished } from "../../src/server/published";
import type { PublicSnapshot } from "../../src/server/store/store";

type ContributionRow = PublicSnapshot["contributions"][number];
const [theme, other] = themes as [(typeof themes)[number], (typeof themes)[number]];
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function contribution(n: number, overrides: Partial<ContributionRow> = {}): ContributionRow {
  return {
    id: uuid(n),
    parent_id: null,
    theme_id: theme.id,
    question_id: theme.questions[0]!.id,
    stance: null,
    body: `Texte ${n}`,
    pseudonym: `Auteur ${n}`,
    profile: "habitant",
    commune_name: "Guéret",
    departement_name: "Creuse",
    region_code: "75",
    region_name: "Nouvelle-Aquitaine",
    territory_type: "small-town",
    retained: false,
    created_at: "2018-04-20T08:00:00+00:00",
    published_at: `2018-04-2${n % 10}T10:00:00+00:00`,
    support: 0,
    disagree: 0,
    ...overrides,
  };
}

const contributions = [
  contribution(1, { pseudonym: "Camille", territory_type: "rural" }),
  contribution(2, { parent_id: uuid(1), stance: "for", pseudonym: "Alix" }),
  contribution(3, { theme_id: other.id, question_id: other.questions[0]!.id, territory_type: "metropolis" }),
  // A reply whose answer is not published: not shown, so not citable.
  contribution(4, { parent_id: uuid(99), stance: "for" }),
];
const synthesis = (themeId: string, body: string) => ({ theme_id: themeId, body, updated_at: "2018-06-01T10:00:00Z" });
const snapshot = (syntheses: PublicSnapshot["syntheses"]): PublicSnapshot => ({
  contributions,
  initiatives: [],
  syntheses,
});

describe("toPublished and citations", () => {
  it("links each citation, and lists what each synthesis cites and where each contribution is cited", () => {
    const published = toPublished(
      snapshot([
        synthesis(theme.id, `Le réseau ([[c:${uuid(1)}]]) et [[c:${uuid(2)}]], encore [[c:${uuid(1)}]].`),
        synthesis(other.id, `Voir [[c:${uuid(3)}]] et [[c:${uuid(1)}]].`),
      ]),
    );
    expect(published.synthesesByTheme.get(theme.id)?.html).toContain(
      `(<a href="/contributions/${uuid(1)}/">contribution de Camille</a>) et <a href="/contributions/${uuid(1)}/#reponse-${uuid(2)}">contribution d'Alix</a>`,
    );
    expect(published.citations.map((citation) => [citation.themeId, citation.contributionId])).toEqual([
      [theme.id, uuid(1)],
      [theme.id, uuid(2)],
      [other.id, uuid(3)],
      [other.id, uuid(1)],
    ]);
    expect(published.citedIn.get(uuid(1))).toEqual([theme.id, other.id]);

    const coverage = synthesisCoverage(published);
    expect(coverage.all).toEqual({ cited: 3, received: 3 });
    // The reply counts in its answer's theme.
    expect(coverage.byTheme.get(theme.id)).toEqual({ cited: 2, received: 2 });
    expect(coverage.byTheme.get(other.id)).toEqual({ cited: 1, received: 1 });
    expect(coverage.byTerritory.find((row) => row.type === "rural")).toMatchObject({ cited: 1, received: 1 });
  });

  it("refuses a citation of a contribution it does not show, naming the theme and the id", () => {
    for (const id of [uuid(4), uuid(99)]) {
      const build = () => toPublished(snapshot([synthesis(other.id, `Voir [[c:${uuid(3)}]] et [[c:${id}]].`)]));
      expect(build).toThrow(CitationError);
      expect(build).toThrow(new RegExp(`theme "${other.id}".*${id}`));
    }
  });

  it("gives the save of a synthesis the ids the build can link", () => {
    expect(citableContributionIds(snapshot([]))).toEqual(new Set([uuid(1), uuid(2), uuid(3)]));
  });
});
