/**
 * Private tracking links on every database the store must work on (PGlite
 * always, PostgreSQL with npm run test:db), with the store as service_role
 * where the suite can: a submission stores only its link's digest and says
 * on a replay whether the digest sent is its own; a link reads, corrects and
 * withdraws only a pending text never published; a withdrawal deletes the
 * row and its contact and logs one line without text; every request counts
 * against the tracking rate limit; the public can neither read the digest
 * nor call the functions.
 */
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrate } from "../../src/server/store/migrate";
import { pgliteTarget } from "../../src/server/store/migration-targets";
import { supabaseDir } from "../../src/server/store/open-store";
import { assertFunctionName, type SqlPort } from "../../src/server/store/sql-port";
import { type NewContribution, type NewInitiative, Store } from "../../src/server/store/store";
import { newTracking, trackingHash } from "../../src/server/use-cases/tracking";
import type { ContractDatabase } from "./store-contract";

/** What the suite needs: the store (as service_role where the driver allows), the owner's queries, a role switch. */
export type TrackingDatabase = Omit<ContractDatabase, "migrateAgain">;

/** Calls every function as `role`, in a transaction of its own, as production's service role key does. */
class RolePort implements SqlPort {
  constructor(
    private readonly db: PGlite,
    private readonly role: string,
  ) {}

