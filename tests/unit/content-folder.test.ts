/**
 * The content folder (CONTENT_DIR) and the shapes a consultation may take:
 * a misnamed folder stops with a message naming CONTENT_DIR; 1 to 12 themes
 * of 1 to 20 questions; optional parts switched off in the content; the
 * functions' bundles must ship the folder; the demonstration seed applies
 * only to its own consultation.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkContentShipped } from "../../scripts/bundle-functions";
import { DEFAULT_CONTENT_DIR, readContentJson, resolveContentDir } from "../../src/content-files";
import { consultationSchema, MAX_QUESTIONS_PER_THEME, MAX_THEMES } from "../../src/domain/consultation.schema";
import { seedConsultation } from "../../src/server/store/migrate";

const root = resolve(import.meta.dirname, "../..");
const fixture = "tests/fixtures/consultation-marche";
const fixtureContent = JSON.parse(readFileSync(join(root, fixture, "consultation.json"), "utf8"));

type Content = { themes: { id: string; questions: { id: string; title: string }[] }[] } & Record<string, unknown>;

/** The fixture's consultation with `themes` themes of `questions` questions each. */
function shaped(themes: number, questions: number): Content {
  return {
    ...fixtureContent,
    themes: Array.from({ length: themes }, (_, t) => ({
      id: `theme-${t + 1}`,
      title: `Thème numéro ${t + 1}`,
      summary: "Un thème pour éprouver les limites du schéma.",
      questions: Array.from({ length: questions }, (_, q) => ({
        id: `question-${t + 1}-${q + 1}`,
        title: `Question ${q + 1} du thème ${t + 1} ?`,
      })),
    })),
  };
}

describe("CONTENT_DIR", () => {
  it("defaults to src/content, and takes a folder relative to the root or absolute", () => {
    expect(resolveContentDir({}, root)).toBe(join(root, DEFAULT_CONTENT_DIR));
    expect(resolveContentDir({ CONTENT_DIR: fixture }, root)).toBe(join(root, fixture));
    expect(resolveContentDir({ CONTENT_DIR: join(root, fixture) }, root)).toBe(join(root, fixture));
  });

  it("stops on a misnamed folder, or one without consultation.json, naming CONTENT_DIR", () => {
    expect(() => resolveContentDir({ CONTENT_DIR: "tests/fixtures/consultation-marché" }, root)).toThrow(
      /not found \(CONTENT_DIR=tests\/fixtures\/consultation-marché\)/,
    );
    expect(() => resolveContentDir({ CONTENT_DIR: `${fixture}/press` }, root)).toThrow(
      /has no consultation\.json \(CONTENT_DIR=/,
    );
  });

  it("reads each known JSON file, undefined when absent", () => {
    const files = readContentJson(join(root, fixture, "press"));
    expect(files.consultation).toBeUndefined();
    expect(readContentJson(join(root, fixture)).visits).toBeInstanceOf(Array);
  });

  it("must be shipped with the functions by netlify.toml's included_files", () => {
    expect(() => checkContentShipped(["!supabase/**", "src/content/*.json"], "src/content")).not.toThrow();
    expect(() => checkContentShipped(["content/**"], "content")).not.toThrow();
    expect(() => checkContentShipped(["src/content/*.json"], "content")).toThrow(
      /does not ship the content folder content \(CONTENT_DIR\): add "content\/\*\.json"/,
    );
  });
});

describe("the shape of a consultation", () => {
  it(`allows 1 to ${MAX_THEMES} themes of 1 to ${MAX_QUESTIONS_PER_THEME} questions`, () => {
    expect(consultationSchema.safeParse(shaped(1, 1)).success).toBe(true);
    expect(consultationSchema.safeParse(shaped(MAX_THEMES, MAX_QUESTIONS_PER_THEME)).success).toBe(true);
    expect(consultationSchema.safeParse(shaped(0, 1)).success).toBe(false);
    expect(consultationSchema.safeParse(shaped(MAX_THEMES + 1, 1)).success).toBe(false);
    expect(consultationSchema.safeParse(shaped(1, 0)).success).toBe(false);
    expect(consultationSchema.safeParse(shaped(1, MAX_QUESTIONS_PER_THEME + 1)).success).toBe(false);
  });

  it("still refuses a question id used twice", () => {
    const content = shaped(2, 1);
    const [first, second] = content.themes;
    if (first?.questions[0] && second?.questions[0]) second.questions[0].id = first.questions[0].id;
    const result = consultationSchema.safeParse(content);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("duplicate id");
  });

  it("has every optional part unless the content switches it off", () => {
    const { features: _, ...withoutFeatures } = fixtureContent;
    expect(consultationSchema.parse(withoutFeatures).features).toEqual({ initiatives: true, visits: true });
    expect(consultationSchema.parse(fixtureContent).features).toEqual({ initiatives: false, visits: true });
    expect(consultationSchema.parse({ ...fixtureContent, features: { visits: false } }).features).toEqual({
      initiatives: true,
      visits: false,
    });
  });
});

describe("the demonstration seed", () => {
  it("names the default consultation, so that another one starts from an empty database", () => {
    const seed = readFileSync(join(root, "supabase/seed.sql"), "utf8");
    const defaultId = JSON.parse(readFileSync(join(root, "src/content/consultation.json"), "utf8")).id;
    expect(seedConsultation(seed)).toBe(defaultId);
    expect(seedConsultation(seed)).not.toBe(fixtureContent.id);
  });
});
