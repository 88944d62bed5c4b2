/**
 * The moderation routes, through real Request objects on PGlite: 401/403/200
 * on every route, decisions and their log, the queue's paging, the flag
 * threshold, retained contributions and syntheses, and the debounced build hook.
 */
import type { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import decisions from "../../netlify/functions/admin-decisions";
import queue from "../../netlify/functions/admin-queue";
import rebuild from "../../netlify/functions/admin-rebuild";
import retained from "../../netlify/functions/admin-retained";
import session from "../../netlify/functions/admin-session";
import syntheses from "../../netlify/functions/admin-syntheses";
import contributions from "../../netlify/functions/contributions";
import flags from "../../netlify/functions/flags";
import scheduledRebuild from "../../netlify/functions/scheduled-rebuild";
import {
  moderatorTokenDigest,
  newModeratorToken,
  provideModeratorAuth,
  SupabaseModeratorAuth,
  TokenModeratorAuth,
} from "../../src/server/moderator-auth";
import { provideStore } from "../../src/server/store/open-store";
import type { Store } from "../../src/server/store/store";
import { createServiceClient } from "../../src/server/store/supabase-client";
import { answer, fakeContext, jsonRequest, memoryStore } from "../support/pglite-store";

const TOKEN = "jeton-de-moderation-pour-les-tests-0123";
let db: PGlite;
let store: Store;

const auth = (token = TOKEN) => ({ Authorization: `Bearer ${token}` });
const get = (path: string, headers: Record<string, string> = auth()) =>
  new Request(`http://localhost${path}`, { headers });
const send = (path: string, body: unknown, headers: Record<string, string> = auth(), method = "POST") =>
  new Request(`http://localhost${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

async function pendingContribution(overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await contributions(
    jsonRequest("/api/contributions", answer(overrides)),
    fakeContext({}, `198.51.100.${Math.floor(Math.random() * 250)}`),
  );
  return (await response.json()).id;
}
const statusOf = async (id: string) =>
  (await db.query<{ status: string }>("select status from public.contributions where id = $1", [id])).rows[0]?.status;
const decide = (body: unknown) => decisions(send("/api/admin/decisions", body), fakeContext());

beforeAll(async () => {
  const fresh = await memoryStore();
  db = fresh.db;
  store = fresh.store;
  provideStore(fresh.opened);
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
});

describe("every moderation route demands a moderator", () => {
  const routes: [string, (headers: Record<string, string>) => Promise<Response>][] = [
    ["GET /api/admin/queue", (h) => queue(get("/api/admin/queue", h), fakeContext())],
    [
      "POST /api/admin/decisions",
      (h) =>
        decisions(
          send("/api/admin/decisions", { type: "contribution", ids: [crypto.randomUUID()], decision: "publish" }, h),
          fakeContext(),
        ),
    ],
    [
      "POST /api/admin/retained",
      (h) =>
        retained(
          send("/api/admin/retained", { contributionId: crypto.randomUUID(), retained: true }, h),
          fakeContext(),
        ),
    ],
    ["GET /api/admin/syntheses", (h) => syntheses(get("/api/admin/syntheses", h), fakeContext())],
    [
      "PUT /api/admin/syntheses/:themeId",
      (h) =>
        syntheses(
          send("/api/admin/syntheses/modeles-economiques", { body: "x" }, h, "PUT"),
          fakeContext({ themeId: "modeles-economiques" }),
        ),
    ],
    ["POST /api/admin/rebuild", (h) => rebuild(send("/api/admin/rebuild", {}, h), fakeContext())],
  ];

  it.each(routes)("%s: 401 without a token, 401 with a wrong one, 200 with the right one", async (_name, call) => {
    const none = await call({});
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      error: "unauthorized",
      message: expect.stringContaining("Connectez-vous"),
    });
    expect((await call(auth(`${TOKEN}x`))).status).toBe(401);
    expect((await call({ Authorization: TOKEN })).status).toBe(401);
    const ok = await call(auth());
    expect([200, 404]).toContain(ok.status); // 404: the random id of retained is not a published contribution
    expect(ok.status === 404 ? (await ok.json()).error : "ok").not.toBe("unauthorized");
  });

  it("GET /api/admin/session tells the sign-in mode, then who is signed in", async () => {
    expect(await (await session(get("/api/admin/session", {}), fakeContext())).json()).toEqual({ mode: "token" });
    expect((await session(get("/api/admin/session", auth("faux")), fakeContext())).status).toBe(401);
    expect(await (await session(get("/api/admin/session"), fakeContext())).json()).toEqual({
      mode: "token",
      moderator: { name: "Modérateur (jeton de démarrage)" },
    });
    const signIn = await session(
      send("/api/admin/session", { email: "a@exemple.fr", password: "x" }, {}),
      fakeContext(),
    );
    expect(signIn.status).toBe(404);
  });
});

describe("named moderators of the token sign-in", () => {
  it("sign in with their own token, are named in the log, and are refused once revoked", async () => {
    const token = newModeratorToken();
    const camille = await store.addModeratorToken({
      displayName: "Camille Martin",
      tokenHash: moderatorTokenDigest(token),
    });
    provideModeratorAuth(new TokenModeratorAuth(TOKEN, store));
    expect(await (await session(get("/api/admin/session", auth(token)), fakeContext())).json()).toEqual({
      mode: "token",
      moderator: { name: "Camille Martin" },
    });
    const id = await pendingContribution();
    const decided = await decisions(
      send("/api/admin/decisions", { type: "contribution", ids: [id], decision: "publish" }, auth(token)),
      fakeContext(),
    );
    expect(decided.status).toBe(200);
    const log = await db.query(
      "select actor, actor_name from public.moderation_events where subject_id = $1 and action = 'published'",
      [id],
    );
    expect(log.rows).toEqual([{ actor: camille.id, actor_name: "Camille Martin" }]);
    // The bootstrap token still works beside the named ones; a digest is not a token.
    expect((await queue(get("/api/admin/queue"), fakeContext())).status).toBe(200);
    expect((await queue(get("/api/admin/queue", auth(moderatorTokenDigest(token))), fakeContext())).status).toBe(401);
    await store.revokeModeratorToken(camille.id);
    expect((await queue(get("/api/admin/queue", auth(token)), fakeContext())).status).toBe(401);
  });
});

describe("Supabase Auth in production: 403 for a user who is not a moderator", () => {
  const userId = "5f0d8c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f";
  const supabaseUrl = "https://projet-test.supabase.co";

  function supabaseAuth() {
    const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url === `${supabaseUrl}/auth/v1/user`) {
        const token = new Headers(init?.headers).get("authorization");
        return token === "Bearer jeton-supabase-valide"
          ? Response.json({ id: userId, aud: "authenticated", role: "authenticated", email: "m@exemple.fr" })
          : Response.json({ message: "invalid JWT" }, { status: 401 });
      }
      return Response.json({ message: `unexpected ${url}` }, { status: 500 });
    });
    const client = createServiceClient(supabaseUrl, "service-role-key-for-tests-0123456789", {
      fetchImpl: fetchStub as typeof fetch,
    });
    return { auth: new SupabaseModeratorAuth(client, store), fetchStub };
  }

  it("401 for a token Supabase refuses, 403 for a real user not listed, 200 once listed", async () => {
    const { auth: supabase, fetchStub } = supabaseAuth();
    provideModeratorAuth(supabase);
    const call = (token: string) => queue(get("/api/admin/queue", { Authorization: `Bearer ${token}` }), fakeContext());
    expect((await call("jeton-forge")).status).toBe(401);
    const forbidden = await call("jeton-supabase-valide");
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).message).toContain("pas autorisé");
    await db.query("insert into auth.users (id, email) values ($1, 'm@exemple.fr')", [userId]);
    await db.query("insert into public.moderators (user_id, display_name) values ($1, 'Équipe mission')", [userId]);
    expect((await call("jeton-supabase-valide")).status).toBe(200);
    expect(fetchStub).toHaveBeenCalledWith(`${supabaseUrl}/auth/v1/user`, expect.anything());
  });
});

describe("decisions", () => {
  it("publishes, logging who and when, and the public snapshot then holds it", async () => {
    const id = await pendingContribution();
    const response = await decide({ type: "contribution", ids: [id], decision: "publish" });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      decided: [id],
      unchanged: [],
      rebuild: { status: "manual", message: expect.stringContaining("npm run build") },
    });
    expect(await statusOf(id)).toBe("published");
    const log = await db.query("select action, actor from public.moderation_events where subject_id = $1 order by id", [
      id,
    ]);
    expect(log.rows).toEqual([
      { action: "submitted", actor: "citizen" },
      { action: "published", actor: "moderateur-local" },
    ]);
    expect((await store.publicSnapshot()).contributions.map((row) => row.id)).toContain(id);
    // Deciding again changes nothing and says so.
    expect(await (await decide({ type: "contribution", ids: [id], decision: "publish" })).json()).toMatchObject({
      decided: [],
      unchanged: [id],
    });
  });

  it("rejects only with a reason, stored with the moderator's words, and never public", async () => {
    const id = await pendingContribution();
    const noReason = await decide({ type: "contribution", ids: [id], decision: "reject" });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).issues).toEqual([{ path: "reasonCode", message: "Choisissez la raison du rejet." }]);
    const otherWithoutText = await decide({ type: "contribution", ids: [id], decision: "reject", reasonCode: "other" });
    expect((await otherWithoutText.json()).issues[0].path).toBe("reasonText");
    expect(await statusOf(id)).toBe("pending");
    const ok = await decide({
      type: "contribution",
      ids: [id],
      decision: "reject",
      reasonCode: "advertising",
      reasonText: "lien commercial",
    });
    expect(ok.status).toBe(200);
    const [row] = (await db.query("select status, moderation_reason from public.contributions where id = $1", [id]))
      .rows;
    expect(row).toEqual({ status: "rejected", moderation_reason: "Publicité ou promotion : lien commercial" });
    const log = await db.query(
      "select reason from public.moderation_events where subject_id = $1 and action = 'rejected'",
      [id],
    );
    expect(log.rows).toEqual([{ reason: "Publicité ou promotion : lien commercial" }]);
    expect((await store.publicSnapshot()).contributions.map((c) => c.id)).not.toContain(id);
  });

  it("refuses a rejection note with a NUL character as invalid characters, not as too long", async () => {
    const id = await pendingContribution();
    const response = await decide({
      type: "contribution",
      ids: [id],
      decision: "reject",
      reasonCode: "other",
      reasonText: "lien\u0000commercial",
    });
    expect(response.status).toBe(400);
    const [issue] = (await response.json()).issues;
    expect(issue).toEqual({ path: "reasonText", message: expect.stringContaining("caractère invalide") });
    expect(issue.message).not.toContain("500");
    expect(await statusOf(id)).toBe("pending");
  });

  it("decides in bulk, in one call", async () => {
    const ids = [await pendingContribution(), await pendingContribution(), await pendingContribution()];
    const body = await (await decide({ type: "contribution", ids, decision: "publish" })).json();
    expect(new Set(body.decided)).toEqual(new Set(ids));
    for (const id of ids) expect(await statusOf(id)).toBe("published");
  });
});

describe("the queue", () => {
  it("pages oldest first with a cursor, with no cap on how far it reaches, and counts per state", async () => {
    for (let i = 0; i < 7; i++) await pendingContribution();
    const expected = (
      await db.query<{ id: string }>(
        "select id from public.contributions where status = 'pending' order by created_at, id",
      )
    ).rows.map((row) => row.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/admin/queue?type=contribution&status=pending&limit=3${after ? `&after=${after}` : ""}`;
      const page = await (await queue(get(query), fakeContext())).json();
      seen.push(...page.items.map((item: { id: string }) => item.id));
      expect(page.counts.contribution.pending).toBe(expected.length);
      after = page.nextCursor;
      pages++;
    } while (after && pages < 50);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 3));
  });

  it("400 for an unknown status or a forged cursor", async () => {
    expect((await queue(get("/api/admin/queue?status=tout"), fakeContext())).status).toBe(400);
    expect((await queue(get("/api/admin/queue?after=pas-un-curseur"), fakeContext())).status).toBe(400);
    expect((await queue(get("/api/admin/queue?type=initiative&status=flagged"), fakeContext())).status).toBe(400);
  });
});

