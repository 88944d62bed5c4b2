/**
 * Where a participant lives, as the consultation needs it: their commune,
 * its département and région, and the kind of territory it is. The
 * consultation is about coworking outside the big cities, so its answers
 * are read by kind of territory, among four. Pure types and
 * rules, no I/O: the lookup itself is in src/server/territory.ts, and the
 * browser forms read the static index whose shape is defined here.
 */

/** The four kinds of territory, with the French label a citizen reads. */
export const territoryTypes = {
  rural: "Commune rurale",
  "small-town": "Petite ville",
  "medium-town": "Ville moyenne",
  metropolis: "Métropole",
} as const;
export type TerritoryType = keyof typeof territoryTypes;

/** From this population up, a commune outside a métropole is a small town (INSEE's historical urban threshold). */
export const SMALL_TOWN_MIN_POPULATION = 2_000;
/** From this population up, a commune outside a métropole is a medium town (lower bound of the "villes moyennes"). */
export const MEDIUM_TOWN_MIN_POPULATION = 20_000;

/** What the classification needs to know about a commune. */
export interface TerritoryFacts {
  /**
   * Population municipale from the Code officiel géographique; null when the
   * source has none (in the 2026 data, only uninhabited territories: the
   * districts of the TAAF and Clipperton).
   */
  population: number | null;
  /**
   * Whether the commune is a member of a métropole, i.e. of an EPCI of type
   * METRO, or of the Métropole de Lyon (type MET69). Paris, Lyon and
   * Marseille are members as whole communes, so their arrondissements are
   * covered through their parent commune.
   */
  inMetropole: boolean;
}

/**
 * The kind of territory of a commune:
 *
 * 1. a member of a métropole is `metropolis`, whatever its own population,
 *    because living in a small commune next to Lyon is not the rural life
 *    the consultation asks about: the métropole is the labour market and the
 *    services people use;
 * 2. otherwise, 20,000 inhabitants or more is `medium-town`: French public
 *    policy calls "villes moyennes" the towns from 20,000 to 100,000
 *    inhabitants, and "Petites villes de demain" targets communes below
 *    20,000. A city above 100,000 that is not in a métropole (Le Havre,
 *    Reims, Nîmes…) is still `medium-town`: by this rule, being a métropole
 *    is an institutional fact (the EPCI's type), never a population size;
 * 3. otherwise, 2,000 inhabitants or more is `small-town`: 2,000 is INSEE's
 *    historical threshold between rural and urban population (still the one
 *    of its "unités urbaines", which count built-up areas, not communes);
 * 4. otherwise `rural`, including the few communes with no population in
 *    the source, which are all uninhabited.
 *
 * This is an approximation on purpose. INSEE's official rural/urban
 * definition is the "grille communale de densité", built from population
 * density on a 1 km² grid; no npm package carries it, and the commune
 * population and EPCI membership that @etalab/decoupage-administratif does
 * carry are enough for a consultation that only needs to break its answers
 * down by kind of territory.
 */
export function classifyTerritory({ population, inMetropole }: TerritoryFacts): TerritoryType {
  if (inMetropole) return "metropolis";
  if (population === null) return "rural";
  if (population >= MEDIUM_TOWN_MIN_POPULATION) return "medium-town";
  if (population >= SMALL_TOWN_MIN_POPULATION) return "small-town";
  return "rural";
}

/** A commune as the server knows it, for one of its postal codes. */
export interface CommuneTerritory {
  /** INSEE code of the commune ("23096"; "2A004" in Corsica; "97105" overseas). */
  code: string;
  /** Official name, e.g. "Guéret". */
  name: string;
  /** The postal code the participant gave, one of the commune's. */
  postalCode: string;
  /** Département, or the overseas collectivity for Saint-Pierre-et-Miquelon, Polynésie française, etc. */
  departement: { code: string; name: string };
  /** Région, or the overseas collectivity itself where there is no région. */
  region: { code: string; name: string };
  /** Population municipale; null when the source has none (uninhabited territories). */
  population: number | null;
  territoryType: TerritoryType;
}

/** One commune in the browser's index: its INSEE code and its name, as shown in the form's list. */
export interface CommuneIndexEntry {
  code: string;
  nom: string;
}

/**
 * The content of one static file `/communes/<prefix>.json`: for every postal
 * code starting with the prefix, its communes sorted by name in French order.
 * One file per two-digit prefix keeps each download small and cacheable
 * while the browser never fetches the whole dataset.
 */
export type CommuneIndex = Record<string, CommuneIndexEntry[]>;

/**
 * The two-digit prefix that names the index file holding a postal code.
 * Corsica (20xxx) and overseas (97xxx, 98xxx) share one file each, since
 * postal codes, unlike INSEE codes, never contain a letter.
 */
export function postalCodePrefix(postalCode: string): string {
  return postalCode.slice(0, 2);
}

/** The site path of the index file holding a postal code's communes, e.g. "/communes/23.json" for 23000. */
export function communeIndexPath(postalCode: string): string {
  return `/communes/${postalCodePrefix(postalCode)}.json`;
}

/** Sorts commune names the way a French reader expects ("Saint-Éloi" before "Saint-Fiel"). */
export const compareCommuneNames: (a: string, b: string) => number = new Intl.Collator("fr").compare;
