import type { Config } from "@netlify/functions";
import { features } from "../../src/domain/consultation";
import { apiHandler } from "../../src/server/http/api-handler";
import { apiErrors } from "../../src/server/http/api-response";
import { readIdempotencyKey, readJsonBody } from "../../src/server/http/read-request";
import { submissionContext, submissionResponse } from "../../src/server/http/submission-responses";
import { submitInitiative } from "../../src/server/use-cases/submissions";

/**
 * POST /api/initiatives: a place or project made known. A consultation that switches initiatives
 * off (`features` in its content) has no such route: the API's JSON 404, as for any unknown path.
 */
export default apiHandler(async (req, context) => {
  if (!features.initiatives) return apiErrors.unknownRoute();
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const key = readIdempotencyKey(req);
  if (!key.ok) return key.response;
  const result = await submitInitiative(body.value, key.value, await submissionContext(context));
  return submissionResponse(result, "initiative");
});

export const config: Config = { path: "/api/initiatives" };
