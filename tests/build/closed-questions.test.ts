/**
 * The closed questions in a built site (BUILD_DIR, default dist/), against
 * the database the build read: each theme page shows, under each closed
 * question, a chart with its data table holding the counts the summary
 * computed in SQL (and the mean of a scale); /synthese/ has a « Questions
 * fermées » section with the same figures; each closed question's page
 * carries the answer form (a fieldset whose legend is the question, radios or
 * checkboxes, the author fields) and no list of texts. A published « Autre,
 * précisez » text shows under its question's chart; a pending or rejected one
 * shows in no file of the site.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type HTMLElement, parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { OTHER_OPTION_ID } from "../../src/domain/consultation.schema";
import { toChoiceResults } from "../../src/server/choice-results";
import { parseEnv } from "../../src/server/env";
import { openStore } from "../../src/server/store/open-store";

const dist = resolve(import.meta.dirname, "../..", process.env.BUILD_DIR ?? "dist");
const fileFor = (path: string) => join(dist, path.endsWith("/") ? `${path}index.html` : path);

// The database the build read; the embedded database's folder lock is free once the build has ended.
const { store } = await openStore(parseEnv());
afterAll(() => store.close());
const stored = await store.latestSummary();
const results = toChoiceResults(stored?.data.choices);
const publishedOthers = await store.publishedOtherTexts();
const hiddenOthers = [
  ...(await store.otherTextsQueue({ status: "pending", limit: 200 })).items,
  ...(await store.otherTextsQueue({ status: "rejected", limit: 200 })).items,
];

const pages = new Map<string, HTMLElement>();
function page(path: string): HTMLElement {
  let document = pages.get(path);
  if (!document) {
    document = parse(readFileSync(fileFor(path), "utf8"));
    pages.set(path, document);
  }
  return document;
}
const plain = (text: string) => text.replace(/[\u00a0\u202f\s]+/g, " ").trim();

/** The data table of a chart: label → count. */
function tableOf(figure: HTMLElement | null | undefined): Map<string, number> {
  return new Map(
    (figure?.querySelectorAll("tbody tr") ?? []).map((row) => [
      plain(row.querySelector("th")?.text ?? ""),
      Number((row.querySelector("td")?.text ?? "").replace(/\D/g, "")),
    ]),
  );
}

beforeAll(() => {
  if (!existsSync(fileFor("/synthese/"))) throw new Error(`${dist} has no built site: build first (BUILD_DIR).`);
  // Sanity: the content has closed questions and the seed answered each, or this would prove nothing.
  expect(results.length).toBeGreaterThanOrEqual(3);
  expect(results.every((question) => question.answers > 0)).toBe(true);
});

describe("closed questions in the built site", () => {
  it("chart each closed question on its theme page with the summary's counts, unmoderated, and a scale's mean", () => {
    for (const question of results) {
      const block = page(`/themes/${question.themeId}/`).getElementById(question.questionId);
      const figure = block?.querySelector("figure.bar-chart");
      expect(figure, question.questionId).not.toBeNull();
      expect(figure?.querySelector("svg[role=img] title")?.text).toContain(question.title.slice(0, 30));
      expect(Object.fromEntries(tableOf(figure))).toEqual(
        Object.fromEntries(question.rows.map((row) => [plain(row.label), row.answers])),
      );
      const text = plain(block?.text ?? "");
      expect(text).toContain(`${question.answers} réponses, comptées sans modération`);
      if (question.type === "scale") {
        expect(question.mean).toBeDefined();
        expect(text).toContain(`Moyenne : ${question.mean?.toFixed(1).replace(".", ",")} sur 5`);
      }
      // No list of texts under a closed question.
      expect(block?.querySelectorAll("article.answer")).toHaveLength(0);
    }
  });

  it("give /synthese/ a « Questions fermées » section with the same figures, listed in its table of contents", () => {
    const document = page("/synthese/");
    const section = document.querySelector("section[aria-labelledby=questions-fermees]");
    expect(plain(section?.querySelector("h2")?.text ?? "")).toBe("Questions fermées");
    expect(document.querySelector('main a[href="#questions-fermees"]')).not.toBeNull();
    for (const question of results) {
      const part = section?.querySelector(`section[aria-labelledby=fermee-${question.questionId}]`);
      expect(Object.fromEntries(tableOf(part?.querySelector("figure.bar-chart")))).toEqual(
        Object.fromEntries(question.rows.map((row) => [plain(row.label), row.answers])),
      );
    }
  });

  it("give each closed question's page its form: the question as legend, radios or checkboxes, the author fields", () => {
    for (const theme of themes) {
      for (const question of theme.questions.filter((one) => one.type !== "open")) {
        const document = page(`/themes/${theme.id}/${question.id}/`);
        const form = document.querySelector("main form.choice-form");
        expect(form, question.id).not.toBeNull();
        expect(plain(form?.querySelector("fieldset legend")?.text ?? "")).toBe(plain(question.title));
        const inputs = form?.querySelectorAll(
          `fieldset input[type=${question.type === "multiple" ? "checkbox" : "radio"}]`,
        );
        const expected = question.type === "scale" ? 5 : (question.options?.length ?? 0) + (question.other ? 1 : 0);
        expect(inputs?.length, question.id).toBe(expected);
        if (question.other) expect(inputs?.map((input) => input.getAttribute("value"))).toContain(OTHER_OPTION_ID);
        for (const name of ["pseudonym", "profile", "postalCode"]) {
          expect(form?.querySelector(`[name=${name}]`), `${question.id} ${name}`).not.toBeNull();
        }
        expect(form?.querySelector("[name=email]"), question.id).toBeNull();
        expect(document.querySelector("#reponses"), question.id).toBeNull();
      }
    }
  });

  it("show a published « autre » text, escaped, with its pseudonym under its question's chart, and no other one anywhere", () => {
    // Sanity: the seed has one published and one pending « autre » text, or this would prove nothing.
    expect(publishedOthers.length).toBeGreaterThanOrEqual(1);
    expect(hiddenOthers.length).toBeGreaterThanOrEqual(1);
    for (const other of publishedOthers) {
      const block = page(`/themes/${other.theme_id}/`).getElementById(other.question_id);
      const list = block?.querySelector(".choice-others");
      expect(plain(list?.querySelector("p")?.text ?? "")).toBe("Précisions données avec « Autre » :");
      const item = list
        ?.querySelectorAll("li")
        .find((li) => plain(li.querySelector("q")?.text ?? "") === plain(other.other_text));
      expect(item, other.other_text).toBeDefined();
      expect(plain(item?.text ?? "")).toContain(other.pseudonym);
    }
    const files: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(html|json|csv|xml|txt|js)$/.test(entry.name)) files.push(path);
      }
    };
    walk(dist);
    expect(files.length).toBeGreaterThan(50);
    const everything = files.map((file) => readFileSync(file, "utf8")).join("\n");
    for (const other of hiddenOthers) {
      expect(everything, other.status).not.toContain(other.other_text.slice(0, 30));
      expect(everything).not.toContain(other.other_text.slice(0, 30).replaceAll("'", "&#39;"));
    }
  });
});
