import type { Config } from "@netlify/functions";
import type {
  AdminResponse,
  otherTextDecisionResponseSchema,
  otherTextsPageSchema,
} from "../../src/domain/admin-responses";
import { moderationContext, moderationResponse, moderatorHandler } from "../../src/server/http/admin";
import { readJsonBody } from "../../src/server/http/read-request";
import { decideOtherText, listOtherTexts } from "../../src/server/use-cases/moderation";

/**
 * GET /api/admin/other-texts: the « Autre, précisez » texts of the closed questions in one state
 * (pending by default), oldest first, with the counts per state;
 * POST /api/admin/other-texts: publish or reject (with a reason) one of them, logged.
 */
export default moderatorHandler(async (req, _context, moderator) => {
  const context = await moderationContext(moderator);
  if (req.method === "GET") {
    const result = await listOtherTexts(Object.fromEntries(new URL(req.url).searchParams), context);
    return moderationResponse(
      result,
      ({ items, counts }) => ({ items, counts }) satisfies AdminResponse<typeof otherTextsPageSchema>,
    );
  }
  const body = await readJsonBody(req, { methods: ["GET", "POST"] });
  if (!body.ok) return body.response;
  const result = await decideOtherText(body.value, context);
  return moderationResponse(
    result,
    ({ id, changed, rebuild }) =>
      ({ id, changed, rebuild }) satisfies AdminResponse<typeof otherTextDecisionResponseSchema>,
  );
});

export const config: Config = { path: "/api/admin/other-texts" };
