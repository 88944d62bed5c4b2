/**
 * The functions on the store openStore gives (as Netlify and npm start get
 * it): on a demonstration clock, what a citizen sends and what a moderator
 * decides is dated at the clock's instant, as are the synthesis saved and
 * the summary served; on the real clock, at the database's now().
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import decisions from "../../netlify/functions/admin-decisions";
import retained from "../../netlify/functions/admin-retained";
import syntheses from "../../netlify/functions/admin-syntheses";
import contributions from "../../netlify/functions/contributions";
import flags from "../../netlify/functions/flags";
import initiatives from "../../netlify/functions/initiatives";
import reactions from "../../netlify/functions/reactions";
import scheduledRebuild from "../../netlify/functions/scheduled-rebuild";
import summary from "../../netlify/functions/summary";
import { parseEnv } from "../../src/server/env";
import { provideModeratorAuth, TokenModeratorAuth } from "../../src/server/moderator-auth";
import { forgetStore, openStore, provideStore } from "../../src/server/store/open-store";
import type { PgliteSqlPort } from "../../src/server/store/pglite-port";
import type { Store } from "../../src/server/store/store";
import { answer, fakeContext, initiative, jsonRequest } from "../support/pglite-store";

const TOKEN = "jeton-de-moderation-pour-l-horloge-0123";
const DEMO = "2018-05-15T10:00:00+02:00";
let store: Store;
const db = () => (store.port as PgliteSqlPort).db;

const moderator = (path: string, body: unknown, method = "POST") =>
  new Request(`http://localhost${path}`, {
    method,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
const created = async (response: Response): Promise<string> => {
  expect(response.status).toBe(201);
  return (await response.json()).id;
};
const publish = async (type: "contribution" | "initiative", id: string) =>
  expect(
    (await decisions(moderator("/api/admin/decisions", { type, ids: [id], decision: "publish" }), fakeContext()))
      .status,
  ).toBe(200);

/** Every date written for these subjects, in epoch milliseconds, by column. */
async function datesOf(ids: string[]): Promise<Map<string, number[]>> {
  const { rows } = await db().query<{ col: string; t: Date }>(
    `select 'contributions.' || c.col as col, c.t from public.contributions x,
       lateral (values ('created_at', x.created_at), ('moderated_at', x.moderated_at), ('published_at', x.published_at)) c (col, t)
       where x.id = any ($1::uuid[]) and c.t is not null
     union all select 'initiatives.' || c.col, c.t from public.initiatives x,
       lateral (values ('created_at', x.created_at), ('moderated_at', x.moderated_at), ('published_at', x.published_at)) c (col, t)
       where x.id = any ($1::uuid[]) and c.t is not null
     union all select 'private_contacts.created_at', created_at from public.private_contacts
       where contribution_id = any ($1::uuid[]) or initiative_id = any ($1::uuid[])
     union all select 'reactions.created_at', created_at from public.reactions where contribution_id = any ($1::uuid[])
     union all select 'flags.created_at', created_at from public.flags where contribution_id = any ($1::uuid[])
     union all select 'moderation_events.created_at', created_at from public.moderation_events where subject_id = any ($1::uuid[])
     union all select 'syntheses.updated_at', updated_at from public.syntheses`,
    [ids],
  );
  const dates = new Map<string, number[]>();
  for (const row of rows) dates.set(row.col, [...(dates.get(row.col) ?? []), row.t.getTime()]);
  return dates;
}

/** What a moderator does: publish, retain, save a synthesis; then the schedule refreshes the summary. */
async function moderate(ids: { answerId: string; initiativeId?: string }) {
  await publish("contribution", ids.answerId);
  if (ids.initiativeId) await publish("initiative", ids.initiativeId);
  const retain = await retained(
    moderator("/api/admin/retained", { contributionId: ids.answerId, retained: true }),
    fakeContext(),
  );
  expect(retain.status).toBe(200);
  const saved = await syntheses(
    moderator("/api/admin/syntheses/ancrage-territorial", { body: "## Synthèse\n\nUne horloge." }, "PUT"),
    fakeContext({ themeId: "ancrage-territorial" }),
  );
  expect(saved.status).toBe(200);
  expect((await scheduledRebuild()).status).toBe(204);
  const figures = await (await summary(new Request("http://localhost/api/summary"), fakeContext())).json();
  return { updatedAt: (await saved.json()).updatedAt as string, computedAt: figures.computedAt as string };
}

