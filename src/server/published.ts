/**
 * What the static pages show: the store's public snapshot (published rows
 * only; pending and rejected ones never leave the database), turned into
 * typed, display-ready data. Answers and replies are separated, replies
 * hang under the answer they belong to, answers are ranked per question,
 * initiatives are grouped by région, syntheses are rendered to safe HTML,
 * their citations as links to the contributions they cite.
 */
import {
  type CitationCoverage,
  CitationError,
  checkCitations,
  citationCoverage,
  linkCitations,
  parseCitations,
} from "../domain/citations";
import { findQuestion, findTheme, themes } from "../domain/consultation";
import { initiativeKindLabel, type Profile, profiles, type Stance, stances } from "../domain/contribution.schema";
import { type ContributionOrigin, originOf } from "../domain/field-contributions";
import { renderMarkdown } from "../domain/markdown";
import { mostSupportedFirst } from "../domain/ranking";
import { type TerritoryType, territoryTypes } from "../domain/territory";
import { safeWebsite } from "../domain/website";
import { getStore } from "./store/open-store";
import type { PublicSnapshot } from "./store/store";

/** Who wrote a contribution, as the page names them. */
export interface Author {
  pseudonym: string;
  /** « Habitant, citoyen »...; undefined for a profile this version of the site does not know. */
  profileLabel: string | undefined;
  communeName: string;
  departementName: string;
  regionName: string;
  territoryType: TerritoryType;
  /** « Commune rurale », « Petite ville »... */
  territoryLabel: string;
  /**
   * How the text reached the team: the field (a visit, a letter, an e-mail, entered by a moderator),
   * or the site (also when absent).
   */
  origin?: ContributionOrigin | undefined;
}

/** Supports and disagreements, as counted when the site was built. */
export interface ReactionCounts {
  support: number;
  disagree: number;
}

interface PublishedContribution {
  id: string;
  /** The citizen's text, as written: render it as text, never as HTML. */
  body: string;
  author: Author;
  publishedAt: Date;
  counts: ReactionCounts;
}

/** A published reply, shown in the thread of the answer it belongs to. */
export interface PublishedReply extends PublishedContribution {
  /** The contribution replied to: the answer, or another reply of its thread. */
  parentId: string;
  /** The answer whose permalink shows this reply (the root of its thread). */
  answerId: string;
  stance: Stance;
  /** « D'accord », « Pas d'accord », « Question ». */
  stanceLabel: string;
}

/** A published answer to one question, with its own permalink. */
export interface PublishedAnswer extends PublishedContribution {
  themeId: string;
  questionId: string;
  /** Retained by the mission team in the synthesis of its theme. */
  retained: boolean;
  /** Published replies of its thread, oldest first. */
  replies: PublishedReply[];
}

/** A published initiative of the directory. */
export interface PublishedInitiative {
  id: string;
  name: string;
  /** « Espace de coworking », « Fablab »... */
  kindLabel: string;
  description: string;
  /** Absolute http(s) URL, or undefined: no other kind of address ever becomes a link. */
  website: string | undefined;
  openingYear: number | undefined;
  communeName: string;
  departementCode: string;
  departementName: string;
  regionCode: string;
  regionName: string;
  publishedAt: Date;
}

/** The initiatives of one région, by name. */
export interface InitiativeRegion {
  regionCode: string;
  regionName: string;
  initiatives: PublishedInitiative[];
}

/** The mission team's synthesis of one theme. */
export interface PublishedSynthesis {
  themeId: string;
  /** Safe HTML rendered from the team's Markdown; its headings start at h3. */
  html: string;
  updatedAt: Date;
}

/** A contribution cited by a theme's synthesis (once per theme, in the order of first citation). */
export interface PublishedCitation {
  themeId: string;
  contributionId: string;
  /** Its permalink, or its anchor in its thread's for a reply. */
  href: string;
  pseudonym: string;
  territoryType: TerritoryType;
}

