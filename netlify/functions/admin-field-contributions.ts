import type { Config } from "@netlify/functions";
import type { AdminResponse } from "../../src/domain/admin-responses";
import type { fieldContributionResponseSchema } from "../../src/domain/field-contributions";
import { moderationContext, moderatorHandler } from "../../src/server/http/admin";
import { apiErrors, json } from "../../src/server/http/api-response";
import { readJsonBody } from "../../src/server/http/read-request";
import { enterFieldContribution } from "../../src/server/use-cases/field-contributions";

/**
 * POST /api/admin/field-contributions: a contribution received on paper, by post or by e-mail,
 * entered by a moderator with its origin; published at once or left pending. 201 once entered,
 * 200 for a replay of the same idempotencyKey (the body's: the same answer), 400 per field, 409
 * when the same text was entered for the same person, 422 when the key came with another entry.
 */
export default moderatorHandler(async (req, _context, moderator) => {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const result = await enterFieldContribution(body.value, await moderationContext(moderator));
  switch (result.outcome) {
    case "invalid":
      return apiErrors.invalidInput(result.issues);
    case "not_found":
      return apiErrors.notFound(result.message, result.path);
    case "duplicate":
      return apiErrors.duplicate(result.message);
    case "changed_replay":
      return apiErrors.changedReplay(result.message);
    case "entered":
      return json(
        result.replayed ? 200 : 201,
        {
          id: result.id,
          status: result.status,
          replayed: result.replayed,
          rebuild: result.rebuild ?? null,
        } satisfies AdminResponse<typeof fieldContributionResponseSchema>,
        { "Idempotent-Replayed": String(result.replayed) },
      );
  }
});

export const config: Config = { path: "/api/admin/field-contributions" };
