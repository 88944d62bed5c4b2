/**
 * Territory lookup from a postal code, on the server, from the Code officiel
 * géographique as packaged by @etalab/decoupage-administratif (2026 data in
 * v6). The package's JSON files weigh about 12 MB and take from half a
 * second to a second to read and check, so they are read on the first
 * lookup, never at import, and only a postal code → communes map (about
 * 6 MB of heap) and the list of the same commune records are kept afterwards.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { z } from "zod";
import {
  type CommuneIndex,
  type CommuneTerritory,
  classifyTerritory,
  compareCommuneNames,
  postalCodePrefix,
  type TerritoryType,
} from "../domain/territory";

// Only the fields this module reads: zod drops the others (coordinates,
// SIREN, former codes…), which keeps them out of memory from the start.
const communeRows = z.array(
  z.object({
    code: z.string(),
    nom: z.string(),
    type: z.enum(["commune-actuelle", "commune-deleguee", "commune-associee", "arrondissement-municipal"]),
    departement: z.string(),
    region: z.string(),
    codesPostaux: z.array(z.string()).optional(),
    population: z.number().optional(),
    /** For an arrondissement municipal: the INSEE code of its city (75056, 69123, 13055). */
    commune: z.string().optional(),
  }),
);
const namedRows = z.array(z.object({ code: z.string(), nom: z.string() }));
const regionRows = z.array(z.object({ code: z.string(), nom: z.string(), zone: z.enum(["metro", "drom", "com"]) }));
const epciRows = z.array(
  z.object({
    type: z.enum(["CC", "CA", "CU", "METRO", "MET69"]),
    membres: z.array(z.object({ code: z.string() })),
  }),
);

interface Named {
  code: string;
  name: string;
}

/** What is kept of a commune: everything a CommuneTerritory needs but its postal code. */
interface CommuneRecord {
  code: string;
  name: string;
  departement: Named;
  region: Named;
  population: number | null;
  territoryType: TerritoryType;
}

/**
 * A current commune (« commune actuelle ») with its territory type, as the
 * population aggregation (src/server/population.ts) reads it: the very
 * records the postal code lookup returns, so that every commune is
 * classified by the same call as a participant's.
 */
export interface CurrentCommune extends Readonly<CommuneRecord> {
  /** Where its région is: metropolitan France, an overseas région (DROM), or an overseas collectivity (COM). */
  readonly regionZone: "metro" | "drom" | "com";
}

/** The current communes (with or without a postal code) and the postal code → communes map; built on first use. */
let loaded: { byPostalCode: Map<string, CommuneRecord[]>; communes: CurrentCommune[] } | undefined;

/**
 * The communes a postal code serves, sorted by name in French order; [] for
 * a postal code no commune has. Only current communes are returned, never a
 * former commune now déléguée or associée, nor an arrondissement: 75011
 * gives Paris (75056) with the population of the whole city, which is the
 * commune a citizen names and the level at which territories are classified.
 * The postal code is looked up as given: validate it first (postalCodeSchema).
 */
export function communesForPostalCode(postalCode: string): CommuneTerritory[] {
  const communes = loadCommunesByPostalCode().get(postalCode) ?? [];
  return communes.map((commune) => toTerritory(commune, postalCode));
}

/**
 * The territory of a commune chosen for a postal code, or undefined when the
 * commune (INSEE code, e.g. "23096" or "2A004") does not have that postal
 * code, so that a form cannot pair a postal code with any commune.
 */
export function territoryFor(communeCode: string, postalCode: string): CommuneTerritory | undefined {
  const commune = loadCommunesByPostalCode()
    .get(postalCode)
    ?.find((candidate) => candidate.code === communeCode);
  return commune && toTerritory(commune, postalCode);
}

/**
 * The browser's static index, one part per two-digit postal code prefix in
 * ascending order, each listing its postal codes in ascending order with
 * their communes sorted like communesForPostalCode.
 */
export function communeIndexes(): { prefix: string; communes: CommuneIndex }[] {
  const byPrefix = new Map<string, CommuneIndex>();
  const byPostalCode = loadCommunesByPostalCode();
  for (const postalCode of [...byPostalCode.keys()].sort()) {
    const prefix = postalCodePrefix(postalCode);
    let communes = byPrefix.get(prefix);
    if (!communes) {
      communes = {};
      byPrefix.set(prefix, communes);
    }
    communes[postalCode] = (byPostalCode.get(postalCode) ?? []).map(({ code, name }) => ({ code, nom: name }));
  }
  return [...byPrefix].map(([prefix, communes]) => ({ prefix, communes }));
}

function toTerritory(commune: CommuneRecord, postalCode: string): CommuneTerritory {
  // Copies, so that a caller changing its result cannot change the next one.
  return {
    code: commune.code,
    name: commune.name,
    postalCode,
    departement: { ...commune.departement },
    region: { ...commune.region },
    population: commune.population,
    territoryType: commune.territoryType,
  };
}

