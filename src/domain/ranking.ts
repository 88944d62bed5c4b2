/**
 * The order in which published answers are shown: the most supported
 * first. Every tie is broken, down to the id, so that two builds of the
 * same data give the same pages (and a contribution keeps its page number).
 */

/** What the ranking reads of a contribution. */
export interface Ranked {
  id: string;
  publishedAt: Date;
  counts: { support: number; disagree: number };
}

/**
 * Comparator for Array#sort: support descending, then disagreement
 * ascending (of two equally supported answers, the less contested first),
 * then the earliest published (it had the longest to gather support and
 * should not be overtaken by a newcomer with as many), then the id.
 */
export function byMostSupported(a: Ranked, b: Ranked): number {
  return (
    b.counts.support - a.counts.support ||
    a.counts.disagree - b.counts.disagree ||
    a.publishedAt.getTime() - b.publishedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A sorted copy, most supported first; the input is left as it was. */
export function mostSupportedFirst<T extends Ranked>(items: readonly T[]): T[] {
  return [...items].sort(byMostSupported);
}
