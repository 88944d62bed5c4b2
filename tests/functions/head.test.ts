/**
 * HEAD wherever GET works: the same status and headers, no body; and the
 * Allow header of a 405 lists HEAD beside GET.
 */
import type { Context } from "@netlify/functions";
import { beforeAll, describe, expect, it } from "vitest";
import queue from "../../netlify/functions/admin-queue";
import session from "../../netlify/functions/admin-session";
import syntheses from "../../netlify/functions/admin-syntheses";
import contributions from "../../netlify/functions/contributions";
import summary from "../../netlify/functions/summary";
import { provideModeratorAuth, TokenModeratorAuth } from "../../src/server/moderator-auth";
import { provideStore } from "../../src/server/store/open-store";
import { fakeContext, memoryStore } from "../support/pglite-store";

const TOKEN = "jeton-de-moderation-pour-les-tests-head-0123";
type Handler = (req: Request, context: Context) => Promise<Response>;

const request = (path: string, method: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { method, headers });

beforeAll(async () => {
  provideStore((await memoryStore()).opened);
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
});

describe("HEAD", () => {
  const moderator = { Authorization: `Bearer ${TOKEN}` };
  const routes: [string, Handler, string, Record<string, string>][] = [
    ["GET /api/summary", summary, "/api/summary", {}],
    ["GET /api/admin/queue", queue, "/api/admin/queue", moderator],
    ["GET /api/admin/queue without a token (401)", queue, "/api/admin/queue", {}],
    ["GET /api/admin/syntheses", syntheses, "/api/admin/syntheses", moderator],
    ["GET /api/admin/session", session, "/api/admin/session", {}],
    ["POST-only /api/contributions (405)", contributions, "/api/contributions", {}],
  ];

  it.each(routes)("%s: the GET's status and headers, without a body", async (_name, handler, path, headers) => {
    const get = await handler(request(path, "GET", headers), fakeContext());
    const head = await handler(request(path, "HEAD", headers), fakeContext());
    expect(head.status).toBe(get.status);
    expect(Object.fromEntries(head.headers)).toEqual(Object.fromEntries(get.headers));
    expect(head.body).toBeNull();
    expect(await get.text()).not.toBe("");
  });

  it("answers 200 for HEAD /api/summary, cacheable like its GET", async () => {
    const head = await summary(request("/api/summary", "HEAD"), fakeContext());
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toMatch(/^application\/json/);
    expect(head.headers.get("cache-control")).toBe("public, max-age=60");
  });

  it("lists HEAD in Allow where GET is allowed", async () => {
    const post = await summary(request("/api/summary", "POST"), fakeContext());
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    const put = await session(request("/api/admin/session", "PUT"), fakeContext());
    expect(put.headers.get("allow")).toBe("GET, HEAD, POST");
    const queuePost = await queue(request("/api/admin/queue", "POST", moderator), fakeContext());
    expect(queuePost.headers.get("allow")).toBe("GET, HEAD");
  });
});
