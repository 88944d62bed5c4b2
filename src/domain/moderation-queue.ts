/**
 * The moderation queue's contract, in one place: what GET /api/admin/queue
 * takes (the queue, its cursor, and the filters) and what it answers (the
 * page, the next cursor, the counts per state). The function
 * (netlify/functions/admin-queue.ts), the moderation island and the test
 * stubs all read these shapes.
 *
 * A filter is one optional field here, one key of the SQL function's
 * payload and one predicate in moderation_queue (see the migration that
 * defines it last): adding one touches those three places and the filter
 * form.
 */
// zod/mini, like the other moderation schemas: the moderation island carries these to the browser.
import * as z from "zod/mini";
import { findCategory } from "./coding";
import { findTheme, themes } from "./consultation";
import { profiles } from "./contribution.schema";
import { queueQuerySchema } from "./moderation";
import { territoryTypes } from "./territory";
import { isStorableText, maxCodePoints } from "./text";

/** Longest free-text filter, in code points. */
export const QUEUE_TEXT_FILTER_MAX = 200;

export const queueFilterMessages = {
  themeId: "Ce thème n'existe pas dans la consultation.",
  questionId: "Cette question n'existe pas dans la consultation.",
  questionOfTheme: "Cette question n'appartient pas au thème choisi.",
  profile: "Ce profil n'existe pas dans la consultation.",
  territoryType: "Choisissez un type de territoire de la liste.",
  categoryId: "Cette catégorie n'existe pas dans la grille de codage de la consultation.",
  text: `Le texte recherché ne doit pas dépasser ${QUEUE_TEXT_FILTER_MAX} caractères, sans caractère invalide.`,
  contributionOnly: "Les initiatives ne se filtrent pas par thème, par question ni par catégorie.",
  flaggedInitiatives: "Les initiatives ne peuvent pas être signalées.",
} as const;

const questionExists = (id: string) => findQuestionId(id) !== undefined;

/** The theme a question id belongs to (question ids are unique across the consultation). */
export function findQuestionId(questionId: string): { themeId: string } | undefined {
  for (const theme of themes) {
    if (theme.questions.some((question) => question.id === questionId)) return { themeId: theme.id };
  }
  return undefined;
}

/** The filters of a queue, every one optional; the free text is searched in the item's words. */
export const queueFilterShape = {
  themeId: z.optional(z.string().check(z.refine((id) => findTheme(id) !== undefined, queueFilterMessages.themeId))),
  questionId: z.optional(z.string().check(z.refine(questionExists, queueFilterMessages.questionId))),
  profile: z.optional(z.string().check(z.refine((id) => Object.hasOwn(profiles, id), queueFilterMessages.profile))),
  territoryType: z.optional(
    z.enum(Object.keys(territoryTypes) as [keyof typeof territoryTypes], { error: queueFilterMessages.territoryType }),
  ),
  /** Contributions tagged with this category, as a whole or by an extract. */
  categoryId: z.optional(
    z.string().check(z.refine((id) => findCategory(id) !== undefined, queueFilterMessages.categoryId)),
  ),
  text: z.optional(
    z
      .string({ error: queueFilterMessages.text })
      .check(
        z.trim(),
        maxCodePoints(QUEUE_TEXT_FILTER_MAX, queueFilterMessages.text),
        z.refine(isStorableText, queueFilterMessages.text),
      ),
  ),
};

/** The filter fields, in the order the form shows them and the query string carries them. */
export const queueFilterKeys = ["themeId", "questionId", "profile", "territoryType", "categoryId", "text"] as const;
export type QueueFilterKey = (typeof queueFilterKeys)[number];
/** Filters that only contributions have (an initiative has no theme, no question, and is not coded). */
export const contributionOnlyFilters: readonly QueueFilterKey[] = ["themeId", "questionId", "categoryId"];

const filtersSchema = z.object(queueFilterShape);
export type QueueFilters = z.infer<typeof filtersSchema>;

