/**
 * The mission team writes its synthesis of each theme in Markdown; the
 * build turns it into HTML with micromark. micromark is safe by default and
 * must stay so (never pass allowDangerousHtml or allowDangerousProtocol):
 * raw HTML is escaped into text, and a link or image whose URL uses another
 * protocol than http(s), mailto, irc(s) or xmpp (javascript:, data:,
 * vbscript:...) gets an empty URL. Even a moderator's account can be
 * stolen; the published page must not become a way to run scripts.
 */
import { micromark } from "micromark";

/** Options of renderMarkdown. */
export interface MarkdownOptions {
  /**
   * The level the text's highest heading becomes, whatever it was written
   * with (`#` or `##`…), so that the text's headings sit right under the
   * page's own and skip no level (3: the top headings become `<h3>`). The
   * others keep their distance from it; capped at `<h6>`.
   */
  topHeading?: number;
}

/** Safe HTML for a Markdown text (CommonMark; no raw HTML, no dangerous URL). */
export function renderMarkdown(markdown: string, { topHeading }: MarkdownOptions = {}): string {
  const html = micromark(markdown);
  const levels = [...html.matchAll(/<h([1-6])>/g)].map((match) => Number(match[1]));
  if (topHeading === undefined || levels.length === 0) return html;
  const headingOffset = topHeading - Math.min(...levels);
  // Only micromark can have written a tag here: every "<" of the source is escaped as &lt;.
  return html.replace(
    /<(\/?)h([1-6])>/g,
    (_tag, slash: string, level: string) => `<${slash}h${Math.min(6, Math.max(1, Number(level) + headingOffset))}>`,
  );
}

/**
 * Safe HTML for a Markdown text of one paragraph, without its `<p>`: for a
 * line that sits inside another element (a list item, a definition).
 * A text of several blocks keeps them all.
 */
export function renderInlineMarkdown(markdown: string): string {
  const html = renderMarkdown(markdown).trim();
  const single = /^<p>((?:(?!<\/?p>)[\s\S])*)<\/p>$/.exec(html);
  return single ? (single[1] as string) : html;
}
