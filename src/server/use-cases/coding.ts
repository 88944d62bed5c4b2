/**
 * Coding contributions: a moderator tags a contribution with categories of
 * the consultation, or tags a passage of it (an extract), and reads what the
 * team coded. Plain TypeScript, no HTTP, like the other moderation use
 * cases: the payload is parsed with the domain's schemas (coding.ts: the
 * categories are the content's, each refusal in French on its field), the
 * store writes and logs under the moderator, and the database checks the
 * passage against the body at its position.
 *
 * No rebuild is requested: a tag on a published contribution only marks
 * public data changed (the counts of /synthese/), and the next scheduled
 * rebuild, or the moderators' button, takes it; a build per click would
 * queue dozens.
 */
import { type ContributionCoding, codingMessages, codingQuerySchema, codingRequestSchema } from "../../domain/coding";
import { fieldIssues } from "../../domain/validation";
import type { StoredCoding } from "../store/coding-rows";
import type { ModerationContext, ModerationRefusal } from "./moderation";

const notFound = (): ModerationRefusal => ({ outcome: "not_found", message: codingMessages.notFound });

/** GET: one contribution's categories and extracts, with who added each. */
export async function readCoding(
  query: unknown,
  context: Pick<ModerationContext, "store">,
): Promise<ModerationRefusal | { outcome: "found"; coding: ContributionCoding }> {
  const parsed = codingQuerySchema.safeParse(query);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const stored = await context.store.contributionCoding(parsed.data.contributionId);
  return stored ? { outcome: "found", coding: codingJson(stored) } : notFound();
}

/** POST: tags or untags categories, extracts a passage, or removes an extract; returns the coding as it is now. */
export async function updateCoding(
  payload: unknown,
  context: Pick<ModerationContext, "store" | "moderator">,
): Promise<ModerationRefusal | { outcome: "updated"; changed: boolean; coding: ContributionCoding }> {
  const parsed = codingRequestSchema.safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const request = parsed.data;
  const { store, moderator } = context;
  const by = { actor: moderator.id, actorName: moderator.name };
  switch (request.action) {
    case "tag": {
      const result = await store.codeContribution({
        contributionId: request.contributionId,
        add: request.add,
        remove: request.remove,
        ...by,
      });
      if (result.outcome === "not_found") return notFound();
      if (result.outcome === "invalid") return invalid("add", codingMessages.categories);
      return {
        outcome: "updated",
        changed: result.added.length + result.removed.length > 0,
        coding: codingJson(result.coding),
      };
    }
    case "extract": {
      const result = await store.extractPassage({
        contributionId: request.contributionId,
        categoryId: request.categoryId,
        start: request.start,
        end: request.end,
        quote: request.text,
        ...by,
      });
      if (result.outcome === "not_found") return notFound();
      if (result.outcome === "position_mismatch") return invalid("text", codingMessages.positionMismatch);
      if (result.outcome === "invalid") return invalid("end", codingMessages.position);
      return { outcome: "updated", changed: result.changed, coding: codingJson(result.coding) };
    }
    case "remove-extract": {
      const result = await store.removeExtract({
        contributionId: request.contributionId,
        extractId: request.extractId,
        actor: moderator.id,
      });
      if (result.outcome === "not_found") return notFound();
      if (result.outcome === "invalid") return invalid("extractId", codingMessages.extractId);
      return { outcome: "updated", changed: result.changed, coding: codingJson(result.coding) };
    }
  }
}

function invalid(path: string, message: string): ModerationRefusal {
  return { outcome: "invalid", issues: [{ path, message }] };
}

/** Who added a tag, as the moderation page shows it: their name then, or their id when none was kept. */
function authorOf(row: { actor: string; actor_name: string | null }): string {
  return row.actor_name ?? row.actor;
}

/** The stored coding as the API sends it (camelCase, ISO 8601 instants). */
export function codingJson(stored: StoredCoding): ContributionCoding {
  return {
    contributionId: stored.contribution_id,
    categories: stored.categories.map((row) => ({
      categoryId: row.category_id,
      by: authorOf(row),
      at: new Date(row.created_at).toISOString(),
    })),
    extracts: stored.extracts.map((row) => ({
      id: row.id,
      categoryId: row.category_id,
      start: row.start_offset,
      end: row.end_offset,
      text: row.quote,
      by: authorOf(row),
      at: new Date(row.created_at).toISOString(),
    })),
  };
}
