/**
 * A sourced synthesis: the mission team's Markdown cites the contributions
 * it draws on, each as `[[c:<identifiant>]]`, the identifier being the UUID
 * at the end of the contribution's address (/contributions/<identifiant>/,
 * or #reponse-<identifiant> for a reply). The build turns each citation into
 * a link to the contribution, named « contribution de <pseudonyme> », and
 * refuses to build when one names a contribution the site does not publish
 * (unknown, pending, rejected): a synthesis must never point at a text
 * nobody can read.
 *
 * Pure: parsing, checking (at build and when a synthesis is saved), the
 * Markdown of a citation's link, and the coverage figures of /synthese/.
 */
import { ofName } from "./published-text";
import { type TerritoryType, territoryTypes } from "./territory";

/**
 * What the moderation page's help text says about citations (French, as
 * the synthesis editor shows it).
 */
export const CITATION_HELP =
  "Pour citer une contribution, écrivez [[c:identifiant]], l'identifiant étant la fin de son adresse (…/contributions/identifiant/, ou …#reponse-identifiant pour une réponse) : le site affiche un lien « contribution de <pseudonyme> ». Seule une contribution publiée peut être citée.";

/** `[[c:` … `]]`, whatever is between (checked afterwards, so that a mistyped identifier is reported, not ignored). */
const CITATION = /\[\[\s*c\s*:([^\]\n]*)\]\]/gi;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One `[[c:…]]` of a text. */
export interface ParsedCitation {
  /** As written, brackets included. */
  raw: string;
  /** The contribution's id, in lower case; undefined when what is written is not a UUID. */
  id: string | undefined;
  /** Offset of `[[` in the text (UTF-16 code units), and of the character after `]]`. */
  start: number;
  end: number;
  /** Line of the text it starts on, from 1. */
  line: number;
}

/** Every citation of a Markdown text, in order. */
export function parseCitations(markdown: string): ParsedCitation[] {
  const lineStarts = [0];
  for (let at = markdown.indexOf("\n"); at !== -1; at = markdown.indexOf("\n", at + 1)) lineStarts.push(at + 1);
  const lineOf = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= offset) line += 1;
    return line + 1;
  };
  return [...markdown.matchAll(CITATION)].map((match) => {
    const written = (match[1] ?? "").trim();
    return {
      raw: match[0],
      id: UUID.test(written) ? written.toLowerCase() : undefined,
      start: match.index,
      end: match.index + match[0].length,
      line: lineOf(match.index),
    };
  });
}

/** The contributions a text cites, each once, in the order of their first citation. */
export function citedContributionIds(markdown: string): string[] {
  return [...new Set(parseCitations(markdown).flatMap((citation) => (citation.id ? [citation.id] : [])))];
}

/** A citation that cannot be published. */
export interface CitationIssue {
  raw: string;
  /** The id it names, when it names one. */
  id: string | undefined;
  line: number;
  /** Why, in French, for the moderator. */
  message: string;
}

/**
 * The citations of a synthesis that cannot be published: an identifier that
 * is not a UUID, or a contribution `isCitable` does not know as published.
 * Empty when every citation can be linked. The build calls it with the
 * published contributions; the save of a synthesis can call it with those
 * the store has published, to refuse (or warn) before the build does.
 */
export function checkCitations(markdown: string, isCitable: (id: string) => boolean): CitationIssue[] {
  return parseCitations(markdown).flatMap((citation): CitationIssue[] => {
    if (!citation.id) {
      return [
        {
          raw: citation.raw,
          id: undefined,
          line: citation.line,
          message: `Ligne ${citation.line} : « ${citation.raw} » ne contient pas un identifiant de contribution (la fin de son adresse, par exemple [[c:0b8f2c1e-5d4a-4c3b-9a21-7e6f5d4c3b2a]]).`,
        },
      ];
    }
    if (isCitable(citation.id)) return [];
    return [
      {
        raw: citation.raw,
        id: citation.id,
        line: citation.line,
        message: `Ligne ${citation.line} : la contribution ${citation.id} n'est pas publiée (inconnue, en attente de modération ou refusée) ; seule une contribution publiée peut être citée.`,
      },
    ];
  });
}