describe("flags", () => {
  /** A flag from browser token n, from network `ip` (by default a network of its own). */
  const flag = (id: string, n: number, ip = `192.0.2.${n}`) =>
    flags(
      jsonRequest(`/api/contributions/${id}/flags`, {
        reason: "insulting",
        voterToken: `signaleur-${n}-0000000000000000`,
      }),
      fakeContext({ id }, ip),
    );

  it("sends a published contribution back to review at the third flag, and lists it as flagged", async () => {
    const id = await pendingContribution();
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    await flag(id, 1);
    await flag(id, 2);
    expect(await statusOf(id)).toBe("published");
    const flagged = await (await queue(get("/api/admin/queue?status=flagged"), fakeContext())).json();
    expect(flagged.items.find((item: { id: string }) => item.id === id)).toMatchObject({
      openFlags: 2,
      flagNetworks: 2,
      flagReasons: ["insulting"],
    });
    await flag(id, 3);
    expect(await statusOf(id)).toBe("pending");
    const log = await db.query(
      "select actor, reason from public.moderation_events where subject_id = $1 and action = 'returned_to_review'",
      [id],
    );
    expect(log.rows).toEqual([{ actor: "system", reason: "signalée depuis 3 réseaux distincts" }]);
    // A moderator publishes it again after reading the flags: from then on, flags queue it, they never hide it.
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    for (const n of [4, 5, 6, 7]) expect((await flag(id, n)).status).toBe(201);
    expect(await statusOf(id)).toBe("published");
    const again = await (await queue(get("/api/admin/queue?status=flagged"), fakeContext())).json();
    expect(again.items.find((item: { id: string }) => item.id === id)).toMatchObject({
      status: "published",
      openFlags: 4,
      flagNetworks: 4,
      flagsReviewedAt: expect.any(String),
    });
    expect(
      (
        await db.query(
          "select 1 from public.moderation_events where subject_id = $1 and action = 'returned_to_review'",
          [id],
        )
      ).rows,
    ).toHaveLength(1);
  });

  it("does not take a contribution down on three flags from three fresh tokens of one network", async () => {
    const id = await pendingContribution();
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    for (const n of [11, 12, 13, 14, 15]) expect((await flag(id, n, "198.51.100.9")).status).toBe(201);
    expect(await statusOf(id)).toBe("published");
    const flagged = await (await queue(get("/api/admin/queue?status=flagged"), fakeContext())).json();
    expect(flagged.items.find((item: { id: string }) => item.id === id)).toMatchObject({
      openFlags: 5,
      flagNetworks: 1,
    });
    // Two other networks make three: back to review.
    await flag(id, 16, "198.51.100.10");
    expect(await statusOf(id)).toBe("published");
    await flag(id, 17, "2001:db8::17");
    expect(await statusOf(id)).toBe("pending");
  });

  it("logs the closing of flags on a contribution the moderator keeps online", async () => {
    const id = await pendingContribution();
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    await flag(id, 21);
    const kept = await (await decide({ type: "contribution", ids: [id], decision: "publish" })).json();
    expect(kept).toMatchObject({ unchanged: [id] });
    const log = await db.query<{ action: string; actor: string; reason: string }>(
      "select action, actor, reason from public.moderation_events where subject_id = $1 order by id",
      [id],
    );
    expect(log.rows.map((row) => row.action)).toEqual(["submitted", "published", "flagged", "flags_resolved"]);
    expect(log.rows.at(-1)).toMatchObject({ reason: "signalements écartés, contribution maintenue" });
    expect(log.rows.at(-1)?.actor).not.toBe("system");
  });

  it("follows the flag threshold the database holds (integrity_settings), not an argument", async () => {
    const fresh = await memoryStore({ flag_networks_for_review: 1, flag_max: 1000 });
    const strict = fresh.opened;
    provideStore(strict);
    try {
      const id = await pendingContribution();
      await strict.store.moderate({ subjectType: "contribution", ids: [id], decision: "publish", actor: "t" });
      await flag(id, 9);
      const [row] = (
        await fresh.db.query<{ status: string }>("select status from public.contributions where id = $1", [id])
      ).rows;
      expect(row?.status).toBe("pending");
    } finally {
      provideStore({ store, hashSalt: "test-salt-0123456789abcdef0123456789abcdef" });
    }
  });
});

