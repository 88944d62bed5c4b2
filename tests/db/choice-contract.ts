/**
 * The closed questions' contract, run on every database the store must work
 * on (PGlite always, PostgreSQL with npm run test:db, as the owner and as
 * service_role): answers stored by submit_choice_answer with the guarantees
 * of a contribution (idempotency with every field compared, the sliding rate
 * limit, duplicates, the demonstration clock's instant), counted by the
 * summary without moderation, the « autre » text kept out of every public
 * read, and nothing readable by anon or authenticated.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type NewChoiceAnswer, Store } from "../../src/server/store/store";
import { summaryInput } from "../../src/server/summary";
import { resetIntegritySettings, setIntegritySettings } from "../support/integrity";
import { describeOtherTextsContract } from "./other-texts-contract";
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
function choice(overrides: Partial<NewChoiceAnswer> = {}): NewChoiceAnswer {
  sequence += 1;
  return {
    idempotencyKey: crypto.randomUUID(),
    themeId: "ancrage-territorial",
    questionId: "principal-frein",
    optionIds: ["cout-du-debit"],
    pseudonym: `Léa ${sequence}`,
    profile: "habitant",
    territory,
    authorHash: `choice-${String(sequence).padStart(4, "0")}-${"c".repeat(16)}`,
    ...overrides,
  };
}

export function describeChoiceContract(name: string, connect: () => Promise<ContractDatabase>): void {
  describe(`closed questions contract on ${name}`, () => {
    let db: ContractDatabase;
    const rows = async () =>
      (await db.query<{ n: number }>("select count(*)::int as n from public.choice_answers"))[0]?.n ?? 0;

    beforeAll(async () => {
      db = await connect();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });
    afterEach(() => resetIntegritySettings(db.query));

    it("records an answer once per key; a replay gives the same id, a changed field is refused and writes nothing", async () => {
      const input = choice();
      const first = await db.store.submitChoiceAnswer(input);
      expect(first).toEqual({ outcome: "created", id: expect.any(String), replayed: false });
      const before = await rows();
      const replay = await db.store.submitChoiceAnswer(input);
      expect(replay).toEqual({ ...first, replayed: true });
      for (const changed of [
        { optionIds: ["financement"] },
        { otherText: "Autre chose" },
        { pseudonym: "Quelqu'un d'autre" },
        { profile: "salarie" as const },
        { questionId: "services-souhaites", themeId: "comprendre-les-tiers-lieux" },
      ]) {
        expect(await db.store.submitChoiceAnswer({ ...input, ...changed }), JSON.stringify(changed)).toEqual({
          outcome: "changed_replay",
        });
      }
      expect(await rows()).toBe(before);
    });

    it("writes exactly one row for concurrent retries with the same key", async () => {
      const input = choice({
        optionIds: [],
        scaleValue: 3,
        themeId: "travail-et-emploi",
        questionId: "utilite-pour-travailler",
      });
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => db.store.submitChoiceAnswer(input)));
      expect(outcomes.filter((o) => o.outcome === "created" && !o.replayed)).toHaveLength(1);
      const [found] = await db.query<{ n: number }>(
        "select count(*)::int as n from public.choice_answers where idempotency_key = $1",
        [input.idempotencyKey],
      );
      expect(found?.n).toBe(1);
    });

    it("refuses a second answer of one pseudonym to one question from one network, and gives its rate-limit place back", async () => {
      await setIntegritySettings(db.query, { submission_max: 2 });
      const input = choice();
      expect((await db.store.submitChoiceAnswer(input)).outcome).toBe("created");
      const again = { ...input, idempotencyKey: crypto.randomUUID(), pseudonym: input.pseudonym.toUpperCase() };
      expect(await db.store.submitChoiceAnswer(again)).toEqual({ outcome: "duplicate" });
      const [hits] = await db.query<{ n: number }>(
        "select count(*)::int as n from public.rate_limit_hits where ip_hash = $1",
        [input.authorHash],
      );
      expect(hits?.n).toBe(1);
      // Another question, same person: counted.
      expect(
        (
          await db.store.submitChoiceAnswer({
            ...input,
            idempotencyKey: crypto.randomUUID(),
            questionId: "services-souhaites",
          })
        ).outcome,
      ).toBe("created");
    });

    it("rate limits per network, sharing the submissions' budget, and says how long to wait", async () => {
      await setIntegritySettings(db.query, { submission_max: 3 });
      const authorHash = `choice-limited-${crypto.randomUUID()}`;
      const outcomes = [];
      for (let i = 0; i < 4; i++) outcomes.push(await db.store.submitChoiceAnswer(choice({ authorHash })));
      expect(outcomes.filter((o) => o.outcome === "created")).toHaveLength(3);
      expect(outcomes[3]).toEqual({ outcome: "rate_limited", retry_after: expect.any(Number) });
    });

    it("dates an answer at the demonstration clock's instant, and at now() without one", async () => {
      const demo = new Store(db.store.port, {
        clock: () => ({ mode: "demo", now: () => new Date("2018-05-15T08:00:00Z") }),
      });
      const dated = await demo.submitChoiceAnswer(choice());
      const real = await db.store.submitChoiceAnswer(choice());
      if (dated.outcome !== "created" || real.outcome !== "created") throw new Error("expected two answers");
      const found = await db.query<{ id: string; at: string }>(
        "select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') as at from public.choice_answers where id in ($1, $2)",
        [dated.id, real.id],
      );
      expect(found.find((row) => row.id === dated.id)?.at).toBe("2018-05-15T08:00:00");
      expect(found.find((row) => row.id === real.id)?.at.slice(0, 4)).not.toBe("2018");
    });

    it("keeps the shape rules: options or a value, never both; a value from 1 to 5; « autre » text with its status", async () => {
      for (const input of [
        choice({ optionIds: ["cout-du-debit"], scaleValue: 3 }),
        choice({ optionIds: [], scaleValue: undefined }),
        choice({ optionIds: [], scaleValue: 6 }),
        choice({ optionIds: ["Pas Un Id"] }),
      ]) {
        await expect(db.store.submitChoiceAnswer(input), JSON.stringify(input)).rejects.toThrow();
      }
    });

    it("counts every answer in the summary without moderation: per option, per value, the mean; never the « autre » text", async () => {
      await db.query("delete from public.choice_answers");
      const text = `Un tiers-lieu itinérant ${crypto.randomUUID()}`;
      for (const optionIds of [["cout-du-debit"], ["cout-du-debit"], ["financement"], ["autre"]]) {
        await db.store.submitChoiceAnswer(
          choice({ optionIds, ...(optionIds[0] === "autre" ? { otherText: text } : {}) }),
        );
      }
      for (const optionIds of [["bureaux-partages", "formations"], ["formations"]]) {
        await db.store.submitChoiceAnswer(
          choice({ optionIds, themeId: "comprendre-les-tiers-lieux", questionId: "services-souhaites" }),
        );
      }
      for (const scaleValue of [5, 4, 4]) {
        await db.store.submitChoiceAnswer(
          choice({ optionIds: [], scaleValue, themeId: "travail-et-emploi", questionId: "utilite-pour-travailler" }),
        );
      }
      const [pending] = await db.query<{ other_status: string }>(
        "select other_status from public.choice_answers where other_text = $1",
        [text],
      );
      expect(pending?.other_status).toBe("pending");

      const summary = await db.store.refreshSummary(summaryInput);
      const byQuestion = new Map((summary.data.choices ?? []).map((row) => [row.question_id, row]));
      expect(byQuestion.get("principal-frein")).toEqual({
        theme_id: "ancrage-territorial",
        question_id: "principal-frein",
        answers: 4,
        options: [
          { option_id: "autre", answers: 1 },
          { option_id: "cout-du-debit", answers: 2 },
          { option_id: "financement", answers: 1 },
        ],
        scale: [],
        mean: null,
      });
      expect(byQuestion.get("services-souhaites")).toMatchObject({
        answers: 2,
        options: [
          { option_id: "bureaux-partages", answers: 1 },
          { option_id: "formations", answers: 2 },
        ],
      });
      expect(byQuestion.get("utilite-pour-travailler")).toMatchObject({
        answers: 3,
        scale: [
          { value: 4, answers: 2 },
          { value: 5, answers: 1 },
        ],
        mean: 4.33,
      });
      expect((await db.store.latestSummary())?.data.choices).toEqual(summary.data.choices);

      const published = await db.store.publicChoiceAnswers();
      expect(published).toHaveLength(9);
      expect(Object.keys(published[0] ?? {}).sort()).toEqual(
        [
          "created_at",
          "id",
          "option_ids",
          "profile",
          "question_id",
          "region_code",
          "region_name",
          "scale_value",
          "territory_type",
          "theme_id",
        ].sort(),
      );
      const everything = JSON.stringify([summary, published]);
      expect(everything).not.toContain(text.slice(0, 20));
      expect(everything).not.toContain("Léa");
      expect(everything).not.toContain("Guéret");
      expect(everything).not.toContain("choice-0");
    });

    it("lets anon and authenticated neither read the answers nor call the functions; row level security is on", async () => {
      const [rls] = await db.query<{ relrowsecurity: boolean }>(
        "select relrowsecurity from pg_class where oid = 'public.choice_answers'::regclass",
      );
      expect(rls?.relrowsecurity).toBe(true);
      for (const role of ["anon", "authenticated"] as const) {
        for (const sql of [
          "select * from public.choice_answers",
          "select public.submit_choice_answer(payload => '{}'::jsonb)",
          "select public.public_choice_answers(payload => '{}'::jsonb)",
          "select public.compute_choice_results(payload => '{}'::jsonb)",
        ]) {
          await expect(
            db.asRole(role, (query) => query(sql)),
            `${role}: ${sql}`,
          ).rejects.toThrow(/permission denied/);
        }
      }
      const [grants] = await db.query<{ reads: boolean; writes: boolean; updates: boolean }>(
        `select has_table_privilege('service_role', 'public.choice_answers', 'SELECT') as reads,
                has_table_privilege('service_role', 'public.choice_answers', 'INSERT') as writes,
                has_table_privilege('service_role', 'public.choice_answers', 'UPDATE') as updates`,
      );
      expect(grants).toEqual({ reads: true, writes: true, updates: false });
    });
  });
  describeOtherTextsContract(name, connect);
}
