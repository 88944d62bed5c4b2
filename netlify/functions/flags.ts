import type { Config } from "@netlify/functions";
import { apiHandler } from "../../src/server/http/api-handler";
import { readJsonBody } from "../../src/server/http/read-request";
import { contributionIdParam, flagResponse, submissionContext } from "../../src/server/http/submission-responses";
import { flagContribution } from "../../src/server/use-cases/submissions";

/** POST /api/contributions/:id/flags: report abuse, once per person. */
export default apiHandler(async (req, context) => {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const id = contributionIdParam(context);
  if (!id.ok) return id.response;
  return flagResponse(await flagContribution(id.id, body.value, await submissionContext(context)));
});

export const config: Config = { path: "/api/contributions/:id/flags" };
