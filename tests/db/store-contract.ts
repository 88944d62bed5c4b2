/**
 * One contract for the store, run on every database it must work on: the
 * embedded PGlite (always) and a real PostgreSQL server (npm run test:db).
 * Same SQL, same expectations; the suites differ only in how they connect.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MigrateReport } from "../../src/server/store/migrate";
import type { NewContribution, Store } from "../../src/server/store/store";
import { summaryInput } from "../../src/server/summary";

type Query = <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<Row[]>;

/** What a suite needs from a database under test. */
export interface ContractDatabase {
  store: Store;
  /** As the owner (bypasses RLS). */
  query: Query;
  /** Runs fn with the role switched (anon, authenticated) inside one transaction, rolled back or not. */
  asRole<T>(role: "anon" | "authenticated", fn: (query: Query) => Promise<T>): Promise<T>;
  /** Runs the migration runner again on the same database. */
  migrateAgain(): Promise<MigrateReport>;
  close(): Promise<void>;
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

let sequence = 0;
function answer(overrides: Partial<Extract<NewContribution, { kind: "answer" }>> = {}): NewContribution {
  sequence += 1;
  return {
    kind: "answer",
    themeId: "modeles-economiques",
    questionId: "mutualiser",
    idempotencyKey: crypto.randomUUID(),
    body: `Mutualiser les achats entre lieux voisins, proposition numéro ${sequence}.`,
    pseudonym: "Léa",
    profile: "fondateur",
    territory,
    authorHash: `author-${String(sequence).padStart(4, "0")}-${"a".repeat(16)}`,
    email: undefined,
    contactConsent: false,
    ...overrides,
  };
}

export function describeStoreContract(name: string, connect: () => Promise<ContractDatabase>): void {
  describe(`store contract on ${name}`, () => {
    let db: ContractDatabase;
    const publish = (id: string) =>
      db.query("update public.contributions set status = 'published', published_at = now() where id = $1", [id]);
    const created = async (input: NewContribution) => {
      const outcome = await db.store.submitContribution(input);
      if (outcome.outcome !== "created") throw new Error(`expected created, got ${outcome.outcome}`);
      return outcome.id;
    };

    beforeAll(async () => {
      db = await connect();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it("migrates once: a second run applies nothing", async () => {
      expect(await db.migrateAgain()).toEqual({ applied: [], seeded: false });
      const ledger = await db.query<{ n: number }>("select count(*)::int as n from app_private.schema_migrations");
      expect(ledger[0]?.n).toBeGreaterThanOrEqual(9);
    });

    it("records a contribution as pending, with its private contact apart and a log line", async () => {
      const input = answer({ email: "lea@exemple.fr", contactConsent: true });
      const outcome = await db.store.submitContribution(input);
      expect(outcome).toEqual({ outcome: "created", id: expect.any(String), status: "pending", replayed: false });
      if (outcome.outcome !== "created") return;
      const [row] = await db.query("select status, body, author_hash from public.contributions where id = $1", [
        outcome.id,
      ]);
      expect(row).toEqual({ status: "pending", body: input.body, author_hash: input.authorHash });
      const contacts = await db.query("select email from public.private_contacts where contribution_id = $1", [
        outcome.id,
      ]);
      expect(contacts).toEqual([{ email: "lea@exemple.fr" }]);
      const log = await db.query("select action, actor from public.moderation_events where subject_id = $1", [
        outcome.id,
      ]);
      expect(log).toEqual([{ action: "submitted", actor: "citizen" }]);
    });

    it("returns the first answer for a repeated idempotency key and writes nothing", async () => {
      const input = answer();
      const first = await db.store.submitContribution(input);
      const again = await db.store.submitContribution(input);
      expect(again).toEqual({ ...first, replayed: true });
      const rows = await db.query("select body from public.contributions where idempotency_key = $1", [
        input.idempotencyKey,
      ]);
      expect(rows).toEqual([{ body: input.body }]);
    });

    it("refuses a used key that comes with an edited text or pseudonym, and writes nothing", async () => {
      const input = answer();
      await db.store.submitContribution(input);
      const citizenEvents = () =>
        db.query("select count(*)::int as n from public.moderation_events where actor = 'citizen'");
      const eventsBefore = await citizenEvents();
      const edits = [
        { body: `${input.body} Et une phrase ajoutée après l'échec de l'envoi.` },
        { pseudonym: "Léa B." },
      ];
      for (const edit of edits) {
        expect(await db.store.submitContribution({ ...input, ...edit }), JSON.stringify(edit)).toEqual({
          outcome: "changed_replay",
        });
      }
      const rows = await db.query("select body, pseudonym from public.contributions where idempotency_key = $1", [
        input.idempotencyKey,
      ]);
      expect(rows).toEqual([{ body: input.body, pseudonym: input.pseudonym }]);
      expect(await citizenEvents()).toEqual(eventsBefore);
      // The edited text under a new key is a contribution of its own.
      const edited = await db.store.submitContribution({ ...input, ...edits[0], idempotencyKey: crypto.randomUUID() });
      expect(edited).toMatchObject({ outcome: "created", replayed: false });
    });

    it("writes exactly one row for concurrent retries with the same key", async () => {
      const input = answer();
      const outcomes = await Promise.all(Array.from({ length: 12 }, () => db.store.submitContribution(input)));
      const ids = new Set(outcomes.map((outcome) => (outcome.outcome === "created" ? outcome.id : outcome.outcome)));
      expect(ids.size).toBe(1);
      expect(outcomes.filter((outcome) => outcome.outcome === "created" && !outcome.replayed)).toHaveLength(1);
      const rows = await db.query("select id from public.contributions where idempotency_key = $1", [
        input.idempotencyKey,
      ]);
      expect(rows).toHaveLength(1);
    });

    it("refuses the same text from the same person, whatever the spacing and case", async () => {
      const input = answer();
      await created(input);
      const again = answer({
        authorHash: input.authorHash,
        body: `  ${input.body.toUpperCase().replace(/ /g, "   ")} `,
      });
      expect(await db.store.submitContribution(again)).toEqual({ outcome: "duplicate" });
    });

    it("rate limits per author hash and says how long to wait", async () => {
      const authorHash = `limited-${crypto.randomUUID()}`;
      const outcomes = [];
      for (let i = 0; i < 21; i++) outcomes.push(await db.store.submitContribution(answer({ authorHash })));
      expect(outcomes.slice(0, 20).every((outcome) => outcome.outcome === "created")).toBe(true);
      expect(outcomes[20]).toEqual({ outcome: "rate_limited", retry_after: expect.any(Number) });
    });

    it("puts a reply under a published contribution only, in its theme and question", async () => {
      const parentId = await created(answer());
      const reply = {
        ...answer(),
        kind: "reply" as const,
        parentId,
        stance: "question" as const,
        body: "Comment faites-vous pour les assurances ?",
      };
      expect(await db.store.submitContribution(reply)).toEqual({ outcome: "parent_not_found" });
      await publish(parentId);
      const id = await created({ ...reply, idempotencyKey: crypto.randomUUID() });
      const [row] = await db.query("select theme_id, question_id, stance from public.contributions where id = $1", [
        id,
      ]);
      expect(row).toEqual({ theme_id: "modeles-economiques", question_id: "mutualiser", stance: "question" });
    });

    it("counts one reaction per voter and refuses a second", async () => {
      const id = await created(answer());
      const voter = { contributionId: id, authorHash: "reactor-ip-hash-0001" };
      expect(await db.store.react({ ...voter, kind: "support", voterHash: "voter-hash-000000001" })).toEqual({
        outcome: "not_found",
      });
      await publish(id);
      expect(await db.store.react({ ...voter, kind: "support", voterHash: "voter-hash-000000001" })).toEqual({
        outcome: "created",
        kind: "support",
        counts: { support: 1, disagree: 0 },
      });
      expect(await db.store.react({ ...voter, kind: "disagree", voterHash: "voter-hash-000000001" })).toEqual({
        outcome: "already_reacted",
        kind: "support",
        counts: { support: 1, disagree: 0 },
      });
      const parallel = await Promise.all(
        Array.from({ length: 8 }, () =>
          db.store.react({ ...voter, kind: "disagree", voterHash: "voter-hash-000000002" }),
        ),
      );
      expect(parallel.filter((outcome) => outcome.outcome === "created")).toHaveLength(1);
      const [counts] = await db.query("select public.reaction_counts($1) as counts", [id]);
      expect(counts?.counts).toEqual({ support: 1, disagree: 1 });
    });

    it("records one flag per voter", async () => {
      const id = await created(answer());
      await publish(id);
      const flag = {
        contributionId: id,
        reason: "off-topic" as const,
        voterHash: "flagger-hash-00001",
        authorHash: "flagger-ip-0000001",
      };
      expect(await db.store.flag(flag)).toEqual({ outcome: "created" });
      expect(await db.store.flag({ ...flag, reason: "other" })).toEqual({ outcome: "already_flagged" });
      expect(await db.store.flag({ ...flag, contributionId: crypto.randomUUID() })).toEqual({ outcome: "not_found" });
    });

    it("records an initiative, idempotently, and refuses the same place twice from the same person", async () => {
      const input = {
        idempotencyKey: crypto.randomUUID(),
        name: "La Grange numérique",
        initiativeKind: "tiers-lieu" as const,
        description: "Un tiers-lieu associatif dans une ancienne grange, avec coworking et fablab.",
        url: "https://grange.example.org",
        openingYear: 2017,
        pseudonym: "Jo",
        profile: "association" as const,
        territory,
        authorHash: "initiative-author-0001",
        email: undefined,
        contactConsent: false,
      };
      const first = await db.store.submitInitiative(input);
      expect(first).toMatchObject({ outcome: "created", status: "pending", replayed: false });
      expect(await db.store.submitInitiative(input)).toEqual({ ...first, replayed: true });
      expect(await db.store.submitInitiative({ ...input, description: `${input.description} (corrigé)` })).toEqual({
        outcome: "changed_replay",
      });
      expect(await db.store.submitInitiative({ ...input, openingYear: 2001 })).toEqual({ outcome: "changed_replay" });
      expect(
        await db.store.submitInitiative({
          ...input,
          idempotencyKey: crypto.randomUUID(),
          name: " la grange  NUMÉRIQUE",
        }),
      ).toEqual({
        outcome: "duplicate",
      });
    });

    describe("row level security, as the public (anon) role", () => {
      let publishedId: string;
      let pendingId: string;

      beforeAll(async () => {
        publishedId = await created(answer({ email: "secret@exemple.fr", contactConsent: true }));
        await publish(publishedId);
        pendingId = await created(answer());
        for (const id of [publishedId, pendingId]) {
          await db.query(
            "insert into public.reactions (contribution_id, voter_hash, kind) values ($1, 'rls-voter-hash-0001', 'support')",
            [id],
          );
        }
      });

      it("reads published contributions only, through their public columns", async () => {
        const rows = await db.asRole("anon", (query) =>
          query<{ id: string }>("select id, body, pseudonym, commune_name from public.contributions"),
        );
        const ids = rows.map((row) => row.id);
        expect(ids).toContain(publishedId);
        expect(ids).not.toContain(pendingId);
        const statuses = await db.asRole("anon", (query) =>
          query<{ status: string }>("select distinct status from public.contributions"),
        );
        expect(statuses).toEqual([{ status: "published" }]);
      });

      it.each([
        ["an IP hash", "select author_hash from public.contributions"],
        ["an idempotency key", "select idempotency_key from public.contributions"],
        ["every column at once", "select * from public.contributions"],
        ["an email", "select email from public.private_contacts"],
        ["a flag", "select * from public.flags"],
        ["the moderation log", "select * from public.moderation_events"],
        ["a voter hash", "select voter_hash from public.reactions"],
        ["a rate-limit counter", "select * from public.rate_limits"],
        ["an initiative's author hash", "select author_hash from public.initiatives"],
        ["the migration ledger", "select * from app_private.schema_migrations"],
      ])("cannot read %s", async (_what, sql) => {
        await expect(db.asRole("anon", (query) => query(sql))).rejects.toThrow(/permission denied/);
      });

      it("cannot write, nor call the write functions", async () => {
        await expect(
          db.asRole("anon", (query) =>
            query("update public.contributions set status = 'published' where id = $1", [pendingId]),
          ),
        ).rejects.toThrow(/permission denied/);
        for (const fn of ["submit_contribution", "record_contribution", "submit_initiative", "record_initiative"]) {
          await expect(
            db.asRole("anon", (query) => query(`select public.${fn}(payload => '{}'::jsonb)`)),
            fn,
          ).rejects.toThrow(/permission denied/);
        }
        await expect(db.asRole("anon", (query) => query("delete from public.reactions"))).rejects.toThrow(
          /permission denied/,
        );
      });

      it("sees reaction counts of published contributions only", async () => {
        const rows = await db.asRole("anon", (query) =>
          query<{ contribution_id: string }>("select contribution_id, kind from public.reactions"),
        );
        const ids = rows.map((row) => row.contribution_id);
        expect(ids).toContain(publishedId);
        expect(ids).not.toContain(pendingId);
      });

      it("gives signed-in users no more than the public", async () => {
        await expect(
          db.asRole("authenticated", (query) => query("select email from public.private_contacts")),
        ).rejects.toThrow(/permission denied/);
        const rows = await db.asRole("authenticated", (query) =>
          query<{ id: string }>("select id from public.contributions"),
        );
        expect(rows.map((row) => row.id)).not.toContain(pendingId);
      });
    });

    it("holds back a published reply whose answer went back to review: in no snapshot, counted nowhere", async () => {
      const parentId = await created(answer());
      await publish(parentId);
      const replyId = await created({
        ...answer(),
        kind: "reply",
        parentId,
        stance: "for",
        body: "Nous le faisons aussi, avec deux lieux voisins.",
      });
      await publish(replyId);
      const visible = async () => {
        const snapshot = await db.store.publicSnapshot();
        const { data } = await db.store.refreshSummary(summaryInput);
        return {
          inSnapshot: snapshot.contributions.map((row) => row.id).filter((id) => id === parentId || id === replyId),
          replies: data.totals.replies,
          snapshotReplies: snapshot.contributions.filter((row) => row.parent_id !== null).length,
        };
      };
      const before = await visible();
      expect(before.inSnapshot.sort()).toEqual([parentId, replyId].sort());
      expect(before.replies).toBe(before.snapshotReplies);

      // Abuse flags (or a moderator) send the answer back to review; the reply stays published.
      await db.query("update public.contributions set status = 'pending' where id = $1", [parentId]);
      const hidden = await visible();
      expect(hidden.inSnapshot).toEqual([]);
      expect(hidden.replies).toBe(before.replies - 1);
      expect(hidden.replies).toBe(hidden.snapshotReplies);

      // Published again, the thread comes back whole.
      await publish(parentId);
      expect((await visible()).inSnapshot.sort()).toEqual([parentId, replyId].sort());
    });

    describe("moderation", () => {
      it("publishes and rejects in one call, logging each decision, and reports what did not change", async () => {
        const [a, b, c] = [await created(answer()), await created(answer()), await created(answer())];
        expect(
          await db.store.moderate({ subjectType: "contribution", ids: [a, b], decision: "publish", actor: "mod-1" }),
        ).toEqual({
          outcome: "decided",
          decided: expect.arrayContaining([a, b]),
          unchanged: [],
        });
        expect(
          await db.store.moderate({ subjectType: "contribution", ids: [c], decision: "reject", actor: "mod-1" }),
        ).toEqual({
          outcome: "reason_required",
        });
        const rejected = await db.store.moderate({
          subjectType: "contribution",
          ids: [a, c],
          decision: "reject",
          reason: "Hors sujet",
          actor: "mod-2",
        });
        expect(rejected).toEqual({ outcome: "decided", decided: expect.arrayContaining([a, c]), unchanged: [] });
        const again = await db.store.moderate({
          subjectType: "contribution",
          ids: [b],
          decision: "publish",
          actor: "mod-1",
        });
        expect(again).toEqual({ outcome: "decided", decided: [], unchanged: [b] });
        const log = await db.query<{ action: string; actor: string; reason: string | null }>(
          "select action, actor, reason from public.moderation_events where subject_id = $1 order by id",
          [a],
        );
        expect(log).toEqual([
          { action: "submitted", actor: "citizen", reason: null },
          { action: "published", actor: "mod-1", reason: null },
          { action: "rejected", actor: "mod-2", reason: "Hors sujet" },
        ]);
        const snapshot = await db.store.publicSnapshot();
        const ids = snapshot.contributions.map((row) => row.id);
        expect(ids).toContain(b);
        expect(ids).not.toContain(a);
        expect(ids).not.toContain(c);
      });

      it("pages a queue oldest first with a (created_at, id) cursor, reaching every item", async () => {
        for (let i = 0; i < 5; i++) await created(answer());
        const all = await db.query<{ id: string }>(
          "select id from public.contributions where status = 'pending' order by created_at, id",
        );
        const seen: string[] = [];
        let after: { createdAt: string; id: string } | undefined;
        for (;;) {
          const page = await db.store.moderationQueue({
            subjectType: "contribution",
            status: "pending",
            after,
            limit: 2,
          });
          if (page.length === 0) break;
          seen.push(...page.map((item) => item.id));
          const last = page.at(-1);
          if (!last) break;
          after = { createdAt: last.created_at, id: last.id };
        }
        expect(seen).toEqual(all.map((row) => row.id));
        const counts = await db.store.moderationCounts();
        expect(counts.contribution.pending).toBe(all.length);
      });

      it("sends a published contribution back to review at the flag threshold, once", async () => {
        const id = await created(answer());
        await db.store.moderate({ subjectType: "contribution", ids: [id], decision: "publish", actor: "mod" });
        for (let n = 1; n <= 3; n++) {
          await db.store.flag({
            contributionId: id,
            reason: "insulting",
            voterHash: `threshold-voter-${n}-0000`,
            authorHash: `threshold-ip-${n}-00000`,
          });
        }
        const [row] = await db.query<{ status: string }>("select status from public.contributions where id = $1", [id]);
        expect(row?.status).toBe("pending");
        const events = await db.query(
          "select actor from public.moderation_events where subject_id = $1 and action = 'returned_to_review'",
          [id],
        );
        expect(events).toEqual([{ actor: "system" }]);
      });

      it("claims a rebuild once per change of public data", async () => {
        await db.store.claimRebuild();
        expect(await db.store.claimRebuild()).toBe(false);
        const id = await created(answer());
        expect(await db.store.claimRebuild()).toBe(false); // a pending submission is not public
        await db.store.moderate({ subjectType: "contribution", ids: [id], decision: "publish", actor: "mod" });
        expect(await db.store.claimRebuild()).toBe(true);
        expect(await db.store.claimRebuild()).toBe(false);
        await db.store.notePublicChange();
        expect(await db.store.claimRebuild()).toBe(true);
      });

      it("saves syntheses and retained contributions, public through the snapshot", async () => {
        const id = await created(answer());
        expect(await db.store.setRetained({ contributionId: id, retained: true, actor: "mod" })).toBe(false);
        await db.store.moderate({ subjectType: "contribution", ids: [id], decision: "publish", actor: "mod" });
        expect(await db.store.setRetained({ contributionId: id, retained: true, actor: "mod" })).toBe(true);
        await db.store.saveSynthesis({ themeId: "modeles-economiques", body: "## Synthèse\n\nTexte.", actor: "mod" });
        const snapshot = await db.store.publicSnapshot();
        expect(snapshot.contributions.find((row) => row.id === id)?.retained).toBe(true);
        expect(snapshot.syntheses).toContainEqual({
          theme_id: "modeles-economiques",
          body: "## Synthèse\n\nTexte.",
          updated_at: expect.any(String),
        });
      });

      it("finds a moderator by Supabase Auth user id, and only a listed one", async () => {
        const userId = crypto.randomUUID();
        expect(await db.store.findModerator(userId)).toBeUndefined();
        await db.query("insert into auth.users (id, email) values ($1, $2)", [userId, `${userId}@exemple.fr`]);
        await db.query("insert into public.moderators (user_id, display_name) values ($1, 'Équipe')", [userId]);
        expect(await db.store.findModerator(userId)).toEqual({ userId, displayName: "Équipe" });
      });

      it("keeps moderation data from the public role", async () => {
        for (const sql of [
          "select * from public.moderators",
          "select * from public.site_state",
          "select updated_by from public.syntheses",
          "select public.moderation_queue(payload => '{}'::jsonb)",
          "select public.moderate(payload => '{}'::jsonb)",
        ]) {
          await expect(
            db.asRole("anon", (query) => query(sql)),
            sql,
          ).rejects.toThrow(/permission denied/);
        }
      });

      it("lets neither anon nor authenticated execute any function of the schema: the site calls them as service_role", async () => {
        const rows = await db.query<{ fn: string; anon: boolean; authenticated: boolean; service_role: boolean }>(
          `select p.oid::regprocedure::text as fn,
                  has_function_privilege('anon', p.oid, 'execute') as anon,
                  has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
                  has_function_privilege('service_role', p.oid, 'execute') as service_role
           from pg_catalog.pg_proc p
           where p.pronamespace = 'public'::regnamespace
           order by 1`,
        );
        expect(rows.length).toBeGreaterThan(20);
        expect(rows.filter((row) => row.anon || row.authenticated).map((row) => row.fn)).toEqual([]);
        for (const fn of ["public_snapshot", "compute_summary", "latest_summary"]) {
          await expect(
            db.asRole("anon", (query) => query(`select public.${fn}(payload => '{}'::jsonb)`)),
            fn,
          ).rejects.toThrow(/permission denied/);
        }
        expect(rows.find((row) => row.fn.endsWith("public_snapshot(jsonb)"))?.service_role).toBe(true);
      });
    });

    it("keeps the moderation log append-only, even for the owner", async () => {
      const id = await created(answer());
      await expect(
        db.query("update public.moderation_events set actor = 'x' where subject_id = $1", [id]),
      ).rejects.toThrow(/append-only/);
      await expect(db.query("delete from public.moderation_events where subject_id = $1", [id])).rejects.toThrow(
        /append-only/,
      );
    });

    it("has row level security on every table of the public schema", async () => {
      const tables = await db.query<{ relname: string; relrowsecurity: boolean }>(
        `select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname in ('public', 'app_private') and c.relkind = 'r' order by 1`,
      );
      expect(tables.length).toBeGreaterThanOrEqual(8);
      expect(tables.filter((table) => !table.relrowsecurity)).toEqual([]);
    });
  });
}
