/**
 * Checks the summary page, the home page's figures and the initiatives
 * directory in a built site (BUILD_DIR, default dist/) against the
 * database the build read (the same environment, opened after the build):
 * /synthese/ shows the totals and breakdowns of the summary the build
 * stored, every chart carries an accessible name, a description and a data
 * table with the figures it draws, the directory's pages list exactly the
 * published initiatives, and none of these pages carries a script.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type HTMLElement, parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { initiativeKinds } from "../../src/domain/contribution.schema";
import { territoryTypes } from "../../src/domain/territory";
import { parseEnv } from "../../src/server/env";
import { populationIndex } from "../../src/server/population";
import { openStore } from "../../src/server/store/open-store";

const dist = resolve(import.meta.dirname, "../..", process.env.BUILD_DIR ?? "dist");

// The database the build read; the embedded database's folder lock is free once the build has ended.
const { store } = await openStore(parseEnv());
afterAll(() => store.close());
const stored = await store.latestSummary();
const snapshot = await store.publicSnapshot();
const published = snapshot.initiatives;

const fileFor = (path: string) => join(dist, path.endsWith("/") ? `${path}index.html` : path);
const pages = new Map<string, HTMLElement>();
function page(path: string): HTMLElement {
  let document = pages.get(path);
  if (!document) {
    document = parse(readFileSync(fileFor(path), "utf8"));
    pages.set(path, document);
  }
  return document;
}

/** Whitespace collapsed, as a browser shows text. */
const normalise = (text: string) => text.replace(/\s+/g, " ").trim();
/** The whole number in a figure as the page writes it: "1 234" → 1234. */
const integer = (text: string) => Number(text.replace(/\D/g, ""));
/** A share as the page should round it: "36 %"; "< 1 %" for a small share that is not zero. */
function expectedShare(part: number, whole: number): string {
  const share = whole > 0 ? part / whole : 0;
  if (share > 0 && share < 0.005) return "< 1 %";
  return `${Math.round(share * 100)} %`;
}
/** Spaces of any kind (Intl writes no-break ones) as plain spaces. */
const plainSpaces = (text: string) => normalise(text.replace(/[\u00a0\u202f]/g, " "));

const kindOf = (kind: string) => (Object.hasOwn(initiativeKinds, kind) ? kind : "autre");

beforeAll(() => {
  if (!existsSync(fileFor("/synthese/"))) {
    throw new Error(`${dist} has no built /synthese/: build first (BUILD_DIR names the folder, dist/ by default).`);
  }
  // Sanity: the build stored a summary and read published initiatives (the seed has some).
  expect(stored).toBeDefined();
  expect(published.length).toBeGreaterThan(0);
});

