import type { Config } from "@netlify/functions";
import type { AdminResponse, rebuildResponseSchema } from "../../src/domain/admin-responses";
import { moderationContext, moderatorHandler } from "../../src/server/http/admin";
import { apiErrors, json } from "../../src/server/http/api-response";
import { rebuildNow } from "../../src/server/use-cases/moderation";

/** POST /api/admin/rebuild: the moderators' « update the site now » button. */
export default moderatorHandler(async (req, _context, moderator) => {
  if (req.method !== "POST") return apiErrors.methodNotAllowed(["POST"]);
  const rebuild = await rebuildNow(await moderationContext(moderator));
  return json(200, { rebuild } satisfies AdminResponse<typeof rebuildResponseSchema>);
});

export const config: Config = { path: "/api/admin/rebuild" };
