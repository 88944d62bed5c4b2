/**
 * One clock, on every database the store runs on (PGlite always, PostgreSQL
 * with npm run test:db): on a demonstration clock, every date the store
 * writes for activity is the clock's instant; on the real clock, or with no
 * clock, it is the database's now(). The rate limit and the rebuild
 * bookkeeping stay on the database's real clock either way
 * (supabase/migrations/20261203090000_one_clock.sql).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Clock, clockFromEnv } from "../../src/server/clock";
import type { SqlPort } from "../../src/server/store/sql-port";
import { type NewContribution, type NewInitiative, Store } from "../../src/server/store/store";
import { summaryInput } from "../../src/server/summary";

type Query = <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<Row[]>;

/** What the suite needs: a port to build stores on (with the clock each test chooses), and the owner's queries. */
export interface ClockDatabase {
  port: SqlPort;
  /** As the owner (bypasses RLS). */
  query: Query;
  close(): Promise<void>;
}

/** An instant inside the 2018 window, far from any real now(). */
const DEMO = "2018-05-15T10:00:00+02:00";
const demoEpoch = Date.parse(DEMO) / 1000;

const territory = {
  postalCode: "23000",
  communeCode: "23096",
  communeName: "Guéret",
  departementCode: "23",
  departementName: "Creuse",
  regionCode: "75",
  regionName: "Nouvelle-Aquitaine",
  territoryType: "small-town",
} as const;

let sequence = 0;
/** A hash-shaped string of the right length (16 to 128 characters), unique per call. */
const hash = (what: string) => {
  sequence += 1;
  return `${what}-${String(sequence).padStart(6, "0")}-${"c".repeat(16)}`;
};
const authored = () => ({
  idempotencyKey: crypto.randomUUID(),
  pseudonym: "Horloge",
  profile: "habitant" as const,
  territory,
  authorHash: hash("author"),
  email: "horloge@exemple.fr",
  contactConsent: true,
});
const answer = (): NewContribution => ({
  ...authored(),
  kind: "answer",
  themeId: "ancrage-territorial",
  questionId: "freins-rencontres",
  body: `Une horloge pour tout le site, contribution ${hash("body")}.`,
});
const initiative = (): NewInitiative => ({
  ...authored(),
  name: `Atelier de l'horloge ${hash("name").slice(-22)}`,
  initiativeKind: "fablab",
  description: "Un atelier ouvert aux habitants deux soirs par semaine, daté par l'horloge de la consultation.",
});

/** Every date the scenario's rows carry, as (column, epoch seconds). */
const DATED_COLUMNS = `
  select 'contributions.created_at' as col, extract(epoch from created_at)::float8 as t
    from public.contributions where id = any ($1::uuid[])
  union all select 'contributions.moderated_at', extract(epoch from moderated_at)::float8
    from public.contributions where id = any ($1::uuid[]) and moderated_at is not null
  union all select 'contributions.published_at', extract(epoch from published_at)::float8
    from public.contributions where id = any ($1::uuid[]) and published_at is not null
  union all select 'contributions.flags_reviewed_at', extract(epoch from flags_reviewed_at)::float8
    from public.contributions where id = any ($1::uuid[]) and flags_reviewed_at is not null
  union all select 'initiatives.created_at', extract(epoch from created_at)::float8
    from public.initiatives where id = any ($1::uuid[])
  union all select 'initiatives.moderated_at', extract(epoch from moderated_at)::float8
    from public.initiatives where id = any ($1::uuid[]) and moderated_at is not null
  union all select 'initiatives.published_at', extract(epoch from published_at)::float8
    from public.initiatives where id = any ($1::uuid[]) and published_at is not null
  union all select 'private_contacts.created_at', extract(epoch from created_at)::float8
    from public.private_contacts where contribution_id = any ($1::uuid[]) or initiative_id = any ($1::uuid[])
  union all select 'reactions.created_at', extract(epoch from created_at)::float8
    from public.reactions where contribution_id = any ($1::uuid[])
  union all select 'flags.created_at', extract(epoch from created_at)::float8
    from public.flags where contribution_id = any ($1::uuid[])
  union all select 'flags.resolved_at', extract(epoch from resolved_at)::float8
    from public.flags where contribution_id = any ($1::uuid[]) and resolved_at is not null
  union all select 'moderation_events.created_at:' || action, extract(epoch from created_at)::float8
    from public.moderation_events where subject_id = any ($1::uuid[])
  union all select 'syntheses.updated_at', extract(epoch from updated_at)::float8
    from public.syntheses where theme_id = $2
`;

