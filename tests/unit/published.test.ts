/**
 * From the store's public snapshot to what the pages show: answers and
 * replies apart, threads, ranking, syntheses, initiatives, and the
 * snapshot kept for a build but read afresh by the dev server.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { themes } from "../../src/domain/consultation";
import { answersTo, forgetPublished, loadPublished, toPublished } from "../../src/server/published";
import { provideStore } from "../../src/server/store/open-store";
import type { PublicSnapshot, Store } from "../../src/server/store/store";

type ContributionRow = PublicSnapshot["contributions"][number];
type InitiativeRow = PublicSnapshot["initiatives"][number];

const theme = themes.find((candidate) => candidate.questions.length >= 2)!;
const question = theme.questions[0]!;
const otherQuestion = theme.questions[1]!;

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function contribution(n: number, overrides: Partial<ContributionRow> = {}): ContributionRow {
  return {
    id: uuid(n),
    parent_id: null,
    theme_id: theme.id,
    question_id: question.id,
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
    published_at: `2018-04-${String(20 + (n % 10)).padStart(2, "0")}T10:00:00+00:00`,
    support: 0,
    disagree: 0,
    ...overrides,
  };
}

function initiative(n: number, overrides: Partial<InitiativeRow> = {}): InitiativeRow {
  return {
    id: uuid(100 + n),
    name: `Lieu ${n}`,
    kind: "fablab",
    description: "Un atelier ouvert aux habitants.",
    url: "https://atelier.example.org",
    opening_year: 2016,
    pseudonym: "Sam",
    commune_name: "Guéret",
    departement_code: "23",
    departement_name: "Creuse",
    region_code: "75",
    region_name: "Nouvelle-Aquitaine",
    territory_type: "small-town",
    published_at: "2018-05-01T10:00:00+00:00",
    ...overrides,
  };
}

const snapshot = (parts: Partial<PublicSnapshot>): PublicSnapshot => ({
  contributions: [],
  initiatives: [],
  syntheses: [],
  ...parts,
});

describe("toPublished", () => {
  it("separates answers from replies and hangs each reply in its answer's thread, oldest first", () => {
    const published = toPublished(
      snapshot({
        contributions: [
          contribution(1),
          contribution(2, { parent_id: uuid(1), stance: "against", published_at: "2018-04-25T10:00:00+00:00" }),
          contribution(3, { parent_id: uuid(1), stance: "for", published_at: "2018-04-22T10:00:00+00:00" }),
          // A reply to a reply joins the thread of the answer at its root.
          contribution(4, { parent_id: uuid(2), stance: "question", published_at: "2018-04-26T10:00:00+00:00" }),
        ],
      }),
    );
    expect(published.answers.map((answer) => answer.id)).toEqual([uuid(1)]);
    const [answer] = published.answers;
    expect(answer?.replies.map((reply) => [reply.id, reply.stanceLabel, reply.answerId])).toEqual([
      [uuid(3), "D'accord", uuid(1)],
      [uuid(2), "Pas d'accord", uuid(1)],
      [uuid(4), "Question", uuid(1)],
    ]);
    expect(answer?.replies[2]?.parentId).toBe(uuid(2));
    expect(published.replies).toHaveLength(3);
  });

  it("leaves out what has no place on the site: orphan replies, answers to unknown questions", () => {
    const published = toPublished(
      snapshot({
        contributions: [
          contribution(1, { question_id: "question-disparue" }),
          contribution(2, { theme_id: "theme-disparu" }),
          // Its parent is not published (sent back to moderation, say).
          contribution(3, { parent_id: uuid(99), stance: "for" }),
          contribution(4, { parent_id: uuid(3), stance: "for" }),
        ],
      }),
    );
    expect(published.answers).toEqual([]);
    expect(published.replies).toEqual([]);
  });

  it("ranks the answers of each question, most supported first", () => {
    const published = toPublished(
      snapshot({
        contributions: [
          contribution(1, { support: 1 }),
          contribution(2, { support: 4, disagree: 2 }),
          contribution(3, { support: 4, disagree: 0 }),
          contribution(4, { question_id: otherQuestion.id, support: 9 }),
        ],
      }),
    );
    expect(answersTo(published, theme.id, question.id).map((answer) => answer.id)).toEqual([uuid(3), uuid(2), uuid(1)]);
    expect(answersTo(published, theme.id, otherQuestion.id).map((answer) => answer.id)).toEqual([uuid(4)]);
    expect(answersTo(published, theme.id, "aucune")).toEqual([]);
    // The full list stays in publication order.
    expect(published.answers.map((answer) => answer.id)).toEqual([uuid(1), uuid(2), uuid(3), uuid(4)]);
  });

  it("makes display-ready fields: dates, counts, labels, territory", () => {
    const published = toPublished(
      snapshot({ contributions: [contribution(1, { support: 2, disagree: 1, profile: "fondateur", retained: true })] }),
    );
    const [answer] = published.answers;
    expect(answer?.publishedAt).toEqual(new Date("2018-04-21T10:00:00Z"));
    expect(answer?.counts).toEqual({ support: 2, disagree: 1 });
    expect(answer?.author).toMatchObject({
      pseudonym: "Auteur 1",
      profileLabel: "Fondateur ou gestionnaire d'un tiers-lieu",
      communeName: "Guéret",
      departementName: "Creuse",
      territoryLabel: "Petite ville",
    });
    expect(published.retainedByTheme.get(theme.id)?.map((retained) => retained.id)).toEqual([uuid(1)]);
  });

  it("shows no label for a profile it does not know, rather than its code", () => {
    const published = toPublished(snapshot({ contributions: [contribution(1, { profile: "toString" })] }));
    expect(published.answers[0]?.author.profileLabel).toBeUndefined();
  });

  it("renders the syntheses of known themes as safe HTML under the page's headings", () => {
    const published = toPublished(
      snapshot({
        syntheses: [
          {
            theme_id: theme.id,
            body: "# Bilan\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
            updated_at: "2018-06-10T10:00:00+00:00",
          },
          { theme_id: "theme-disparu", body: "# Ailleurs", updated_at: "2018-06-10T10:00:00+00:00" },
          { theme_id: otherQuestion.id, body: "   ", updated_at: "2018-06-10T10:00:00+00:00" },
        ],
      }),
    );
    expect([...published.synthesesByTheme.keys()]).toEqual([theme.id]);
    const html = published.synthesesByTheme.get(theme.id)?.html ?? "";
    expect(html).toContain("<h3>Bilan</h3>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("javascript:");
  });

  it("groups initiatives by région in French order, then by name, and links only http(s) sites", () => {
    const published = toPublished(
      snapshot({
        initiatives: [
          initiative(1, { name: "Zèbre", region_code: "11", region_name: "Île-de-France" }),
          initiative(2, { name: "atelier du bourg" }),
          initiative(3, { name: "Établi", url: "javascript:alert(1)" }),
          initiative(4, { name: "Autre", region_code: "32", region_name: "Hauts-de-France", kind: "inconnu" }),
          initiative(5, { name: "Sans site", region_code: "11", region_name: "Île-de-France", url: null }),
        ],
      }),
    );
    expect(
      published.initiativesByRegion.map((region) => [region.regionName, region.initiatives.map((item) => item.name)]),
    ).toEqual([
      ["Hauts-de-France", ["Autre"]],
      ["Île-de-France", ["Sans site", "Zèbre"]],
      ["Nouvelle-Aquitaine", ["atelier du bourg", "Établi"]],
    ]);
    const all = published.initiativesByRegion.flatMap((region) => region.initiatives);
    const byName = (name: string) => all.find((item) => item.name === name);
    expect(byName("atelier du bourg")?.website).toBe("https://atelier.example.org/");
    expect(byName("Établi")?.website).toBeUndefined();
    expect(byName("Sans site")?.website).toBeUndefined();
    expect(byName("Autre")?.kindLabel).toBe("Autre lieu ou projet");
    expect(byName("Zèbre")?.kindLabel).toBe("Fablab");
  });
});

describe("loadPublished", () => {
  function fakeStore() {
    const publicSnapshot = vi.fn(async () => snapshot({ contributions: [contribution(1)] }));
    provideStore({ store: { publicSnapshot } as unknown as Store, hashSalt: "x".repeat(32) });
    return publicSnapshot;
  }

  afterEach(() => {
    vi.unstubAllEnvs();
    forgetPublished();
  });

  it("reads the store once per build, until forgetPublished()", async () => {
    vi.stubEnv("DEV", false);
    const publicSnapshot = fakeStore();
    const first = loadPublished();
    expect(loadPublished()).toBe(first);
    expect((await first).answers).toHaveLength(1);
    expect(publicSnapshot).toHaveBeenCalledTimes(1);
    forgetPublished();
    await loadPublished();
    expect(publicSnapshot).toHaveBeenCalledTimes(2);
  });

  it("reads the store on every request in astro dev, so that a publication shows at once", async () => {
    vi.stubEnv("DEV", true);
    const publicSnapshot = fakeStore();
    await loadPublished();
    await loadPublished();
    expect(publicSnapshot).toHaveBeenCalledTimes(2);
  });

  it("does not keep a failed read: the next build tries again", async () => {
    vi.stubEnv("DEV", false);
    const publicSnapshot = fakeStore();
    publicSnapshot.mockRejectedValueOnce(new Error("store down"));
    await expect(loadPublished()).rejects.toThrow("store down");
    await expect(loadPublished()).resolves.toMatchObject({ answers: [expect.anything()] });
    expect(publicSnapshot).toHaveBeenCalledTimes(2);
  });
});