  async call(fn: string, payload: Record<string, unknown>): Promise<unknown> {
    assertFunctionName(fn);
    return this.db.transaction(async (tx) => {
      await tx.exec(`set local role ${this.role}`);
      const result = await tx.query<{ result: unknown }>(`select public.${fn}(payload => $1::jsonb) as result`, [
        JSON.stringify(payload),
      ]);
      return result.rows[0]?.result;
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** A fresh in-memory PGlite, migrated, its store calling as service_role. */
export async function pgliteTrackingDatabase(): Promise<TrackingDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create("memory://");
  await migrate(pgliteTarget(db), { supabaseDir });
  return {
    store: new Store(new RolePort(db, "service_role")),
    query: async (sql, params = []) => (await db.query(sql, params)).rows as never,
    asRole: async (role, fn) => {
      let result: Awaited<ReturnType<typeof fn>> | undefined;
      await db.transaction(async (tx) => {
        await tx.exec(`set local role ${role}`);
        result = await fn(async (sql, params = []) => (await tx.query(sql, params)).rows as never);
      });
      return result as Awaited<ReturnType<typeof fn>>;
    },
    close: () => db.close(),
  };
}

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
const SALT = "sel-du-contrat-de-suivi-0123456789abcdef";
const network = `network-${"c".repeat(24)}`;

let sequence = 0;
function tracked(overrides: Partial<Extract<NewContribution, { kind: "answer" }>> = {}) {
  sequence += 1;
  const idempotencyKey = crypto.randomUUID();
  const link = newTracking(SALT, "contribution", idempotencyKey);
  const input: NewContribution = {
    kind: "answer",
    themeId: "modeles-economiques",
    questionId: "mutualiser",
    idempotencyKey,
    trackingHash: link.hash,
    body: `Mutualiser les achats entre lieux voisins, suivi numéro ${sequence}.`,
    pseudonym: "Léa",
    profile: "fondateur",
    territory,
    authorHash: `tracking-${String(sequence).padStart(4, "0")}-${"f".repeat(16)}`,
    email: "lea@exemple.fr",
    contactConsent: true,
    ...overrides,
  };
  return { input, secret: link.secret, hash: link.hash };
}

export function describeTrackingContract(name: string, connect: () => Promise<TrackingDatabase>): void {
  describe(`tracking links on ${name}`, () => {
    let db: TrackingDatabase;
    const submit = async (input: NewContribution) => {
      const outcome = await db.store.submitContribution(input);
      if (outcome.outcome !== "created") throw new Error(`expected created, got ${outcome.outcome}`);
      return outcome;
    };
    const link = (hash: string) => ({ trackingHash: hash, networkHash: network });

    beforeAll(async () => {
      db = await connect();
    }, 60_000);
    beforeEach(async () => {
      await db.query("delete from public.rate_limit_hits where action = 'tracking'");
    });
    afterAll(async () => {
      await db?.close();
    });

    it("stores the digest only, and tells a replay whether the digest sent is the row's", async () => {
      const { input, secret, hash } = tracked();
      const first = await submit(input);
      expect(first.tracked).toBe(true);
      const [row] = await db.query<{ tracking_hash: string }>(
        "select tracking_hash from public.contributions where id = $1",
        [first.id],
      );
      expect(row?.tracking_hash).toBe(hash);
      expect(
        JSON.stringify(await db.query("select * from public.contributions where id = $1", [first.id])),
      ).not.toContain(secret);
      expect(await db.store.submitContribution(input)).toEqual({ ...first, replayed: true, tracked: true });
      // The same send under another salt derives another digest: the row has no link to give it.
      const other = trackingHash("another-secret");
      expect(await db.store.submitContribution({ ...input, trackingHash: other })).toMatchObject({
        outcome: "created",
        replayed: true,
        tracked: false,
      });
    });

    it("reads a pending answer by its digest, without its contact or any hash; an unknown digest finds nothing", async () => {
      const { input, hash } = tracked();
      const { id } = await submit(input);
      const read = await db.store.trackSubmission(link(hash));
      expect(read).toMatchObject({
        outcome: "found",
        submission: { subject_type: "contribution", id, status: "pending", editable: true, has_contact: true },
      });
      expect(JSON.stringify(read)).not.toContain("lea@exemple.fr");
      expect(JSON.stringify(read)).not.toContain(hash);
      expect(await db.store.trackSubmission(link(trackingHash("unknown")))).toEqual({ outcome: "not_found" });
      expect(await db.store.trackSubmission(link("not a digest"))).toEqual({ outcome: "not_found" });
    });

    it("gives a rejection's reason, and refuses to change a text decided on or published once", async () => {
      const { input, hash } = tracked();
      const { id } = await submit(input);
      await db.store.moderate({
        subjectType: "contribution",
        ids: [id],
        decision: "reject",
        reason: "Propos hors sujet.",
        actor: "test",
      });
      expect(await db.store.trackSubmission(link(hash))).toMatchObject({
        submission: { status: "rejected", editable: false, reason: "Propos hors sujet." },
      });
      const correction = { subjectType: "contribution", body: "Un texte corrigé après la décision." } as const;
      expect(await db.store.correctTrackedSubmission({ ...link(hash), correction })).toMatchObject({
        outcome: "not_editable",
      });

      // Published, then sent back to review by flags: pending again, but no longer the author's to change.
      const again = tracked();
      const published = await submit(again.input);
      await db.query("update public.contributions set status = 'pending', published_at = now() where id = $1", [
        published.id,
      ]);
      expect(await db.store.withdrawTrackedSubmission(link(again.hash))).toMatchObject({ outcome: "not_editable" });
      expect(await db.query("select id from public.contributions where id = $1", [published.id])).toHaveLength(1);
    });

    it("corrects a pending text, logged without it; the same text as another of the network is a duplicate", async () => {
      const { input, hash } = tracked();
      const { id } = await submit(input);
      const body = "Mutualiser aussi les assurances, qui pèsent lourd dans les comptes.";
      const outcome = await db.store.correctTrackedSubmission({
        ...link(hash),
        correction: { subjectType: "contribution", body },
      });
      expect(outcome).toMatchObject({ outcome: "corrected", submission: { body, status: "pending" } });
      const log = await db.query(
        "select action, actor, reason from public.moderation_events where subject_id = $1 order by id",
        [id],
      );
      expect(log).toEqual([
        { action: "submitted", actor: "citizen", reason: null },
        { action: "corrected", actor: "citizen", reason: null },
      ]);

      const sibling = tracked({ authorHash: input.authorHash });
      await submit(sibling.input);
      expect(
        await db.store.correctTrackedSubmission({
          ...link(sibling.hash),
          correction: { subjectType: "contribution", body },
        }),
      ).toEqual({ outcome: "duplicate" });
      // A reply's stance with an answer's correction cannot be: refused as unknown.
      expect(
        await db.store.correctTrackedSubmission({
          ...link(hash),
          correction: { subjectType: "contribution", body, stance: "for" },
        }),
      ).toEqual({ outcome: "not_found" });
    });

    it("withdraws a pending answer: row and contact deleted, one log line without text, the digest then unknown", async () => {
      const { input, hash } = tracked();
      const { id } = await submit(input);
      expect(await db.store.withdrawTrackedSubmission(link(hash))).toEqual({
        outcome: "withdrawn",
        subject_type: "contribution",
        contact_erased: true,
      });
      expect(await db.query("select id from public.contributions where id = $1", [id])).toEqual([]);
      expect(await db.query("select id from public.private_contacts where contribution_id = $1", [id])).toEqual([]);
      expect(
        await db.query("select action, reason from public.moderation_events where subject_id = $1 order by id", [id]),
      ).toEqual([
        { action: "submitted", reason: null },
        { action: "withdrawn", reason: null },
      ]);
      expect(await db.store.trackSubmission(link(hash))).toEqual({ outcome: "not_found" });
    });

    it("withdraws an initiative and its contact the same way", async () => {
      const idempotencyKey = crypto.randomUUID();
      const { hash } = newTracking(SALT, "initiative", idempotencyKey);
      const input: NewInitiative = {
        idempotencyKey,
        trackingHash: hash,
        name: `Atelier ${idempotencyKey.slice(0, 8)}`,
        initiativeKind: "fablab",
        description: "Un atelier ouvert aux habitants deux soirs par semaine.",
        pseudonym: "Sam",
        profile: "fondateur",
        territory,
        authorHash: `tracking-initiative-${"e".repeat(16)}`,
        email: "sam@exemple.fr",
        contactConsent: true,
      };
      const created = await db.store.submitInitiative(input);
      expect(created).toMatchObject({ outcome: "created", tracked: true });
      expect(
        await db.store.correctTrackedSubmission({
          ...link(hash),
          correction: {
            subjectType: "initiative",
            name: "Atelier du bourg",
            kind: "makerspace",
            description: "Un atelier ouvert aux habitants, avec des machines partagées.",
            openingYear: 2017,
          },
        }),
      ).toMatchObject({
        outcome: "corrected",
        submission: { name: "Atelier du bourg", opening_year: 2017, url: null },
      });
      expect(await db.store.withdrawTrackedSubmission(link(hash))).toMatchObject({ outcome: "withdrawn" });
      expect(await db.query("select id from public.private_contacts where email = 'sam@exemple.fr'")).toEqual([]);
    });

    it("counts every request with a link against the tracking rate limit of the network", async () => {
      await db.query("update public.integrity_settings set value = 3 where name = 'tracking_max'");
      try {
        const { input, hash } = tracked();
        await submit(input);
        for (let i = 0; i < 3; i++)
          expect((await db.store.trackSubmission(link(trackingHash(`guess ${i}`)))).outcome).toBe("not_found");
        const limited = await db.store.trackSubmission(link(hash));
        expect(limited).toMatchObject({ outcome: "rate_limited", retry_after: expect.any(Number) });
        expect(await db.store.withdrawTrackedSubmission(link(hash))).toMatchObject({ outcome: "rate_limited" });
        expect(
          (await db.store.trackSubmission({ trackingHash: hash, networkHash: `other-${"d".repeat(24)}` })).outcome,
        ).toBe("found");
      } finally {
        await db.query("update public.integrity_settings set value = 60 where name = 'tracking_max'");
      }
    });

    it("keeps the digest and the functions from the public", async () => {
      for (const role of ["anon", "authenticated"] as const) {
        const columns = await db.asRole(role, (query) =>
          query<{ digest: boolean; delete: boolean }>(
            `select has_column_privilege('public.contributions', 'tracking_hash', 'SELECT') as digest,
                    has_table_privilege('public.contributions', 'DELETE') as delete`,
          ),
        );
        expect(columns).toEqual([{ digest: false, delete: false }]);
        for (const fn of ["track_submission", "correct_tracked_submission", "withdraw_tracked_submission"]) {
          const [grant] = await db.asRole(role, (query) =>
            query<{ can: boolean }>(`select has_function_privilege('public.${fn}(jsonb)', 'EXECUTE') as can`),
          );
          expect(grant, `${role} ${fn}`).toEqual({ can: false });
        }
      }
      const [service] = await db.query<{ can: boolean }>(
        "select has_function_privilege('service_role', 'public.track_submission(jsonb)', 'EXECUTE') as can",
      );
      expect(service).toEqual({ can: true });
    });
  });
}
