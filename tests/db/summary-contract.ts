/**
 * The public summary on a small fixture whose every figure is known, run on
 * PGlite and on PostgreSQL 15: published data only, each figure exact.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store, SummaryData } from "../../src/server/store/store";
import { summaryInput } from "../../src/server/summary";

export interface SummaryDatabase {
  store: Store;
  query: (sql: string, params?: unknown[]) => Promise<unknown>;
  close(): Promise<void>;
}

const FIXTURE = `
insert into public.contributions (id, theme_id, question_id, parent_id, stance, body, pseudonym, profile, postal_code,
  commune_code, commune_name, departement_code, departement_name, region_code, region_name, territory_type, status,
  author_hash, idempotency_key, created_at, published_at) values
('00000000-0000-4000-8000-0000000000a1', 'ancrage-territorial', 'freins-rencontres', null, null,
  'Le tiers-lieu du village manque de connexion internet.', 'Aline', 'habitant', '23000', '23096', 'Guéret', '23', 'Creuse',
  '75', 'Nouvelle-Aquitaine', 'rural', 'published', 'author-hash-a1-000000', gen_random_uuid(),
  '2018-04-12 00:30:00+02', '2018-04-12 09:00:00+02'),
('00000000-0000-4000-8000-0000000000a2', 'ancrage-territorial', 'lieux-a-reinvestir', null, null,
  'La connexion internet reste lente au village.', 'Basile', 'fondateur', '87000', '87085', 'Limoges', '87', 'Haute-Vienne',
  '75', 'Nouvelle-Aquitaine', 'small-town', 'published', 'author-hash-a2-000000', gen_random_uuid(),
  '2018-04-11 23:30:00+00', '2018-04-12 09:00:00+02'),
('00000000-0000-4000-8000-0000000000a3', 'modeles-economiques', 'mutualiser', null, null,
  'Un coworking en ville coûte cher.', 'Aline', 'habitant', '75011', '75056', 'Paris', '75', 'Paris',
  '11', 'Île-de-France', 'metropolis', 'published', 'author-hash-a1-000000', gen_random_uuid(),
  '2018-04-13 10:00:00+02', '2018-04-13 12:00:00+02'),
('00000000-0000-4000-8000-0000000000b1', 'ancrage-territorial', 'freins-rencontres', '00000000-0000-4000-8000-0000000000a1', 'for',
  'D''accord, la connexion manque aussi chez nous.', 'Chloé', 'usager', '23200', '23008', 'Aubusson', '23', 'Creuse',
  '75', 'Nouvelle-Aquitaine', 'rural', 'published', 'author-hash-a3-000000', gen_random_uuid(),
  '2018-04-14 18:00:00+02', '2018-04-15 09:00:00+02'),
('00000000-0000-4000-8000-0000000000c1', 'ancrage-territorial', 'freins-rencontres', null, null,
  'Texte en attente qui ne doit compter nulle part connexion.', 'Denis', 'habitant', '23000', '23096', 'Guéret', '23', 'Creuse',
  '75', 'Nouvelle-Aquitaine', 'rural', 'pending', 'author-hash-a4-000000', gen_random_uuid(), '2018-04-12 12:00:00+02', null),
('00000000-0000-4000-8000-0000000000c2', 'modeles-economiques', 'mutualiser', null, null,
  'Texte rejeté qui ne doit compter nulle part connexion.', 'Emma', 'autre', '75011', '75056', 'Paris', '75', 'Paris',
  '11', 'Île-de-France', 'metropolis', 'rejected', 'author-hash-a5-000000', gen_random_uuid(), '2018-04-12 12:00:00+02', null);

insert into public.initiatives (name, kind, description, pseudonym, profile, postal_code, commune_code, commune_name,
  departement_code, departement_name, region_code, region_name, territory_type, status, author_hash, idempotency_key) values
('La Grange', 'tiers-lieu', 'Un tiers-lieu dans une ancienne grange du village.', 'Fanny', 'association', '23200', '23008',
  'Aubusson', '23', 'Creuse', '75', 'Nouvelle-Aquitaine', 'rural', 'published', 'author-hash-a6-000000', gen_random_uuid()),
('En attente', 'fablab', 'Une initiative en attente qui ne compte pas.', 'Gaspard', 'association', '23200', '23008',
  'Aubusson', '23', 'Creuse', '75', 'Nouvelle-Aquitaine', 'rural', 'pending', 'author-hash-a7-000000', gen_random_uuid());

insert into public.reactions (contribution_id, voter_hash, kind) values
('00000000-0000-4000-8000-0000000000a1', 'voter-hash-0000000001', 'support'),
('00000000-0000-4000-8000-0000000000a1', 'voter-hash-0000000002', 'support'),
('00000000-0000-4000-8000-0000000000a1', 'voter-hash-0000000003', 'disagree'),
('00000000-0000-4000-8000-0000000000a2', 'voter-hash-0000000001', 'support'),
('00000000-0000-4000-8000-0000000000a2', 'voter-hash-0000000002', 'support'),
('00000000-0000-4000-8000-0000000000a2', 'voter-hash-0000000003', 'support');
`;

export function describeSummaryContract(name: string, connect: () => Promise<SummaryDatabase>): void {
  describe(`public summary on ${name}`, () => {
    let db: SummaryDatabase;
    let data: SummaryData;

    beforeAll(async () => {
      db = await connect();
      await db.query(FIXTURE);
      data = (await db.store.refreshSummary(summaryInput)).data;
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it("counts published answers, replies, initiatives, participants and communes only", () => {
      expect(data.totals).toEqual({ contributions: 3, replies: 1, initiatives: 1, participants: 4, communes: 4 });
    });

    it("breaks contributions down by theme and question", () => {
      expect(data.by_theme).toEqual([
        {
          theme_id: "ancrage-territorial",
          contributions: 2,
          replies: 1,
          questions: [
            { question_id: "freins-rencontres", contributions: 1 },
            { question_id: "lieux-a-reinvestir", contributions: 1 },
          ],
        },
        {
          theme_id: "modeles-economiques",
          contributions: 1,
          replies: 0,
          questions: [{ question_id: "mutualiser", contributions: 1 }],
        },
      ]);
    });

    it("breaks them down by territory type (all four, in order), profile, région and département", () => {
      expect(data.by_territory_type).toEqual([
        { territory_type: "rural", contributions: 2, initiatives: 1 },
        { territory_type: "small-town", contributions: 1, initiatives: 0 },
        { territory_type: "medium-town", contributions: 0, initiatives: 0 },
        { territory_type: "metropolis", contributions: 1, initiatives: 0 },
      ]);
      expect(data.by_profile).toEqual([
        { profile: "habitant", contributions: 2 },
        { profile: "fondateur", contributions: 1 },
        { profile: "usager", contributions: 1 },
      ]);
      expect(data.by_region).toEqual([
        { region_code: "11", region_name: "Île-de-France", contributions: 1, initiatives: 0 },
        { region_code: "75", region_name: "Nouvelle-Aquitaine", contributions: 3, initiatives: 1 },
      ]);
      expect(data.by_departement).toEqual([
        { departement_code: "23", departement_name: "Creuse", region_code: "75", contributions: 2 },
        { departement_code: "75", departement_name: "Paris", region_code: "11", contributions: 1 },
        { departement_code: "87", departement_name: "Haute-Vienne", region_code: "75", contributions: 1 },
      ]);
    });

    it("gives a daily series over the whole window, days read in Paris time", () => {
      expect(data.daily).toHaveLength(65);
      expect(data.daily[0]).toEqual({ day: "2018-04-12", contributions: 2 });
      expect(data.daily.slice(1, 4)).toEqual([
        { day: "2018-04-13", contributions: 1 },
        { day: "2018-04-14", contributions: 1 },
        { day: "2018-04-15", contributions: 0 },
      ]);
      expect(data.daily.at(-1)).toEqual({ day: "2018-06-15", contributions: 0 });
      expect(data.daily.reduce((sum, day) => sum + day.contributions, 0)).toBe(4);
    });

    it("ranks the most supported answers per theme", () => {
      const ancrage = data.top_contributions.find((theme) => theme.theme_id === "ancrage-territorial");
      expect(ancrage?.items.map((item) => [item.id.slice(-2), item.support, item.disagree])).toEqual([
        ["a2", 3, 0],
        ["a1", 2, 1],
      ]);
    });

    it("finds the recurring words of a theme, once per text, without stop words", () => {
      const words = data.recurring_words.find((theme) => theme.theme_id === "ancrage-territorial")?.words ?? [];
      expect(words.slice(0, 4)).toEqual([
        { word: "connexion", contributions: 3 },
        { word: "internet", contributions: 2 },
        { word: "manque", contributions: 2 },
        { word: "village", contributions: 2 },
      ]);
      const all = words.map((word) => word.word);
      for (const stopword of ["la", "de", "reste", "aussi", "chez", "nous", "d"]) expect(all).not.toContain(stopword);
      expect(all).toContain("tiers-lieu");
    });

    it("is stored with the time it was computed and read back as the latest", async () => {
      const latest = await db.store.latestSummary();
      expect(latest?.data).toEqual(data);
      expect(Date.parse(latest?.computed_at ?? "")).toBeGreaterThan(Date.now() - 60_000);
    });
  });
}
