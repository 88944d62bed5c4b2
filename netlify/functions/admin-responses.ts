import type { Config } from "@netlify/functions";
import type { AdminResponse } from "../../src/domain/admin-responses";
import type {
  responseSavedSchema,
  responsesPageSchema,
  responsesPublishedSchema,
} from "../../src/domain/official-responses";
import { moderationContext, moderationResponse, moderatorHandler } from "../../src/server/http/admin";
import { json } from "../../src/server/http/api-response";
import { readJsonBody } from "../../src/server/http/read-request";
import { sendDueMailSoon } from "../../src/server/mail/sender";
import { draftResponse, listResponses, publishResponses } from "../../src/server/use-cases/official-responses";

/**
 * GET /api/admin/responses: the official responses, drafts first.
 * POST `{ action: "draft", id?, status, body, contributionIds }`: a draft, new or changed, logged.
 * POST `{ action: "publish", ids }`: publishes drafts in one batch, logged, each answered
 * contributor who asked for e-mail told once, the pages rebuilt.
 */
export default moderatorHandler(async (req, _context, moderator) => {
  const context = await moderationContext(moderator);
  if (req.method === "GET") {
    return json(200, { responses: await listResponses(context) } satisfies AdminResponse<typeof responsesPageSchema>);
  }
  const body = await readJsonBody(req, { methods: ["GET", "POST"] });
  if (!body.ok) return body.response;
  const action = (body.value as { action?: unknown } | null)?.action;
  if (action === "publish") {
    const result = await publishResponses(body.value, context);
    if (result.outcome === "published" && result.published.length > 0) await sendDueMailSoon();
    return moderationResponse(
      result,
      ({ published, rebuild }) => ({ published, rebuild }) satisfies AdminResponse<typeof responsesPublishedSchema>,
    );
  }
  const result = await draftResponse(body.value, context);
  return moderationResponse(
    result,
    ({ response }) => ({ response }) satisfies AdminResponse<typeof responseSavedSchema>,
  );
});

export const config: Config = { path: "/api/admin/responses" };
