/**
 * The population of each kind of territory and région: the shipped index
 * is what the installed package sums to, every current commune counted
 * once and classified by the rule a participant's commune gets; and the
 * comparison with the contributions that /synthese/ and GET /api/summary
 * show.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  compareWithPopulation,
  MIN_EXPECTED_CONTRIBUTIONS,
  mostUnderRepresented,
  UNDER_REPRESENTED_RATIO,
} from "../../src/domain/representation";
import { classifyTerritory, type TerritoryType, territoryTypes } from "../../src/domain/territory";
import {
  aggregatePopulation,
  OVERSEAS_COLLECTIVITIES,
  populationIndex,
  representationForApi,
  representationOf,
} from "../../src/server/population";
import { populationIndexFromPackage } from "../../src/server/population-source";
import type { SummaryData } from "../../src/server/store/store";
import { type CurrentCommune, communesForPostalCode, currentCommunes } from "../../src/server/territory";

const requireHere = createRequire(import.meta.url);
const data = (file: string) =>
  JSON.parse(readFileSync(requireHere.resolve(`@etalab/decoupage-administratif/data/${file}`), "utf8"));

/** The package's files read here directly, not through src/server/territory.ts. */
const rawCommunes: { code: string; type: string; population?: number; region: string }[] = data("communes.json");
const metropoleMembers = new Set<string>(
  (data("epci.json") as { type: string; membres: { code: string }[] }[])
    .filter((epci) => epci.type === "METRO" || epci.type === "MET69")
    .flatMap((epci) => epci.membres.map((member) => member.code)),
);
const current = rawCommunes.filter((row) => row.type === "commune-actuelle");
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe("the population index", () => {
  it("is what the installed package sums to today (else: npx tsx scripts/write-population-index.ts)", () => {
    const started = performance.now();
    const fresh = populationIndexFromPackage();
    const elapsed = performance.now() - started;
    expect(populationIndex).toEqual(fresh);
    // Reading and checking 12 MB of JSON, mostly; the summing itself is a few milliseconds.
    console.info(`[population] summed from the package in ${Math.round(elapsed)} ms`);
  });

  it("counts every current commune once, and only those", () => {
    expect(populationIndex.communes).toBe(current.length);
    expect(populationIndex.population).toBe(sum(current.map((row) => row.population ?? 0)));
    // Arrondissements and communes déléguées or associées carry populations their commune already counts.
    const others = rawCommunes.filter((row) => row.type !== "commune-actuelle");
    expect(sum(others.map((row) => row.population ?? 0))).toBeGreaterThan(0);
    expect(currentCommunes().map((commune) => commune.code)).toEqual(current.map((row) => row.code));
  });

  it("classifies every commune by the rule a participant's commune gets, and sums each type", () => {
    const expected = new Map<TerritoryType, { communes: number; population: number }>();
    for (const row of current) {
      const population = row.population ?? null;
      const type = classifyTerritory({ population, inMetropole: metropoleMembers.has(row.code) });
      const figures = expected.get(type) ?? { communes: 0, population: 0 };
      figures.communes += 1;
      figures.population += population ?? 0;
      expected.set(type, figures);
    }
    expect(populationIndex.by_territory_type).toEqual(
      (Object.keys(territoryTypes) as TerritoryType[]).map((type) => ({ territory_type: type, ...expected.get(type) })),
    );
    // The very records the postal code lookup returns: a participant in 23000 gets Guéret's.
    const gueret = currentCommunes().find((commune) => commune.code === "23096");
    expect(communesForPostalCode("23000").find((commune) => commune.code === "23096")?.territoryType).toBe(
      gueret?.territoryType,
    );
  });

  it("sums the régions to the same total, each région from its communes", () => {
    expect(sum(populationIndex.by_region.map((row) => row.population))).toBe(populationIndex.population);
    expect(sum(populationIndex.by_territory_type.map((row) => row.population))).toBe(populationIndex.population);
    for (const region of populationIndex.by_region) {
      const own = current.filter((row) => row.region === region.region_code);
      expect(region.communes, region.region_name).toBe(own.length);
      expect(region.population, region.region_name).toBe(sum(own.map((row) => row.population ?? 0)));
    }
    expect(populationIndex.by_region.filter((row) => row.zone !== "com")).toHaveLength(18);
  });

  it("gives population shares that sum to 100 %, within rounding", () => {
    const rows = representationOf({ by_territory_type: [], by_region: [] });
    for (const groups of [rows.territories, rows.regions]) {
      expect(sum(groups.map((row) => row.populationShare))).toBeCloseTo(1, 12);
      const rounded = sum(groups.map((row) => Math.round(row.populationShare * 100)));
      expect(Math.abs(rounded - 100)).toBeLessThanOrEqual(groups.length / 2);
    }
  });
});