/** GET /api/admin/queue query string: the queue, the cursor, the page size and the filters. */
export const moderationQueueQuerySchema = z.extend(queueQuerySchema, queueFilterShape);
export type ModerationQueueQuery = z.infer<typeof moderationQueueQuerySchema>;

/** The filters that say something: an empty field, or blank text, filters nothing. */
export function activeFilters(filters: QueueFilters): QueueFilters {
  const active: QueueFilters = {};
  for (const key of queueFilterKeys) {
    const value = filters[key]?.trim();
    if (value) Object.assign(active, { [key]: value });
  }
  return active;
}

/** Whether any filter is set. */
export function hasFilters(filters: QueueFilters): boolean {
  return Object.keys(activeFilters(filters)).length > 0;
}

/** The query string of one page (`after`: the previous page's nextCursor); empty filters are left out. */
export function queueSearchParams(query: {
  type: "contribution" | "initiative";
  status: "pending" | "flagged" | "published" | "rejected";
  limit: number;
  after?: string | undefined;
  filters?: QueueFilters | undefined;
}): URLSearchParams {
  const params = new URLSearchParams({ type: query.type, status: query.status, limit: String(query.limit) });
  if (query.after) params.set("after", query.after);
  const filters = activeFilters(query.filters ?? {});
  for (const key of queueFilterKeys) {
    if (query.type === "initiative" && contributionOnlyFilters.includes(key)) continue;
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

// ——— The answer ———

const place = {
  pseudonym: z.string(),
  profile: z.string(),
  communeName: z.string(),
  departementName: z.string(),
  regionName: z.string(),
  territoryType: z.string(),
  status: z.enum(["pending", "published", "rejected"]),
  moderationReason: z.nullable(z.string()),
  createdAt: z.string(),
  moderatedAt: z.nullable(z.string()),
  openFlags: z.int(),
};

/** A contribution (answer or reply) in a queue. */
export const queueContributionSchema = z.object({
  id: z.string(),
  subjectType: z.literal("contribution"),
  themeId: z.string(),
  questionId: z.string(),
  parentId: z.nullable(z.string()),
  parentBody: z.nullable(z.string()),
  stance: z.nullable(z.string()),
  body: z.string(),
  retained: z.boolean(),
  flagReasons: z.catch(z.array(z.string()), []),
  /** Distinct networks (IP addresses, hashed) the open flags and the reactions came from. */
  flagNetworks: z.catch(z.int(), 0),
  reactions: z.catch(z.int(), 0),
  reactionNetworks: z.catch(z.int(), 0),
  /** A moderator kept it after reading its flags: new flags queue it, they no longer hide it. */
  flagsReviewedAt: z.catch(z.nullable(z.string()), null),
  ...place,
});
export type QueueContribution = z.infer<typeof queueContributionSchema>;

/** An initiative in a queue. */
export const queueInitiativeSchema = z.object({
  id: z.string(),
  subjectType: z.literal("initiative"),
  name: z.string(),
  kind: z.string(),
  description: z.string(),
  url: z.nullable(z.string()),
  openingYear: z.nullable(z.int()),
  ...place,
});
export type QueueInitiative = z.infer<typeof queueInitiativeSchema>;
export type QueueItem = QueueContribution | QueueInitiative;

/** The items per state, whatever the filters. */
export const queueCountsSchema = z.object({
  contribution: z.object({ pending: z.number(), published: z.number(), rejected: z.number(), flagged: z.number() }),
  initiative: z.object({ pending: z.number(), published: z.number(), rejected: z.number() }),
});
export type QueueCounts = z.infer<typeof queueCountsSchema>;

/** GET /api/admin/queue. */
export const queuePageSchema = z.object({
  items: z.array(z.discriminatedUnion("subjectType", [queueContributionSchema, queueInitiativeSchema])),
  nextCursor: z.nullable(z.string()),
  counts: queueCountsSchema,
});
export type QueuePage = z.infer<typeof queuePageSchema>;
