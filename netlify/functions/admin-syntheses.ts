import type { Config } from "@netlify/functions";
import { synthesisSchema } from "../../src/domain/moderation";
import { fieldIssues } from "../../src/domain/validation";
import { moderatorHandler } from "../../src/server/http/admin";
import { apiErrors, json } from "../../src/server/http/api-response";
import { readJsonBody } from "../../src/server/http/read-request";
import { getStore } from "../../src/server/store/open-store";
import {
  listSyntheses,
  listSynthesisVersions,
  saveSynthesis,
  synthesisMessages,
} from "../../src/server/use-cases/syntheses";

/**
 * GET /api/admin/syntheses: every theme's synthesis; PUT /api/admin/syntheses/:themeId: save one
 * (Markdown), appended as a version and logged; GET /api/admin/syntheses/:themeId/versions: the
 * theme's saved versions, newest first. The rules are in src/server/use-cases/syntheses.ts.
 */
export default moderatorHandler(async (req, context, moderator) => {
  const { store } = await getStore();
  const themeId = context.params.themeId;
  if (themeId === undefined) {
    if (req.method !== "GET") return apiErrors.methodNotAllowed(["GET"]);
    return json(200, await listSyntheses(store));
  }
  if (new URL(req.url).pathname.endsWith("/versions")) {
    if (req.method !== "GET") return apiErrors.methodNotAllowed(["GET"]);
    const listed = await listSynthesisVersions(themeId, store);
    if (listed.outcome === "unknown_theme") return apiErrors.notFound(synthesisMessages.unknownTheme);
    return json(200, listed.response);
  }
  // 20,000 characters can take up to 80 KB in UTF-8: more room than the default 32 KB.
  const body = await readJsonBody(req, { methods: ["PUT"], maxBytes: 128 * 1024 });
  if (!body.ok) return body.response;
  const parsed = synthesisSchema.safeParse(body.value);
  if (!parsed.success) return apiErrors.invalidInput(fieldIssues(parsed.error));
  const saved = await saveSynthesis({ themeId, body: parsed.data.body }, moderator, store);
  if (saved.outcome === "unknown_theme") return apiErrors.notFound(synthesisMessages.unknownTheme);
  if (saved.outcome === "invalid") return apiErrors.invalidInput(saved.issues);
  return json(200, saved.saved);
});

export const config: Config = {
  path: ["/api/admin/syntheses", "/api/admin/syntheses/:themeId", "/api/admin/syntheses/:themeId/versions"],
};
