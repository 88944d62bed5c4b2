/**
 * Official responses, the mission team's side: drafts (a status of the
 * content's list, a text, the published contributions it answers), then a
 * batch published at once, which logs, queues one message per answered
 * contributor who asked for e-mail, and asks for a rebuild.
 */
import { consultation } from "../../domain/consultation";
import {
  type OfficialResponse,
  responseDraftSchema,
  responseMessages,
  responsePublishSchema,
} from "../../domain/official-responses";
import { fieldIssues } from "../../domain/validation";
import { type RebuildReport, requestRebuild } from "../rebuild";
import type { StoredResponse } from "../store/store";
import type { ModerationContext, ModerationRefusal } from "./moderation";

export function responseJson(row: StoredResponse): OfficialResponse {
  return {
    id: row.id,
    status: row.status,
    body: row.body,
    contributionIds: row.contribution_ids,
    draftedBy: row.drafted_by ?? "",
    updatedAt: new Date(row.updated_at).toISOString(),
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
  };
}

export async function listResponses(context: Pick<ModerationContext, "store">): Promise<OfficialResponse[]> {
  return (await context.store.listResponses()).map(responseJson);
}

export async function draftResponse(
  payload: unknown,
  context: ModerationContext,
): Promise<ModerationRefusal | { outcome: "saved"; response: OfficialResponse }> {
  const parsed = responseDraftSchema.safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const input = parsed.data;
  if (!consultation.responseStatuses.some((status) => status.id === input.status)) {
    return { outcome: "invalid", issues: [{ path: "status", message: responseMessages.status }] };
  }
  const result = await context.store.draftResponse({ ...input, actor: context.moderator.id });
  if (result.outcome === "not_found")
    return { outcome: "not_found", message: responseMessages.unknownDraft, path: "id" };
  if (result.outcome === "unavailable") {
    return {
      outcome: "invalid",
      issues: [{ path: "contributionIds", message: responseMessages.notPublished(result.ids) }],
    };
  }
  return { outcome: "saved", response: responseJson(result.response) };
}

export async function publishResponses(
  payload: unknown,
  context: ModerationContext,
): Promise<ModerationRefusal | { outcome: "published"; published: string[]; rebuild: RebuildReport }> {
  const parsed = responsePublishSchema.safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const published = await context.store.publishResponses({ ids: parsed.data.ids, actor: context.moderator.id });
  const rebuild = await requestRebuild(context.store, { buildHookUrl: context.buildHookUrl, trigger: "decision" });
  return { outcome: "published", published, rebuild };
}
