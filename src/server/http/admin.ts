/**
 * What every moderation route shares: authentication first (401 without or
 * with bad credentials, 403 for a signed-in user who is not a moderator),
 * and the queue's cursor (the items' shape is use-cases/moderation-queue.ts's).
 */
import type { Context } from "@netlify/functions";
import { parseEnv } from "../env";
import { bearerToken, getModeratorAuth, type Moderator } from "../moderator-auth";
import { getStore } from "../store/open-store";
import type { ModerationContext, ModerationRefusal } from "../use-cases/moderation";
import { apiHandler, type Handler } from "./api-handler";
import { apiErrors, json } from "./api-response";

/** A Netlify handler that runs only for an authenticated moderator. */
export function moderatorHandler(
  handle: (req: Request, context: Context, moderator: Moderator) => Promise<Response>,
): Handler {
  return apiHandler(async (req, context) => {
    const auth = await (await getModeratorAuth()).authenticate(bearerToken(req));
    if (!auth.ok) return auth.status === 401 ? apiErrors.unauthorized() : apiErrors.forbidden();
    return handle(req, context, auth.moderator);
  });
}

/** What a moderation use case runs with: the process's store, the signed-in moderator, the build hook. */
export async function moderationContext(moderator: Moderator): Promise<ModerationContext> {
  return { store: (await getStore()).store, moderator, buildHookUrl: parseEnv().buildHookUrl };
}

/** A use case's refusal as the API's JSON error (400 per field, 404), or its success as 200 with `answer`'s body. */
export function moderationResponse<Success extends { outcome: string }>(
  result: ModerationRefusal | Success,
  answer: (success: Success) => unknown,
): Response {
  if (isRefusal(result)) {
    return result.outcome === "invalid"
      ? apiErrors.invalidInput(result.issues)
      : apiErrors.notFound(result.message, result.path);
  }
  return json(200, answer(result));
}

function isRefusal(result: { outcome: string }): result is ModerationRefusal {
  return result.outcome === "invalid" || result.outcome === "not_found";
}

/** Opaque keyset cursor: the last item's creation time and id. */
export function encodeCursor(item: { created_at: string; id: string }): string {
  return Buffer.from(JSON.stringify([item.created_at, item.id])).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [createdAt, id] = value;
    // Only what encodeCursor writes: a timestamp PostgreSQL wrote (that reads back as the same instant) and a UUID.
    if (typeof createdAt !== "string" || !cursorTime.test(createdAt) || Number.isNaN(Date.parse(createdAt)))
      return undefined;
    if (typeof id !== "string" || !uuid.test(id)) return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}

const cursorTime =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
