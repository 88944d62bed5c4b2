/**
 * The counts per category on /synthese/ in a built site (BUILD_DIR, default
 * dist/), against the database the build read (the same environment, opened
 * after the build): when the content makes them public, the section lists
 * every category of the content with its description and, once anything is
 * coded, a data table (caption, column and row headers) whose every cell is
 * what category_counts computed in SQL, with the totals per category.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "node-html-parser";
import { afterAll, describe, expect, it } from "vitest";
import { categories, categoryCountsArePublic } from "../../src/domain/coding";
import { themes } from "../../src/domain/consultation";
import { parseEnv } from "../../src/server/env";
import { openStore } from "../../src/server/store/open-store";

const dist = resolve(import.meta.dirname, "../..", process.env.BUILD_DIR ?? "dist");
const file = join(dist, "synthese/index.html");
if (!existsSync(file)) throw new Error(`${dist} has no built /synthese/: build first (BUILD_DIR names the folder).`);

const { store } = await openStore(parseEnv());
afterAll(() => store.close());
const rows = await store.categoryCounts();
const page = parse(readFileSync(file, "utf8"));
const normalise = (text: string) => text.replace(/\s+/g, " ").trim();
const integer = (text: string) => Number(text.replace(/\D/g, ""));

describe("/synthese/: the contributions per category", () => {
  const section = page.querySelector("section.category-counts");

  it("is there exactly when the content makes the counts public, with every category described", () => {
    expect(section !== null).toBe(categoryCountsArePublic);
    if (!section) return;
    expect(normalise(section.querySelector("h2")?.text ?? "")).toBe("Les contributions par catégorie");
    expect(section.querySelectorAll("dt").map((dt) => normalise(dt.text))).toEqual(
      categories.map((category) => category.label),
    );
    expect(section.querySelectorAll("dd").map((dd) => normalise(dd.text))).toEqual(
      categories.map((category) => category.description),
    );
  });

  it("shows the SQL counts, theme by theme and category by category, in an accessible table", () => {
    if (!section) return;
    const visibleThemes = new Set(themes.map((theme) => theme.id));
    const known = new Set(categories.map((category) => category.id));
    const counted = rows.filter((row) => visibleThemes.has(row.theme_id) && known.has(row.category_id));
    const table = section.querySelector("table");
    if (counted.every((row) => row.contributions === 0)) {
      expect(table).toBeNull();
      expect(section.text).toContain("Aucune contribution publiée n'a encore été classée");
      return;
    }
    if (!table) throw new Error("no table although contributions are coded");
    expect(normalise(table.querySelector("caption")?.text ?? "")).toBe(
      "Contributions publiées par thème et par catégorie",
    );
    const headers = table.querySelectorAll("thead th");
    expect(headers.map((th) => th.getAttribute("scope"))).toEqual(headers.map(() => "col"));
    expect(headers.slice(1).map((th) => normalise(th.text))).toEqual(categories.map((category) => category.label));

    const bodyRows = table.querySelectorAll("tbody tr");
    expect(bodyRows.map((tr) => normalise(tr.querySelector("th")?.text ?? ""))).toEqual(
      themes.map((theme) => theme.title),
    );
    themes.forEach((theme, index) => {
      const row = bodyRows[index];
      expect(row?.querySelector("th")?.getAttribute("scope")).toBe("row");
      const cells = row?.querySelectorAll("td").map((td) => integer(td.text)) ?? [];
      const expected = categories.map(
        (category) =>
          counted.find((entry) => entry.theme_id === theme.id && entry.category_id === category.id)?.contributions ?? 0,
      );
      expect(cells, theme.id).toEqual(expected);
    });
    const totals = table.querySelectorAll("tfoot td").map((td) => integer(td.text));
    expect(totals).toEqual(
      categories.map((category) =>
        counted.filter((row) => row.category_id === category.id).reduce((sum, row) => sum + row.contributions, 0),
      ),
    );
  });
});
