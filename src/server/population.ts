/**
 * Who lives where: the population of each kind of territory and of each
 * région, for comparing them with who answered (src/domain/representation.ts).
 *
 * The figures are summed once from @etalab/decoupage-administratif, every
 * current commune classified by the very records, and so the very
 * classifyTerritory() call, that give a participant's territory
 * (src/server/territory.ts), and kept in population-index.json: a few
 * hundred bytes that the summary function ships instead of the 12 MB of
 * communes data (2 MB less in its bundle, no second of parsing at a cold
 * start). tests/unit/population.test.ts sums them again from the package
 * and fails when the file is stale; `npx tsx scripts/write-population-index.ts`
 * writes it anew.
 *
 * This module imports no data file but that index: the summary function
 * imports it, and its bundler ships whatever a module here resolves.
 */
import { z } from "zod";
import { compareWithPopulation, type RepresentationInput, type RepresentationRow } from "../domain/representation";
import { type TerritoryType, territoryTypes } from "../domain/territory";
import indexData from "./population-index.json" with { type: "json" };
import type { SummaryData } from "./store/store";
import type { CurrentCommune } from "./territory";

const territoryType = z.enum(Object.keys(territoryTypes) as [TerritoryType, ...TerritoryType[]]);
const count = z.number().int().nonnegative();

/** The population index, as written by scripts/write-population-index.ts (snake_case, like the summary). */
export const populationIndexSchema = z.object({
  /** Where the figures come from: the package, its version, and which population it carries. */
  source: z.object({ package: z.string(), version: z.string(), population: z.string() }),
  /** Current communes counted (every one, with or without inhabitants). */
  communes: count,
  /** Their inhabitants, all together. */
  population: count,
  /** The four kinds of territory, in the order of territoryTypes. */
  by_territory_type: z.array(z.object({ territory_type: territoryType, communes: count, population: count })),
  /** Every région and overseas collectivity of the package, by code. */
  by_region: z.array(
    z.object({
      region_code: z.string(),
      region_name: z.string(),
      zone: z.enum(["metro", "drom", "com"]),
      communes: count,
      population: count,
    }),
  ),
});
export type PopulationIndex = z.infer<typeof populationIndexSchema>;

/** Which population the package carries, said once for the index and the page. */
export const POPULATION_SOURCE =
  "population municipale au 1er janvier 2023 (populations de référence de l'Insee en vigueur en 2026 ; Mayotte : recensement de 2017 ; collectivités d'outre-mer : leurs derniers recensements)";

/**
 * Sums the inhabitants of current communes (the caller passes
 * currentCommunes(): never an arrondissement municipal nor a commune
 * déléguée or associée, whose inhabitants their commune already counts),
 * by the territory type each commune already carries and by région. A
 * commune without a population (the uninhabited TAAF and Clipperton)
 * counts as a commune with no inhabitants.
 */
export function aggregatePopulation(
  communes: readonly CurrentCommune[],
  source: PopulationIndex["source"],
): PopulationIndex {
  const byType = new Map<TerritoryType, { communes: number; population: number }>(
    (Object.keys(territoryTypes) as TerritoryType[]).map((type) => [type, { communes: 0, population: 0 }]),
  );
  const byRegion = new Map<string, PopulationIndex["by_region"][number]>();
  let population = 0;
  for (const commune of communes) {
    const inhabitants = commune.population ?? 0;
    population += inhabitants;
    const type = byType.get(commune.territoryType);
    if (type) {
      type.communes += 1;
      type.population += inhabitants;
    }
    let region = byRegion.get(commune.region.code);
    if (!region) {
      region = {
        region_code: commune.region.code,
        region_name: commune.region.name,
        zone: commune.regionZone,
        communes: 0,
        population: 0,
      };
      byRegion.set(commune.region.code, region);
    }
    region.communes += 1;
    region.population += inhabitants;
  }
  return {
    source,
    communes: communes.length,
    population,
    by_territory_type: [...byType].map(([territory_type, figures]) => ({ territory_type, ...figures })),
    by_region: [...byRegion.values()].sort((a, b) => (a.region_code < b.region_code ? -1 : 1)),
  };
}