describe("/synthese/", () => {
  it("says when its figures were computed: at the build, so no later than the last stored summary", () => {
    const time = page("/synthese/").querySelector(".computed-at time");
    const computedAt = new Date(time?.getAttribute("datetime") ?? "").getTime();
    // The build stored the summary it shows; anything run since (a dev server) may have stored a newer one.
    expect(computedAt).toBeLessThanOrEqual(new Date(stored!.computed_at).getTime());
    expect(normalise(page("/synthese/").querySelector(".computed-at")?.text ?? "")).toMatch(/^Chiffres calculés le \d/);
  });

  it("shows exactly the totals of the summary, as does the home page", () => {
    const { totals } = stored!.data;
    const expected = [totals.contributions, totals.replies, totals.initiatives, totals.participants, totals.communes];
    for (const path of ["/synthese/", "/"]) {
      const shown = page(path)
        .querySelectorAll(".key-figures .key-figure")
        .map((figure) => integer(figure.text));
      expect(shown, path).toEqual(expected);
    }
    expect(page("/").querySelector('a[href="/synthese/"]')).not.toBeNull();
  });

  it("compares the kinds of territory with the summary's counts and shares", () => {
    const rows = stored!.data.by_territory_type;
    const totalContributions = rows.reduce((sum, row) => sum + row.contributions, 0);
    const totalInitiatives = rows.reduce((sum, row) => sum + row.initiatives, 0);
    const table = page("/synthese/").querySelector("section[aria-labelledby=par-territoire] table");
    const bodyRows = table?.querySelectorAll("tbody tr") ?? [];
    expect(bodyRows.map((row) => normalise(row.querySelector("th")?.text ?? ""))).toEqual(
      Object.values(territoryTypes),
    );
    bodyRows.forEach((row, index) => {
      const expected = rows[index]!;
      const cells = row.querySelectorAll("td").map((cell) => plainSpaces(cell.text));
      expect(cells).toEqual([
        String(expected.contributions),
        expectedShare(expected.contributions, totalContributions),
        String(expected.initiatives),
        expectedShare(expected.initiatives, totalInitiatives),
      ]);
    });
  });

  describe("where the consultation lacks voices", () => {
    const section = () => page("/synthese/").querySelector("section[aria-labelledby=representativite]");
    const percent = (part: number, whole: number) => Math.round((whole > 0 ? part / whole : 0) * 100);
    const gap = (points: number) => (points > 0 ? `+${points}` : points < 0 ? `−${-points}` : "0");
    /** The rule the page states, computed here from the database's counts and the population index. */
    function judged(groups: { label: string; population: number; contributions: number }[]) {
      const population = groups.reduce((sum, group) => sum + group.population, 0);
      const contributions = groups.reduce((sum, group) => sum + group.contributions, 0);
      return groups.map((group) => {
        const populationShare = group.population / population;
        const contributionShare = contributions > 0 ? group.contributions / contributions : 0;
        const enough = populationShare * contributions >= 5;
        return {
          ...group,
          cells: [
            expectedShare(group.population, population),
            expectedShare(group.contributions, contributions),
            gap(percent(group.contributions, contributions) - percent(group.population, population)),
          ],
          ratio: contributionShare / populationShare,
          under: enough && contributionShare < (2 / 3) * populationShare,
          verdict: enough ? (contributionShare < (2 / 3) * populationShare ? "Oui" : "Non") : "Trop tôt pour juger",
          facts: `${expectedShare(group.population, population)} des habitants`,
          contributionFacts: `${expectedShare(group.contributions, contributions)} des contributions et réponses`,
        };
      });
    }
    const types = () => {
      const counts = new Map(stored!.data.by_territory_type.map((row) => [row.territory_type, row.contributions]));
      return judged(
        populationIndex.by_territory_type.map((row) => ({
          label: territoryTypes[row.territory_type],
          population: row.population,
          contributions: counts.get(row.territory_type) ?? 0,
        })),
      );
    };
    const regionGroups = () => {
      const com = new Set(populationIndex.by_region.filter((row) => row.zone === "com").map((row) => row.region_code));
      const groups = new Map<string, { label: string; population: number; contributions: number }>();
      const group = (code: string, name: string) => {
        const label = com.has(code) ? "Collectivités d'outre-mer" : name;
        const found = groups.get(label) ?? { label, population: 0, contributions: 0 };
        groups.set(label, found);
        return found;
      };
      for (const row of populationIndex.by_region) group(row.region_code, row.region_name).population += row.population;
      for (const row of stored!.data.by_region)
        group(row.region_code, row.region_name).contributions += row.contributions;
      return judged([...groups.values()].filter((row) => row.population > 0 || row.contributions > 0));
    };

    it("is in the table of contents and linked from the agenda", () => {
      expect(section()).not.toBeNull();
      expect(page("/synthese/").querySelector('.summary-toc a[href="#representativite"]')).not.toBeNull();
      expect(page("/agenda/").querySelector('main a[href="/synthese/#representativite"]')?.text).toContain(
        "manque de voix",
      );
      expect(plainSpaces(section()?.querySelector(".representation-rule")?.text ?? "")).toContain(
        "inférieure aux deux tiers de sa part des habitants",
      );
    });

    it("gives each kind of territory its share of the inhabitants and of the contributions, and the gap", () => {
      const expected = types();
      const rows = section()?.querySelectorAll("#tableau-ecarts-territoires tbody tr") ?? [];
      expect(rows.map((row) => normalise(row.querySelector("th")?.text ?? ""))).toEqual(Object.values(territoryTypes));
      rows.forEach((row, index) => {
        const cells = row.querySelectorAll("td").map((cell) => plainSpaces(cell.text));
        expect(cells, expected[index]!.label).toEqual([...expected[index]!.cells, expected[index]!.verdict]);
      });
      // The chart beside it: inhabitants in thousands, the database's contributions, the same shares to the unit.
      const chartRows = section()?.querySelectorAll("figure.bar-chart tbody tr") ?? [];
      chartRows.forEach((row, index) => {
        const cells = row.querySelectorAll("td").map((cell) => plainSpaces(cell.text));
        const group = expected[index]!;
        expect(cells, group.label).toEqual([
          String(Math.round(group.population / 1000)).replace(/\B(?=(\d{3})+(?!\d))/g, " "),
          group.cells[0],
          String(group.contributions),
          group.cells[1],
        ]);
      });
      expect(chartRows).toHaveLength(4);
    });

    it("names in a sentence exactly the under-represented kinds of territory", () => {
      const sentence = plainSpaces(section()?.querySelector("#constat-territoires")?.text ?? "");
      const under = types().filter((group) => group.under);
      expect(sentence.match(/des habitants mais/g) ?? []).toHaveLength(under.length);
      for (const group of under) expect(sentence).toContain(`${group.facts} mais ${group.contributionFacts}`);
      if (under.length === 0) expect(sentence).toMatch(/^(Aucun type|Pas encore assez)/);
    });

    it("tables every région against its inhabitants and names the three most under-represented", () => {
      const expected = new Map(regionGroups().map((group) => [group.label, group]));
      const rows = section()?.querySelectorAll("#tableau-ecarts-regions tbody tr") ?? [];
      expect(rows).toHaveLength(expected.size);
      expect(rows.length).toBeGreaterThanOrEqual(19);
      for (const row of rows) {
        const group = expected.get(normalise(row.querySelector("th")?.text ?? ""));
        expect(group, row.text).toBeDefined();
        const [populationShare, count, ...rest] = row.querySelectorAll("td").map((cell) => plainSpaces(cell.text));
        expect([populationShare, ...rest], group!.label).toEqual([
          group!.cells[0],
          group!.cells[1],
          group!.cells[2],
          group!.verdict,
        ]);
        expect(integer(count ?? ""), group!.label).toBe(group!.contributions);
      }
      const sentence = plainSpaces(section()?.querySelector("#constat-regions")?.text ?? "");
      const under = [...expected.values()].filter((group) => group.under).sort((a, b) => a.ratio - b.ratio);
      for (const group of under.slice(0, 3))
        expect(sentence).toContain(`${group.label} (${group.facts}, ${group.contributionFacts})`);
      for (const group of under.slice(3)) expect(sentence).not.toContain(`${group.label} (`);
      if (under.length === 0) expect(sentence).toMatch(/^Aucune région/);
    });
  });

  it("maps and tables the contributions of every région, and details the départements", () => {
    const figure = page("/synthese/").querySelector("section[aria-labelledby=par-region] figure.region-map");
    const shown = new Map(
      (figure?.querySelectorAll("tbody tr") ?? []).map((row) => [
        normalise(row.querySelector("th")?.text ?? ""),
        integer(row.querySelector("td")?.text ?? ""),
      ]),
    );
    expect(shown.size).toBeGreaterThanOrEqual(18);
    for (const region of stored!.data.by_region)
      expect(shown.get(region.region_name), region.region_name).toBe(region.contributions);
    const sum = [...shown.values()].reduce((total, value) => total + value, 0);
    expect(sum).toBe(stored!.data.by_region.reduce((total, region) => total + region.contributions, 0));

    const detail = page("/synthese/").querySelector("#tableau-regions-departements");
    const departementRows = detail?.querySelectorAll("th.sub-row") ?? [];
    expect(departementRows).toHaveLength(stored!.data.by_departement.length);
    for (const departement of stored!.data.by_departement) {
      const header = departementRows.find(
        (row) => normalise(row.text) === `${departement.departement_name} (${departement.departement_code})`,
      );
      expect(integer(header?.parentNode?.querySelector("td")?.text ?? ""), departement.departement_code).toBe(
        departement.contributions,
      );
    }
  });

  it("gives every day of the consultation in the daily curve's table", () => {
    const rows = page("/synthese/").querySelectorAll("section[aria-labelledby=jour-apres-jour] tbody tr");
    const { daily } = stored!.data;
    expect(rows.map((row) => row.querySelector("time")?.getAttribute("datetime"))).toEqual(daily.map((day) => day.day));
    let running = 0;
    rows.forEach((row, index) => {
      running += daily[index]!.contributions;
      expect(row.querySelectorAll("td").map((cell) => integer(cell.text))).toEqual([
        daily[index]!.contributions,
        running,
      ]);
    });
  });

  it("details every theme with its questions, its most supported contributions and recurring words", () => {
    const document = page("/synthese/");
    for (const theme of themes) {
      const section = document.getElementById(`theme-${theme.id}`)?.parentNode;
      expect(section, theme.id).toBeDefined();
      const row = stored!.data.by_theme.find((candidate) => candidate.theme_id === theme.id);
      const perQuestion = section!
        .querySelectorAll("table tbody tr")
        .map((tr) => integer(tr.querySelector("td")?.text ?? ""));
      expect(perQuestion, theme.id).toEqual(
        theme.questions.map(
          (question) => row?.questions?.find((candidate) => candidate.question_id === question.id)?.contributions ?? 0,
        ),
      );
      const top = stored!.data.top_contributions.find((candidate) => candidate.theme_id === theme.id)?.items ?? [];
      const links = section!.querySelectorAll(".top-contributions a").map((link) => link.getAttribute("href"));
      expect(links, theme.id).toEqual(top.map((item) => `/contributions/${item.id}/`));
      for (const link of links) expect(existsSync(fileFor(link ?? "")), link).toBe(true);
      const words = stored!.data.recurring_words.find((candidate) => candidate.theme_id === theme.id)?.words ?? [];
      expect(section!.querySelectorAll(".word-list .word").map((word) => word.text)).toEqual(
        words.map((word) => word.word),
      );
    }
  });

  it("is linked from the main navigation and the site map", () => {
    expect(page("/").querySelector('.site-nav a[href="/synthese/"]')).not.toBeNull();
    expect(page("/plan-du-site/").querySelector('main a[href="/synthese/"]')).not.toBeNull();
  });
});

