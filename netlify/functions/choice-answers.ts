import type { Config } from "@netlify/functions";
import { apiHandler } from "../../src/server/http/api-handler";
import { readIdempotencyKey, readJsonBody } from "../../src/server/http/read-request";
import { choiceAnswerResponse, submissionContext } from "../../src/server/http/submission-responses";
import { submitChoiceAnswer } from "../../src/server/use-cases/choice-answers";

/** POST /api/choice-answers: the answer to a closed question (single, multiple, scale), counted without moderation. */
export default apiHandler(async (req, context) => {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const key = readIdempotencyKey(req);
  if (!key.ok) return key.response;
  const result = await submitChoiceAnswer(body.value, key.value, await submissionContext(context));
  return choiceAnswerResponse(result);
});

export const config: Config = { path: "/api/choice-answers" };