describe("retained contributions and syntheses", () => {
  it("retains a published contribution only", async () => {
    const id = await pendingContribution();
    const call = (value: boolean) =>
      retained(send("/api/admin/retained", { contributionId: id, retained: value }), fakeContext());
    expect((await call(true)).status).toBe(404);
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    expect(await (await call(true)).json()).toEqual({ retained: true });
    expect((await store.publicSnapshot()).contributions.find((c) => c.id === id)?.retained).toBe(true);
  });

  it("saves a theme's synthesis, refuses an unknown theme and an oversized text", async () => {
    const put = (themeId: string, body: string) =>
      syntheses(send(`/api/admin/syntheses/${themeId}`, { body }, auth(), "PUT"), fakeContext({ themeId }));
    expect(
      (await put("modeles-economiques", "## Ce que disent les contributions\n\nLes lieux **mutualisent**.")).status,
    ).toBe(200);
    expect((await put("theme-inconnu", "x")).status).toBe(404);
    expect((await put("modeles-economiques", "x".repeat(20_001))).status).toBe(400);
    // 20,000 accented characters are 40 KB of UTF-8: still accepted.
    expect((await put("modeles-economiques", "é".repeat(20_000))).status).toBe(200);
    expect(
      (await put("modeles-economiques", "## Ce que disent les contributions\n\nLes lieux **mutualisent**.")).status,
    ).toBe(200);
    const list = await (await syntheses(get("/api/admin/syntheses"), fakeContext())).json();
    expect(list.syntheses).toEqual([
      { themeId: "modeles-economiques", body: expect.stringContaining("mutualisent"), updatedAt: expect.any(String) },
    ]);
  });
});

