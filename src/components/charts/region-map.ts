/**
 * Colours of the choropleth map: each région gets the colour of its class
 * (equal intervals of round width, see classBreaks), zero its own pale
 * grey, and the legend says what each colour stands for. Pure: the
 * geometry comes from france-map-geometry.ts, the figures from the page.
 */
import { countOf } from "../../domain/published-text";
import { formatCount } from "./format";
import { classBreaks, classIndex, type ValueClass } from "./scale";

/**
 * A sequential blue scale ending in the site's brand blue. Every step is
 * told apart from its neighbours and from white, and the map never relies
 * on colour alone: each région carries its figure, and a table follows.
 */
export const palette = ["#d4e0f3", "#a3bbe3", "#6f92cf", "#3f67b1", "#1d3f8f"] as const;
/** Régions with nothing to count. */
export const zeroColour = "#e6e6e6";

/** What is counted, in words: « 1 contribution », « 3 contributions ». */
export interface Measure {
  singular: string;
  plural: string;
}

/** One région's figure. */
export interface RegionValue {
  code: string;
  name: string;
  value: number;
}

/** A région with its colour and the text of its tooltip. */
export interface ColouredRegion extends RegionValue {
  colour: string;
  /** « Bretagne : 6 contributions ». */
  title: string;
  /** The figure as written on the map and in the table. */
  text: string;
}

/** One entry of the legend. */
export interface LegendEntry {
  colour: string;
  /** « Aucune », « 1 à 5 », « 6 ». */
  label: string;
}

/** Colours and legend of a map. */
export interface ChoroplethModel {
  regions: ColouredRegion[];
  classes: ValueClass[];
  legend: LegendEntry[];
}

/** Palette colours for n classes, spread from light to dark (a single class takes the middle). */
export function classColours(count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return [palette[2]];
  const last = palette.length - 1;
  return Array.from({ length: count }, (_, index) => palette[Math.round((index * last) / (count - 1))] as string);
}

/** « 1 à 5 », or « 6 » for a class of one count. */
export function classLabel({ min, max }: ValueClass): string {
  return min === max ? formatCount(min) : `${formatCount(min)} à ${formatCount(max)}`;
}

/** Colours each région and writes the legend. `zeroLabel` names the zero class (« Aucune », « Aucun »). */
export function choropleth(values: readonly RegionValue[], measure: Measure, zeroLabel: string): ChoroplethModel {
  const classes = classBreaks(values.map((region) => region.value));
  const colours = classColours(classes.length);
  const regions = values.map((region) => {
    const index = classIndex(region.value, classes);
    return {
      ...region,
      colour: index === -1 ? zeroColour : (colours[index] as string),
      title: `${region.name} : ${countOf(region.value, measure.singular, measure.plural)}`,
      text: formatCount(region.value),
    };
  });
  const legend = [
    { colour: zeroColour, label: zeroLabel },
    ...classes.map((valueClass, index) => ({ colour: colours[index] as string, label: classLabel(valueClass) })),
  ];
  return { regions, classes, legend };
}