describe("aggregatePopulation", () => {
  const commune = (
    code: string,
    population: number | null,
    territoryType: TerritoryType,
    region: string,
    regionZone: CurrentCommune["regionZone"] = "metro",
  ): CurrentCommune => ({
    code,
    name: code,
    departement: { code: code.slice(0, 2), name: "D" },
    region: { code: region, name: `Région ${region}` },
    population,
    territoryType,
    regionZone,
  });
  const source = { package: "p", version: "1", population: "test" };

  it("sums by the type each commune carries, counting a commune with no population as none", () => {
    const index = aggregatePopulation(
      [
        commune("01001", 800, "rural", "84"),
        commune("01002", null, "rural", "84"),
        commune("69123", 500_000, "metropolis", "84"),
        commune("98411", null, "rural", "984", "com"),
      ],
      source,
    );
    expect(index.communes).toBe(4);
    expect(index.population).toBe(500_800);
    expect(index.by_territory_type).toEqual([
      { territory_type: "rural", communes: 3, population: 800 },
      { territory_type: "small-town", communes: 0, population: 0 },
      { territory_type: "medium-town", communes: 0, population: 0 },
      { territory_type: "metropolis", communes: 1, population: 500_000 },
    ]);
    expect(index.by_region).toEqual([
      { region_code: "84", region_name: "Région 84", zone: "metro", communes: 3, population: 500_800 },
      { region_code: "984", region_name: "Région 984", zone: "com", communes: 1, population: 0 },
    ]);
  });
});

describe("compareWithPopulation", () => {
  it("gives shares, the gap between the rounded shares, and judges only groups that would have 5 contributions", () => {
    const rows = compareWithPopulation([
      { key: "a", label: "A", population: 330, contributions: 12 },
      { key: "b", label: "B", population: 660, contributions: 87 },
      { key: "c", label: "C", population: 10, contributions: 1 },
    ]);
    expect(rows.map((row) => [row.key, row.gapPoints, row.judged, row.underRepresented])).toEqual([
      ["a", 12 - 33, true, true],
      ["b", 87 - 66, true, false],
      // 1 % of 100 contributions is 1 expected: too few to judge.
      ["c", 0, false, false],
    ]);
    expect(rows[0]?.populationShare).toBeCloseTo(0.33);
    expect(rows[0]?.contributionShare).toBeCloseTo(0.12);
    expect(rows[0]?.expectedContributions).toBeCloseTo(33);
  });

  it("puts the line at two thirds of the population share", () => {
    expect(UNDER_REPRESENTED_RATIO).toBeCloseTo(2 / 3);
    const at = (contributions: number) =>
      compareWithPopulation([
        { key: "a", label: "A", population: 30, contributions },
        { key: "b", label: "B", population: 70, contributions: 100 - contributions },
      ])[0]?.underRepresented;
    expect(at(20)).toBe(false); // 20 % is exactly two thirds of 30 %
    expect(at(19)).toBe(true);
  });

  it("judges nothing before there are contributions enough, and gives zero shares with none", () => {
    const rows = compareWithPopulation([
      { key: "a", label: "A", population: 50, contributions: 0 },
      { key: "b", label: "B", population: 50, contributions: 2 * MIN_EXPECTED_CONTRIBUTIONS - 1 },
    ]);
    expect(rows.map((row) => row.judged)).toEqual([false, false]);
    expect(
      compareWithPopulation([{ key: "a", label: "A", population: 1, contributions: 0 }])[0]?.contributionShare,
    ).toBe(0);
  });

  it("orders the under-represented by fewest voices per inhabitant, then the widest gap", () => {
    const rows = compareWithPopulation([
      { key: "big", label: "Big", population: 500, contributions: 100 },
      { key: "half", label: "Half", population: 200, contributions: 50 },
      { key: "none", label: "None", population: 100, contributions: 0 },
      { key: "rest", label: "Rest", population: 200, contributions: 850 },
    ]);
    expect(mostUnderRepresented(rows).map((row) => row.key)).toEqual(["none", "big", "half"]);
    expect(mostUnderRepresented(rows, 2).map((row) => row.key)).toEqual(["none", "big"]);
  });
});

