/**
 * The coding categories of the content (consultation.json's `coding`,
 * coding.schema.ts) and the counts /synthese/ shows of them: the default
 * content lists the five categories, each with a French label and a short
 * description; a consultation without `coding` gets them, public; a wrong
 * list is refused naming the problem. The table lays the SQL counts out in
 * the content's order (CategoryCounts.astro prints it), read from a real
 * database: published contributions only, each once per category, and
 * nothing when the content keeps the counts private.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import rawConsultation from "../../src/content/consultation.json" with { type: "json" };
import { categories, codePointOffset, locatePassage, passageAt } from "../../src/domain/coding";
import { codingSchema, DEFAULT_CODING } from "../../src/domain/coding.schema";
import { consultation, themes } from "../../src/domain/consultation";
import { consultationSchema } from "../../src/domain/consultation.schema";
import { loadCategoryTable, toCategoryTable } from "../../src/server/category-counts";
import { forgetStore, provideStore } from "../../src/server/store/open-store";
import type { Store } from "../../src/server/store/store";
import { memoryStore } from "../support/pglite-store";

describe("coding categories in the content", () => {
  it("lists obstacle, solution, exemple, proposition and question, each with a French label and a description", () => {
    expect(categories.map((category) => category.id)).toEqual([
      "obstacle",
      "solution",
      "exemple",
      "proposition",
      "question",
    ]);
    for (const category of categories) {
      expect(category.label, category.id).toMatch(/^[A-ZÉ]/);
      expect(category.description.length, category.id).toBeGreaterThanOrEqual(10);
    }
    expect(consultation.coding.publicCounts).toBe(true);
    expect(rawConsultation.coding.categories).toEqual(DEFAULT_CODING.categories);
  });

  it("gives a consultation without `coding` the default categories, counts public", () => {
    const { coding: _left, ...without } = rawConsultation;
    expect(consultationSchema.parse(without).coding).toEqual(DEFAULT_CODING);
  });

  it("refuses duplicate ids, a bad id, an empty list and a description too short, naming each", () => {
    const problems = (coding: unknown) => {
      const result = codingSchema.safeParse(coding);
      return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    };
    const valid = { id: "frein", label: "Frein", description: "Ce qui empêche d'avancer." };
    expect(problems({ categories: [valid, valid] })).toEqual(['categories: duplicate id "frein": ids must be unique']);
    expect(problems({ categories: [{ ...valid, id: "Frein Majeur" }] })[0]).toMatch(
      /^categories\.0\.id: must be lowercase/,
    );
    expect(problems({ categories: [] })).toHaveLength(1);
    expect(problems({ categories: [{ ...valid, description: "Court" }] })[0]).toMatch(/^categories\.0\.description/);
    expect(codingSchema.parse({ categories: [valid], publicCounts: false })).toEqual({
      categories: [valid],
      publicCounts: false,
    });
  });
});

describe("positions of a passage", () => {
  it("counts code points, as PostgreSQL does, and finds a passage again", () => {
    const body = "Ici 😀 le bus ne passe plus, le bus du soir.";
    expect(codePointOffset(body, body.indexOf("le bus"))).toBe(6);
    expect(passageAt(body, 6, 12)).toBe("le bus");
    expect(locatePassage(body, "le bus")).toEqual({ start: 6, end: 12 });
    // From a position, the next occurrence: the second « le bus ».
    expect(locatePassage(body, "le bus", 7)).toEqual({ start: 28, end: 34 });
    expect(passageAt(body, 28, 34)).toBe("le bus");
    expect(locatePassage(body, "le train")).toBeUndefined();
  });
});

describe("the counts per category on /synthese/", () => {
  it("lays the SQL rows out in the content's order, zeros where nothing is coded, totals per category", () => {
    const [first, second] = themes;
    if (!first || !second) throw new Error("the content needs two themes");
    const table = toCategoryTable(
      [
        { theme_id: second.id, category_id: "question", contributions: 2 },
        { theme_id: first.id, category_id: "obstacle", contributions: 3 },
        { theme_id: second.id, category_id: "obstacle", contributions: 1 },
        // No longer in the content: left out.
        { theme_id: first.id, category_id: "categorie-retiree", contributions: 9 },
        { theme_id: "theme-retire", category_id: "obstacle", contributions: 9 },
      ],
      themes,
      categories,
    );
    expect(table.categories.map((category) => category.label)).toEqual([
      "Obstacle",
      "Solution",
      "Exemple",
      "Proposition",
      "Question",
    ]);
    expect(table.themes.map((theme) => theme.id)).toEqual(themes.map((theme) => theme.id));
    expect(table.themes[0]?.counts).toEqual([3, 0, 0, 0, 0]);
    expect(table.themes[1]?.counts).toEqual([1, 0, 0, 0, 2]);
    expect(table.totals).toEqual([4, 0, 0, 0, 2]);
    expect(table.coded).toBe(true);
    expect(toCategoryTable([], themes, categories).coded).toBe(false);
  });

  describe("read from the database", () => {
    let store: Store;
    let db: Awaited<ReturnType<typeof memoryStore>>["db"];
    const moderator = { actor: "moderateur-local", actorName: "Modérateur" };
    const submit = async (themeId: string, questionId: string, body: string, index: number) => {
      const outcome = await store.submitContribution({
        kind: "answer",
        themeId,
        questionId,
        idempotencyKey: crypto.randomUUID(),
        body,
        pseudonym: "Léa",
        profile: "habitant",
        territory: {
          postalCode: "23000",
          communeCode: "23096",
          communeName: "Guéret",
          departementCode: "23",
          departementName: "Creuse",
          regionCode: "75",
          regionName: "Nouvelle-Aquitaine",
          territoryType: "small-town",
        },
        authorHash: `counts-${String(index).padStart(4, "0")}-${"e".repeat(16)}`,
        contactConsent: false,
      });
      if (outcome.outcome !== "created") throw new Error(outcome.outcome);
      return outcome.id;
    };

    beforeAll(async () => {
      const fresh = await memoryStore();
      store = fresh.store;
      db = fresh.db;
      provideStore(fresh.opened);
    });
    afterAll(async () => {
      forgetStore();
      await store.close();
    });

    it("counts published contributions only, each once per category however coded", async () => {
      const theme = themes[0];
      const question = theme?.questions[0];
      if (!theme || !question) throw new Error("the content needs a theme with a question");
      const before = (await loadCategoryTable())?.themes[0]?.counts ?? [];
      const published = await submit(theme.id, question.id, `Le loyer est trop cher. ${crypto.randomUUID()}`, 1);
      const pending = await submit(theme.id, question.id, `Un bus par jour ne suffit pas. ${crypto.randomUUID()}`, 2);
      await db.query("update public.contributions set status = 'published', published_at = now() where id = $1", [
        published,
      ]);
      for (const id of [published, pending]) {
        await store.codeContribution({ contributionId: id, add: ["obstacle"], remove: [], ...moderator });
      }
      // Coded twice (whole and by a passage): counted once.
      await store.extractPassage({
        contributionId: published,
        categoryId: "obstacle",
        start: 0,
        end: 8,
        quote: "Le loyer",
        ...moderator,
      });

      const table = await loadCategoryTable();
      expect(table?.themes[0]?.counts).toEqual([
        (before[0] ?? 0) + 1,
        before[1] ?? 0,
        before[2] ?? 0,
        before[3] ?? 0,
        before[4] ?? 0,
      ]);
      expect(table?.coded).toBe(true);
    });

    it("shows nothing when the content keeps the counts private", async () => {
      vi.resetModules();
      vi.doMock("../../src/domain/coding", async (original) => ({
        ...(await original<typeof import("../../src/domain/coding")>()),
        categoryCountsArePublic: false,
      }));
      const { loadCategoryTable: privateTable } = await import("../../src/server/category-counts");
      expect(await privateTable()).toBeUndefined();
      vi.doUnmock("../../src/domain/coding");
    });
  });
});
