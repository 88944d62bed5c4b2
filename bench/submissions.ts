/**
 * Submissions through the contributions function, in process, on an
 * in-memory PGlite store, next to the store call alone and a raw INSERT on
 * the same database: the ratios say what validation, territory lookup,
 * hashing and the SQL function's checks cost.
 *
 *   npm run bench -- submissions               (BENCH_COUNT=2000 by default)
 *   npm run bench -- --short submissions       (200: the short mode CI uses)
 *   BENCH_COUNT=500 npx tsx bench/submissions.ts
 */
import { PGlite } from "@electric-sql/pglite";
import type { Context } from "@netlify/functions";
import handler from "../netlify/functions/contributions";
import { migrate } from "../src/server/store/migrate";
import { pgliteTarget } from "../src/server/store/migration-targets";
import { provideStore, supabaseDir } from "../src/server/store/open-store";
import { PgliteSqlPort } from "../src/server/store/pglite-port";
import { Store } from "../src/server/store/store";
import { setIntegritySettings, UNLIMITED } from "../tests/support/integrity";
import { printTable, run, summarise } from "./stats";

const count = Number(process.env.BENCH_COUNT ?? 2000);
const db = await PGlite.create("memory://");
await migrate(pgliteTarget(db), { supabaseDir });
// One sender, thousands of answers: the rate limit would stop it at 60.
await setIntegritySettings((sql, params) => db.query(sql, params as unknown[]), UNLIMITED);
const store = new Store(new PgliteSqlPort(db));
provideStore({ store, hashSalt: "bench-salt-0123456789abcdef0123456789" });

const territory = {
  postalCode: "23000",
  communeCode: "23096",
  communeName: "Guéret",
  departementCode: "23",
  departementName: "Creuse",
  regionCode: "75",
  regionName: "Nouvelle-Aquitaine",
  territoryType: "small-town" as const,
};
const body = (i: number, run: string) =>
  `Contribution de mesure ${run}-${i} : dans notre bourg, le tiers-lieu manque de connexion et de financement.`;
const context = (i: number) =>
  ({ ip: `10.0.${i % 250}.${i % 200}`, params: {}, requestId: String(i) }) as unknown as Context;

// Warm up (JIT, territory data, PGlite caches) before measuring.
await handler(
  new Request("http://bench/api/contributions", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      themeId: "ancrage-territorial",
      questionId: "freins-rencontres",
      body: body(0, "warmup"),
      pseudonym: "Mesure",
      profile: "habitant",
      postalCode: "23000",
      communeCode: "23096",
    }),
  }),
  context(0),
);

const viaFunction = await run(count, 1, async (i) => {
  const response = await handler(
    new Request("http://bench/api/contributions", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
      body: JSON.stringify({
        themeId: "ancrage-territorial",
        questionId: "freins-rencontres",
        body: body(i, "function"),
        pseudonym: "Mesure",
        profile: "habitant",
        postalCode: "23000",
        communeCode: "23096",
      }),
    }),
    context(i),
  );
  if (response.status !== 201) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
});

const viaStore = await run(count, 1, async (i) => {
  const outcome = await store.submitContribution({
    kind: "answer",
    themeId: "ancrage-territorial",
    questionId: "freins-rencontres",
    idempotencyKey: crypto.randomUUID(),
    body: body(i, "store"),
    pseudonym: "Mesure",
    profile: "habitant",
    territory,
    authorHash: `bench-author-${i}-0000000000`,
    contactConsent: false,
  });
  if (outcome.outcome !== "created") throw new Error(`unexpected ${outcome.outcome}`);
});

const rawInsert = await run(count, 1, async (i) => {
  await db.query(
    `insert into public.contributions (theme_id, question_id, body, pseudonym, profile, postal_code, commune_code,
       commune_name, departement_code, departement_name, region_code, region_name, territory_type, author_hash, idempotency_key)
     values ('ancrage-territorial', 'freins-rencontres', $1, 'Mesure', 'habitant', '23000', '23096', 'Guéret', '23',
       'Creuse', '75', 'Nouvelle-Aquitaine', 'small-town', $2, $3)`,
    [body(i, "raw"), `raw-author-${i}-000000000000`, crypto.randomUUID()],
  );
});

const rows = [
  summarise("POST /api/contributions (function, in process)", viaFunction),
  summarise("store.submitContribution (SQL function)", viaStore),
  summarise("raw INSERT (same database)", rawInsert),
];
console.log(`\nSubmissions on PGlite (in memory), ${count} each, one at a time, Node ${process.version}\n`);
printTable(rows);
const rate = (result: typeof viaFunction) => result.count / result.seconds;
console.log(`\nfunction / raw insert: ${(rate(viaFunction) / rate(rawInsert)).toFixed(2)}`);
console.log(`store / raw insert: ${(rate(viaStore) / rate(rawInsert)).toFixed(2)}`);
await db.close();
