/**
 * How a citizen's text and its figures read on the site: excerpts for the
 * lists, paragraphs for the full text, counts in words, the day it was
 * published. Pure functions: pages render their results as text, never as
 * HTML, so whatever a citizen typed stays escaped.
 */
import { consultation } from "./consultation";
import { formatDay } from "./format";
import { wallClock } from "./zoned-time";

/** Length of the excerpts under each question of a theme page, in characters. */
export const EXCERPT_LENGTH = 280;

/**
 * The beginning of a text, on one line, at most `max` characters, cut at a
 * word boundary and closed by an ellipsis when something was left out.
 * Counted in code points, so an emoji is never cut in half.
 */
export function excerpt(text: string, max: number = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  // One character is kept for the ellipsis.
  const cut = chars.slice(0, max - 1).join("");
  const lastSpace = cut.lastIndexOf(" ");
  // The word the cut falls in is dropped, unless that loses more than a third of the excerpt
  // (a long URL, say): then it is cut inside.
  const words = lastSpace > 0 && cut.length - lastSpace <= max / 3 ? cut.slice(0, lastSpace) : cut;
  return `${words.replace(/[\s,;:.!?…—–-]+$/u, "")}…`;
}

/**
 * The paragraphs of a text, as its author separated them with blank lines.
 * Single line breaks stay inside their paragraph (the page shows them with
 * `white-space: pre-line`); blank paragraphs are dropped.
 */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "");
}

/**
 * "de Nomade du Perche", "d'Adjointe du Haut-Jura": « de » before a name,
 * elided before a vowel. A leading h is left alone: whether it is muet or
 * aspiré cannot be told from the letters.
 */
export function ofName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüÿæœ]/iu.test(name) ? `d'${name}` : `de ${name}`;
}

/** "0 soutien", "1 soutien", "2 soutiens": French takes the singular below 2. */
export function countOf(count: number, singular: string, plural: string = `${singular}s`): string {
  return `${count.toLocaleString("fr-FR")} ${Math.abs(count) < 2 ? singular : plural}`;
}

/** Reaction counts as a visitor reads them: "3 soutiens, 1 désaccord". */
export function reactionSummary(counts: { support: number; disagree: number }): string {
  return `${countOf(counts.support, "soutien")}, ${countOf(counts.disagree, "désaccord")}`;
}

/** "13 avril 2018": the day of an instant in the consultation's time zone. */
export function formatPublicationDay(instant: Date): string {
  return formatDay(wallClock(instant, consultation.timeZone).day);
}