describe("rebuild: several publications in a row, one build", () => {
  it("the schedule calls the build hook once for a burst, then not again until something changes", async () => {
    vi.stubEnv("NETLIFY_BUILD_HOOK_URL", "https://api.netlify.com/build_hooks/test-hook");
    const hook = vi.fn(async () => new Response(null, { status: 200 }));
    vi.stubGlobal("fetch", hook);
    await scheduledRebuild(); // settles anything earlier tests published
    hook.mockClear();

    const ids = [await pendingContribution(), await pendingContribution()];
    for (const id of ids) {
      const body = await (await decide({ type: "contribution", ids: [id], decision: "publish" })).json();
      expect(body.rebuild.status).toBe("scheduled");
    }
    await scheduledRebuild();
    await scheduledRebuild();
    expect(hook).toHaveBeenCalledTimes(1);
    expect(hook).toHaveBeenCalledWith(
      "https://api.netlify.com/build_hooks/test-hook",
      expect.objectContaining({ method: "POST" }),
    );

    // A pending submission is not a public change.
    await pendingContribution();
    await scheduledRebuild();
    expect(hook).toHaveBeenCalledTimes(1);
  });

  it("tries again at the next run when the build hook fails", async () => {
    vi.stubEnv("NETLIFY_BUILD_HOOK_URL", "https://api.netlify.com/build_hooks/test-hook");
    const hook = vi.fn(async () => new Response(null, { status: 200 }));
    vi.stubGlobal("fetch", hook);
    await scheduledRebuild();
    hook.mockClear();
    hook.mockResolvedValueOnce(new Response("down", { status: 502 }));
    await decide({ type: "contribution", ids: [await pendingContribution()], decision: "publish" });
    await scheduledRebuild();
    await scheduledRebuild();
    expect(hook).toHaveBeenCalledTimes(2);
  });
});

