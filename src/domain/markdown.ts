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
   * Levels added to every heading, so that the text's `#` fits under the
   * page's own headings (2: `#` becomes `<h3>`). Capped at `<h6>`.
   */
  headingOffset?: number;
}

/** Safe HTML for a Markdown text (CommonMark; no raw HTML, no dangerous URL). */
export function renderMarkdown(markdown: string, { headingOffset = 0 }: MarkdownOptions = {}): string {
  const html = micromark(markdown);
  if (headingOffset === 0) return html;
  // Only micromark can have written a tag here: every "<" of the source is escaped as &lt;.
  return html.replace(
    /<(\/?)h([1-6])>/g,
    (_tag, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + headingOffset)}>`,
  );
}
