/**
 * Contributions from the field, on every database the store must work on
 * (PGlite in tests/db/pglite.test.ts, PostgreSQL in tests/db/postgres.test.ts):
 * enter_field_contribution writes an answer with its origin, published at
 * once or pending, logged as field_entered under the moderator; idempotent by
 * key, refusing a changed replay and a duplicate; no rate limit; counted in
 * the summary; its origin in the public snapshot. It runs with its invoker's
 * rights, callable by service_role only, on a table under row level security.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewFieldContribution } from "../../src/server/store/store";
import { setIntegritySettings } from "../support/integrity";
import type { ContractDatabase } from "./store-contract";

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

const summaryInput = { opensOn: "2018-04-12", closesOn: "2018-06-30", timeZone: "Europe/Paris", stopwords: [] };

let sequence = 0;
function fieldEntry(overrides: Partial<NewFieldContribution> = {}): NewFieldContribution {
  sequence += 1;
  return {
    idempotencyKey: crypto.randomUUID(),
    themeId: "ancrage-territorial",
    questionId: "freins-rencontres",
    body: `Lettre ${sequence} : au bourg, il manque un lieu où travailler à plusieurs.`,
    pseudonym: `Lectrice ${sequence}`,
    profile: "habitant",
    territory,
    contactConsent: false,
    origin: { kind: "letter" },
    publish: true,
    actor: "moderateur-terrain",
    ...overrides,
  };
}

export function describeFieldContract(name: string, connect: () => Promise<ContractDatabase>): void {
  describe(`contributions from the field on ${name}`, () => {
    let db: ContractDatabase;
    const logOf = (id: string) =>
      db.query<{ action: string; actor: string; reason: string | null }>(
        "select action, actor, reason from public.moderation_events where subject_id = $1 order by id",
        [id],
      );
    const enter = async (input: NewFieldContribution) => {
      const outcome = await db.store.enterFieldContribution(input);
      if (outcome.outcome !== "created") throw new Error(`expected created, got ${outcome.outcome}`);
      return outcome;
    };

    beforeAll(async () => {
      db = await connect();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it("publishes an entry at once: public with its origin, logged field_entered then published, a rebuild claimed", async () => {
      await db.store.claimRebuild();
      const entered = await enter(fieldEntry({ origin: { kind: "event", eventId: "la-recyclerie-paris" } }));
      expect(entered).toMatchObject({ status: "published", replayed: false });
      expect(await logOf(entered.id)).toEqual([
        { action: "field_entered", actor: "moderateur-terrain", reason: "visite la-recyclerie-paris" },
        { action: "published", actor: "moderateur-terrain", reason: null },
      ]);
      expect(await db.store.claimRebuild()).toBe(true);
      const row = (await db.store.publicSnapshot()).contributions.find((c) => c.id === entered.id);
      expect(row).toMatchObject({ origin: "event", origin_event_id: "la-recyclerie-paris", commune_name: "Guéret" });
      const [stored] = await db.query<{ moderated_at: unknown; published_at: unknown; parent_id: unknown }>(
        "select moderated_at, published_at, parent_id from public.contributions where id = $1",
        [entered.id],
      );
      expect(stored?.published_at).not.toBeNull();
      expect(stored?.moderated_at).not.toBeNull();
      expect(stored?.parent_id).toBeNull();
    });

    it("leaves an entry pending when asked: in the queue, not public, no rebuild claimed", async () => {
      await db.store.claimRebuild();
      const entered = await enter(fieldEntry({ origin: { kind: "email" }, publish: false }));
      expect(entered.status).toBe("pending");
      expect(await logOf(entered.id)).toEqual([
        { action: "field_entered", actor: "moderateur-terrain", reason: "courriel" },
      ]);
      expect(await db.store.claimRebuild()).toBe(false);
      expect((await db.store.publicSnapshot()).contributions.map((c) => c.id)).not.toContain(entered.id);
      const queue = await db.store.moderationQueue({ subjectType: "contribution", status: "pending", limit: 200 });
      expect(queue.map((item) => item.id)).toContain(entered.id);
    });

    it("answers a replay with the first entry, refuses a changed one and the same text for the same person", async () => {
      const input = fieldEntry({ email: "lectrice@example.org", contactConsent: true });
      const first = await enter(input);
      expect(await db.store.enterFieldContribution(input)).toEqual({ ...first, replayed: true });
      for (const changed of [
        { body: `${input.body} Corrigé.` },
        { origin: { kind: "email" as const } },
        { email: "autre@example.org" },
        { territory: { ...territory, postalCode: "23200", communeCode: "23008" } },
      ]) {
        expect(await db.store.enterFieldContribution({ ...input, ...changed }), JSON.stringify(changed)).toEqual({
          outcome: "changed_replay",
        });
      }
      expect(await db.store.enterFieldContribution({ ...input, idempotencyKey: crypto.randomUUID() })).toEqual({
        outcome: "duplicate",
      });
      // The same text for another person is theirs.
      await enter({ ...input, idempotencyKey: crypto.randomUUID(), pseudonym: "Un voisin" });
      expect(
        await db.query("select count(*)::int as n from public.moderation_events where subject_id = $1", [first.id]),
      ).toEqual([{ n: 2 }]);
      const contacts = await db.query("select email from public.private_contacts where contribution_id = $1", [
        first.id,
      ]);
      expect(contacts).toEqual([{ email: "lectrice@example.org" }]);
    });

    it("refuses, writing nothing, an origin the site does not enter or a visit without its id", async () => {
      const before = await db.query("select count(*)::int as n from public.contributions");
      const base = { ...fieldEntry(), territory: undefined };
      for (const payload of [
        { origin: "online" },
        { origin: "event" },
        { origin: "letter", origin_event_id: "la-recyclerie-paris" },
        { origin: "letter", actor: " " },
      ]) {
        const result = await db.store.port.call("enter_field_contribution", {
          ...base,
          idempotency_key: crypto.randomUUID(),
          theme_id: base.themeId,
          question_id: base.questionId,
          postal_code: territory.postalCode,
          commune_code: territory.communeCode,
          commune_name: territory.communeName,
          departement_code: territory.departementCode,
          departement_name: territory.departementName,
          region_code: territory.regionCode,
          region_name: territory.regionName,
          territory_type: territory.territoryType,
          actor: "moderateur-terrain",
          publish: true,
          ...payload,
        });
        expect(result, JSON.stringify(payload)).toEqual({ outcome: "invalid" });
      }
      expect(await db.query("select count(*)::int as n from public.contributions")).toEqual(before);
    });

    it("knows no rate limit: a citizen network's limit does not stop a moderator", async () => {
      await setIntegritySettings(db.query, { submission_max: 1 });
      try {
        for (let index = 0; index < 3; index += 1) await enter(fieldEntry());
      } finally {
        await setIntegritySettings(db.query, { submission_max: 60 });
      }
    });

    it("counts a published entry in the summary as a contribution and a participant, a pending one not", async () => {
      const before = (await db.store.refreshSummary(summaryInput)).data;
      await enter(fieldEntry({ publish: false }));
      await enter(fieldEntry());
      const after = (await db.store.refreshSummary(summaryInput)).data;
      expect(after.totals.contributions).toBe(before.totals.contributions + 1);
      expect(after.totals.participants).toBe(before.totals.participants + 1);
      const theme = (data: typeof after) => data.by_theme.find((row) => row.theme_id === "ancrage-territorial");
      expect(theme(after)?.contributions).toBe((theme(before)?.contributions ?? 0) + 1);
    });

    it("runs with its invoker's rights, for service_role only, on a table under row level security", async () => {
      const [fn] = await db.query<{ definer: boolean; anon: boolean; authenticated: boolean; service: boolean }>(
        `select p.prosecdef as definer,
                has_function_privilege('anon', p.oid, 'execute') as anon,
                has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
                has_function_privilege('service_role', p.oid, 'execute') as service
         from pg_catalog.pg_proc p where p.oid = 'public.enter_field_contribution(jsonb)'::regprocedure`,
      );
      expect(fn).toEqual({ definer: false, anon: false, authenticated: false, service: true });
      const [table] = await db.query<{ rls: boolean }>(
        "select relrowsecurity as rls from pg_catalog.pg_class where oid = 'public.contributions'::regclass",
      );
      expect(table?.rls).toBe(true);
      await expect(
        db.asRole("anon", (query) => query("select public.enter_field_contribution(payload => '{}'::jsonb)")),
      ).rejects.toThrow(/permission denied/);
      // The origin is public, as the pages show it: anon reads it on published rows only.
      const rows = await db.asRole("anon", (query) =>
        query<{ status: string }>("select origin, origin_event_id, status from public.contributions"),
      );
      expect(rows.every((row) => row.status === "published")).toBe(true);
    });

    it("dates an entry at the demonstration clock's instant when there is one", async () => {
      const at = "2018-04-12T15:00:00.000Z";
      const { Store } = await import("../../src/server/store/store");
      const demo = new Store(db.store.port, {
        clock: () => ({ mode: "demo", now: () => new Date(at) }) as never,
      });
      const outcome = await demo.enterFieldContribution(fieldEntry());
      if (outcome.outcome !== "created") throw new Error(outcome.outcome);
      const [row] = await db.query<{ created_at: Date | string | undefined; published_at: Date | string | undefined }>(
        "select created_at, published_at from public.contributions where id = $1",
        [outcome.id],
      );
      expect(new Date(row?.created_at ?? "").toISOString()).toBe(at);
      expect(new Date(row?.published_at ?? "").toISOString()).toBe(at);
    });
  });
}