/** Every column the scenario must date: a write that stops dating one fails the suite. */
const EXPECTED_COLUMNS = [
  "contributions.created_at",
  "contributions.moderated_at",
  "contributions.published_at",
  "contributions.flags_reviewed_at",
  "initiatives.created_at",
  "initiatives.moderated_at",
  "initiatives.published_at",
  "private_contacts.created_at",
  "reactions.created_at",
  "flags.created_at",
  "flags.resolved_at",
  "moderation_events.created_at:submitted",
  "moderation_events.created_at:published",
  "moderation_events.created_at:flagged",
  "moderation_events.created_at:returned_to_review",
  "moderation_events.created_at:flags_resolved",
  "moderation_events.created_at:retained",
  "syntheses.updated_at",
];

export function describeClockContract(name: string, connect: () => Promise<ClockDatabase>): void {
  describe(`one clock on ${name}`, () => {
    let db: ClockDatabase;
    /** The database's real clock now, in epoch seconds. */
    const databaseNow = async () =>
      (await db.query<{ t: number }>("select extract(epoch from clock_timestamp())::float8 as t"))[0]?.t ?? Number.NaN;

    beforeAll(async () => {
      db = await connect();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    /**
     * A submission of each kind, its moderation, a reaction, flags up to the review threshold
     * and past it, a retained mark, a synthesis and a summary: every write that dates activity.
     */
    async function scenario(store: Store, themeId: string) {
      const created = async (outcome: Awaited<ReturnType<Store["submitContribution"]>>) => {
        if (outcome.outcome !== "created") throw new Error(`expected created, got ${outcome.outcome}`);
        return outcome.id;
      };
      const publish = async (subjectType: "contribution" | "initiative", id: string) =>
        expect(await store.moderate({ subjectType, ids: [id], decision: "publish", actor: "horloge" })).toMatchObject({
          outcome: "decided",
        });
      const flag = async (contributionId: string) =>
        expect(
          await store.flag({ contributionId, reason: "off-topic", voterHash: hash("voter"), networkHash: hash("net") }),
        ).toEqual({ outcome: "created" });

      const answerId = await created(await store.submitContribution(answer()));
      await publish("contribution", answerId);
      const replyId = await created(
        await store.submitContribution({
          ...authored(),
          kind: "reply",
          parentId: answerId,
          stance: "for",
          body: `D'accord : une seule horloge, réponse ${hash("body")}.`,
        }),
      );
      await publish("contribution", replyId);
      const initiativeId = await created(await store.submitInitiative(initiative()));
      await publish("initiative", initiativeId);
      expect(
        await store.react({
          contributionId: answerId,
          kind: "support",
          voterHash: hash("voter"),
          networkHash: hash("net"),
        }),
      ).toMatchObject({ outcome: "created" });
      // Three networks send it back to review; publishing it again closes their flags and keeps it.
      for (let n = 0; n < 3; n += 1) await flag(answerId);
      expect((await db.query("select status from public.contributions where id = $1", [answerId]))[0]).toEqual({
        status: "pending",
      });
      await publish("contribution", answerId);
      // A later flag queues it without hiding it; a decision that changes nothing closes it (flags_resolved).
      await flag(answerId);
      await publish("contribution", answerId);
      expect(await store.setRetained({ contributionId: answerId, retained: true, actor: "horloge" })).toBe(true);
      const synthesis = await store.saveSynthesis({ themeId, body: "## Synthèse\n\nUne horloge.", actor: "horloge" });
      const summary = await store.refreshSummary(summaryInput);

      const dated = await db.query<{ col: string; t: number }>(DATED_COLUMNS, [
        [answerId, replyId, initiativeId],
        themeId,
      ]);
      expect([...new Set(dated.map((row) => row.col))].sort()).toEqual([...EXPECTED_COLUMNS].sort());
      return { dated, synthesis, summary };
    }

    it("dates every write at the demonstration clock's instant", async () => {
      const store = new Store(db.port, { clock: () => clockFromEnv({ CONSULTATION_CLOCK: DEMO }) });
      const { dated, synthesis, summary } = await scenario(store, "ancrage-territorial");
      expect(dated.filter((row) => row.t !== demoEpoch)).toEqual([]);
      expect(synthesis.updatedAt).toBe(new Date(DEMO).toISOString());
      expect(Date.parse(summary.computed_at)).toBe(Date.parse(DEMO));
      expect(Date.parse((await store.latestSummary())?.computed_at ?? "")).toBe(Date.parse(DEMO));
    });

    it("keeps the rate limit and the rebuild bookkeeping on the database's real clock", async () => {
      const store = new Store(db.port, { clock: () => clockFromEnv({ CONSULTATION_CLOCK: DEMO }) });
      expect(await store.submitContribution(answer())).toMatchObject({ outcome: "created" });
      const now = await databaseNow();
      const hits = await db.query<{ t: number }>(
        "select extract(epoch from hit_at)::float8 as t from public.rate_limit_hits",
      );
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) expect(Math.abs(hit.t - now)).toBeLessThan(600);
      const [state] = await db.query<{ changed: number }>(
        "select extract(epoch from public_changed_at)::float8 as changed from public.site_state",
      );
      expect(Math.abs((state?.changed ?? 0) - now)).toBeLessThan(600);
      // And a claim still sees the demonstration-clock change that came after the last one.
      await store.claimRebuild();
      await store.saveSynthesis({ themeId: "modeles-economiques", body: "Encore.", actor: "horloge" });
      expect(await store.claimRebuild()).toBe(true);
    });

    const realClocks: [string, (() => Clock) | undefined][] = [
      ["on the real clock (CONSULTATION_CLOCK=real)", () => clockFromEnv({ CONSULTATION_CLOCK: "real" })],
      ["when the store is given no clock", undefined],
    ];
    for (const [label, clock] of realClocks) {
      it(`dates every write with the database's now() ${label}`, async () => {
        const store = new Store(db.port, { clock });
        const before = await databaseNow();
        const { dated, summary } = await scenario(store, "modeles-economiques");
        const after = await databaseNow();
        const outside = dated.filter((row) => row.t < before - 1 || row.t > after + 1);
        expect(outside).toEqual([]);
        const computed = Date.parse(summary.computed_at) / 1000;
        expect(computed).toBeGreaterThanOrEqual(before - 1);
        expect(computed).toBeLessThanOrEqual(after + 1);
      });
    }

    it("serves the summary stored last, even when a demonstration clock dates it earlier than the one before", async () => {
      const at = (instant: string) =>
        new Store(db.port, { clock: () => clockFromEnv({ CONSULTATION_CLOCK: instant }) });
      await at("2018-06-15T18:00:00+02:00").refreshSummary(summaryInput);
      await at("2018-05-01T10:00:00+02:00").refreshSummary(summaryInput);
      const latest = await at("2018-05-01T10:00:00+02:00").latestSummary();
      expect(Date.parse(latest?.computed_at ?? "")).toBe(Date.parse("2018-05-01T10:00:00+02:00"));
      // Ten kept: the last stored ones, whatever their dates.
      for (let n = 0; n < 10; n += 1) await at("2018-06-15T18:00:00+02:00").refreshSummary(summaryInput);
      await at("2018-04-20T10:00:00+02:00").refreshSummary(summaryInput);
      const kept = await db.query<{ n: number }>("select count(*)::int as n from public.summaries");
      const [last] = await db.query<{ id: number; t: number }>(
        "select id::int, extract(epoch from computed_at)::float8 as t from public.summaries order by id desc limit 1",
      );
      expect(kept[0]?.n).toBe(10);
      expect(last?.t).toBe(Date.parse("2018-04-20T10:00:00+02:00") / 1000);
    });

    it("lets only service_role execute the functions that take the clock's instant", async () => {
      const rows = await db.query<{
        fn: string;
        public: boolean;
        anon: boolean;
        authenticated: boolean;
        service: boolean;
      }>(
        `select p.oid::regprocedure::text as fn,
                -- No ACL at all is the default: PUBLIC may execute.
                p.proacl is null or p.proacl::text ~ '[{,]=' as public,
                has_function_privilege('anon', p.oid, 'execute') as anon,
                has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
                has_function_privilege('service_role', p.oid, 'execute') as service
         from pg_catalog.pg_proc p
         where p.pronamespace = 'public'::regnamespace
           and p.proname in ('submit_contribution', 'submit_initiative', 'flag_contribution', 'react_to_contribution',
                             'moderate', 'set_retained', 'save_synthesis', 'refresh_summary', 'latest_summary')
         order by 1`,
      );
      expect(rows).toHaveLength(9);
      expect(rows.filter((row) => row.public || row.anon || row.authenticated || !row.service)).toEqual([]);
    });
  });
}
