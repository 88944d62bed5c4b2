import type { Config } from "@netlify/functions";
import type { AdminResponse, retainedResponseSchema } from "../../src/domain/admin-responses";
import { moderationContext, moderationResponse, moderatorHandler } from "../../src/server/http/admin";
import { readJsonBody } from "../../src/server/http/read-request";
import { setRetained } from "../../src/server/use-cases/moderation";

/** POST /api/admin/retained: mark a published contribution as retained (or not) in its theme's synthesis. */
export default moderatorHandler(async (req, _context, moderator) => {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const result = await setRetained(body.value, await moderationContext(moderator));
  return moderationResponse(
    result,
    ({ retained }) => ({ retained }) satisfies AdminResponse<typeof retainedResponseSchema>,
  );
});

export const config: Config = { path: "/api/admin/retained" };
