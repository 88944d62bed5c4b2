/**
 * One contract for the store, run on every database it must work on: the
 * embedded PGlite (always) and a real PostgreSQL server (npm run test:db).
 * Same SQL, same expectations; the suites differ only in how they connect.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MigrateReport } from "../../src/server/store/migrate";
import type { NewContribution, Store } from "../../src/server/store/store";
import { summaryInput } from "../../src/server/summary";
import { resetIntegritySettings, setIntegritySettings } from "../support/integrity";

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
      expect(outcome).toEqual({
        outcome: "created",
        id: expect.any(String),
        status: "pending",
        replayed: false,
        // No tracking digest was sent (tracking-contract.ts covers them).
        tracked: false,
      });
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

    it("refuses a used key that comes with any changed field, and writes nothing", async () => {
      const input = answer() as Extract<NewContribution, { kind: "answer" }>;
      await db.store.submitContribution(input);
      const citizenEvents = () =>
        db.query("select count(*)::int as n from public.moderation_events where actor = 'citizen'");
      const eventsBefore = await citizenEvents();
      const edits: Partial<Extract<NewContribution, { kind: "answer" }>>[] = [
        { body: `${input.body} Et une phrase ajoutée après l'échec de l'envoi.` },
        { pseudonym: "Léa B." },
        { questionId: "financer-l-ouverture" },
        { themeId: "ancrage-territorial", questionId: "freins-rencontres" },
        { profile: "collectivite" },
        { territory: { ...territory, postalCode: "23200", communeCode: "23008", communeName: "Aubusson" } },
        { email: "lea@example.org", contactConsent: true },
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

    describe("integrity settings and the sliding rate limit", () => {
      const settings = (values: Parameters<typeof setIntegritySettings>[1]) => setIntegritySettings(db.query, values);
      afterEach(() => resetIntegritySettings(db.query));
      /** Moves this sender's recorded hits back in time, as if `seconds` had passed. */
      const age = (authorHash: string, seconds: number) =>
        db.query("update public.rate_limit_hits set hit_at = hit_at - make_interval(secs => $2) where ip_hash = $1", [
          authorHash,
          seconds,
        ]);
      const burst = async (authorHash: string, count: number) => {
        const outcomes = [];
        for (let i = 0; i < count; i++) outcomes.push(await db.store.submitContribution(answer({ authorHash })));
        return outcomes;
      };
      const accepted = (outcomes: { outcome: string }[]) => outcomes.filter((o) => o.outcome === "created").length;

      it("ships the documented defaults, readable by the service role and changeable by the owner only", async () => {
        const rows = await db.query<{ name: string; value: number }>(
          "select name, value from public.integrity_settings order by name",
        );
        expect(Object.fromEntries(rows.map((row) => [row.name, row.value]))).toEqual({
          flag_max: 30,
          flag_networks_for_review: 3,
          flag_window_seconds: 600,
          reaction_max: 300,
          reaction_window_seconds: 600,
          reactions_per_network: 10,
          submission_max: 60,
          submission_window_seconds: 600,
          tracking_max: 60,
          tracking_window_seconds: 600,
        });
        const [grants] = await db.query<{ can_read: boolean; can_update: boolean }>(
          `select has_table_privilege('service_role', 'public.integrity_settings', 'SELECT') as can_read,
                  has_table_privilege('service_role', 'public.integrity_settings', 'UPDATE') as can_update`,
        );
        expect(grants).toEqual({ can_read: true, can_update: false });
      });

      it("rate limits per network and says how long to wait", async () => {
        await settings({ submission_max: 5 });
        const outcomes = await burst(`limited-${crypto.randomUUID()}`, 6);
        expect(accepted(outcomes)).toBe(5);
        expect(outcomes[5]).toEqual({ outcome: "rate_limited", retry_after: expect.any(Number) });
        const wait = (outcomes[5] as { retry_after: number }).retry_after;
        expect(wait).toBeGreaterThan(590);
        expect(wait).toBeLessThanOrEqual(600);
      });

      it("passes a burst across a clock boundary once, not twice: at most the limit in any window", async () => {
        await settings({ submission_max: 20, submission_window_seconds: 600 });
        const authorHash = `boundary-${crypto.randomUUID()}`;
        expect(accepted(await burst(authorHash, 20))).toBe(20);
        // The first burst lands one second before the last 10-minute boundary of the clock, the
        // second comes now, after it: a fixed window aligned on the clock would let all 40 through.
        await db.query(
          `update public.rate_limit_hits
           set hit_at = to_timestamp(floor(extract(epoch from now()) / 600) * 600) - interval '1 second'
           where ip_hash = $1`,
          [authorHash],
        );
        const second = await burst(authorHash, 20);
        const [{ since } = { since: 0 }] = await db.query<{ since: number }>(
          "select extract(epoch from now() - to_timestamp(floor(extract(epoch from now()) / 600) * 600))::float8 + 1 as since",
        );
        // In any 10 minutes, 20 at most: the second burst gets nothing until the first leaves the window.
        expect(accepted(second)).toBe(since < 600 ? 0 : 20);
        // Four minutes after a full burst: still nothing (a fixed window would have reset).
        const other = `four-minutes-${crypto.randomUUID()}`;
        expect(accepted(await burst(other, 20))).toBe(20);
        await age(other, 240);
        expect(accepted(await burst(other, 5))).toBe(0);
        // Once the window has slid past the burst, the network can send again.
        await age(other, 361);
        expect(accepted(await burst(other, 20))).toBe(20);
      });

      it("lets a replay or a duplicate take no place in the rate limit, even in parallel", async () => {
        await settings({ submission_max: 3 });
        const authorHash = `replays-${crypto.randomUUID()}`;
        const input = answer({ authorHash });
        const retries = await Promise.all(Array.from({ length: 12 }, () => db.store.submitContribution(input)));
        expect(retries.filter((o) => o.outcome === "created" && !o.replayed)).toHaveLength(1);
        expect(retries.filter((o) => o.outcome === "rate_limited")).toEqual([]);
        // The same text again, under a new key: a duplicate, which gives its place back.
        expect(await db.store.submitContribution({ ...input, idempotencyKey: crypto.randomUUID() })).toEqual({
          outcome: "duplicate",
        });
        const [hits] = await db.query<{ n: number }>(
          "select count(*)::int as n from public.rate_limit_hits where ip_hash = $1",
          [authorHash],
        );
        expect(hits?.n).toBe(1);
        expect(accepted(await burst(authorHash, 3))).toBe(2);
      });

      it("refuses to run without a setting rather than fall back to a default", async () => {
        await db.query("delete from public.integrity_settings where name = 'submission_max'");
        try {
          await expect(db.store.submitContribution(answer())).rejects.toThrow(
            /integrity setting submission_max is missing/,
          );
        } finally {
          await db.query(
            "insert into public.integrity_settings (name, value, description) values ('submission_max', 60, 'Answers, replies and initiatives one network (salted IP hash) may send in any window')",
          );
        }
      });
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
      const voter = { contributionId: id, networkHash: "reactor-ip-hash-0001" };
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
        networkHash: "flagger-ip-0000001",
      };
      expect(await db.store.flag(flag)).toEqual({ outcome: "created" });
      expect(await db.store.flag({ ...flag, reason: "other" })).toEqual({ outcome: "already_flagged" });
      expect(await db.store.flag({ ...flag, contributionId: crypto.randomUUID() })).toEqual({ outcome: "not_found" });
    });

    describe("one person, one voice: networks, not tokens", () => {
      const status = async (id: string) =>
        (await db.query<{ status: string }>("select status from public.contributions where id = $1", [id]))[0]?.status;
      const flagFrom = (id: string, token: string, network: string) =>
        db.store.flag({
          contributionId: id,
          reason: "insulting",
          voterHash: `voter-${token}-0000000000`,
          networkHash: `network-${network}-000000000`,
        });
      const queueItem = async (id: string) =>
        (await db.store.moderationQueue({ subjectType: "contribution", status: "flagged", limit: 200 })).find(
          (item) => item.id === id,
        );
      afterEach(() => resetIntegritySettings(db.query));

      it("keeps a contribution online when three fresh tokens of one network flag it", async () => {
        const id = await created(answer());
        await db.store.moderate({ subjectType: "contribution", ids: [id], decision: "publish", actor: "mod" });
        const network = crypto.randomUUID();
        for (const token of ["a", "b", "c", "d", "e"]) {
          expect(await flagFrom(id, `${network}-${token}`, network)).toEqual({ outcome: "created" });
        }
        expect(await status(id)).toBe("published");
        expect(await queueItem(id)).toMatchObject({ open_flags: 5, flag_networks: 1 });
        await flagFrom(id, crypto.randomUUID(), crypto.randomUUID());
        expect(await status(id)).toBe("published");
        await flagFrom(id, crypto.randomUUID(), crypto.randomUUID());
        expect(await status(id)).toBe("pending");
        const [event] = await db.query<{ reason: string }>(
          "select reason from public.moderation_events where subject_id = $1 and action = 'returned_to_review'",
          [id],
        );
        expect(event?.reason).toBe("signalée depuis 3 réseaux distincts");
      });

      it("keeps online a contribution a moderator published after its flags: new flags queue it, never hide it", async () => {
        const id = await created(answer());
        await db.store.moderate({ subjectType: "contribution", ids: [id], decision: "publish", actor: "mod" });
        for (let n = 0; n < 3; n++) await flagFrom(id, crypto.randomUUID(), crypto.randomUUID());
        expect(await status(id)).toBe("pending");
        await db.store.moderate({
          subjectType: "contribution",
          ids: [id],
          decision: "publish",
          actor: "Camille (modération)",
        });
        for (let n = 0; n < 6; n++) await flagFrom(id, crypto.randomUUID(), crypto.randomUUID());
        expect(await status(id)).toBe("published");
        expect(await queueItem(id)).toMatchObject({ status: "published", open_flags: 6, flag_networks: 6 });
        expect(await queueItem(id)).toMatchObject({ flags_reviewed_at: expect.any(String) });
        // Kept again: its flags close, with a log line that names the moderator.
        const kept = await db.store.moderate({
          subjectType: "contribution",
          ids: [id],
          decision: "publish",
          actor: "Camille (modération)",
        });
        expect(kept).toMatchObject({ outcome: "decided", decided: [], unchanged: [id] });
        expect(await queueItem(id)).toBeUndefined();
        const log = await db.query<{ action: string; actor: string }>(
          "select action, actor from public.moderation_events where subject_id = $1 and action in ('published', 'returned_to_review', 'flags_resolved') order by id",
          [id],
        );
        expect(log).toEqual([
          { action: "published", actor: "mod" },
          { action: "returned_to_review", actor: "system" },
          { action: "published", actor: "Camille (modération)" },
          { action: "flags_resolved", actor: "Camille (modération)" },
        ]);
      });

      it("caps the reactions one network adds to one contribution; other networks still count", async () => {
        const id = await created(answer());
        await publish(id);
        const network = `network-${crypto.randomUUID()}`;
        const react = (token: string, networkHash = network) =>
          db.store.react({ contributionId: id, kind: "support", voterHash: `voter-${token}-00000000`, networkHash });
        const outcomes = [];
        for (let n = 0; n < 11; n++) outcomes.push(await react(`${network}-${n}`));
        expect(outcomes.slice(0, 10).every((o) => o.outcome === "created")).toBe(true);
        expect(outcomes[10]).toEqual({ outcome: "network_limit", limit: 10, counts: { support: 10, disagree: 0 } });
        expect(await react(crypto.randomUUID(), `network-${crypto.randomUUID()}`)).toMatchObject({
          outcome: "created",
          counts: { support: 11, disagree: 0 },
        });
        const [item] = (
          await db.store.moderationQueue({ subjectType: "contribution", status: "published", limit: 200 })
        ).filter((row) => row.id === id);
        expect(item).toMatchObject({ reactions: 11, reaction_networks: 2 });
      });

      it("holds the cap under parallel reactions from one network", async () => {
        await setIntegritySettings(db.query, { reactions_per_network: 3 });
        const id = await created(answer());
        await publish(id);
        const network = `parallel-${crypto.randomUUID()}`;
        const outcomes = await Promise.all(
          Array.from({ length: 8 }, (_, n) =>
            db.store.react({
              contributionId: id,
              kind: "support",
              voterHash: `voter-${network}-${n}`,
              networkHash: network,
            }),
          ),
        );
        expect(outcomes.filter((o) => o.outcome === "created")).toHaveLength(3);
        expect(outcomes.filter((o) => o.outcome === "network_limit")).toHaveLength(5);
      });
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
        ["a rate-limit hit", "select * from public.rate_limit_hits"],
        ["an integrity setting", "select * from public.integrity_settings"],
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
        for (const fn of ["submit_contribution", "submit_initiative", "flag_contribution", "react_to_contribution"]) {
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
            networkHash: `threshold-ip-${n}-00000`,
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

      it("never loses a change dated at or before the last claim (same clock tick, or a claim committed meanwhile)", async () => {
        await db.store.claimRebuild();
        // The last claim reads a later clock than the change that follows it.
        await db.query("update public.site_state set rebuild_requested_at = now() + interval '1 hour' where id");
        try {
          await db.store.notePublicChange();
          expect(await db.store.claimRebuild()).toBe(true);
        } finally {
          await db.query(
            "update public.site_state set rebuild_requested_at = now(), public_changed_at = now() where id",
          );
        }
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

      it("keeps named moderators' tokens as digests, finds them until revoked, and names them in the log", async () => {
        const digest = "a".repeat(63) + String(Math.floor(Math.random() * 10));
        const added = await db.store.addModeratorToken({ displayName: " Camille Martin ", tokenHash: digest });
        expect(added).toMatchObject({ displayName: "Camille Martin", revokedAt: undefined });
        expect(await db.store.findModeratorToken(digest)).toEqual({ id: added.id, displayName: "Camille Martin" });
        expect(await db.store.findModeratorToken("b".repeat(64))).toBeUndefined();
        await expect(db.store.addModeratorToken({ displayName: "Autre", tokenHash: digest })).rejects.toThrow();
        await expect(db.store.addModeratorToken({ displayName: "Autre", tokenHash: "not-a-digest" })).rejects.toThrow();

        const id = await created(answer());
        await db.store.moderate({ subjectType: "contribution", ids: [id], decision: "publish", actor: added.id });
        const userId = crypto.randomUUID();
        await db.query("insert into auth.users (id, email) values ($1, $2)", [userId, `${userId}@exemple.fr`]);
        expect(await db.store.addModerator({ userId, displayName: "Dominique" })).toBe("added");
        expect(await db.store.addModerator({ userId, displayName: "Dominique Petit" })).toBe("renamed");
        expect(await db.store.addModerator({ userId: crypto.randomUUID(), displayName: "X" })).toBe("no_such_user");
        await db.store.setRetained({ contributionId: id, retained: true, actor: userId });
        const log = await db.query<{ action: string; actor_name: string | null }>(
          "select action, actor_name from public.moderation_events where subject_id = $1 order by id",
          [id],
        );
        expect(log).toEqual([
          { action: "submitted", actor_name: null },
          { action: "published", actor_name: "Camille Martin" },
          { action: "retained", actor_name: "Dominique Petit" },
        ]);

        expect(await db.store.revokeModeratorToken(added.id)).toBe(true);
        expect(await db.store.revokeModeratorToken(crypto.randomUUID())).toBe(false);
        expect(await db.store.findModeratorToken(digest)).toBeUndefined();
        const listed = (await db.store.listModeratorTokens()).find((m) => m.id === added.id);
        expect(listed?.revokedAt).toEqual(expect.any(String));
      });

      it("keeps moderation data from the public role", async () => {
        for (const sql of [
          "select * from public.moderators",
          "select * from public.moderator_tokens",
          "select * from public.email_outbox",
          "select public.claim_email_outbox(payload => '{}'::jsonb)",
          "select public.stop_notifications(payload => '{}'::jsonb)",
          "select public.find_moderator_token(payload => '{}'::jsonb)",
          "select public.add_moderator_token(payload => '{}'::jsonb)",
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
