import type { Config } from "@netlify/functions";
import { signInSchema } from "../../src/domain/moderation";
import { fieldIssues } from "../../src/domain/validation";
import { apiHandler } from "../../src/server/http/api-handler";
import { apiErrors, json } from "../../src/server/http/api-response";
import { readJsonBody } from "../../src/server/http/read-request";
import { bearerToken, getModeratorAuth } from "../../src/server/moderator-auth";

/**
 * GET /api/admin/session: which sign-in to show, and who is signed in when a
 * token is given. POST: sign in with Supabase Auth (production), server
 * side, so the browser holds only the user's access token, never a key.
 */
export default apiHandler(async (req) => {
  const auth = await getModeratorAuth();
  if (req.method === "GET") {
    const token = bearerToken(req);
    if (!token) return json(200, { mode: auth.mode });
    const result = await auth.authenticate(token);
    if (!result.ok) return result.status === 401 ? apiErrors.unauthorized() : apiErrors.forbidden();
    return json(200, { mode: auth.mode, moderator: { name: result.moderator.name } });
  }
  const body = await readJsonBody(req, { methods: ["GET", "POST"] });
  if (!body.ok) return body.response;
  if (auth.mode === "token") return apiErrors.tokenMode();
  const parsed = signInSchema.safeParse(body.value);
  if (!parsed.success) return apiErrors.invalidInput(fieldIssues(parsed.error));
  const result = await auth.signIn(parsed.data.email, parsed.data.password);
  if (!result.ok) {
    if (result.status === 403) return apiErrors.forbidden();
    return result.status === 404 ? apiErrors.tokenMode() : apiErrors.badCredentials();
  }
  return json(200, {
    accessToken: result.accessToken,
    expiresAt: result.expiresAt,
    moderator: { name: result.moderator.name },
  });
});

export const config: Config = { path: "/api/admin/session" };
