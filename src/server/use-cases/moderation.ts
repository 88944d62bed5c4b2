/**
 * Use cases of the mission team's moderation: plain TypeScript, no HTTP,
 * like the citizens' (submissions.ts). Each takes the untrusted payload and
 * the signed-in moderator, applies the rules, logs through the store under
 * the moderator's id, and returns an outcome that moderationResponse turns
 * into a status.
 */

import type { AdminResponse, OtherText, otherTextsPageSchema } from "../../domain/admin-responses";
import { findQuestion } from "../../domain/consultation";
import { decisionSchema, moderationMessages, reasonLabel, retainedSchema } from "../../domain/moderation";
import { otherTextDecisionSchema, otherTextsQuerySchema } from "../../domain/other-texts-moderation";
import { type FieldIssue, fieldIssues } from "../../domain/validation";
import type { Moderator } from "../moderator-auth";
import { type RebuildReport, requestRebuild } from "../rebuild";
import type { OtherTextItem, Store } from "../store/store";

/** What the moderation use cases need from their surroundings. */
export interface ModerationContext {
  store: Store;
  moderator: Moderator;
  /** Netlify's build hook, when the site rebuilds on Netlify. */
  buildHookUrl: string | undefined;
}

/** The outcomes every moderation use case may end with, besides its own success. */
export type ModerationRefusal =
  | { outcome: "invalid"; issues: FieldIssue[] }
  | { outcome: "not_found"; message: string; path?: string };

const reasonRequired = (): ModerationRefusal => ({
  outcome: "invalid",
  issues: [{ path: "reasonCode", message: moderationMessages.reasonRequired }],
});

/** Publishes or rejects (with a reason) contributions or initiatives, in one transaction, then asks for a rebuild. */
export async function decide(
  payload: unknown,
  context: ModerationContext,
): Promise<ModerationRefusal | { outcome: "decided"; decided: string[]; unchanged: string[]; rebuild: RebuildReport }> {
  const parsed = decisionSchema.safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const input = parsed.data;
  const result = await context.store.moderate({
    subjectType: input.type,
    ids: input.ids,
    decision: input.decision,
    reason: input.decision === "reject" ? reasonLabel(input) : undefined,
    actor: context.moderator.id,
  });
  if (result.outcome !== "decided") return reasonRequired();
  const rebuild = await requestRebuild(context.store, { buildHookUrl: context.buildHookUrl, trigger: "decision" });
  return { outcome: "decided", decided: result.decided, unchanged: result.unchanged, rebuild };
}

/** Marks a published contribution as retained (or not) in its theme's synthesis. */
export async function setRetained(
  payload: unknown,
  context: ModerationContext,
): Promise<ModerationRefusal | { outcome: "saved"; retained: boolean }> {
  const parsed = retainedSchema.safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const saved = await context.store.setRetained({ ...parsed.data, actor: context.moderator.id });
  if (!saved) return { outcome: "not_found", message: moderationMessages.notRetainable };
  return { outcome: "saved", retained: parsed.data.retained };
}

/** The « Autre, précisez » texts in one state, oldest first, with the counts per state. */
export async function listOtherTexts(
  query: unknown,
  context: Pick<ModerationContext, "store">,
): Promise<ModerationRefusal | ({ outcome: "listed" } & AdminResponse<typeof otherTextsPageSchema>)> {
  const parsed = otherTextsQuerySchema.safeParse(query);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const { items, counts } = await context.store.otherTextsQueue(parsed.data);
  return { outcome: "listed", items: items.map(otherTextJson), counts };
}

/** Publishes or rejects (with a reason) one « Autre » text, logged, then asks for a rebuild. */
export async function decideOtherText(
  payload: unknown,
  context: ModerationContext,
): Promise<ModerationRefusal | { outcome: "decided"; id: string; changed: boolean; rebuild: RebuildReport }> {
  const parsed = otherTextDecisionSchema.safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const result = await context.store.moderateOtherText({
    id: parsed.data.id,
    decision: parsed.data.decision,
    reason: parsed.data.decision === "reject" ? reasonLabel(parsed.data) : undefined,
    actor: context.moderator.id,
  });
  if (result.outcome === "not_found") return { outcome: "not_found", message: moderationMessages.noOtherText };
  if (result.outcome !== "decided") return reasonRequired();
  const rebuild = await requestRebuild(context.store, { buildHookUrl: context.buildHookUrl, trigger: "decision" });
  return { outcome: "decided", id: result.id, changed: result.changed, rebuild };
}

/** The moderators' « update the site now » button. */
export async function rebuildNow(context: Pick<ModerationContext, "store" | "buildHookUrl">): Promise<RebuildReport> {
  return requestRebuild(context.store, { buildHookUrl: context.buildHookUrl, trigger: "button" });
}

/** A text as the moderation page receives it, with its question's title from the content. */
function otherTextJson(item: OtherTextItem): OtherText {
  return {
    id: item.id,
    themeId: item.theme_id,
    questionId: item.question_id,
    questionTitle: findQuestion(item.theme_id, item.question_id)?.title ?? item.question_id,
    text: item.other_text,
    pseudonym: item.pseudonym,
    status: item.status,
    moderationReason: item.reason,
    createdAt: item.created_at,
    moderatedAt: item.moderated_at,
  };
}
