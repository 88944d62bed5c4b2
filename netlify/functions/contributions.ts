import type { Config } from "@netlify/functions";
import { apiHandler } from "../../src/server/http/api-handler";
import { readIdempotencyKey, readJsonBody } from "../../src/server/http/read-request";
import { submissionContext, submissionResponse } from "../../src/server/http/submission-responses";
import { submitContribution } from "../../src/server/use-cases/submissions";

/** POST /api/contributions: an answer to a question, or a reply (with parentId and stance). */
export default apiHandler(async (req, context) => {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const key = readIdempotencyKey(req);
  if (!key.ok) return key.response;
  const result = await submitContribution(body.value, key.value, await submissionContext(context));
  return submissionResponse(result, "contribution");
});

export const config: Config = { path: "/api/contributions" };