describe("representationOf", () => {
  const summary = (
    types: Partial<Record<TerritoryType, number>>,
    regions: [string, string, number][],
  ): Pick<SummaryData, "by_territory_type" | "by_region"> => ({
    by_territory_type: (Object.keys(territoryTypes) as TerritoryType[]).map((type) => ({
      territory_type: type,
      contributions: types[type] ?? 0,
      initiatives: 0,
    })),
    by_region: regions.map(([code, name, contributions]) => ({
      region_code: code,
      region_name: name,
      contributions,
      initiatives: 0,
    })),
  });

  it("sets the four kinds of territory against their population, in order", () => {
    const { territories } = representationOf(summary({ rural: 30, metropolis: 10 }, []));
    expect(territories.map((row) => row.key)).toEqual(Object.keys(territoryTypes));
    expect(territories.map((row) => row.population)).toEqual(
      populationIndex.by_territory_type.map((row) => row.population),
    );
    expect(territories.map((row) => row.contributions)).toEqual([30, 0, 0, 10]);
  });

  it("lists the 18 régions by name, then the overseas collectivities as one row", () => {
    const { regions, overseasCollectivities } = representationOf(
      summary({}, [
        ["11", "Île-de-France", 3],
        ["987", "Polynésie française", 2],
        ["988", "Nouvelle-Calédonie", 1],
      ]),
    );
    expect(regions).toHaveLength(19);
    expect(regions.at(-1)).toMatchObject({
      key: OVERSEAS_COLLECTIVITIES.key,
      label: OVERSEAS_COLLECTIVITIES.label,
      contributions: 3,
      population: sum(populationIndex.by_region.filter((row) => row.zone === "com").map((row) => row.population)),
    });
    const names = regions.slice(0, -1).map((row) => row.label);
    expect(names).toEqual([...names].sort(new Intl.Collator("fr").compare));
    expect(overseasCollectivities).toContain("Polynésie française");
    expect(overseasCollectivities).not.toContain("Île de Clipperton"); // no inhabitants
  });

  it("keeps a région the index does not know, with no inhabitants, so that shares are of one total", () => {
    const { regions } = representationOf(summary({}, [["99", "Inconnue", 4]]));
    expect(regions.find((row) => row.key === "99")).toMatchObject({ population: 0, contributions: 4 });
    expect(sum(regions.map((row) => row.contributionShare))).toBeCloseTo(1);
  });

  it("gives the API the same figures in the summary's snake_case", () => {
    const input = summary({ rural: 5, "small-town": 20, "medium-town": 15, metropolis: 60 }, [["11", "IDF", 100]]);
    const api = representationForApi(input);
    const page = representationOf(input);
    expect(api.source).toEqual(populationIndex.source);
    expect(
      api.by_territory_type.map((row) => [row.territory_type, row.population_share, row.under_represented]),
    ).toEqual(page.territories.map((row) => [row.key, row.populationShare, row.underRepresented]));
    // 5 % of the contributions from 22 % of the inhabitants.
    expect(api.by_territory_type[0]).toMatchObject({
      territory_type: "rural",
      contributions: 5,
      under_represented: true,
    });
    expect(api.by_region.map((row) => row.region_code)).toEqual(page.regions.map((row) => row.key));
  });
});