/** Everything published, ready for the pages. */
export interface Published {
  /** Every answer with a page, in publication order (oldest first). */
  answers: PublishedAnswer[];
  /** The same answers by id. */
  answersById: ReadonlyMap<string, PublishedAnswer>;
  /** Every reply shown in a thread, oldest first. */
  replies: PublishedReply[];
  /** Answers per question (key: questionKey), most supported first. */
  answersByQuestion: ReadonlyMap<string, PublishedAnswer[]>;
  /** Answers retained by the team, per theme id, in publication order. */
  retainedByTheme: ReadonlyMap<string, PublishedAnswer[]>;
  /** The team's synthesis per theme id. */
  synthesesByTheme: ReadonlyMap<string, PublishedSynthesis>;
  /** What the syntheses cite, theme after theme in the content's order. */
  citations: PublishedCitation[];
  /** The themes whose synthesis cites a contribution, by contribution id. */
  citedIn: ReadonlyMap<string, string[]>;
  /** Initiatives by région name, then by name. */
  initiativesByRegion: InitiativeRegion[];
}

/** Key of answersByQuestion for one question of one theme. */
export function questionKey(themeId: string, questionId: string): string {
  return `${themeId}/${questionId}`;
}

/** The published answers to one question, most supported first (empty when none). */
export function answersTo(published: Published, themeId: string, questionId: string): PublishedAnswer[] {
  return published.answersByQuestion.get(questionKey(themeId, questionId)) ?? [];
}

const compareFrench = new Intl.Collator("fr", { sensitivity: "base", numeric: true }).compare;

type ContributionRow = PublicSnapshot["contributions"][number];

function authorOf(row: ContributionRow): Author {
  return {
    pseudonym: row.pseudonym,
    profileLabel: Object.hasOwn(profiles, row.profile) ? profiles[row.profile as Profile] : undefined,
    communeName: row.commune_name,
    departementName: row.departement_name,
    regionName: row.region_name,
    territoryType: row.territory_type,
    territoryLabel: territoryTypes[row.territory_type],
    origin: originOf(row.origin, row.origin_event_id),
  };
}

function contributionOf(row: ContributionRow): PublishedContribution {
  return {
    id: row.id,
    body: row.body,
    author: authorOf(row),
    publishedAt: new Date(row.published_at),
    counts: { support: row.support, disagree: row.disagree },
  };
}

/** Answers with a page and replies shown in their thread, oldest first, and the answers by id. */
function shownContributions(snapshot: PublicSnapshot): {
  answers: PublishedAnswer[];
  answerById: Map<string, PublishedAnswer>;
  replies: PublishedReply[];
} {
  const answers: PublishedAnswer[] = [];
  const answerById = new Map<string, PublishedAnswer>();
  const replyRows: ContributionRow[] = [];
  for (const row of snapshot.contributions) {
    if (row.parent_id !== null) {
      replyRows.push(row);
      continue;
    }
    if (!findQuestion(row.theme_id, row.question_id)) continue;
    const answer: PublishedAnswer = {
      ...contributionOf(row),
      themeId: row.theme_id,
      questionId: row.question_id,
      retained: row.retained,
      replies: [],
    };
    answers.push(answer);
    answerById.set(answer.id, answer);
  }
  answers.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || (a.id < b.id ? -1 : 1));

  // A reply may answer another reply (the API allows any published parent): it joins the thread of
  // the answer at the root. Parents are followed through the published rows only.
  const parentOf = new Map(replyRows.map((row) => [row.id, row.parent_id]));
  const rootOf = (id: string): PublishedAnswer | undefined => {
    const seen = new Set<string>();
    let current: string | null | undefined = id;
    while (current && !answerById.has(current)) {
      if (seen.has(current)) return undefined;
      seen.add(current);
      current = parentOf.get(current);
    }
    return current ? answerById.get(current) : undefined;
  };
  const replies: PublishedReply[] = [];
  for (const row of replyRows) {
    const answer = rootOf(row.id);
    // The schema ties a stance to every reply (contributions_reply_has_stance); a row without is not shown.
    if (!answer || row.parent_id === null || row.stance === null) continue;
    const reply: PublishedReply = {
      ...contributionOf(row),
      parentId: row.parent_id,
      answerId: answer.id,
      stance: row.stance,
      stanceLabel: stances[row.stance],
    };
    replies.push(reply);
    answer.replies.push(reply);
  }
  const oldestFirst = (a: PublishedReply, b: PublishedReply) =>
    a.publishedAt.getTime() - b.publishedAt.getTime() || (a.id < b.id ? -1 : 1);
  replies.sort(oldestFirst);
  for (const answer of answers) answer.replies.sort(oldestFirst);
  return { answers, answerById, replies };
}

