/**
 * The moderation of the « Autre, précisez » texts, on every database the
 * store must work on (run from describeChoiceContract): a text waits pending,
 * a moderator publishes it or rejects it with a reason, dated at the
 * demonstration clock's instant, logged in moderation_events; only a
 * published text leaves the database; nothing is callable by anon or
 * authenticated.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../src/server/store/store";
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
async function answerWithOther(store: Store, otherText: string): Promise<string> {
  sequence += 1;
  const outcome = await store.submitChoiceAnswer({
    idempotencyKey: crypto.randomUUID(),
    themeId: "ancrage-territorial",
    questionId: "principal-frein",
    optionIds: ["autre"],
    otherText,
    pseudonym: `Autre ${sequence}`,
    profile: "habitant",
    territory,
    authorHash: `other-${String(sequence).padStart(4, "0")}-${"d".repeat(16)}`,
  });
  if (outcome.outcome !== "created") throw new Error(`not created: ${outcome.outcome}`);
  return outcome.id;
}

export function describeOtherTextsContract(name: string, connect: () => Promise<ContractDatabase>): void {
  describe(`« autre » texts moderation on ${name}`, () => {
    let db: ContractDatabase;
    beforeAll(async () => {
      db = await connect();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it("lists a text as pending, publishes it (then it is public), rejects another only with a reason, logs both", async () => {
      const kept = await answerWithOther(db.store, "Le manque de transports en commun");
      const refused = await answerWithOther(db.store, "Texte hors sujet à écarter");
      const pending = await db.store.otherTextsQueue({ status: "pending", limit: 50 });
      expect(pending.items.map((item) => item.id)).toEqual(expect.arrayContaining([kept, refused]));
      expect(pending.items.find((item) => item.id === kept)).toMatchObject({
        theme_id: "ancrage-territorial",
        question_id: "principal-frein",
        other_text: "Le manque de transports en commun",
        pseudonym: expect.stringMatching(/^Autre /),
        status: "pending",
        reason: null,
        moderated_at: null,
      });
      expect(JSON.stringify(pending)).not.toContain("Guéret");
      expect(await db.store.publishedOtherTexts()).toEqual([]);

      await db.store.claimRebuild();
      expect(await db.store.claimRebuild()).toBe(false);
      expect(await db.store.moderateOtherText({ id: kept, decision: "publish", actor: "moderator-1" })).toEqual({
        outcome: "decided",
        id: kept,
        changed: true,
      });
      expect(await db.store.claimRebuild()).toBe(true);
      // Deciding the same again changes nothing and logs nothing.
      expect(await db.store.moderateOtherText({ id: kept, decision: "publish", actor: "moderator-1" })).toEqual({
        outcome: "decided",
        id: kept,
        changed: false,
      });

      for (const reason of [undefined, "   "]) {
        expect(
          await db.store.moderateOtherText({ id: refused, decision: "reject", reason, actor: "moderator-1" }),
        ).toEqual({ outcome: "reason_required" });
      }
      expect(
        await db.store.moderateOtherText({
          id: refused,
          decision: "reject",
          reason: "Hors sujet",
          actor: "moderator-2",
        }),
      ).toEqual({ outcome: "decided", id: refused, changed: true });
      // Rejecting a text that was never public does not rebuild the pages.
      expect(await db.store.claimRebuild()).toBe(false);

      const published = await db.store.publishedOtherTexts();
      expect(published).toEqual([
        {
          id: kept,
          theme_id: "ancrage-territorial",
          question_id: "principal-frein",
          other_text: "Le manque de transports en commun",
          pseudonym: expect.stringMatching(/^Autre /),
          published_at: expect.any(String),
        },
      ]);
      const rejected = await db.store.otherTextsQueue({ status: "rejected", limit: 50 });
      expect(rejected.items).toEqual([expect.objectContaining({ id: refused, reason: "Hors sujet" })]);
      expect(rejected.counts).toMatchObject({ published: 1, rejected: 1 });
      expect((await db.store.otherTextsQueue({ status: "pending", limit: 50 })).items.map((i) => i.id)).not.toContain(
        kept,
      );

      const events = await db.query<{ subject_id: string; action: string; actor: string; reason: string | null }>(
        "select subject_id, action, actor, reason from public.moderation_events where subject_type = 'choice_answer' order by id",
      );
      expect(events).toEqual([
        { subject_id: kept, action: "published", actor: "moderator-1", reason: null },
        { subject_id: refused, action: "rejected", actor: "moderator-2", reason: "Hors sujet" },
      ]);
    });

    it("dates a decision at the demonstration clock's instant", async () => {
      const at = new Date("2026-03-15T10:00:00.000Z");
      const demo = new Store(db.store.port, { clock: () => ({ mode: "demo" as const, now: () => at }) });
      const id = await answerWithOther(demo, "Une raison datée");
      await demo.moderateOtherText({ id, decision: "publish", actor: "moderator-1" });
      const [row] = await db.query<{ other_moderated_at: Date | string }>(
        "select other_moderated_at from public.choice_answers where id = $1",
        [id],
      );
      expect(new Date(row?.other_moderated_at ?? 0).toISOString()).toBe(at.toISOString());
      const [event] = await db.query<{ created_at: Date | string }>(
        "select created_at from public.moderation_events where subject_id = $1",
        [id],
      );
      expect(new Date(event?.created_at ?? 0).toISOString()).toBe(at.toISOString());
    });

    it("refuses an unknown id, an answer without text and a bad decision, writing nothing", async () => {
      const [before] = await db.query<{ n: number }>("select count(*)::int as n from public.moderation_events");
      expect(
        await db.store.moderateOtherText({ id: crypto.randomUUID(), decision: "publish", actor: "moderator-1" }),
      ).toEqual({ outcome: "not_found" });
      const plain = await db.store.submitChoiceAnswer({
        idempotencyKey: crypto.randomUUID(),
        themeId: "ancrage-territorial",
        questionId: "principal-frein",
        optionIds: ["financement"],
        pseudonym: "Sans texte",
        profile: "habitant",
        territory,
        authorHash: `other-plain-${"e".repeat(16)}`,
      });
      if (plain.outcome !== "created") throw new Error("not created");
      expect(await db.store.moderateOtherText({ id: plain.id, decision: "publish", actor: "moderator-1" })).toEqual({
        outcome: "not_found",
      });
      expect(
        await db.store.moderateOtherText({ id: plain.id, decision: "keep" as never, actor: "moderator-1" }),
      ).toEqual({ outcome: "invalid" });
      const [after] = await db.query<{ n: number }>("select count(*)::int as n from public.moderation_events");
      expect(after?.n).toBe(before?.n);
    });

    it("lets only service_role call the functions and update only the moderation columns", async () => {
      for (const role of ["anon", "authenticated"] as const) {
        for (const sql of [
          "select public.other_texts_queue(payload => '{}'::jsonb)",
          "select public.moderate_other_text(payload => '{}'::jsonb)",
          "select public.published_other_texts(payload => '{}'::jsonb)",
        ]) {
          await expect(
            db.asRole(role, (query) => query(sql)),
            `${role}: ${sql}`,
          ).rejects.toThrow(/permission denied/);
        }
      }
      const [grants] = await db.query<Record<string, boolean>>(
        `select has_column_privilege('service_role', 'public.choice_answers', 'other_status', 'UPDATE') as status,
                has_column_privilege('service_role', 'public.choice_answers', 'other_text', 'UPDATE') as text,
                has_column_privilege('service_role', 'public.choice_answers', 'option_ids', 'UPDATE') as options,
                has_function_privilege('service_role', 'public.moderate_other_text(jsonb)', 'EXECUTE') as decides`,
      );
      expect(grants).toEqual({ status: true, text: false, options: false, decides: true });
    });
  });
}
