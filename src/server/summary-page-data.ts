/**
 * What the summary page (/synthese/) and the home page's figures show: the
 * summary computed in SQL (src/server/summary.ts), refreshed once per
 * build, turned into display-ready data with French labels, in the order
 * of the content (themes, questions, profiles, territories), with the
 * team's synthesis of each theme from the published content.
 */
import { findQuestion, themes } from "../domain/consultation";
import { knownProfile, type Profile, profileLabel, profiles } from "../domain/contribution.schema";
import { excerpt } from "../domain/published-text";
import { type TerritoryType, territoryTypes } from "../domain/territory";
import { type ChoiceQuestionResults, toChoiceResults } from "./choice-results";
import { type Representation, representationOf } from "./population";
import { loadPublished, type Published } from "./published";
import { getStore } from "./store/open-store";
import type { StoredSummary } from "./store/store";
import { refreshSummary } from "./summary";

/** The five key figures. */
export interface SummaryTotals {
  /** Published answers to the questions. */
  contributions: number;
  /** Published replies to contributions. */
  replies: number;
  /** Published initiatives of the directory. */
  initiatives: number;
  /** Distinct people behind the published contributions, replies and initiatives. */
  participants: number;
  /** Distinct communes of the published contributions and replies. */
  communes: number;
}

/** One of the most supported contributions of a theme. */
export interface TopContribution {
  id: string;
  /** Its permalink. */
  href: string;
  questionTitle: string;
  pseudonym: string;
  communeName: string;
  /** The beginning of its text, cut at a word. */
  excerpt: string;
  support: number;
  disagree: number;
}

/** A word found in many contributions of a theme, with how many. */
export interface RecurringWord {
  word: string;
  contributions: number;
}

/** One theme's figures, its most supported contributions and recurring words, and the team's synthesis. */
export interface ThemeFigures {
  id: string;
  title: string;
  contributions: number;
  replies: number;
  /** Every question of the theme, in the content's order, with its published answers. */
  questions: { id: string; title: string; contributions: number }[];
  topContributions: TopContribution[];
  recurringWords: RecurringWord[];
  /** Safe HTML from the team's Markdown (its `#` is an h4, under the page's h3), and when it was updated. */
  synthesis: { html: string; updatedAt: Date } | undefined;
}

/** Contributions and replies by one kind of participant. */
export interface ProfileFigures {
  profile: Profile;
  label: string;
  contributions: number;
}

/** Contributions (replies included) and initiatives in one kind of territory. */
export interface TerritoryFigures {
  type: TerritoryType;
  label: string;
  contributions: number;
  initiatives: number;
}

/** Contributions (replies included) from one département. */
export interface DepartementFigures {
  code: string;
  name: string;
  contributions: number;
}

/** Contributions (replies included) and initiatives of one région, with its départements. */
export interface RegionFigures {
  code: string;
  name: string;
  contributions: number;
  initiatives: number;
  /** Départements with at least one contribution, by code. */
  departements: DepartementFigures[];
}

/** The whole summary, ready for the pages. */
export interface SummaryPage {
  /** When SQL computed these figures. */
  computedAt: Date;
  totals: SummaryTotals;
  /** Every theme of the content, in its order. */
  themes: ThemeFigures[];
  /** Every known profile, the most represented first (content order on a tie). */
  profiles: ProfileFigures[];
  /** The four kinds of territory, from rural to métropole. */
  territories: TerritoryFigures[];
  /** Régions with at least one contribution or initiative, by name. */
  regions: RegionFigures[];
  /** Who answered against who lives there: kinds of territory and régions, their share of the population and of the contributions. */
  representation: Representation;
  /** Contributions and replies published per day, every day of the consultation. */
  daily: { day: string; contributions: number }[];
  /** Every closed question of the content, in its order, with its counts (src/server/choice-results.ts). */
  choices: ChoiceQuestionResults[];
}

/** Length of the excerpts of the most supported contributions, in characters. */
const TOP_EXCERPT_LENGTH = 220;

const compareFrench = new Intl.Collator("fr", { sensitivity: "base" }).compare;

/**
 * Headings one or more levels deeper, capped at h6. The HTML comes from
 * renderMarkdown (micromark): only micromark can have written a tag there,
 * as in markdown.ts, so the same replacement stays safe.
 */
