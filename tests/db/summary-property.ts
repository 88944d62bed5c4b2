/**
 * The incremental summary (counters moved by triggers, compute_summary)
 * against the full recomputation from the rows (compute_summary_full), after
 * every step of random sequences of writes: submissions, replies, publication,
 * rejection, a flag sending a text back to review, republication, reactions,
 * initiatives, bulk publication, a text corrected while public, a withdrawal.
 * Run on PGlite (npm test) and on PostgreSQL 15 as the owner and as
 * service_role (npm run test:db).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summaryInput } from "../../src/server/summary";

export interface SummaryPropertyDatabase {
  /** Runs SQL as the role the store uses (service_role in production). */
  run: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  /** Runs SQL as the owner: the writes no role is granted (deletions, a changed reaction). */
  owner: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Communes with consistent names per code, as the territory data gives them. */
const places = [
  ["23096", "Guéret", "23", "Creuse", "75", "Nouvelle-Aquitaine", "small-town"],
  ["23008", "Aubusson", "23", "Creuse", "75", "Nouvelle-Aquitaine", "rural"],
  ["87085", "Limoges", "87", "Haute-Vienne", "75", "Nouvelle-Aquitaine", "medium-town"],
  ["75056", "Paris", "75", "Paris", "11", "Île-de-France", "metropolis"],
  ["48095", "Mende", "48", "Lozère", "76", "Occitanie", "small-town"],
] as const;
const themes = [
  ["ancrage-territorial", "freins-rencontres"],
  ["ancrage-territorial", "lieux-a-reinvestir"],
  ["modeles-economiques", "mutualiser"],
] as const;
const profiles = ["habitant", "fondateur", "collectivite"] as const;
// Forms sharing a stem, stop words, a weekday, numbers, a hyphenated word: ties and cut-offs are frequent.
const vocabulary = [
  "bureau",
  "bureaux",
  "connexion",
  "connexions",
  "village",
  "villages",
  "tiers-lieu",
  "mercredi",
  "la",
  "de",
  "nous",
  "2018",
  "financement",
  "financer",
  "élus",
  "gare",
] as const;

const text = fc
  .array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 6 })
  .map((words) => `Texte ${words.join(" ")} fin.`);

type Step =
  | { op: "submit"; theme: number; place: number; profile: number; author: number; minute: number; body: string }
  | { op: "reply"; to: number; place: number; author: number; minute: number; body: string }
  | { op: "publish" | "reject" | "review" | "withdraw"; target: number }
  | { op: "publishAll" }
  | { op: "correct"; target: number; body: string }
  | { op: "react"; target: number; voter: number; kind: "support" | "disagree" }
  | { op: "initiative"; place: number; author: number }
  | { op: "initiativeStatus"; target: number; status: "published" | "rejected" | "pending" };

const index = fc.nat({ max: 40 });
const place = fc.nat({ max: places.length - 1 });
const author = fc.nat({ max: 5 });
// Minutes from 21:00 UTC on the opening day: around midnight in Paris, over several days.
const minute = fc.nat({ max: 4 * 24 * 60 });
// Weighted so that threads grow, are published, sent back to review and republished under one another.
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("submit" as const),
      theme: fc.nat({ max: themes.length - 1 }),
      place,
      profile: fc.nat({ max: profiles.length - 1 }),
      author,
      minute,
      body: text,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant("reply" as const), to: index, place, author, minute, body: text }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("publish" as const), target: index }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom("reject" as const, "review" as const), target: index }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("withdraw" as const), target: index }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("publishAll" as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("correct" as const), target: index, body: text }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("react" as const),
      target: index,
      voter: fc.nat({ max: 6 }),
      kind: fc.constantFrom("support" as const, "disagree" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("initiative" as const), place, author }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("initiativeStatus" as const),
      target: index,
      status: fc.constantFrom("published" as const, "rejected" as const, "pending" as const),
    }),
  },
);

const payload = JSON.stringify({
  opens_on: summaryInput.opensOn,
  closes_on: summaryInput.closesOn,
  time_zone: summaryInput.timeZone,
  stopwords: summaryInput.stopwords,
  top_contributions: 2,
  top_words: 4,
});

