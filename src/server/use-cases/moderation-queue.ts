/**
 * One page of a moderation queue, for GET /api/admin/queue: the rules the
 * query's schema cannot say alone (which filters an initiative has, a
 * question inside its theme, a cursor this server wrote), then the page and
 * the counts, in the shape the island reads (domain/moderation-queue.ts).
 */
import { moderationMessages } from "../../domain/moderation";
import {
  activeFilters,
  contributionOnlyFilters,
  findQuestionId,
  type ModerationQueueQuery,
  type QueueItem,
  type QueuePage,
  queueFilterMessages,
} from "../../domain/moderation-queue";
import type { FieldIssue } from "../../domain/validation";
import { decodeCursor, encodeCursor } from "../http/admin";
import type { Store, QueueItem as StoredQueueItem } from "../store/store";

export type QueuePageResult = { outcome: "ok"; page: QueuePage } | { outcome: "invalid"; issues: FieldIssue[] };

/** The page after `query.after` (oldest first) under the query's filters, with the counts per state. */
export async function moderationQueuePage(store: Store, query: ModerationQueueQuery): Promise<QueuePageResult> {
  const { type, status, after, limit } = query;
  const filters = activeFilters(query);
  const issues: FieldIssue[] = [];
  if (type === "initiative" && status === "flagged") {
    issues.push({ path: "status", message: queueFilterMessages.flaggedInitiatives });
  }
  if (type === "initiative") {
    for (const key of contributionOnlyFilters) {
      if (filters[key]) issues.push({ path: key, message: queueFilterMessages.contributionOnly });
    }
  }
  if (filters.themeId && filters.questionId && findQuestionId(filters.questionId)?.themeId !== filters.themeId) {
    issues.push({ path: "questionId", message: queueFilterMessages.questionOfTheme });
  }
  const cursor = after === undefined ? undefined : decodeCursor(after);
  if (after !== undefined && !cursor) issues.push({ path: "after", message: moderationMessages.cursor });
  if (issues.length > 0) return { outcome: "invalid", issues };

  // One more than asked tells whether another page exists. The cursor is a position in the
  // (created_at, id) order, which the filters do not change: it stays right under them.
  const [items, counts] = await Promise.all([
    store.moderationQueue({ subjectType: type, status, after: cursor, limit: limit + 1, filters }),
    store.moderationCounts(),
  ]);
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return {
    outcome: "ok",
    page: {
      items: page.map(queueItemJson),
      nextCursor: items.length > limit && last ? encodeCursor(last) : null,
      counts,
    },
  };
}

/** An item as the moderation page receives it (camelCase, the domain's shape). */
export function queueItemJson(item: StoredQueueItem): QueueItem {
  const common = {
    id: item.id,
    pseudonym: item.pseudonym,
    profile: item.profile,
    communeName: item.commune_name,
    departementName: item.departement_name,
    regionName: item.region_name,
    territoryType: item.territory_type,
    status: item.status,
    moderationReason: item.moderation_reason,
    createdAt: item.created_at,
    moderatedAt: item.moderated_at,
    openFlags: item.open_flags,
  };
  if (item.subject_type === "initiative") {
    return {
      ...common,
      subjectType: "initiative",
      name: item.name,
      kind: item.kind,
      description: item.description,
      url: item.url,
      openingYear: item.opening_year,
    };
  }
  return {
    ...common,
    subjectType: "contribution",
    themeId: item.theme_id,
    questionId: item.question_id,
    parentId: item.parent_id,
    parentBody: item.parent_body,
    stance: item.stance,
    body: item.body,
    retained: item.retained,
    flagReasons: item.flag_reasons,
    flagNetworks: item.flag_networks,
    reactions: item.reactions,
    reactionNetworks: item.reaction_networks,
    flagsReviewedAt: item.flags_reviewed_at,
  };
}
