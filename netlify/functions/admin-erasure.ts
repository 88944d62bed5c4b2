import type { Config } from "@netlify/functions";
import type { AdminResponse } from "../../src/domain/admin-responses";
import type { erasureDoneSchema, erasurePreviewSchema } from "../../src/domain/erasure";
import { moderationContext, moderationResponse, moderatorHandler } from "../../src/server/http/admin";
import { readJsonBody } from "../../src/server/http/read-request";
import { handleErasure } from "../../src/server/use-cases/erasure";

/**
 * POST /api/admin/erasure `{ email, action: "preview" | "erase" }`: what an
 * address is linked to, then its erasure, logged. POST for both: an address
 * in a query string would land in access logs.
 */
export default moderatorHandler(async (req, _context, moderator) => {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const result = await handleErasure(body.value, await moderationContext(moderator));
  return moderationResponse(result, (done) =>
    done.outcome === "erased"
      ? ({ erased: done.erased } satisfies AdminResponse<typeof erasureDoneSchema>)
      : ({ contacts: done.contacts } satisfies AdminResponse<typeof erasurePreviewSchema>),
  );
});

export const config: Config = { path: "/api/admin/erasure" };