/**
 * Display-ready data from a public snapshot. Pure: the unit tests give it
 * snapshots by hand. What has no place on the site is left out rather than
 * failing the build: an answer to a question the content no longer has
 * (no page to put it on), a reply whose thread's answer is not published
 * (sent back to moderation by flags, say) and a synthesis of an unknown theme.
 * One thing does fail it: a synthesis citing a contribution that is not
 * shown (CitationError, naming the theme and the id).
 */
export function toPublished(snapshot: PublicSnapshot): Published {
  const { answers, answerById, replies } = shownContributions(snapshot);

  const grouped = Map.groupBy(answers, (answer) => questionKey(answer.themeId, answer.questionId));
  const retainedByTheme = Map.groupBy(
    answers.filter((answer) => answer.retained),
    (answer) => answer.themeId,
  );
  const answersByQuestion = new Map([...grouped].map(([key, list]) => [key, mostSupportedFirst(list)]));

  // What a synthesis may cite: an answer with its page, a reply shown in its thread.
  const citable = new Map<string, Omit<PublishedCitation, "themeId">>();
  for (const contribution of [...answers, ...replies]) {
    citable.set(contribution.id, {
      contributionId: contribution.id,
      href:
        "answerId" in contribution
          ? `/contributions/${contribution.answerId}/#reponse-${contribution.id}`
          : `/contributions/${contribution.id}/`,
      pseudonym: contribution.author.pseudonym,
      territoryType: contribution.author.territoryType,
    });
  }
  const synthesesByTheme = new Map<string, PublishedSynthesis>();
  const citationsByTheme = new Map<string, PublishedCitation[]>();
  for (const synthesis of snapshot.syntheses) {
    const theme = findTheme(synthesis.theme_id);
    if (!theme || synthesis.body.trim() === "") continue;
    const issues = checkCitations(synthesis.body, (id) => citable.has(id));
    if (issues.length > 0) throw new CitationError(theme.id, theme.title, issues);
    const cited = new Set(parseCitations(synthesis.body).map((citation) => citation.id as string));
    citationsByTheme.set(
      theme.id,
      [...cited].map((id) => ({ themeId: theme.id, ...(citable.get(id) as Omit<PublishedCitation, "themeId">) })),
    );
    synthesesByTheme.set(synthesis.theme_id, {
      themeId: synthesis.theme_id,
      html: renderMarkdown(
        linkCitations(synthesis.body, (id) => citable.get(id)),
        { topHeading: 3 },
      ),
      updatedAt: new Date(synthesis.updated_at),
    });
  }
  const citations = themes.flatMap((theme) => citationsByTheme.get(theme.id) ?? []);
  const citedIn = new Map<string, string[]>();
  for (const citation of citations) {
    citedIn.set(citation.contributionId, [...(citedIn.get(citation.contributionId) ?? []), citation.themeId]);
  }

  return {
    answers,
    answersById: answerById,
    replies,
    answersByQuestion,
    retainedByTheme,
    synthesesByTheme,
    citations,
    citedIn,
    initiativesByRegion: groupByRegion(snapshot.initiatives.map(initiativeOf)),
  };
}

