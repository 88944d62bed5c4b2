/**
 * The shapes of the French régions as SVG paths: metropolitan France in a
 * conformal conic projection close to Lambert-93, each overseas région in
 * its own inset below it, borders simplified and rounded to the tenth of a
 * unit (a few kilobytes in the page). The paths are computed once by
 * scripts/generate-france-map.ts from Natural Earth's départements and
 * committed in france-map-paths.ts, so the build downloads no geometry.
 */
import { franceMapPaths } from "./france-map-paths";

/** A rectangle in SVG units. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One région on the map. */
export interface RegionShape {
  /** INSEE code of the région ("84"; "04" for La Réunion). */
  code: string;
  /** Official name ("Auvergne-Rhône-Alpes"). */
  name: string;
  /** SVG path data of its outline (fill-rule evenodd: enclaves of other régions stay holes). */
  d: string;
  /** Where its figure is written: the area-weighted centre of its shapes. */
  label: { x: number; y: number };
  /** For an overseas région: the inset it is drawn in, at its own scale. */
  inset?: Box;
}

/** The map of France by région, drawn in a `0 0 width height` viewBox. */
export interface FranceMap {
  width: number;
  height: number;
  /** Metropolitan régions first, by code, then the overseas ones in INSEE order. */
  regions: RegionShape[];
}

/** The map (every page shows the same one). */
export function franceMap(): FranceMap {
  return franceMapPaths;
}
