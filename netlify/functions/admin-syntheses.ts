import type { Config } from "@netlify/functions";
import { findTheme } from "../../src/domain/consultation";
import { synthesisSchema } from "../../src/domain/moderation";
import { fieldIssues } from "../../src/domain/validation";
import { moderatorHandler } from "../../src/server/http/admin";
import { apiErrors, json } from "../../src/server/http/api-response";
import { readJsonBody } from "../../src/server/http/read-request";
import { getStore } from "../../src/server/store/open-store";

/** GET /api/admin/syntheses: every theme's synthesis; PUT /api/admin/syntheses/:themeId: save one (Markdown). */
export default moderatorHandler(async (req, context, moderator) => {
  const { store } = await getStore();
  const themeId = context.params.themeId;
  if (themeId === undefined) {
    if (req.method !== "GET") return apiErrors.methodNotAllowed(["GET"]);
    const { syntheses } = await store.publicSnapshot();
    return json(200, {
      syntheses: syntheses.map((synthesis) => ({
        themeId: synthesis.theme_id,
        body: synthesis.body,
        updatedAt: synthesis.updated_at,
      })),
    });
  }
  if (!findTheme(themeId)) return apiErrors.notFound("Ce thème n'existe pas dans la consultation.");
  // 20,000 characters can take up to 80 KB in UTF-8: more room than the default 32 KB.
  const body = await readJsonBody(req, { methods: ["PUT"], maxBytes: 128 * 1024 });
  if (!body.ok) return body.response;
  const parsed = synthesisSchema.safeParse(body.value);
  if (!parsed.success) return apiErrors.invalidInput(fieldIssues(parsed.error));
  // The time the database dated it with: the consultation's clock, as the site will show it.
  const { updatedAt } = await store.saveSynthesis({ themeId, body: parsed.data.body, actor: moderator.id });
  return json(200, { themeId, updatedAt });
});

export const config: Config = { path: ["/api/admin/syntheses", "/api/admin/syntheses/:themeId"] };