/** The index this build ships, checked at load. */
export const populationIndex: PopulationIndex = (() => {
  const parsed = populationIndexSchema.safeParse(indexData);
  if (!parsed.success) {
    throw new Error(
      `src/server/population-index.json does not have the expected shape (${z.prettifyError(parsed.error)}): write it anew with \`npx tsx scripts/write-population-index.ts\`.`,
    );
  }
  return parsed.data;
})();

/** The key and label of the one row that gathers the overseas collectivities (COM). */
export const OVERSEAS_COLLECTIVITIES = { key: "com", label: "Collectivités d'outre-mer" } as const;

/** Who answered against who lives there, by kind of territory and by région. */
export interface Representation {
  /** The four kinds of territory, from rural to métropole. */
  territories: (RepresentationRow & { key: TerritoryType })[];
  /**
   * The 18 régions by name, then the overseas collectivities as one row
   * (OVERSEAS_COLLECTIVITIES: a few hundred thousand inhabitants among
   * eight of them, each too small to judge alone).
   */
  regions: RepresentationRow[];
  /** All inhabitants counted. */
  population: number;
  /** Current communes counted. */
  communes: number;
  /** The inhabited overseas collectivities gathered in OVERSEAS_COLLECTIVITIES, by name. */
  overseasCollectivities: string[];
}

const compareFrench = new Intl.Collator("fr", { sensitivity: "base" }).compare;

/**
 * Compares the summary's contributions (replies included, as in its
 * breakdowns) with the population index. A région the index does not know
 * (impossible while both read the same package) keeps its contributions,
 * on a row with no inhabitants, so that every share is of the same total.
 */
export function representationOf(
  summary: Pick<SummaryData, "by_territory_type" | "by_region">,
  index: PopulationIndex = populationIndex,
): Representation {
  const perType = new Map(summary.by_territory_type.map((row) => [row.territory_type, row.contributions]));
  const territories = compareWithPopulation(
    index.by_territory_type.map((row): RepresentationInput & { key: TerritoryType } => ({
      key: row.territory_type,
      label: territoryTypes[row.territory_type],
      population: row.population,
      contributions: perType.get(row.territory_type) ?? 0,
    })),
  );

  const groups = new Map<string, RepresentationInput>();
  const groupOf = (code: string, name: string, zone: "metro" | "drom" | "com" | undefined) => {
    const key = zone === "com" ? OVERSEAS_COLLECTIVITIES.key : code;
    let group = groups.get(key);
    if (!group) {
      group = { key, label: zone === "com" ? OVERSEAS_COLLECTIVITIES.label : name, population: 0, contributions: 0 };
      groups.set(key, group);
    }
    return group;
  };
  const zones = new Map(index.by_region.map((row) => [row.region_code, row.zone]));
  for (const row of index.by_region) groupOf(row.region_code, row.region_name, row.zone).population += row.population;
  for (const row of summary.by_region) {
    groupOf(row.region_code, row.region_name, zones.get(row.region_code)).contributions += row.contributions;
  }
  const ordered = [...groups.values()]
    .filter((group) => group.population > 0 || group.contributions > 0)
    .sort(
      (a, b) =>
        Number(a.key === OVERSEAS_COLLECTIVITIES.key) - Number(b.key === OVERSEAS_COLLECTIVITIES.key) ||
        compareFrench(a.label, b.label),
    );
  return {
    territories,
    regions: compareWithPopulation(ordered),
    population: index.population,
    communes: index.communes,
    overseasCollectivities: index.by_region
      .filter((row) => row.zone === "com" && row.population > 0)
      .map((row) => row.region_name)
      .sort(compareFrench),
  };
}

/**
 * The representation as GET /api/summary gives it, in the summary's
 * snake_case: the population index's source and the comparison rows.
 */
export function representationForApi(summary: Pick<SummaryData, "by_territory_type" | "by_region">) {
  const { territories, regions, population } = representationOf(summary);
  const row = (group: RepresentationRow) => ({
    population: group.population,
    population_share: group.populationShare,
    contributions: group.contributions,
    contribution_share: group.contributionShare,
    gap_points: group.gapPoints,
    under_represented: group.underRepresented,
  });
  return {
    source: populationIndex.source,
    population,
    by_territory_type: territories.map((group) => ({ territory_type: group.key, ...row(group) })),
    by_region: regions.map((group) => ({ region_code: group.key, region_name: group.label, ...row(group) })),
  };
}