export function describeSummaryProperty(name: string, connect: () => Promise<SummaryPropertyDatabase>): void {
  describe(`incremental summary on ${name}`, () => {
    let db: SummaryPropertyDatabase;
    beforeAll(async () => {
      db = await connect();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    const ids = async (table: "contributions" | "initiatives") =>
      (await db.run(`select id from public.${table} order by created_at, id`)).map((row) => String(row.id));
    const pick = (list: string[], at: number) => (list.length === 0 ? undefined : list[at % list.length]);
    const authorHash = (n: number) => `auteur-propriete-${n}-000000`;
    let serial = 0;

    async function apply(s: Step): Promise<void> {
      serial += 1;
      switch (s.op) {
        case "submit":
        case "reply": {
          let parent: string | undefined;
          let theme: readonly [string, string] = themes[s.op === "submit" ? s.theme : 0] ?? themes[0];
          if (s.op === "reply") {
            parent = pick(await ids("contributions"), s.to);
            if (!parent) return;
            const [row] = await db.run("select theme_id, question_id from public.contributions where id = $1", [
              parent,
            ]);
            theme = [String(row?.theme_id), String(row?.question_id)];
          }
          const place = places[s.place] ?? places[0];
          const profile = s.op === "submit" ? (profiles[s.profile] ?? "habitant") : "habitant";
          await db.run(
            `insert into public.contributions (theme_id, question_id, parent_id, stance, body, pseudonym, profile,
               postal_code, commune_code, commune_name, departement_code, departement_name, region_code, region_name,
               territory_type, author_hash, idempotency_key, created_at)
             values ($1, $2, $3, $4, $5, 'Propriété', $6, '23000', $7, $8, $9, $10, $11, $12, $13, $14,
               gen_random_uuid(), timestamptz '2018-04-11 21:00:00+00' + make_interval(mins => $15))`,
            [
              theme[0],
              theme[1],
              parent ?? null,
              parent ? "for" : null,
              `${s.body} ${serial}`,
              profile,
              ...place,
              authorHash(s.author),
              s.minute,
            ],
          );
          return;
        }
        case "publish":
        case "reject":
        case "review": {
          const id = pick(await ids("contributions"), s.target);
          const status = { publish: "published", reject: "rejected", review: "pending" }[s.op];
          if (id) await db.run("update public.contributions set status = $2 where id = $1", [id, status]);
          return;
        }
        case "withdraw": {
          const id = pick(await ids("contributions"), s.target);
          if (id) await db.owner("delete from public.contributions where id = $1", [id]);
          return;
        }
        case "publishAll":
          await db.run("update public.contributions set status = 'published' where status = 'pending'");
          return;
        case "correct": {
          const id = pick(await ids("contributions"), s.target);
          if (id) await db.run("update public.contributions set body = $2 where id = $1", [id, `${s.body} ${serial}`]);
          return;
        }
        case "react": {
          const id = pick(await ids("contributions"), s.target);
          if (!id) return;
          const voter = `votant-propriete-${s.voter}-0000`;
          // A second reaction of the same voter changes its kind: no role may, the owner does, to move the counts both ways.
          const [changed] = await db.owner(
            "update public.reactions set kind = $3 where contribution_id = $1 and voter_hash = $2 returning 1",
            [id, voter, s.kind],
          );
          if (!changed)
            await db.run("insert into public.reactions (contribution_id, voter_hash, kind) values ($1, $2, $3)", [
              id,
              voter,
              s.kind,
            ]);
          return;
        }
        case "initiative": {
          const place = places[s.place] ?? places[0];
          await db.run(
            `insert into public.initiatives (name, kind, description, pseudonym, profile, postal_code, commune_code,
               commune_name, departement_code, departement_name, region_code, region_name, territory_type,
               author_hash, idempotency_key)
             values ($1, 'tiers-lieu', 'Un lieu partagé pour travailler près de chez soi.', 'Propriété', 'association',
               '23000', $2, $3, $4, $5, $6, $7, $8, $9, gen_random_uuid())`,
            [`Lieu ${serial}`, ...place, authorHash(s.author)],
          );
          return;
        }
        case "initiativeStatus": {
          const id = pick(await ids("initiatives"), s.target);
          if (id) await db.run("update public.initiatives set status = $2 where id = $1", [id, s.status]);
          return;
        }
      }
    }

    async function summaries() {
      const [row] = await db.run(
        "select public.compute_summary($1::text::jsonb) as incremental, public.compute_summary_full($1::text::jsonb) as full",
        [payload],
      );
      return row as { incremental: unknown; full: unknown };
    }

    it("equals the full recomputation after every step of random writes", async () => {
      let steps = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), async (sequence) => {
          // Each run starts empty: the deletes go through the triggers too.
          await db.owner("delete from public.reactions");
          await db.owner("delete from public.contributions");
          await db.owner("delete from public.initiatives");
          for (const s of sequence) {
            await apply(s);
            steps += 1;
            const { incremental, full } = await summaries();
            expect(incremental, `after ${JSON.stringify(s)}`).toEqual(full);
          }
        }),
        { numRuns: 40 },
      );
      // The sequences did reach public data: the comparison was not between two empty summaries.
      expect(steps).toBeGreaterThan(100);
    }, 240_000);

    it("counts one stem for « bureau » and « bureaux », shown under the form most texts use, without weekdays or generic verbs", async () => {
      await db.owner("delete from public.reactions");
      await db.owner("delete from public.contributions");
      await apply({
        op: "submit",
        theme: 0,
        place: 0,
        profile: 0,
        author: 1,
        minute: 10,
        body: "Des bureaux partagés",
      });
      await apply({ op: "submit", theme: 0, place: 0, profile: 0, author: 2, minute: 20, body: "Des bureaux vides" });
      await apply({
        op: "submit",
        theme: 0,
        place: 0,
        profile: 0,
        author: 3,
        minute: 30,
        body: "Ensuite faire un bureau mercredi",
      });
      await db.run("update public.contributions set status = 'published'");
      const { incremental, full } = await summaries();
      expect(incremental).toEqual(full);
      // The payload was read as an object (its window gives 65 days), not as a JSON string.
      expect((incremental as { daily: unknown[] }).daily).toHaveLength(65);
      const words = (incremental as { recurring_words: { theme_id: string; words: { word: string }[] }[] })
        .recurring_words[0]?.words;
      expect(words?.[0]).toEqual({ word: "bureaux", contributions: 3 });
      expect(words?.map((w) => w.word)).not.toContain("bureau");
      // Weekdays and generic verbs are the content's stop words, dropped by stem.
      for (const everyday of ["mercredi", "faire", "ensuite"])
        expect(words?.map((w) => w.word)).not.toContain(everyday);
    });
  });
}
