/**
 * Synthesis versions and the moderation journal, on every database the store
 * must work on (PGlite always, PostgreSQL with npm run test:db): each save
 * of a synthesis keeps the current text as before, appends a version and
 * logs it under the moderator's name; the public may read the dates of the
 * published versions only, and nobody changes a version; the journal reads
 * the log newest first through its filters, page after page without a gap
 * or a repeat, counts the decisions per moderator over the whole filter, and
 * still lists a line whose subject is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../src/server/clock";
import { type NewContribution, Store } from "../../src/server/store/store";
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

let sequence = 0;
function answer(themeId: string, questionId: string): NewContribution {
  sequence += 1;
  return {
    kind: "answer",
    themeId,
    questionId,
    idempotencyKey: crypto.randomUUID(),
    body: `Une contribution du journal, numéro ${sequence}, assez longue pour être valable.`,
    pseudonym: `Journal ${sequence}`,
    profile: "habitant",
    territory,
    authorHash: `journal-${String(sequence).padStart(4, "0")}-${"e".repeat(16)}`,
    email: undefined,
    contactConsent: false,
  };
}

/** A store on the same database whose demonstration clock reads `at`. */
const storeAt = (db: ContractDatabase, at: string) => {
  const clock: Clock = { mode: "demo", now: () => new Date(at) };
  return new Store(db.store.port, { clock: () => clock });
};

