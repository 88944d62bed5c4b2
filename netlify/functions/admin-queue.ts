import type { Config } from "@netlify/functions";
import { queueQuerySchema } from "../../src/domain/moderation";
import { fieldIssues } from "../../src/domain/validation";
import { decodeCursor, encodeCursor, moderatorHandler, queueItemJson } from "../../src/server/http/admin";
import { apiErrors, json } from "../../src/server/http/api-response";
import { getStore } from "../../src/server/store/open-store";

/** GET /api/admin/queue: one page of a moderation queue, oldest first, with the counts per state. */
export default moderatorHandler(async (req) => {
  if (req.method !== "GET") return apiErrors.methodNotAllowed(["GET"]);
  const query = queueQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return apiErrors.invalidInput(fieldIssues(query.error));
  const { type, status, after, limit } = query.data;
  if (type === "initiative" && status === "flagged") {
    return apiErrors.invalidInput([{ path: "status", message: "Les initiatives ne peuvent pas être signalées." }]);
  }
  const cursor = after === undefined ? undefined : decodeCursor(after);
  if (after !== undefined && !cursor) {
    return apiErrors.invalidInput([{ path: "after", message: "Ce curseur de pagination n'est pas valide." }]);
  }
  const { store } = await getStore();
  // One more than asked tells whether another page exists.
  const [items, counts] = await Promise.all([
    store.moderationQueue({ subjectType: type, status, after: cursor, limit: limit + 1 }),
    store.moderationCounts(),
  ]);
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return json(200, {
    items: page.map(queueItemJson),
    nextCursor: items.length > limit && last ? encodeCursor(last) : null,
    counts,
  });
});

export const config: Config = { path: "/api/admin/queue" };