/**
 * The contributions a synthesis may cite: those the build links, answers
 * with a page and replies shown in their thread. For the save of a
 * synthesis, to refuse a citation before the build does:
 * `checkCitations(body, (id) => citableContributionIds(snapshot).has(id))`.
 */
export function citableContributionIds(snapshot: PublicSnapshot): Set<string> {
  const { answers, replies } = shownContributions(snapshot);
  return new Set([...answers, ...replies].map((contribution) => contribution.id));
}

/**
 * The coverage of the syntheses (/synthese/): of the published answers and
 * replies (a reply in the theme of its thread), how many are cited, in all,
 * per theme and per kind of territory.
 */
export function synthesisCoverage(published: Published): CitationCoverage {
  const received = [
    ...published.answers.map((answer) => ({
      id: answer.id,
      themeId: answer.themeId,
      territoryType: answer.author.territoryType,
    })),
    ...published.replies.map((reply) => ({
      id: reply.id,
      themeId: published.answersById.get(reply.answerId)?.themeId ?? "",
      territoryType: reply.author.territoryType,
    })),
  ];
  return citationCoverage(
    received,
    published.citations,
    themes.map((theme) => theme.id),
  );
}

function initiativeOf(row: PublicSnapshot["initiatives"][number]): PublishedInitiative {
  return {
    id: row.id,
    name: row.name,
    kindLabel: initiativeKindLabel(row.kind),
    description: row.description,
    website: safeWebsite(row.url),
    openingYear: row.opening_year ?? undefined,
    communeName: row.commune_name,
    departementCode: row.departement_code,
    departementName: row.departement_name,
    regionCode: row.region_code,
    regionName: row.region_name,
    publishedAt: new Date(row.published_at),
  };
}

function groupByRegion(initiatives: PublishedInitiative[]): InitiativeRegion[] {
  const regions = new Map<string, InitiativeRegion>();
  for (const initiative of initiatives) {
    const region = regions.get(initiative.regionCode) ?? {
      regionCode: initiative.regionCode,
      regionName: initiative.regionName,
      initiatives: [],
    };
    region.initiatives.push(initiative);
    regions.set(initiative.regionCode, region);
  }
  const sorted = [...regions.values()].sort((a, b) => compareFrench(a.regionName, b.regionName));
  for (const region of sorted) {
    region.initiatives.sort((a, b) => compareFrench(a.name, b.name) || (a.id < b.id ? -1 : 1));
  }
  return sorted;
}

const memoKey = Symbol.for("consultation.published");
type Registry = typeof globalThis & { [memoKey]?: Promise<Published> };

/**
 * True in `astro dev`. Written `import.meta.env.DEV` to the letter, since
 * Vite (and Vitest) replace that exact expression; outside Vite (a Node
 * process such as the local server) import.meta.env is undefined, and the
 * process is treated as a build.
 */
function isDevServer(): boolean {
  try {
    return import.meta.env.DEV === true;
  } catch {
    return false;
  }
}

/**
 * Everything published, read from the store. A build reads it once: the
 * promise is kept for the process (on globalThis, so that the copies of
 * this module that Vite's loader and Node may both evaluate share it), and
 * every page renders from the same snapshot. The dev server reads it afresh
 * on each request, so that a publication shows on the next page load. A
 * store that cannot be read fails the build: a site published without its
 * contributions would look like a consultation nobody answered.
 */
export function loadPublished(): Promise<Published> {
  if (isDevServer()) return readPublished();
  const registry = globalThis as Registry;
  if (!registry[memoKey]) {
    const reading = readPublished();
    registry[memoKey] = reading;
    // A failed read is not kept: the next build tries again.
    reading.catch(() => {
      if (registry[memoKey] === reading) delete registry[memoKey];
    });
  }
  return registry[memoKey];
}

/** Drops the kept snapshot: a build that runs again in the same process (the local rebuild) reads fresh data. */
export function forgetPublished(): void {
  delete (globalThis as Registry)[memoKey];
}

async function readPublished(): Promise<Published> {
  const { store } = await getStore();
  return toPublished(await store.publicSnapshot());
}