export function describeJournalContract(name: string, connect: () => Promise<ContractDatabase>): void {
  describe(`synthesis versions and moderation journal on ${name}`, () => {
    let db: ContractDatabase;
    let camille: string;
    let dominique: string;
    beforeAll(async () => {
      db = await connect();
      camille = (await db.store.addModeratorToken({ displayName: "Camille Martin", tokenHash: "c".repeat(64) })).id;
      dominique = (await db.store.addModeratorToken({ displayName: "Dominique Petit", tokenHash: "d".repeat(64) })).id;
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it("appends a version and a log line per save, keeps the current text, and the public history", async () => {
      const themeId = "ancrage-territorial";
      const first = await storeAt(db, "2018-05-02T08:00:00Z").saveSynthesis({
        themeId,
        body: "## Premier jet",
        actor: camille,
      });
      const blank = await storeAt(db, "2018-05-03T08:00:00Z").saveSynthesis({ themeId, body: " \n ", actor: camille });
      const back = await storeAt(db, "2018-05-04T08:00:00Z").saveSynthesis({
        themeId,
        body: "## De retour",
        actor: dominique,
      });
      const edit = await storeAt(db, "2018-05-05T08:00:00Z").saveSynthesis({
        themeId,
        body: "## De retour, précisé",
        actor: camille,
      });
      expect(new Set([first.versionId, blank.versionId, back.versionId, edit.versionId]).size).toBe(4);
      expect(edit.updatedAt).toBe("2018-05-05T08:00:00.000Z");

      // What the site is built from is the last text, as before.
      const { syntheses } = await db.store.publicSnapshot();
      expect(syntheses.find((row) => row.theme_id === themeId)?.body).toBe("## De retour, précisé");

      const versions = await db.store.synthesisVersions({ themeId });
      expect(versions.map((v) => [v.id, v.body, v.author_name, v.published])).toEqual([
        [edit.versionId, "## De retour, précisé", "Camille Martin", true],
        [back.versionId, "## De retour", "Dominique Petit", true],
        [blank.versionId, " \n ", "Camille Martin", false],
        [first.versionId, "## Premier jet", "Camille Martin", true],
      ]);
      const log = await db.query<{ subject_id: string; action: string; actor_name: string; reason: string | null }>(
        "select subject_id, action, actor_name, reason from public.moderation_events where subject_type = 'synthesis' order by id",
      );
      expect(log).toEqual([
        { subject_id: first.versionId, action: "synthesis_saved", actor_name: "Camille Martin", reason: null },
        {
          subject_id: blank.versionId,
          action: "synthesis_saved",
          actor_name: "Camille Martin",
          reason: "texte vide : synthèse retirée du site",
        },
        { subject_id: back.versionId, action: "synthesis_saved", actor_name: "Dominique Petit", reason: null },
        { subject_id: edit.versionId, action: "synthesis_saved", actor_name: "Camille Martin", reason: null },
      ]);

      const history = await db.store.synthesisHistory();
      expect(history.find((row) => row.theme_id === themeId)?.versions).toEqual([
        { created_at: expect.stringMatching(/^2018-05-02/), republished: false },
        { created_at: expect.stringMatching(/^2018-05-04/), republished: true },
        { created_at: expect.stringMatching(/^2018-05-05/), republished: false },
      ]);
    });

    it("gives the public the dates of published versions only, and no one may change a version", async () => {
      const rows = await db.asRole("anon", (query) =>
        query<{ theme_id: string; published: boolean }>(
          "select theme_id, published, created_at from public.synthesis_versions order by seq",
        ),
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.published)).toBe(true);
      for (const sql of [
        "select body from public.synthesis_versions",
        "select author from public.synthesis_versions",
        "insert into public.synthesis_versions (theme_id, body, author) values ('ancrage-territorial', 'x', 'y')",
        "select public.moderation_journal('{}'::jsonb)",
        "select public.synthesis_versions('{}'::jsonb)",
        "select public.synthesis_history('{}'::jsonb)",
      ]) {
        await expect(
          db.asRole("anon", (query) => query(sql)),
          sql,
        ).rejects.toThrow(/permission denied/);
        await expect(
          db.asRole("authenticated", (query) => query(sql)),
          sql,
        ).rejects.toThrow(/permission denied/);
      }
      await expect(db.query("update public.synthesis_versions set body = 'réécrit'")).rejects.toThrow(/append-only/);
      await expect(db.query("delete from public.synthesis_versions")).rejects.toThrow(/append-only/);
    });

    it("filters the log by who, what, when and theme, newest first, a line whose subject is gone included", async () => {
      const early = storeAt(db, "2018-06-01T10:00:00Z");
      const late = storeAt(db, "2018-06-10T10:00:00Z");
      const submit = async (store: Store, themeId: string, questionId: string) => {
        const outcome = await store.submitContribution(answer(themeId, questionId));
        if (outcome.outcome !== "created") throw new Error(outcome.outcome);
        return outcome.id;
      };
      const a = await submit(early, "modeles-economiques", "mutualiser");
      const b = await submit(early, "modeles-economiques", "mutualiser");
      const c = await submit(late, "ancrage-territorial", "freins-rencontres");
      await early.moderate({ subjectType: "contribution", ids: [a], decision: "publish", actor: camille });
      await early.moderate({
        subjectType: "contribution",
        ids: [b],
        decision: "reject",
        reason: "Hors sujet",
        actor: camille,
      });
      await late.moderate({ subjectType: "contribution", ids: [c], decision: "publish", actor: dominique });
      // A line about a contribution the database no longer holds (erased, say).
      const gone = crypto.randomUUID();
      await db.query(
        "insert into public.moderation_events (subject_type, subject_id, action, actor, reason, created_at) values ('contribution', $1, 'erased', $2, '=HYPERLINK(\"x\")', '2018-06-11T10:00:00Z')",
        [gone, dominique],
      );

      const all = await db.store.moderationJournal({ limit: 1000, withTotals: true });
      const times = all.events.map((event) => Date.parse(event.created_at));
      expect(times).toEqual([...times].sort((x, y) => y - x));
      expect(all.events[0]).toMatchObject({
        subject_id: gone,
        action: "erased",
        subject_exists: false,
        theme_id: null,
      });
      expect(all.events.find((event) => event.subject_id === a && event.action === "published")).toMatchObject({
        actor: camille,
        actor_name: "Camille Martin",
        theme_id: "modeles-economiques",
        question_id: "mutualiser",
        subject_exists: true,
        excerpt: expect.stringContaining("Une contribution du journal"),
      });
      expect(all.totals?.actors).toEqual([
        { actor: camille, actor_name: "Camille Martin" },
        { actor: dominique, actor_name: "Dominique Petit" },
      ]);
      expect(all.totals?.by_actor).toEqual([
        { actor: camille, actor_name: "Camille Martin", published: 1, rejected: 1, other: 3 },
        { actor: dominique, actor_name: "Dominique Petit", published: 1, rejected: 0, other: 2 },
      ]);

      const ids = (events: { subject_id: string; action: string }[]) =>
        events.map((e) => `${e.action}:${e.subject_id}`);
      const byCamille = await db.store.moderationJournal({ actor: camille, action: "published", limit: 50 });
      expect(ids(byCamille.events)).toEqual([`published:${a}`]);
      expect(byCamille.totals).toBeUndefined();

      // June 5 to June 10 (the end exclusive): Dominique's decision only; the counts follow the filter.
      const june = await db.store.moderationJournal({
        fromAt: "2018-06-05T00:00:00Z",
        toAt: "2018-06-11T00:00:00Z",
        action: "published",
        limit: 50,
        withTotals: true,
      });
      expect(ids(june.events)).toEqual([`published:${c}`]);
      expect(june.totals?.by_actor).toEqual([
        { actor: dominique, actor_name: "Dominique Petit", published: 1, rejected: 0, other: 0 },
      ]);

      const theme = await db.store.moderationJournal({ themeId: "modeles-economiques", limit: 50, withTotals: true });
      expect(new Set(theme.events.map((e) => e.subject_id))).toEqual(new Set([a, b]));
      expect(ids(theme.events)).toEqual(
        expect.arrayContaining([`submitted:${a}`, `submitted:${b}`, `published:${a}`, `rejected:${b}`]),
      );
      expect(theme.totals?.by_actor).toEqual([
        { actor: camille, actor_name: "Camille Martin", published: 1, rejected: 1, other: 0 },
      ]);
      // The synthesis versions carry their theme too.
      const synthesisLines = await db.store.moderationJournal({ themeId: "ancrage-territorial", limit: 50 });
      expect(synthesisLines.events.filter((e) => e.subject_type === "synthesis")).toHaveLength(4);
    });

    it("pages through the log after a (created_at, id) cursor without a gap or a repeat, same instants included", async () => {
      // The demonstration clock dates many lines with the same instant: the id breaks the tie.
      const same = storeAt(db, "2018-06-20T12:00:00Z");
      for (let index = 0; index < 5; index += 1) {
        await same.saveSynthesis({ themeId: "modeles-economiques", body: `Version ${index}`, actor: dominique });
      }
      const whole = (await db.store.moderationJournal({ limit: 1000 })).events.map((e) => e.id);
      const paged: string[] = [];
      let after: { createdAt: string; id: string } | undefined;
      for (;;) {
        const page = await db.store.moderationJournal({ limit: 3, after });
        paged.push(...page.events.map((e) => e.id));
        const last = page.events.at(-1);
        if (page.events.length < 3 || !last) break;
        after = { createdAt: last.created_at, id: last.id };
      }
      expect(paged).toEqual(whole);
      expect(new Set(paged).size).toBe(paged.length);
    });
  });
}
