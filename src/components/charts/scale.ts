/**
 * Scales of the static charts: round steps for axes, and the discrete
 * classes of the map. Pure functions, tested on their own.
 */

/**
 * The smallest "round" step (1, 2 or 5 times a power of ten) at least
 * `rough`; 1 for anything up to 1, since the charts count whole things.
 */
export function niceStep(rough: number): number {
  if (!(rough > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const multiple of [1, 2, 5, 10]) {
    if (multiple * power >= rough) return multiple * power;
  }
  return 10 * power;
}

/**
 * Axis ticks from 0 to a round top that covers `max`, about `count`
 * intervals apart: [0, 2, 4, 6] for a maximum of 5. Never empty: a chart
 * of zeros still has an axis from 0 to 1.
 */
export function niceTicks(max: number, count = 4): number[] {
  const step = niceStep(Math.max(max, 1) / count);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let tick = 0; tick <= top; tick += step) ticks.push(tick);
  return ticks;
}

/** One class of the map: the counts from `min` to `max`, both included. */
export interface ValueClass {
  min: number;
  max: number;
}

/**
 * Discrete classes for the choropleth map, over whole counts from 1 to the
 * largest value: equal intervals of a round width, so that a reader can
 * tell at once what each colour means ("1 à 5", "6 à 10"...). Zero is not
 * a class: the map shows "aucune" apart. With few distinct counts, one
 * class per count. At most `maxClasses` classes; none when every value is 0.
 */
export function classBreaks(values: readonly number[], maxClasses = 5): ValueClass[] {
  const max = Math.max(0, ...values.map((value) => Math.floor(value)));
  if (max === 0) return [];
  const width = max <= maxClasses ? 1 : niceStep(max / maxClasses);
  const classes: ValueClass[] = [];
  for (let min = 1; min <= max; min += width) classes.push({ min, max: min + width - 1 });
  return classes;
}

/** Index of the class a value falls in, or -1 for 0 (and anything below the first class). */
export function classIndex(value: number, classes: readonly ValueClass[]): number {
  return classes.findIndex((candidate) => value >= candidate.min && value <= candidate.max);
}
