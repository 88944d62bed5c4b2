/**
 * Profiles and initiative kinds come from the content, not from the schema
 * (20261204120000_content_owns_profiles_and_kinds.sql): the database stores
 * any slug another consultation lists, and still refuses a value of the
 * wrong shape. Runs on PGlite, in memory.
 */
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/server/store/migrate";
import { pgliteTarget } from "../../src/server/store/migration-targets";
import { supabaseDir } from "../../src/server/store/open-store";
import { PgliteSqlPort } from "../../src/server/store/pglite-port";
import { Store } from "../../src/server/store/store";

const territory = {
  communeCode: "23096",
  communeName: "Guéret",
  postalCode: "23000",
  departementCode: "23",
  departementName: "Creuse",
  regionCode: "75",
  regionName: "Nouvelle-Aquitaine",
  territoryType: "small-town",
} as const;

const author = (n: number) => ({
  idempotencyKey: crypto.randomUUID(),
  pseudonym: "Léa",
  territory,
  authorHash: `author-lists-${String(n).padStart(4, "0")}-${"b".repeat(16)}`,
  email: undefined,
  contactConsent: false,
});

describe("profiles and initiative kinds in the database", () => {
  let db: PGlite;
  let store: Store;

  beforeAll(async () => {
    db = await PGlite.create("memory://");
    await migrate(pgliteTarget(db), { supabaseDir });
    store = new Store(new PgliteSqlPort(db));
  }, 60_000);
  afterAll(() => db.close());

  it("stores a profile and a kind that the default content does not list", async () => {
    const answer = await store.submitContribution({
      ...author(1),
      kind: "answer",
      themeId: "la-place-du-marche",
      questionId: "jours-de-marche",
      body: "Le marché du samedi matin fait vivre tout le centre-bourg, il faut le garder.",
      profile: "commercant-non-sedentaire",
    });
    expect(answer).toMatchObject({ outcome: "created" });
    const initiative = await store.submitInitiative({
      ...author(2),
      name: "Halle couverte du centre",
      initiativeKind: "halle-couverte",
      description: "Une halle du XIXe siècle où se tient le marché le samedi et le mercredi.",
      profile: "riverain",
    });
    expect(initiative).toMatchObject({ outcome: "created" });
    const rows = await db.query<{ kind: string; profile: string }>("select kind, profile from public.initiatives");
    expect(rows.rows).toEqual([{ kind: "halle-couverte", profile: "riverain" }]);
  });

  it("still refuses a profile or a kind that is not a slug", async () => {
    const insert = (kind: string, profile: string) =>
      db.query(
        `insert into public.initiatives (name, kind, description, pseudonym, profile, postal_code, commune_code,
           commune_name, departement_code, departement_name, region_code, region_name, territory_type, author_hash,
           idempotency_key)
         values ('Lieu', $1, 'Une description assez longue pour passer.', 'Léa', $2, '23000', '23096', 'Guéret', '23',
           'Creuse', '75', 'Nouvelle-Aquitaine', 'small-town', $3, gen_random_uuid())`,
        [kind, profile, `author-raw-${kind.length}-${profile.length}-${"c".repeat(16)}`],
      );
    await expect(insert("Halle couverte", "riverain")).rejects.toThrow(/initiatives_kind_check/);
    await expect(insert("halle", "Riverain du marché")).rejects.toThrow(/initiatives_profile_check/);
    await expect(
      db.query(`update public.contributions set profile = 'pas un slug' where profile = 'commercant-non-sedentaire'`),
    ).rejects.toThrow(/contributions_profile_check/);
  });
});
