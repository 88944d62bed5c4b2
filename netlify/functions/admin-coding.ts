import type { Config } from "@netlify/functions";
import type { AdminResponse } from "../../src/domain/admin-responses";
import type { codingUpdateSchema, contributionCodingSchema } from "../../src/domain/coding";
import { moderationContext, moderationResponse, moderatorHandler } from "../../src/server/http/admin";
import { readJsonBody } from "../../src/server/http/read-request";
import { readCoding, updateCoding } from "../../src/server/use-cases/coding";

/**
 * GET /api/admin/coding?contributionId=…: one contribution's categories and extracts, with who
 * added each; POST /api/admin/coding: tag or untag categories (`action: "tag"`), extract a passage
 * with a category (`"extract"`, checked against the body at its position) or remove an extract
 * (`"remove-extract"`), each change logged under the moderator. 400 per field in French, 404 for a
 * contribution that no longer exists.
 */
export default moderatorHandler(async (req, _context, moderator) => {
  const context = await moderationContext(moderator);
  if (req.method === "GET") {
    const result = await readCoding(Object.fromEntries(new URL(req.url).searchParams), context);
    return moderationResponse(result, ({ coding }) => coding satisfies AdminResponse<typeof contributionCodingSchema>);
  }
  const body = await readJsonBody(req, { methods: ["GET", "POST"] });
  if (!body.ok) return body.response;
  const result = await updateCoding(body.value, context);
  return moderationResponse(
    result,
    ({ changed, coding }) => ({ changed, coding }) satisfies AdminResponse<typeof codingUpdateSchema>,
  );
});

export const config: Config = { path: "/api/admin/coding" };
