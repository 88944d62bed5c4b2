import type { Config } from "@netlify/functions";
import { retainedSchema } from "../../src/domain/moderation";
import { fieldIssues } from "../../src/domain/validation";
import { moderatorHandler } from "../../src/server/http/admin";
import { apiErrors, json } from "../../src/server/http/api-response";
import { readJsonBody } from "../../src/server/http/read-request";
import { getStore } from "../../src/server/store/open-store";

/** POST /api/admin/retained: mark a published contribution as retained (or not) in its theme's synthesis. */
export default moderatorHandler(async (req, _context, moderator) => {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const parsed = retainedSchema.safeParse(body.value);
  if (!parsed.success) return apiErrors.invalidInput(fieldIssues(parsed.error));
  const { store } = await getStore();
  const saved = await store.setRetained({ ...parsed.data, actor: moderator.id });
  if (!saved) return apiErrors.notFound("Cette contribution n'est pas publiée : elle ne peut pas être retenue.");
  return json(200, { retained: parsed.data.retained });
});

export const config: Config = { path: "/api/admin/retained" };
