import type { Config } from "@netlify/functions";
import { moderationQueueQuerySchema } from "../../src/domain/moderation-queue";
import { fieldIssues } from "../../src/domain/validation";
import { moderatorHandler } from "../../src/server/http/admin";
import { apiErrors, json } from "../../src/server/http/api-response";
import { getStore } from "../../src/server/store/open-store";
import { moderationQueuePage } from "../../src/server/use-cases/moderation-queue";

/**
 * GET /api/admin/queue: one page of a moderation queue, oldest first, narrowed by the
 * optional filters (theme, question, profile, territory type, free text), with the counts per state.
 */
export default moderatorHandler(async (req) => {
  if (req.method !== "GET") return apiErrors.methodNotAllowed(["GET"]);
  const query = moderationQueueQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return apiErrors.invalidInput(fieldIssues(query.error));
  const { store } = await getStore();
  const result = await moderationQueuePage(store, query.data);
  if (result.outcome === "invalid") return apiErrors.invalidInput(result.issues);
  return json(200, result.page);
});

export const config: Config = { path: "/api/admin/queue" };
