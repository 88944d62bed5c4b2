import type { Config } from "@netlify/functions";
import { apiHandler } from "../../src/server/http/api-handler";
import { readJsonBody } from "../../src/server/http/read-request";
import { contributionIdParam, reactionResponse, submissionContext } from "../../src/server/http/submission-responses";
import { reactToContribution } from "../../src/server/use-cases/submissions";

/** POST /api/contributions/:id/reactions: support or disagree, once per person. */
export default apiHandler(async (req, context) => {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const id = contributionIdParam(context);
  if (!id.ok) return id.response;
  return reactionResponse(id.id, await reactToContribution(id.id, body.value, await submissionContext(context)));
});

export const config: Config = { path: "/api/contributions/:id/reactions" };
