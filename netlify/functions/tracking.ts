import type { Config } from "@netlify/functions";
import { apiHandler } from "../../src/server/http/api-handler";
import { readJsonBody } from "../../src/server/http/read-request";
import { submissionContext, trackingResponse } from "../../src/server/http/submission-responses";
import { handleTracking } from "../../src/server/use-cases/tracking";

/**
 * POST /api/suivi: what a private tracking link leads to, with the secret in the body (never in
 * the address, which logs keep): read it, or, while it is pending, correct it (`action: "correct"`)
 * or withdraw it (`action: "withdraw"`).
 */
export default apiHandler(async (req, context) => {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  return trackingResponse(await handleTracking(body.value, await submissionContext(context)));
});

// A literal: Netlify reads the route from the source, without running it.
export const config: Config = { path: "/api/suivi" };