/** Raised at build when a synthesis cites what the site does not publish: the build stops and says where. */
export class CitationError extends Error {
  readonly themeId: string;
  readonly issues: readonly CitationIssue[];

  constructor(themeId: string, themeTitle: string, issues: readonly CitationIssue[]) {
    const ids = issues.map((issue) => issue.id ?? issue.raw).join(", ");
    super(
      `The synthesis of theme "${themeId}" (${themeTitle}) cites what the site does not publish: ${ids}. ` +
        `Edit it in /moderation/ or publish the contribution, then build again. ${issues.map((issue) => issue.message).join(" ")}`,
    );
    this.name = "CitationError";
    this.themeId = themeId;
    this.issues = issues;
  }
}

/** ASCII punctuation, every character of which CommonMark lets a backslash make literal. */
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Markdown for `text` as plain text: whatever a pseudonym holds, it stays words, never formatting or a link. */
export function markdownText(text: string): string {
  return text.replace(MARKDOWN_PUNCTUATION, (character) => `\\${character}`);
}

/** The visible text, and accessible name, of a citation's link. */
export function citationLabel(pseudonym: string): string {
  return `contribution ${ofName(pseudonym)}`;
}

/**
 * A synthesis with each citation replaced by the Markdown of a link to the
 * contribution (« contribution de Camille », to its permalink), for
 * renderMarkdown. `linkOf` gives the pseudonym and address of a cited id;
 * checkCitations has already made sure it knows every one.
 */
export function linkCitations(
  markdown: string,
  linkOf: (id: string) => { pseudonym: string; href: string } | undefined,
): string {
  let linked = "";
  let from = 0;
  for (const citation of parseCitations(markdown)) {
    const target = citation.id ? linkOf(citation.id) : undefined;
    if (!target) continue;
    linked += `${markdown.slice(from, citation.start)}[${markdownText(citationLabel(target.pseudonym))}](<${target.href}>)`;
    from = citation.end;
  }
  return linked + markdown.slice(from);
}

/** A cited contribution, as coverage counts it. */
export interface CoverageContribution {
  id: string;
  themeId: string;
  territoryType: TerritoryType;
}

/** Cited against received, for one group. */
export interface CoverageCount {
  cited: number;
  received: number;
}

/** How much of what was received the syntheses cite. */
export interface CitationCoverage {
  /** Every published contribution and reply, and how many of them one synthesis at least cites. */
  all: CoverageCount;
  /** Per theme id, in the order given: the contributions of the theme its synthesis cites. */
  byTheme: Map<string, CoverageCount>;
  /** Per kind of territory, from rural to métropole (every synthesis counted). */
  byTerritory: ({ type: TerritoryType; label: string } & CoverageCount)[];
}

/**
 * The coverage of the syntheses: of the contributions received (published
 * answers and replies), how many are cited, in all, per theme (by the
 * theme's own synthesis) and per kind of territory of their author's
 * commune. A contribution cited twice counts once.
 */
export function citationCoverage(
  received: readonly CoverageContribution[],
  citations: readonly { themeId: string; contributionId: string }[],
  themeIds: readonly string[],
): CitationCoverage {
  const citedAnywhere = new Set(citations.map((citation) => citation.contributionId));
  const citedByTheme = new Set(citations.map((citation) => `${citation.themeId}/${citation.contributionId}`));
  const byTheme = new Map(themeIds.map((themeId) => [themeId, { cited: 0, received: 0 }]));
  const territories = new Map(
    (Object.keys(territoryTypes) as TerritoryType[]).map((type) => [type, { cited: 0, received: 0 }]),
  );
  const all = { cited: 0, received: 0 };
  for (const contribution of received) {
    const cited = citedAnywhere.has(contribution.id);
    all.received += 1;
    if (cited) all.cited += 1;
    const territory = territories.get(contribution.territoryType);
    if (territory) {
      territory.received += 1;
      if (cited) territory.cited += 1;
    }
    const theme = byTheme.get(contribution.themeId);
    if (theme) {
      theme.received += 1;
      if (citedByTheme.has(`${contribution.themeId}/${contribution.id}`)) theme.cited += 1;
    }
  }
  return {
    all,
    byTheme,
    byTerritory: [...territories].map(([type, count]) => ({ type, label: territoryTypes[type], ...count })),
  };
}