describe("charts", () => {
  const chartPages = ["/synthese/", "/initiatives/"];

  it.each(chartPages)(
    "%s: every chart has a caption, an accessible name (its title) and description, and a data table",
    (path) => {
      const figures = page(path).querySelectorAll("figure.chart");
      expect(figures.length).toBeGreaterThan(0);
      for (const figure of figures) {
        const caption = normalise(figure.querySelector("figcaption")?.text ?? "");
        expect(caption.length).toBeGreaterThan(10);
        const svg = figure.querySelector('svg[role="img"]');
        const titleId = svg?.getAttribute("aria-labelledby");
        const descriptionId = svg?.getAttribute("aria-describedby");
        expect(svg?.querySelector(`title#${titleId}`)?.text, caption).toBe(caption);
        expect(normalise(svg?.querySelector(`desc#${descriptionId}`)?.text ?? "").length).toBeGreaterThan(30);
        const table = figure.querySelector("details table");
        expect(table, caption).not.toBeNull();
        expect(normalise(table?.querySelector("caption")?.text ?? "")).toBe(caption);
        expect(figure.querySelector("details > summary")?.text).toContain("Voir les données");
      }
    },
  );

  it("writes on each bar chart the very figures of its table", () => {
    const figures = page("/synthese/").querySelectorAll("figure.bar-chart");
    // Four charts of the figures, then one per answered closed question (closed-questions.test.ts).
    const closed = page("/synthese/").querySelectorAll("section[aria-labelledby=questions-fermees] figure.bar-chart");
    expect(figures.length - closed.length).toBe(4);
    for (const figure of figures) {
      const onBars = figure.querySelectorAll("text.bar-value").map((text) => plainSpaces(text.text));
      const inTable = figure.querySelectorAll("tbody tr").flatMap((row) => {
        const cells = row.querySelectorAll("td").map((cell) => plainSpaces(cell.text));
        const series =
          figure.querySelectorAll("svg.chart-svg rect.bar").length / figure.querySelectorAll("tbody tr").length;
        // Share mode: a count and a share per series, written « 36 % (16) » on the bar.
        if (cells.length === 2 * series)
          return cells.flatMap((cell, index) => (index % 2 ? [] : [`${cells[index + 1]} (${cell})`]));
        return cells;
      });
      expect(onBars.length).toBeGreaterThan(0);
      expect(onBars).toEqual(inTable);
    }
  });

  it.each(chartPages)("%s: the map colours and names every région, with the figures of its table", (path) => {
    const figure = page(path).querySelector("figure.region-map");
    const regions = figure?.querySelectorAll("path.map-region") ?? [];
    expect(regions).toHaveLength(18);
    const table = new Map(
      (figure?.querySelectorAll("tbody tr") ?? []).map((row) => [
        normalise(row.querySelector("th")?.text ?? ""),
        integer(row.querySelector("td")?.text ?? ""),
      ]),
    );
    for (const region of regions) {
      expect(region.getAttribute("fill")).toMatch(/^#[0-9a-f]{6}$/);
      const [name, figures] = normalise(region.querySelector("title")?.text ?? "").split(" : ");
      expect(table.get(name ?? ""), name).toBe(integer(figures ?? ""));
    }
    const written = (figure?.querySelectorAll("text.map-value") ?? []).map((text) => integer(text.text));
    expect(written.reduce((sum, value) => sum + value, 0)).toBeLessThanOrEqual(
      [...table.values()].reduce((sum, value) => sum + value, 0),
    );
    expect(figure?.querySelectorAll(".map-legend li").length).toBeGreaterThanOrEqual(2);
  });
});

describe("the initiatives directory", () => {
  const ids = published.map((row) => row.id).sort();
  const listed = (path: string) =>
    page(path)
      .querySelectorAll("article.initiative [id^=initiative-]")
      .map((heading) => heading.getAttribute("id")?.replace(/^initiative-/, ""))
      .sort();

  it("lists exactly the published initiatives on its main page, each linked to its own page", () => {
    expect(listed("/initiatives/")).toEqual(ids);
    for (const row of published) {
      expect(page("/initiatives/").querySelector(`#initiative-${row.id} a`)?.getAttribute("href")).toBe(
        `/initiatives/${row.id}/`,
      );
    }
  });

  it("counts the initiatives of each région on its map", () => {
    const table = new Map(
      page("/initiatives/")
        .querySelectorAll("figure.region-map tbody tr")
        .map((row) => [normalise(row.querySelector("th")?.text ?? ""), integer(row.querySelector("td")?.text ?? "")]),
    );
    for (const row of published) {
      expect(table.get(row.region_name), row.region_name).toBe(
        published.filter((other) => other.region_code === row.region_code).length,
      );
    }
  });

  it("gives every published initiative, and only those, a page with its facts", () => {
    const built = readdirSync(join(dist, "initiatives"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !["proposer", "region", "type"].includes(entry.name))
      .map((entry) => entry.name)
      .sort();
    expect(built).toEqual(ids);
    for (const row of published) {
      const document = page(`/initiatives/${row.id}/`);
      expect(normalise(document.querySelector("h1")?.text ?? "")).toBe(row.name);
      const text = normalise(document.querySelector("main")?.text ?? "");
      for (const fact of [row.commune_name, row.departement_name, row.region_name])
        expect(text, row.id).toContain(fact);
      for (const paragraph of row.description.split(/\n\s*\n/)) expect(text, row.id).toContain(normalise(paragraph));
      const external = document
        .querySelectorAll("main a")
        .filter((link) => /^[a-z]+:/i.test(link.getAttribute("href") ?? ""));
      expect(external.length, row.id).toBe(row.url && /^https?:\/\//.test(row.url) ? 1 : 0);
      for (const link of external) expect(link.getAttribute("rel")).toBe("nofollow ugc noopener");
    }
  });

  it("has a page per région and per kind with initiatives, listing exactly those", () => {
    const regionCodes = [...new Set(published.map((row) => row.region_code))].sort();
    expect(readdirSync(join(dist, "initiatives/region")).sort()).toEqual(regionCodes);
    for (const code of regionCodes) {
      const expected = published
        .filter((row) => row.region_code === code)
        .map((row) => row.id)
        .sort();
      expect(listed(`/initiatives/region/${code}/`), code).toEqual(expected);
      expect(page("/initiatives/").querySelector(`a[href="/initiatives/region/${code}/"]`), code).not.toBeNull();
    }
    const kinds = [...new Set(published.map((row) => kindOf(row.kind)))].sort();
    expect(readdirSync(join(dist, "initiatives/type")).sort()).toEqual(kinds);
    for (const kind of kinds) {
      const expected = published
        .filter((row) => kindOf(row.kind) === kind)
        .map((row) => row.id)
        .sort();
      expect(listed(`/initiatives/type/${kind}/`), kind).toEqual(expected);
      expect(page("/initiatives/").querySelector(`a[href="/initiatives/type/${kind}/"]`), kind).not.toBeNull();
    }
  });
});

describe("the pages added here", () => {
  it("carry no script: reading pages work without JavaScript", () => {
    const paths = [
      "/",
      "/synthese/",
      "/initiatives/",
      "/plan-du-site/",
      ...published.map((row) => `/initiatives/${row.id}/`),
      ...readdirSync(join(dist, "initiatives/region")).map((code) => `/initiatives/region/${code}/`),
      ...readdirSync(join(dist, "initiatives/type")).map((kind) => `/initiatives/type/${kind}/`),
    ];
    const withScripts = paths.filter((path) => /<script\b/i.test(readFileSync(fileFor(path), "utf8")));
    expect(withScripts).toEqual([]);
  });
});