describe("rebuild: what no decision requests a build for, at the next scheduled run", () => {
  const hookCalls = async (setUp: () => Promise<unknown>) => {
    vi.stubEnv("NETLIFY_BUILD_HOOK_URL", "https://api.netlify.com/build_hooks/test-hook");
    const hook = vi.fn(async () => new Response(null, { status: 200 }));
    vi.stubGlobal("fetch", hook);
    await scheduledRebuild(); // settles what earlier tests changed
    hook.mockClear();
    await setUp();
    await scheduledRebuild();
    await scheduledRebuild();
    return hook.mock.calls.length;
  };

  it("one build for the consultation's opening, one for its closing, none in between", async () => {
    // Before opening day, then the build that page state has seen.
    vi.stubEnv("CONSULTATION_CLOCK", "2018-04-11T23:00:00+02:00");
    await hookCalls(async () => {});
    // Across the opening instant (00:00 in Paris): exactly one build.
    expect(await hookCalls(async () => vi.stubEnv("CONSULTATION_CLOCK", "2018-04-12T00:00:00+02:00"))).toBe(1);
    // Still open a month later: nothing to rebuild.
    expect(await hookCalls(async () => vi.stubEnv("CONSULTATION_CLOCK", "2018-05-12T10:00:00+02:00"))).toBe(0);
    // Across the closing instant (the end of 15 June in Paris): exactly one build.
    expect(await hookCalls(async () => vi.stubEnv("CONSULTATION_CLOCK", "2018-06-16T00:00:00+02:00"))).toBe(1);
    expect(await hookCalls(async () => {})).toBe(0);
  });

  it("one build when abuse flags send a published contribution back to review", async () => {
    const id = await pendingContribution();
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    const flagIt = (index: number) =>
      flags(
        send(`/api/contributions/${id}/flags`, { reason: "other", voterToken: `jeton-signalement-${index}-0000` }, {}),
        fakeContext({ id }, `198.51.100.${index}`),
      );
    expect(
      await hookCalls(async () => {
        for (const index of [1, 2, 3]) expect((await flagIt(index)).status).toBe(201);
      }),
    ).toBe(1);
    expect(await statusOf(id)).toBe("pending");
  });

  it("one build for a « retained » mark, one for a saved synthesis", async () => {
    const id = await pendingContribution();
    await decide({ type: "contribution", ids: [id], decision: "publish" });
    expect(
      await hookCalls(() =>
        retained(send("/api/admin/retained", { contributionId: id, retained: true }), fakeContext()),
      ),
    ).toBe(1);
    expect(
      await hookCalls(() =>
        syntheses(
          send("/api/admin/syntheses/ancrage-territorial", { body: "## Synthèse\n\nUn texte." }, auth(), "PUT"),
          fakeContext({ themeId: "ancrage-territorial" }),
        ),
      ),
    ).toBe(1);
  });
});