export function deeperHeadings(html: string, levels: number): string {
  return html.replace(
    /<(\/?)h([1-6])>/g,
    (_tag, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + levels)}>`,
  );
}

/**
 * Display-ready data from a stored summary and the published content. Pure:
 * the unit tests give it both by hand. What has no place on the site is
 * left out, as in toPublished: figures of a theme or question the content
 * no longer has, a top contribution without a page.
 */
export function toSummaryPage(stored: StoredSummary, published: Published): SummaryPage {
  const { data } = stored;
  const themeRows = new Map(data.by_theme.map((row) => [row.theme_id, row]));
  const topRows = new Map(data.top_contributions.map((row) => [row.theme_id, row.items]));
  const wordRows = new Map(data.recurring_words.map((row) => [row.theme_id, row.words]));

  const themeFigures = themes.map((theme): ThemeFigures => {
    const row = themeRows.get(theme.id);
    const perQuestion = new Map(
      (row?.questions ?? []).map((question) => [question.question_id, question.contributions]),
    );
    const synthesis = published.synthesesByTheme.get(theme.id);
    return {
      id: theme.id,
      title: theme.title,
      contributions: row?.contributions ?? 0,
      replies: row?.replies ?? 0,
      questions: theme.questions.map((question) => ({
        id: question.id,
        title: question.title,
        contributions: perQuestion.get(question.id) ?? 0,
      })),
      topContributions: (topRows.get(theme.id) ?? []).flatMap((item) => {
        const question = findQuestion(theme.id, item.question_id);
        if (!question) return [];
        // The full text, when the build has it, gives a clean excerpt; SQL's is cut at 280 characters.
        const body = published.answersById.get(item.id)?.body ?? item.excerpt;
        return [
          {
            id: item.id,
            href: `/contributions/${item.id}/`,
            questionTitle: question.title,
            pseudonym: item.pseudonym,
            communeName: item.commune_name,
            excerpt: excerpt(body, TOP_EXCERPT_LENGTH),
            support: item.support,
            disagree: item.disagree,
          },
        ];
      }),
      recurringWords: (wordRows.get(theme.id) ?? []).map((word) => ({
        word: word.word,
        contributions: word.contributions,
      })),
      synthesis: synthesis && { html: deeperHeadings(synthesis.html, 1), updatedAt: synthesis.updatedAt },
    };
  });

  // A profile this version of the site does not know counts as « Autre ».
  const perProfile = new Map<Profile, number>();
  for (const row of data.by_profile) {
    const profile = knownProfile(row.profile);
    perProfile.set(profile, (perProfile.get(profile) ?? 0) + row.contributions);
  }
  const profileOrder = Object.keys(profiles) as Profile[];
  const profileFigures = profileOrder
    .map((profile) => ({ profile, label: profileLabel(profile), contributions: perProfile.get(profile) ?? 0 }))
    .sort(
      (a, b) => b.contributions - a.contributions || profileOrder.indexOf(a.profile) - profileOrder.indexOf(b.profile),
    );

  const perTerritory = new Map(data.by_territory_type.map((row) => [row.territory_type, row]));
  const territories = (Object.keys(territoryTypes) as TerritoryType[]).map((type) => ({
    type,
    label: territoryTypes[type],
    contributions: perTerritory.get(type)?.contributions ?? 0,
    initiatives: perTerritory.get(type)?.initiatives ?? 0,
  }));

  const regions = data.by_region
    .map((row) => ({
      code: row.region_code,
      name: row.region_name,
      contributions: row.contributions,
      initiatives: row.initiatives,
      departements: data.by_departement
        .filter((departement) => departement.region_code === row.region_code)
        .map((departement) => ({
          code: departement.departement_code,
          name: departement.departement_name,
          contributions: departement.contributions,
        })),
    }))
    .sort((a, b) => compareFrench(a.name, b.name));

  return {
    computedAt: new Date(stored.computed_at),
    totals: { ...data.totals },
    themes: themeFigures,
    profiles: profileFigures,
    territories,
    regions,
    representation: representationOf(data),
    daily: data.daily.map((row) => ({ day: row.day, contributions: row.contributions })),
    choices: toChoiceResults(data.choices),
  };
}

const memoKey = Symbol.for("consultation.summaryPage");
type Registry = typeof globalThis & {
  [memoKey]?: { source: Promise<Published>; page: Promise<SummaryPage> };
};

/**
 * True in `astro dev`. Written `import.meta.env.DEV` to the letter, as in
 * published.ts, since Vite replaces that exact expression; outside Vite
 * import.meta.env is undefined, and the process is treated as a build.
 */
function isDevServer(): boolean {
  try {
    return import.meta.env.DEV === true;
  } catch {
    return false;
  }
}

/**
 * The summary for the pages. A build refreshes it once, with the published
 * content it renders (the first page to ask computes it, the others get
 * the same promise); the dev server computes it afresh on each request.
 * The kept summary belongs to the published snapshot it was made with:
 * when the local rebuild drops that snapshot (forgetPublished), the next
 * call computes a new summary too, so the two never disagree.
 */
export function loadSummaryPage(): Promise<SummaryPage> {
  const source = loadPublished();
  if (isDevServer()) return readSummaryPage(source);
  const registry = globalThis as Registry;
  const kept = registry[memoKey];
  if (kept && kept.source === source) return kept.page;
  const page = readSummaryPage(source);
  registry[memoKey] = { source, page };
  // A failed refresh is not kept: the next page tries again.
  page.catch(() => {
    if (registry[memoKey]?.page === page) delete registry[memoKey];
  });
  return page;
}

async function readSummaryPage(source: Promise<Published>): Promise<SummaryPage> {
  const [{ store }, published] = await Promise.all([getStore(), source]);
  return toSummaryPage(await refreshSummary(store), published);
}