/**
 * Every current commune of the Code officiel géographique, in the file's
 * order (by INSEE code), including the few with no postal code (the
 * districts of the TAAF): never a former commune now déléguée or associée,
 * nor an arrondissement municipal, whose inhabitants are already counted
 * in their commune. The records are shared: read them, do not change them.
 */
export function currentCommunes(): readonly CurrentCommune[] {
  loaded ??= loadCommunes();
  return loaded.communes;
}

function loadCommunesByPostalCode(): Map<string, CommuneRecord[]> {
  loaded ??= loadCommunes();
  return loaded.byPostalCode;
}

const requireHere = createRequire(import.meta.url);

function loadCommunes(): { byPostalCode: Map<string, CommuneRecord[]>; communes: CurrentCommune[] } {
  // Literal paths, not a template, so that a function bundler tracing
  // require.resolve can ship these files with the code that reads them.
  const departements = namesByCode(
    parseData(
      namedRows,
      "departements.json",
      requireHere.resolve("@etalab/decoupage-administratif/data/departements.json"),
    ),
  );
  const regionData = parseData(
    regionRows,
    "regions.json",
    requireHere.resolve("@etalab/decoupage-administratif/data/regions.json"),
  );
  const regions = namesByCode(regionData);
  const regionZones = new Map(regionData.map((region) => [region.code, region.zone]));
  const metropoleMembers = new Set(
    parseData(epciRows, "epci.json", requireHere.resolve("@etalab/decoupage-administratif/data/epci.json"))
      .filter((epci) => epci.type === "METRO" || epci.type === "MET69")
      .flatMap((epci) => epci.membres.map((member) => member.code)),
  );
  const rows = parseData(
    communeRows,
    "communes.json",
    requireHere.resolve("@etalab/decoupage-administratif/data/communes.json"),
  );

  // The arrondissements of Paris, Lyon and Marseille carry their own postal
  // codes. In the v6 data their city carries them too, but crediting them to
  // the city here keeps 75011 → Paris true even if a release lists them on
  // the arrondissements only.
  const arrondissementPostalCodes = new Map<string, string[]>();
  for (const row of rows) {
    if (row.type !== "arrondissement-municipal" || row.commune === undefined) continue;
    const codes = arrondissementPostalCodes.get(row.commune) ?? [];
    codes.push(...(row.codesPostaux ?? []));
    arrondissementPostalCodes.set(row.commune, codes);
  }

  const byPostalCode = new Map<string, CommuneRecord[]>();
  const communes: CurrentCommune[] = [];
  for (const row of rows) {
    if (row.type !== "commune-actuelle") continue;
    const population = row.population ?? null;
    const inMetropole = metropoleMembers.has(row.code);
    const region = lookUp(regions, row.region, "regions.json", row.code);
    const commune: CurrentCommune = {
      code: row.code,
      name: row.nom,
      departement: lookUp(departements, row.departement, "departements.json", row.code),
      region,
      population,
      territoryType: classifyTerritory({ population, inMetropole }),
      // lookUp found the région, so its zone is there too.
      regionZone: regionZones.get(region.code) ?? "metro",
    };
    communes.push(commune);
    const postalCodes = new Set([...(row.codesPostaux ?? []), ...(arrondissementPostalCodes.get(row.code) ?? [])]);
    for (const postalCode of postalCodes) {
      const communes = byPostalCode.get(postalCode);
      if (communes) communes.push(commune);
      else byPostalCode.set(postalCode, [commune]);
    }
  }
  for (const sharing of byPostalCode.values()) {
    // Ties on the name (none in the 2026 data) fall back to the INSEE code so the order never depends on the file's.
    sharing.sort((a, b) => compareCommuneNames(a.name, b.name) || (a.code < b.code ? -1 : 1));
  }
  return { byPostalCode, communes };
}

function parseData<T>(schema: z.ZodType<T>, file: string, path: string): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `@etalab/decoupage-administratif's data/${file} does not have the shape this code reads (${issue?.path.map(String).join(".")}: ${issue?.message}). The code was written for version 6: check the version installed against package.json.`,
    );
  }
  return parsed.data;
}

function namesByCode(rows: { code: string; nom: string }[]): Map<string, Named> {
  return new Map(rows.map(({ code, nom }) => [code, { code, name: nom }]));
}

function lookUp(names: Map<string, Named>, code: string, file: string, communeCode: string): Named {
  const named = names.get(code);
  if (!named) {
    throw new Error(
      `Commune ${communeCode} refers to code ${code}, missing from @etalab/decoupage-administratif's data/${file}: the package's files disagree; reinstall it.`,
    );
  }
  return named;
}
