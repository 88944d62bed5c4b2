/**
 * The embedded default on disk: migrated and seeded on first start, data
 * and salt kept across restarts, nothing applied twice.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { consultation, window } from "../../src/domain/consultation";
import { parseEnv } from "../../src/server/env";
import { openStore } from "../../src/server/store/open-store";
import type { PgliteSqlPort } from "../../src/server/store/pglite-port";

const folder = await mkdtemp(join(tmpdir(), "consultation-store-"));
const env = (dataDir: string) => parseEnv({ PGLITE_DATA_DIR: dataDir });
const dbOf = (port: unknown) => (port as PgliteSqlPort).db;

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("embedded store on disk", () => {
  it("migrates and seeds on first start, then reopens with its data and salt, applying nothing", async () => {
    const dataDir = join(folder, "pglite");
    const first = await openStore(env(dataDir));
    const db = dbOf(first.store.port);
    const published = await db.query<{ n: number }>(
      "select count(*)::int as n from public.contributions where status = 'published'",
    );
    expect(published.rows[0]?.n).toBeGreaterThan(10);
    const ledger = await db.query<{ version: string }>("select version from app_private.schema_migrations");
    expect(ledger.rows.map((row) => row.version)).toContain("seed");
    await db.query(
      "update public.contributions set pseudonym = 'Persisté' where id = '00000000-0000-4000-8000-000000000001'",
    );
    const salt = await readFile(join(folder, "hash-salt"), "utf8");
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(first.hashSalt).toBe(salt);
    await first.store.close();

    const second = await openStore(env(dataDir));
    const rows = await dbOf(second.store.port).query<{ pseudonym: string }>(
      "select pseudonym from public.contributions where id = '00000000-0000-4000-8000-000000000001'",
    );
    expect(rows.rows).toEqual([{ pseudonym: "Persisté" }]);
    expect(second.hashSalt).toBe(salt);
    const seeds = await dbOf(second.store.port).query<{ n: number }>(
      "select count(*)::int as n from app_private.schema_migrations where version = 'seed'",
    );
    expect(seeds.rows[0]?.n).toBe(1);
    await second.store.close();
  }, 60_000);

  it("seeds activity dated inside the 2018 window, before the demonstration clock, and dates new activity on that clock", async () => {
    vi.stubEnv("CONSULTATION_CLOCK", "");
    const opened = await openStore(env(join(folder, "dated")));
    const db = dbOf(opened.store.port);
    // Every date column of every table, but the bookkeeping that runs on the real clock (rebuild claims, rate limits).
    const columns = await db.query<{ table_name: string; column_name: string }>(
      `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t using (table_schema, table_name)
       where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type = 'timestamp with time zone'
         and c.table_name not in ('site_state', 'rate_limit_hits')
       order by 1, 2`,
    );
    expect(columns.rows.length).toBeGreaterThan(12);
    const opensAt = window.opensAt.getTime();
    const demoNow = Date.parse(consultation.demoNow);
    let dated = 0;
    for (const { table_name: table, column_name: column } of columns.rows) {
      const [range] = (
        await db.query<{ n: number; first: Date | null; last: Date | null }>(
          `select count(${column})::int as n, min(${column}) as first, max(${column}) as last from public.${table}`,
        )
      ).rows;
      dated += range?.n ?? 0;
      if (!range?.first || !range.last) continue;
      expect(range.first.getTime(), `${table}.${column}`).toBeGreaterThanOrEqual(opensAt);
      expect(range.last.getTime(), `${table}.${column}`).toBeLessThanOrEqual(demoNow);
    }
    expect(dated).toBeGreaterThan(300);

    // The store openStore gives dates what it writes with the same clock.
    const outcome = await opened.store.submitContribution({
      kind: "answer",
      themeId: "ancrage-territorial",
      questionId: "freins-rencontres",
      body: "Une contribution envoyée sur l'horloge de démonstration.",
      idempotencyKey: crypto.randomUUID(),
      pseudonym: "Horloge",
      profile: "habitant",
      territory: {
        postalCode: "23000",
        communeCode: "23096",
        communeName: "Guéret",
        departementCode: "23",
        departementName: "Creuse",
        regionCode: "75",
        regionName: "Nouvelle-Aquitaine",
        territoryType: "small-town",
      },
      authorHash: "author-dated-000000000000",
      contactConsent: false,
    });
    expect(outcome).toMatchObject({ outcome: "created" });
    const [row] = (
      await db.query<{ created_at: Date }>("select created_at from public.contributions where id = $1", [
        outcome.outcome === "created" ? outcome.id : "",
      ])
    ).rows;
    expect(row?.created_at.getTime()).toBe(demoNow);
    await opened.store.close();
  }, 60_000);

  it("never seeds the demonstration data on the real clock: a new database starts empty", async () => {
    const opened = await openStore(parseEnv({ PGLITE_DATA_DIR: join(folder, "real"), CONSULTATION_CLOCK: "real" }));
    const db = dbOf(opened.store.port);
    const rows = await db.query<{ contributions: number; initiatives: number; seeded: number }>(
      `select (select count(*)::int from public.contributions) as contributions,
              (select count(*)::int from public.initiatives) as initiatives,
              (select count(*)::int from app_private.schema_migrations where version = 'seed') as seeded`,
    );
    expect(rows.rows[0]).toEqual({ contributions: 0, initiatives: 0, seeded: 0 });
    await opened.store.close();
  }, 60_000);

  it("refuses a folder another live process holds, and takes over a lock left by a dead one", async () => {
    const dataDir = join(folder, "locked");
    // The parent process (the test runner) is alive and is not us.
    await writeFile(`${dataDir}.lock`, String(process.ppid));
    await expect(openStore(env(dataDir))).rejects.toMatchObject({
      name: "StoreUnavailableError",
      message: expect.stringContaining(`in use by process ${process.ppid}`),
    });
    await writeFile(`${dataDir}.lock`, "999999999");
    const opened = await openStore(env(dataDir));
    expect(JSON.parse(await readFile(`${dataDir}.lock`, "utf8"))).toMatchObject({ pid: process.pid });
    await opened.store.close();
    await expect(readFile(`${dataDir}.lock`, "utf8")).rejects.toThrow();
  }, 60_000);
});
