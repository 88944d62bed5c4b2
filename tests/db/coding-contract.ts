/**
 * Coding contributions (20261206130000_coding_contributions.sql) on every
 * database the store must work on, the store calling as service_role, the
 * role production uses: categories on a whole contribution and extracts
 * (a passage at its position, checked against the body), several moderators
 * at once, each change logged as tagged/untagged; the ids by category (for
 * the queue's filter) and the counts per theme (for /synthese/, published
 * contributions only); row level security on the new tables, and no more
 * grants than the store needs.
 */
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/server/store/migrate";
import { pgliteTarget } from "../../src/server/store/migration-targets";
import { supabaseDir } from "../../src/server/store/open-store";
import { assertFunctionName, type SqlPort } from "../../src/server/store/sql-port";
import { type NewContribution, Store } from "../../src/server/store/store";

type Query = <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<Row[]>;

/** What the coding contract needs from a database. */
export interface CodingDatabase {
  /** A store connected as service_role. */
  store: Store;
  /** As the owner (bypasses RLS). */
  query: Query;
  /** Runs fn with the role switched inside one transaction. */
  asRole<T>(role: "anon" | "authenticated" | "service_role", fn: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** SqlPort over PGlite that runs every call as `role`, as production's service role key does. */
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
export async function pgliteCodingDatabase(): Promise<CodingDatabase> {
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

const ALICE = { actor: "5a1c0d3e-0000-4000-8000-00000000a11c", actorName: "Alice" };
const BRUNO = { actor: "moderateur-local", actorName: "Modérateur (jeton de démarrage)" };

let sequence = 0;

export function describeCodingContract(name: string, connect: () => Promise<CodingDatabase>): void {
  describe(`coding contributions on ${name}`, () => {
    let db: CodingDatabase;
    const contribution = async (
      body: string,
      overrides: Partial<Extract<NewContribution, { kind: "answer" }>> = {},
    ) => {
      sequence += 1;
      const outcome = await db.store.submitContribution({
        kind: "answer",
        themeId: "modeles-economiques",
        questionId: "mutualiser",
        idempotencyKey: crypto.randomUUID(),
        body,
        pseudonym: "Léa",
        profile: "fondateur",
        territory,
        authorHash: `coding-${String(sequence).padStart(4, "0")}-${"c".repeat(16)}`,
        email: undefined,
        contactConsent: false,
        ...overrides,
      });
      if (outcome.outcome !== "created") throw new Error(`expected created, got ${outcome.outcome}`);
      return outcome.id;
    };
    const publish = (id: string) =>
      db.query("update public.contributions set status = 'published', published_at = now() where id = $1", [id]);
    const log = (id: string) =>
      db.query<{ action: string; actor: string; reason: string | null }>(
        `select action, actor, reason from public.moderation_events
         where subject_id = $1 and action in ('tagged', 'untagged') order by id`,
        [id],
      );

    beforeAll(async () => {
      db = await connect();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it("tags a whole contribution, logs each change under the moderator, and changes nothing twice", async () => {
      const id = await contribution(`Le loyer est trop cher pour un petit lieu. ${crypto.randomUUID()}`);
      const first = await db.store.codeContribution({
        contributionId: id,
        add: ["obstacle", "proposition"],
        remove: [],
        ...ALICE,
      });
      expect(first).toMatchObject({ outcome: "coded", added: ["obstacle", "proposition"], removed: [] });
      if (first.outcome !== "coded") return;
      expect(first.coding.categories.map((row) => [row.category_id, row.actor, row.actor_name])).toEqual([
        ["obstacle", ALICE.actor, "Alice"],
        ["proposition", ALICE.actor, "Alice"],
      ]);

      // Again, and a removal of a category it does not have: nothing changes, nothing is logged.
      expect(
        await db.store.codeContribution({ contributionId: id, add: ["obstacle"], remove: ["question"], ...BRUNO }),
      ).toMatchObject({ outcome: "coded", added: [], removed: [] });
      expect(
        await db.store.codeContribution({ contributionId: id, add: [], remove: ["proposition"], ...BRUNO }),
      ).toMatchObject({ outcome: "coded", added: [], removed: ["proposition"] });

      expect(await log(id)).toEqual([
        { action: "tagged", actor: ALICE.actor, reason: "obstacle" },
        { action: "tagged", actor: ALICE.actor, reason: "proposition" },
        { action: "untagged", actor: BRUNO.actor, reason: "proposition" },
      ]);
      const coding = await db.store.contributionCoding(id);
      // The tag stays Alice's: Bruno's second « obstacle » changed nothing.
      expect(coding?.categories.map((row) => [row.category_id, row.actor_name])).toEqual([["obstacle", "Alice"]]);
    });

    it("lets several moderators code one contribution at once: every tag lands once", async () => {
      const id = await contribution(`Mutualiser un poste d'animateur entre trois lieux. ${crypto.randomUUID()}`);
      const results = await Promise.all([
        db.store.codeContribution({ contributionId: id, add: ["solution", "exemple"], remove: [], ...ALICE }),
        db.store.codeContribution({ contributionId: id, add: ["exemple", "question"], remove: [], ...BRUNO }),
      ]);
      expect(results.map((result) => result.outcome)).toEqual(["coded", "coded"]);
      const coding = await db.store.contributionCoding(id);
      expect(coding?.categories.map((row) => row.category_id).sort()).toEqual(["exemple", "question", "solution"]);
      const tagged = (await log(id)).filter((row) => row.action === "tagged").map((row) => row.reason);
      expect(tagged.sort()).toEqual(["exemple", "question", "solution"]);
    });

    it("refuses an unknown contribution, a malformed category and a category both added and removed, writing nothing", async () => {
      const unknown = crypto.randomUUID();
      expect(
        await db.store.codeContribution({ contributionId: unknown, add: ["obstacle"], remove: [], ...ALICE }),
      ).toEqual({ outcome: "not_found" });
      const id = await contribution(`Un texte à ne pas coder de travers. ${crypto.randomUUID()}`);
      for (const input of [
        { add: ["Pas Un Id"], remove: [] },
        { add: ["obstacle"], remove: ["obstacle"] },
      ]) {
        expect(await db.store.codeContribution({ contributionId: id, ...input, ...ALICE })).toEqual({
          outcome: "invalid",
        });
      }
      expect(await log(id)).toEqual([]);
      expect(await db.store.contributionCoding(unknown)).toBeUndefined();
    });

    it("extracts a passage at its position in code points, refuses one that does not match the body, logs both ways", async () => {
      // An emoji before the passage: one character for PostgreSQL, two UTF-16 units for JavaScript.
      const body = `Ici 😀 le très haut débit manque encore. ${crypto.randomUUID()}`;
      const id = await contribution(body);
      const passage = "le très haut débit manque";
      const start = Array.from(body).join("").indexOf(passage) - 1; // the emoji counts once
      const end = start + Array.from(passage).length;
      expect(Array.from(body).slice(start, end).join("")).toBe(passage);

      const wrongs = [
        { start: start + 1, end: end + 1, quote: passage },
        { start, end, quote: "le très haut débit MANQUE" },
        { start: Array.from(body).length - 3, end: Array.from(body).length + 22, quote: passage },
      ];
      for (const wrong of wrongs) {
        expect(
          await db.store.extractPassage({ contributionId: id, categoryId: "obstacle", ...wrong, ...ALICE }),
          JSON.stringify(wrong),
        ).toEqual({ outcome: "position_mismatch" });
      }
      expect(
        await db.store.extractPassage({
          contributionId: id,
          categoryId: "obstacle",
          start: 4,
          end: 2,
          quote: "xx",
          ...ALICE,
        }),
      ).toEqual({ outcome: "invalid" });

      const extracted = await db.store.extractPassage({
        contributionId: id,
        categoryId: "obstacle",
        start,
        end,
        quote: passage,
        ...ALICE,
      });
      expect(extracted).toMatchObject({ outcome: "extracted", changed: true });
      if (extracted.outcome !== "extracted") return;
      expect(extracted.coding.extracts).toEqual([
        {
          id: extracted.id,
          category_id: "obstacle",
          start_offset: start,
          end_offset: end,
          quote: passage,
          actor: ALICE.actor,
          actor_name: "Alice",
          created_at: expect.any(String),
        },
      ]);
      // The same passage with the same category again: the first extract, unchanged.
      expect(
        await db.store.extractPassage({
          contributionId: id,
          categoryId: "obstacle",
          start,
          end,
          quote: passage,
          ...BRUNO,
        }),
      ).toMatchObject({ outcome: "extracted", id: extracted.id, changed: false });

      const removed = await db.store.removeExtract({ contributionId: id, extractId: extracted.id, actor: BRUNO.actor });
      expect(removed).toMatchObject({ outcome: "removed", changed: true, coding: { extracts: [] } });
      expect(
        await db.store.removeExtract({ contributionId: id, extractId: extracted.id, actor: BRUNO.actor }),
      ).toMatchObject({ outcome: "removed", changed: false });
      expect(await log(id)).toEqual([
        { action: "tagged", actor: ALICE.actor, reason: `obstacle : « ${passage} »` },
        { action: "untagged", actor: BRUNO.actor, reason: `obstacle : « ${passage} »` },
      ]);
    });

    it("refuses, whoever inserts it, an extract whose text is not the body's at its position", async () => {
      const id = await contribution(`Un café associatif tient lieu de tiers-lieu. ${crypto.randomUUID()}`);
      const insert = (start: number, end: number, quote: string) =>
        db.query(
          `insert into public.contribution_extracts (contribution_id, category_id, start_offset, end_offset, quote, actor)
           values ($1, 'exemple', $2, $3, $4, 'owner')`,
          [id, start, end, quote],
        );
      await expect(insert(3, 8, "xxxxx")).rejects.toThrow(/does not match the body/);
      await expect(insert(3, 8, "café")).rejects.toThrow(/does not match the body/);
      await insert(3, 7, "café");
      expect(await db.query("select quote from public.contribution_extracts where contribution_id = $1", [id])).toEqual(
        [{ quote: "café" }],
      );
    });

    it("moves an extract with its passage when the body is corrected, and removes it (logged) when the passage is gone", async () => {
      const id = await contribution(`Le bus ne passe plus. Le café a fermé. ${crypto.randomUUID()}`);
      const extract = async (categoryId: string, start: number, quote: string) => {
        const result = await db.store.extractPassage({
          contributionId: id,
          categoryId,
          start,
          end: start + quote.length,
          quote,
          ...ALICE,
        });
        if (result.outcome !== "extracted") throw new Error(result.outcome);
      };
      await extract("obstacle", 0, "Le bus ne passe plus");
      await extract("exemple", 22, "Le café a fermé");
      // As the author's correction writes it, as service_role.
      await db.asRole("service_role", (query) =>
        query("update public.contributions set body = $2 where id = $1", [
          id,
          `Hélas, le café a fermé et Le bus ne passe plus. ${crypto.randomUUID()}`,
        ]),
      );
      const coding = await db.store.contributionCoding(id);
      expect(coding?.extracts.map((row) => [row.category_id, row.start_offset, row.end_offset, row.quote])).toEqual([
        ["obstacle", 26, 46, "Le bus ne passe plus"],
      ]);
      expect((await log(id)).at(-1)).toEqual({
        action: "untagged",
        actor: "system",
        reason: "exemple : « Le café a fermé »",
      });
    });

    it("dates a change at the demonstration clock's instant when the payload carries one", async () => {
      const id = await contribution(`Un atelier partagé ouvre le samedi. ${crypto.randomUUID()}`);
      const at = "2018-05-20T09:30:00.000Z";
      await db.store.port.call("code_contribution", {
        contribution_id: id,
        add: ["exemple"],
        remove: [],
        actor: ALICE.actor,
        actor_name: "Alice",
        at,
      });
      const [tag] = await db.query<{ created_at: Date }>(
        "select created_at from public.contribution_categories where contribution_id = $1",
        [id],
      );
      const [event] = await db.query<{ created_at: Date }>(
        "select created_at from public.moderation_events where subject_id = $1 and action = 'tagged'",
        [id],
      );
      expect(new Date(tag?.created_at ?? 0).toISOString()).toBe(at);
      expect(new Date(event?.created_at ?? 0).toISOString()).toBe(at);
    });

    it("lists the contributions coded with a category, whole or by extract, each once, by theme if asked", async () => {
      const whole = await contribution(`Les élus ne connaissent pas les tiers-lieux. ${crypto.randomUUID()}`);
      const byExtract = await contribution(`Il manque un lieu de rencontre au bourg. ${crypto.randomUUID()}`, {
        themeId: "ancrage-territorial",
        questionId: "freins-rencontres",
      });
      const both = await contribution(`Question : qui financera le lieu demain ? ${crypto.randomUUID()}`);
      await db.store.codeContribution({ contributionId: whole, add: ["question"], remove: [], ...ALICE });
      await db.store.codeContribution({ contributionId: both, add: ["question"], remove: [], ...ALICE });
      await db.store.extractPassage({
        contributionId: byExtract,
        categoryId: "question",
        start: 0,
        end: 8,
        quote: "Il manqu",
        ...ALICE,
      });
      await db.store.extractPassage({
        contributionId: both,
        categoryId: "question",
        start: 0,
        end: 8,
        quote: "Question",
        ...BRUNO,
      });
      const ids = await db.store.contributionIdsByCategory({ categoryId: "question" });
      expect(ids.filter((id) => [whole, byExtract, both].includes(id))).toEqual([whole, byExtract, both]);
      expect(new Set(ids).size).toBe(ids.length);
      const ofTheme = await db.store.contributionIdsByCategory({
        categoryId: "question",
        themeId: "ancrage-territorial",
      });
      expect(ofTheme).toContain(byExtract);
      expect(ofTheme).not.toContain(whole);
      expect(await db.store.contributionIdsByCategory({ categoryId: "categorie-sans-tag" })).toEqual([]);
      // The same set for SQL, for a filter inside moderation_queue.
      const sqlIds = await db.asRole("service_role", (query) =>
        query<{ id: string }>("select public.coded_contribution_ids('question') as id"),
      );
      expect(sqlIds.map((row) => row.id).sort()).toEqual([...ids].sort());
    });

    it("counts per theme and category the published contributions only, each once however coded", async () => {
      const before = await db.store.categoryCounts();
      const countOf = (rows: typeof before, themeId: string, categoryId: string) =>
        rows.find((row) => row.theme_id === themeId && row.category_id === categoryId)?.contributions ?? 0;
      const published = await contribution(`Créer une monnaie locale entre les lieux. ${crypto.randomUUID()}`);
      const pending = await contribution(`Une proposition encore en attente. ${crypto.randomUUID()}`);
      await publish(published);

      await db.store.claimRebuild();
      await db.store.codeContribution({ contributionId: pending, add: ["proposition"], remove: [], ...ALICE });
      expect(await db.store.claimRebuild()).toBe(false); // a pending contribution is not public
      await db.store.codeContribution({ contributionId: published, add: ["proposition"], remove: [], ...ALICE });
      expect(await db.store.claimRebuild()).toBe(true); // the counts of /synthese/ changed
      await db.store.extractPassage({
        contributionId: published,
        categoryId: "proposition",
        start: 0,
        end: 5,
        quote: "Créer",
        ...BRUNO,
      });

      const after = await db.store.categoryCounts();
      expect(countOf(after, "modeles-economiques", "proposition")).toBe(
        countOf(before, "modeles-economiques", "proposition") + 1,
      );
      // Rejected again: no longer counted.
      await db.query("update public.contributions set status = 'rejected' where id = $1", [published]);
      expect(countOf(await db.store.categoryCounts(), "modeles-economiques", "proposition")).toBe(
        countOf(before, "modeles-economiques", "proposition"),
      );
    });

    it("forgets the coding of a contribution erased from the database", async () => {
      const id = await contribution(`Texte effacé à la demande de son auteur. ${crypto.randomUUID()}`);
      await db.store.codeContribution({ contributionId: id, add: ["exemple"], remove: [], ...ALICE });
      await db.store.extractPassage({
        contributionId: id,
        categoryId: "exemple",
        start: 0,
        end: 5,
        quote: "Texte",
        ...ALICE,
      });
      await db.query("delete from public.contributions where id = $1", [id]);
      const left = await db.query<{ n: number }>(
        `select (select count(*) from public.contribution_categories where contribution_id = $1)
              + (select count(*) from public.contribution_extracts where contribution_id = $1) as n`,
        [id],
      );
      expect(Number(left[0]?.n)).toBe(0);
    });

    it("has row level security on the coding tables, and grants service_role read, add, remove and move an extract only", async () => {
      const tables = await db.query<{ relname: string; relrowsecurity: boolean }>(
        `select relname, relrowsecurity from pg_class
         where relname in ('contribution_categories', 'contribution_extracts') and relnamespace = 'public'::regnamespace
         order by 1`,
      );
      expect(tables).toEqual([
        { relname: "contribution_categories", relrowsecurity: true },
        { relname: "contribution_extracts", relrowsecurity: true },
      ]);
      for (const table of ["contribution_categories", "contribution_extracts"]) {
        const [privileges] = await db.query(
          `select has_table_privilege('service_role', $1, 'SELECT') as "select",
                  has_table_privilege('service_role', $1, 'INSERT') as "insert",
                  has_table_privilege('service_role', $1, 'DELETE') as "delete",
                  has_table_privilege('service_role', $1, 'UPDATE') as "update",
                  has_table_privilege('service_role', $1, 'TRUNCATE') as "truncate",
                  has_table_privilege('anon', $1, 'SELECT') as anon,
                  has_table_privilege('authenticated', $1, 'SELECT') as authenticated`,
          [`public.${table}`],
        );
        expect(privileges, table).toEqual({
          select: true,
          insert: true,
          delete: true,
          update: false,
          truncate: false,
          anon: false,
          authenticated: false,
        });
        for (const role of ["anon", "authenticated"] as const) {
          await expect(
            db.asRole(role, (query) => query(`select * from public.${table}`)),
            `${role} ${table}`,
          ).rejects.toThrow(/permission denied/);
        }
      }
      // Only an extract's position may change (it follows a corrected body), never its text or author.
      const [columns] = await db.query(
        `select has_column_privilege('service_role', 'public.contribution_extracts', 'start_offset', 'UPDATE') as start,
                has_column_privilege('service_role', 'public.contribution_extracts', 'quote', 'UPDATE') as quote,
                has_column_privilege('service_role', 'public.contribution_extracts', 'actor', 'UPDATE') as actor`,
      );
      expect(columns).toEqual({ start: true, quote: false, actor: false });
      const functions = [
        "contribution_coding(jsonb)",
        "code_contribution(jsonb)",
        "extract_passage(jsonb)",
        "remove_extract(jsonb)",
        "contributions_by_category(jsonb)",
        "category_counts(jsonb)",
        "coded_contribution_ids(text)",
      ];
      for (const fn of functions) {
        const [row] = await db.query(
          `select has_function_privilege('anon', $1, 'EXECUTE') as anon,
                  has_function_privilege('authenticated', $1, 'EXECUTE') as authenticated,
                  has_function_privilege('service_role', $1, 'EXECUTE') as service_role`,
          [`public.${fn}`],
        );
        expect(row, fn).toEqual({ anon: false, authenticated: false, service_role: true });
      }
      await expect(
        db.asRole("anon", (query) => query("select public.category_counts(payload => '{}'::jsonb)")),
      ).rejects.toThrow(/permission denied/);
    });
  });
}
