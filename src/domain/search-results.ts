/**
 * What the search page shows of a Pagefind result, without its title twice.
 *
 * Pagefind indexes a heading with the text under it, and its default UI
 * prints a result's title, then the page's excerpt when the page's start
 * matched, then the parts under the headings that matched, each with its
 * own title and excerpt. So a title came back in the excerpt printed just
 * under it (« La mission » then « La mission. Une mission… »), and a page
 * whose h1 carries an id (a permalink: #titre-contribution) printed its
 * title as the page and again as the part under its h1. The search page
 * hands {@link withoutRepeatedTitles} to Pagefind's `processResult`.
 */

/** A part of a page that Pagefind found: the page's start, or the part under one of its headings. */
export interface ResultSection {
  title: string;
  url: string;
  /** Words joined by single spaces, HTML-escaped, the matched ones in <mark>. */
  excerpt: string;
  locations?: number[];
}

/** What Pagefind hands its UI for one result (the fields used here; the others are kept). */
export interface ResultData {
  url: string;
  excerpt: string;
  meta: { title?: string; url?: string };
  sub_results?: ResultSection[];
}

/** The words of a text as Pagefind cuts them: at any white space, the no-break ones included. */
const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#x27": "'" };

/** The text of one word of an excerpt: Pagefind escapes it and may wrap it in <mark>. */
const textOf = (html: string) =>
  html
    .replace(/<\/?mark>/g, "")
    .replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (entity, name: string) => entities[name] ?? entity);

/**
 * A heading's last word as Pagefind indexes it: with a full stop added,
 * unless the heading ends with punctuation of its own (« tiers-lieu ? »).
 * Pagefind adds none when the heading's markup ends with white space or
 * an element: `loose` takes the word alone too.
 */
const endsHeading = (word: string, titleWord: string, loose: boolean) =>
  word === `${titleWord}.` || (word === titleWord && (loose || /[.?!…:»]$/u.test(titleWord)));

/**
 * Where an excerpt comes from: the page (its window may start anywhere in
 * the page, a line may come before the h1), or the part under a heading
 * (its window starts at the heading or after it).
 */
export type ExcerptOf = "page" | "heading";

/**
 * The excerpt without the title printed above it. In a page's excerpt, the
 * whole title where it ends as a heading does (see endsHeading): the same
 * words in a sentence are kept. Under a heading, the title it starts with.
 * In both, when the excerpt's window starts or ends inside the title, its
 * last or its first words (two or more).
 */
export function withoutTitle(excerpt: string, title: string, of: ExcerptOf): string {
  const titleWords = wordsOf(title);
  if (titleWords.length === 0) return excerpt;
  // Pagefind joins an excerpt's words with single spaces, and <mark> has no attribute: no tag holds one.
  const htmlWords = excerpt.split(" ");
  const words = htmlWords.map(textOf);
  const last = titleWords.length - 1;
  const loose = of === "heading";
  /** Whether the title, from its word `from` to its end, is at `at` in the excerpt. */
  const endOfTitleAt = (at: number, from: number) =>
    titleWords
      .slice(from)
      .every((titleWord, index) =>
        from + index === last
          ? endsHeading(words[at + index] ?? "", titleWord, loose)
          : words[at + index] === titleWord,
      );
  const cut = (at: number, count: number) => [...htmlWords.slice(0, at), ...htmlWords.slice(at + count)].join(" ");

  const anywhere = of === "page" ? words.length - titleWords.length : 0;
  for (let at = 0; at <= anywhere; at += 1) {
    if (endOfTitleAt(at, 0)) return cut(at, titleWords.length);
  }
  for (let from = 1; from <= titleWords.length - 2; from += 1) {
    if (endOfTitleAt(0, from)) return cut(0, titleWords.length - from);
  }
  for (let count = titleWords.length - 1; count >= 2; count -= 1) {
    const at = words.length - count;
    if (at >= 0 && titleWords.slice(0, count).every((titleWord, index) => words[at + index] === titleWord)) {
      return cut(at, count);
    }
  }
  return excerpt;
}

const sameText = (a: string, b: string) => wordsOf(a).join(" ") === wordsOf(b).join(" ");

/**
 * The result as the search page shows it: the part under an h1 with an id
 * becomes the page's start (Pagefind's UI then prints its excerpt as the
 * page's, and no nested part repeats the page's title), and every excerpt
 * loses the title printed above it.
 */
export function withoutRepeatedTitles<Result extends ResultData>(result: Result): Result {
  const title = result.meta.title ?? "";
  const pageUrl = result.meta.url || result.url;
  const sections = result.sub_results ?? [];
  const own = sections.find((section) => section.url !== pageUrl && sameText(section.title, title));
  let parts = sections.filter((section) => section !== own);
  let excerpt = withoutTitle(result.excerpt, title, "page");
  // Pagefind's UI prints the page's excerpt only when the first part is the page's start.
  if (own && parts[0]?.url !== pageUrl) {
    excerpt = withoutTitle(own.excerpt, title, "heading");
    parts = [{ ...own, url: pageUrl }, ...parts];
  }
  return {
    ...result,
    excerpt,
    ...(result.sub_results
      ? {
          sub_results: parts.map((part) =>
            // The page's start is not under a heading (Pagefind gives it the page's title).
            part.url === pageUrl ? part : { ...part, excerpt: withoutTitle(part.excerpt, part.title, "heading") },
          ),
        }
      : {}),
  };
}