beforeAll(async () => {
  // The production path: the store and its clock come from the environment.
  const opened = await openStore(parseEnv({ PGLITE_DATA_DIR: "memory://one-clock" }));
  store = opened.store;
  provideStore(opened);
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
});
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(async () => {
  forgetStore();
  await store.close();
});

describe("one clock through the functions", () => {
  it("dates what citizens send and moderators decide at the demonstration clock's instant", async () => {
    vi.stubEnv("CONSULTATION_CLOCK", DEMO);
    const answerId = await created(
      await contributions(
        jsonRequest("/api/contributions", answer({ email: "horloge@exemple.fr", contactConsent: true })),
        fakeContext({}, ip()),
      ),
    );
    const initiativeId = await created(
      await initiatives(jsonRequest("/api/initiatives", initiative()), fakeContext({}, ip())),
    );
    const { updatedAt, computedAt } = await moderate({ answerId, initiativeId });
    const id = answerId;
    const voterToken = crypto.randomUUID().replace(/-/g, "");
    expect(
      (
        await reactions(
          jsonRequest(`/api/contributions/${id}/reactions`, { kind: "support", voterToken }),
          fakeContext({ id }),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await flags(
          jsonRequest(`/api/contributions/${id}/flags`, { reason: "off-topic", details: "", voterToken }),
          fakeContext({ id }),
        )
      ).status,
    ).toBe(201);

    const dates = await datesOf([answerId, initiativeId]);
    expect([...dates.keys()].sort()).toEqual([
      "contributions.created_at",
      "contributions.moderated_at",
      "contributions.published_at",
      "flags.created_at",
      "initiatives.created_at",
      "initiatives.moderated_at",
      "initiatives.published_at",
      "moderation_events.created_at",
      "private_contacts.created_at",
      "reactions.created_at",
      "syntheses.updated_at",
    ]);
    const elsewhen = [...dates].filter(([, times]) => times.some((time) => time !== Date.parse(DEMO)));
    expect(elsewhen).toEqual([]);
    expect(updatedAt).toBe(new Date(DEMO).toISOString());
    expect(Date.parse(computedAt)).toBe(Date.parse(DEMO));
  });

  it("dates what moderators decide at the database's now() on the real clock", async () => {
    // The 2018 consultation is closed by the real clock: the answer is sent on a demonstration one.
    vi.stubEnv("CONSULTATION_CLOCK", DEMO);
    const answerId = await created(
      await contributions(jsonRequest("/api/contributions", answer()), fakeContext({}, ip())),
    );
    vi.stubEnv("CONSULTATION_CLOCK", "real");
    // The real clock needs a database of its own: the functions' environment names this one.
    vi.stubEnv("PGLITE_DATA_DIR", "memory://one-clock");
    const before = Date.now();
    const { updatedAt, computedAt } = await moderate({ answerId });
    const after = Date.now();
    const dates = await datesOf([answerId]);
    const decided = [
      ...(dates.get("contributions.moderated_at") ?? []),
      ...(dates.get("contributions.published_at") ?? []),
      ...(dates.get("syntheses.updated_at") ?? []),
      Date.parse(updatedAt),
      Date.parse(computedAt),
    ];
    expect(decided).toHaveLength(5);
    // PGlite runs in this process: its now() is this clock (a second of slack either side).
    for (const time of decided) {
      expect(time).toBeGreaterThanOrEqual(before - 1_000);
      expect(time).toBeLessThanOrEqual(after + 1_000);
    }
    expect(dates.get("contributions.created_at")).toEqual([Date.parse(DEMO)]);
  });
});
