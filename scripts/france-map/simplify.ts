/**
 * Simplification of neighbouring shapes that share their borders, such as
 * départements. Simplifying each shape on its own would draw each shared
 * border twice, differently, and leave slivers between neighbours. Here a
 * border is cut into runs between junctions (where the set of shapes a
 * point belongs to changes), each run is simplified once
 * (Douglas–Peucker), and every shape that shares it gets the same result.
 * Shapes of one group (the départements of a région) are then merged into
 * the group's outline, without the borders inside it, which the map does
 * not draw. Pure: the input is already projected; points are identified by their
 * source key (the exact longitude and latitude), since shared borders
 * repeat the very same coordinates.
 */

/** A point on the drawing, in SVG units. */
export type Point = readonly [number, number];

/** One ring of a shape: its owner, its points in order (not repeating the first), and the key of each point. */
export interface SourceRing {
  /** The shape this ring belongs to (a département code). */
  owner: string;
  points: readonly Point[];
  /** Identity of each point in the source, same length as points; equal keys are the same point. */
  keys: readonly string[];
}

/** Options of simplifyShapes. */
export interface SimplifyOptions {
  /** Largest distance, in SVG units, between a dropped point and the simplified line. */
  tolerance: number;
  /** Rings of one owner only (islands) smaller than this area, in square SVG units, are dropped. */
  minIslandArea?: number;
  /** The group an owner is drawn in (its région): borders inside a group are dropped. Default: each owner alone. */
  groupOf?: (owner: string) => string;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Squared distance from p to the segment a–b. */
function segmentDistance2(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker on an open line: keeps both ends and every point farther than the tolerance. */
export function douglasPeucker(points: readonly Point[], tolerance: number): Point[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const tolerance2 = tolerance * tolerance;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let farthest = -1;
    let farthestDistance = tolerance2;
    for (let index = first + 1; index < last; index++) {
      const distance = segmentDistance2(points[index] as Point, points[first] as Point, points[last] as Point);
      if (distance > farthestDistance) {
        farthest = index;
        farthestDistance = distance;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, index) => keep[index] === 1);
}

/** Signed area of a closed ring (shoelace formula); its absolute value is the area. */
export function ringArea(points: readonly Point[]): number {
  let twice = 0;
  for (let index = 0; index < points.length; index++) {
    const [x0, y0] = points[index] as Point;
    const [x1, y1] = points[(index + 1) % points.length] as Point;
    twice += x0 * y1 - x1 * y0;
  }
  return twice / 2;
}

/** A run of a ring from one junction to the next, simplified, in the ring's direction. */
interface RingRun {
  from: string;
  to: string;
  points: Point[];
  owners: string[];
}

/**
 * Simplifies rings that share borders so that neighbours still meet
 * exactly, then merges the rings of each group (the départements of a
 * région) by dropping the borders inside it: the result is the outline of
 * each group, every border drawn once. Rings are walked in one orientation
 * (positive area), so the outer runs of neighbours chain end to start.
 */
export function simplifyShapes(rings: readonly SourceRing[], options: SimplifyOptions): Map<string, Point[][]> {
  const groupOf = options.groupOf ?? ((owner: string) => owner);
  const ownersOf = new Map<string, Set<string>>();
  for (const ring of rings) {
    for (const key of ring.keys) {
      const owners = ownersOf.get(key) ?? new Set<string>();
      owners.add(ring.owner);
      ownersOf.set(key, owners);
    }
  }
  const signature = (key: string) => [...(ownersOf.get(key) ?? [])].sort().join("|");

  const cache = new Map<string, { points: Point[]; owners: string[] }>();
  const outerRuns = new Map<string, RingRun[]>();
  for (const source of rings) {
    if (source.keys.length < 3) continue;
    const ring = ringArea(source.points) < 0 ? reverseRing(source) : source;
    const count = ring.keys.length;
    const signatures = ring.keys.map(signature);
    const fixed: number[] = [];
    for (let index = 0; index < count; index++) {
      const own = signatures[index];
      if (own !== signatures[(index + count - 1) % count] || own !== signatures[(index + 1) % count]) {
        fixed.push(index);
      }
    }
    const island = fixed.length === 0 && !(signatures[0] ?? "").includes("|");
    if (island && Math.abs(ringArea(ring.points)) < (options.minIslandArea ?? 0)) continue;
    if (fixed.length < 2) addAnchors(ring, fixed);

    const group = groupOf(ring.owner);
    const runs = outerRuns.get(group) ?? [];
    for (let position = 0; position < fixed.length; position++) {
      const run = runBetween(ring, fixed[position] as number, fixed[(position + 1) % fixed.length] as number);
      const simplified = simplifiedRun(run, cache, ownersOf, options.tolerance);
      // A border with a neighbour of the same group is inside the group's outline.
      const inside = simplified.owners.some((owner) => owner !== ring.owner && groupOf(owner) === group);
      if (!inside)
        runs.push({ from: run.keys[0] as string, to: run.keys[run.keys.length - 1] as string, ...simplified });
    }
    outerRuns.set(group, runs);
  }

  const outlines = new Map<string, Point[][]>();
  for (const [group, runs] of outerRuns) {
    const merged = chainRuns(runs)
      .map((points) => dedupe(points.map(([x, y]) => [round(x), round(y)] as const)))
      .filter((points) => points.length >= 3);
    outlines.set(group, merged);
  }
  return outlines;
}

function reverseRing(ring: SourceRing): SourceRing {
  return { owner: ring.owner, points: [...ring.points].reverse(), keys: [...ring.keys].reverse() };
}

/**
 * Joins runs into closed rings: each run goes on with the unused run that
 * starts where it ends. A run with no follower (a flaw in the source)
 * closes its ring where it stands rather than failing the build.
 */
function chainRuns(runs: readonly RingRun[]): Point[][] {
  const byStart = new Map<string, RingRun[]>();
  for (const run of runs) byStart.set(run.from, [...(byStart.get(run.from) ?? []), run]);
  const used = new Set<RingRun>();
  const rings: Point[][] = [];
  for (const first of runs) {
    if (used.has(first)) continue;
    const points: Point[] = [];
    let run: RingRun | undefined = first;
    while (run && !used.has(run)) {
      used.add(run);
      points.push(...run.points.slice(0, -1));
      if (run.to === first.from) break;
      run = byStart.get(run.to)?.find((next) => !used.has(next));
    }
    rings.push(points);
  }
  return rings;
}

/**
 * A ring with fewer than two junctions (an island, or an enclave entirely
 * shared with one neighbour) gets anchors both of its sides agree on: the
 * point with the smallest key, and the point farthest from it.
 */
function addAnchors(ring: SourceRing, fixed: number[]): void {
  let first = 0;
  ring.keys.forEach((key, index) => {
    if (key < (ring.keys[first] as string)) first = index;
  });
  const origin = ring.points[first] as Point;
  let farthest = first;
  let farthestDistance = -1;
  ring.points.forEach(([x, y], index) => {
    const distance = (x - origin[0]) ** 2 + (y - origin[1]) ** 2;
    if (distance > farthestDistance) {
      farthest = index;
      farthestDistance = distance;
    }
  });
  for (const index of [first, farthest]) if (!fixed.includes(index)) fixed.push(index);
  fixed.sort((a, b) => a - b);
}

interface Run {
  keys: string[];
  points: Point[];
}

/** The points of a ring from one junction to the next, both included, going round the ring. */
function runBetween(ring: SourceRing, start: number, end: number): Run {
  const count = ring.keys.length;
  const keys: string[] = [];
  const points: Point[] = [];
  for (let index = start; ; index = (index + 1) % count) {
    keys.push(ring.keys[index] as string);
    points.push(ring.points[index] as Point);
    if (index === end && keys.length > 1) break;
  }
  return { keys, points };
}

/**
 * The simplified points of a run, in the run's own direction, and the
 * owners it separates. A run is simplified in one canonical direction
 * (from its smaller end key) and the result kept, so the neighbour that
 * walks it the other way gets the very same points.
 */
function simplifiedRun(
  run: Run,
  cache: Map<string, { points: Point[]; owners: string[] }>,
  ownersOf: Map<string, Set<string>>,
  tolerance: number,
): { points: Point[]; owners: string[] } {
  const reversed = (run.keys[0] as string) > (run.keys[run.keys.length - 1] as string);
  const keys = reversed ? [...run.keys].reverse() : run.keys;
  const id = keys.join(";");
  let canonical = cache.get(id);
  if (!canonical) {
    const points = reversed ? [...run.points].reverse() : run.points;
    canonical = { owners: commonOwners(keys, ownersOf), points: douglasPeucker(points, tolerance) };
    cache.set(id, canonical);
  }
  return { owners: canonical.owners, points: reversed ? [...canonical.points].reverse() : canonical.points };
}

/** The owners every point of a run belongs to; the inner points say it when there are some (the ends are junctions). */
function commonOwners(keys: readonly string[], ownersOf: Map<string, Set<string>>): string[] {
  const inner = keys.length > 2 ? keys.slice(1, -1) : keys;
  let common: string[] | undefined;
  for (const key of inner) {
    const owners = [...(ownersOf.get(key) ?? [])];
    common = common ? common.filter((owner) => owners.includes(owner)) : owners;
  }
  return (common ?? []).sort();
}

function dedupe(points: Point[]): Point[] {
  const result: Point[] = [];
  for (const point of points) {
    const last = result[result.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) result.push(point);
  }
  const first = result[0];
  const last = result[result.length - 1];
  if (result.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) result.pop();
  return result;
}
