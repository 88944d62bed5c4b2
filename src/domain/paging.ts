/**
 * Long lists on static pages: split into numbered pages, each its own URL,
 * so that every page can be read, linked and indexed without JavaScript.
 * Page 1 is the list's own page; page n > 1 lives at `<base>page/<n>/`.
 */

/** Answers per page on a question page. */
export const ANSWERS_PER_PAGE = 20;

/** The items in pages of `perPage`; always at least one page, possibly empty (page 1 is the list's own page). */
export function paginate<T>(items: readonly T[], perPage: number): T[][] {
  if (!Number.isInteger(perPage) || perPage < 1)
    throw new RangeError(`perPage must be a positive integer, not ${perPage}`);
  const pages: T[][] = [];
  for (let start = 0; start < items.length; start += perPage) pages.push(items.slice(start, start + perPage));
  return pages.length > 0 ? pages : [[]];
}

/** How many pages `total` items fill, at least 1. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** URL of page `page` of the list at `basePath` (which ends with a slash). */
export function pagePath(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}page/${page}/`;
}

/** One entry of a pager: a page number, or a gap standing for the numbers left out. */
export type PagerItem = { page: number; current: boolean } | { gap: true };

/**
 * The page numbers a pager shows: the first and the last, and the current
 * one with its neighbours; longer runs are replaced by a gap. A gap never
 * hides a single number (1 … 3 would be longer to read than 1 2 3).
 */
export function pagerItems(current: number, count: number, neighbours = 1): PagerItem[] {
  const shown = new Set([1, count]);
  for (let page = current - neighbours; page <= current + neighbours; page++) {
    if (page >= 1 && page <= count) shown.add(page);
  }
  const pages = [...shown].sort((a, b) => a - b);
  const items: PagerItem[] = [];
  let previous = 0;
  for (const page of pages) {
    if (page - previous === 2) items.push({ page: previous + 1, current: previous + 1 === current });
    else if (page - previous > 2) items.push({ gap: true });
    items.push({ page, current: page === current });
    previous = page;
  }
  return items;
}
