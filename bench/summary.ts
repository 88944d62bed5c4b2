/**
 * The public summary at national scale: refreshSummary (src/server/summary.ts,
 * compute_summary reading the counters the writes keep) against the full
 * recomputation from every row (compute_summary_full, what refreshSummary did
 * before), side by side on the same data, on PGlite and on PostgreSQL 15.
 *
 * The data comes from bench/generate.ts into an in-memory PGlite (its
 * inserts run the triggers: the time is the one-off cost of counting at
 * write), then is copied, triggers included, into a throwaway PostgreSQL 15
 * cluster (scripts/pg-test-server.sh: installs and starts one; fsync off).
 * Both summaries must be equal; the bench fails otherwise.
 *
 *   npx tsx bench/summary.ts                 (10,000 and 100,000 contributions)
 *   BENCH_SHORT=1 npx tsx bench/summary.ts   (10,000)
 *   BENCH_SUMMARY_COUNTS=20000 npx tsx bench/summary.ts
 */
import { execFileSync } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { migrate } from "../src/server/store/migrate";
import { postgresTarget } from "../src/server/store/migration-targets";
import { supabaseDir } from "../src/server/store/open-store";
import { PgliteSqlPort } from "../src/server/store/pglite-port";
import { PostgresSqlPort } from "../src/server/store/postgres-port";
import { Store } from "../src/server/store/store";
import { refreshSummary, summaryInput } from "../src/server/summary";
import { describeReport, generate, openDatabase } from "./generate";
import { percentile, printTable } from "./stats";

const short = process.env.BENCH_SHORT === "1" || process.argv.includes("--short");
const counts = (process.env.BENCH_SUMMARY_COUNTS ?? (short ? "10000" : "10000,100000")).split(",").map(Number);
const RUNS = 3;

const payload = JSON.stringify({
  opens_on: summaryInput.opensOn,
  closes_on: summaryInput.closesOn,
  time_zone: summaryInput.timeZone,
  stopwords: summaryInput.stopwords,
  top_contributions: 3,
  top_words: 15,
});

interface Engine {
  name: string;
  store: Store;
  /** The full recomputation, as one call, and its result. */
  full(): Promise<unknown>;
}

async function measure(engine: Engine, contributions: number, writeSeconds: number): Promise<Record<string, string>> {
  const wall: number[] = [];
  const inSql: number[] = [];
  let incremental: Record<string, unknown> = {};
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const stored = await refreshSummary(engine.store);
    wall.push(performance.now() - started);
    inSql.push(stored.duration_ms);
    incremental = stored.data;
  }
  // One full run at full size (seconds each); the median of three in short mode.
  const fullRuns: number[] = [];
  let full: unknown;
  for (let run = 0; run < (short ? RUNS : 1); run++) {
    const started = performance.now();
    full = await engine.full();
    fullRuns.push(performance.now() - started);
  }
  const { choices: _choices, ...summary } = incremental;
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(summary)), full)) {
    throw new Error(`${engine.name}: the incremental summary differs from the full recomputation`);
  }
  const fullMs = percentile(fullRuns, 50);
  const incrementalMs = percentile(wall, 50);
  return {
    engine: engine.name,
    contributions: contributions.toLocaleString("en"),
    "load with counting, s": writeSeconds.toFixed(1),
    "refreshSummary median ms": incrementalMs.toFixed(1),
    "in SQL ms": percentile(inSql, 50).toFixed(0),
    "full recomputation ms": fullMs.toFixed(0),
    "full / incremental": `×${(fullMs / incrementalMs).toFixed(0)}`,
    equal: "yes",
  };
}

/** Copies the generated rows into PostgreSQL, answers before replies, so that its triggers count them. */
async function copyInto(sql: postgres.Sql, db: PGlite): Promise<number> {
  const started = performance.now();
  const tables: [string, string][] = [
    ["contributions", "order by (parent_id is not null), created_at, id"],
    ["initiatives", "order by created_at, id"],
    ["reactions", "order by created_at"],
    ["syntheses", ""],
  ];
  for (const [table, order] of tables) {
    const { rows: columns } = await db.query<{ name: string }>(
      `select column_name as name from information_schema.columns
       where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
      [table],
    );
    const list = columns.map((column) => column.name).join(", ");
    const { rows } = await db.query<Record<string, unknown>>(`select ${list} from public.${table} ${order}`);
    for (let start = 0; start < rows.length; start += 5_000) {
      await sql.unsafe(
        `insert into public.${table} (${list}) select ${list} from jsonb_populate_recordset(null::public.${table}, $1::text::jsonb)`,
        [JSON.stringify(rows.slice(start, start + 5_000))],
      );
    }
  }
  return (performance.now() - started) / 1000;
}

const cluster = execFileSync("bash", ["scripts/pg-test-server.sh", "start"], { encoding: "utf8" });
const databaseUrl = /DATABASE_URL=(\S+)/.exec(cluster)?.[1];
const clusterDir = /PG_TEST_DIR=(\S+)/.exec(cluster)?.[1];
if (!databaseUrl || !clusterDir) throw new Error(`no PostgreSQL cluster started: ${cluster}`);
const rows: Record<string, string>[] = [];
let version = "";
try {
  for (const count of counts) {
    const { db, close } = await openDatabase("memory://");
    try {
      const report = await generate(db, { count });
      console.log(`[bench] PGlite in memory: ${describeReport(report)}`);
      rows.push(
        await measure(
          {
            name: "PGlite (in memory)",
            store: new Store(new PgliteSqlPort(db)),
            full: async () =>
              (await db.query<{ data: unknown }>("select public.compute_summary_full($1::jsonb) as data", [payload]))
                .rows[0]?.data,
          },
          count,
          report.seconds,
        ),
      );

      const name = `bench_summary_${count}_${Date.now()}`;
      const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      const owner = postgres(url.href, { max: 2, onnotice: () => {} });
      const service = postgres(url.href, { max: 2, onnotice: () => {}, connection: { role: "service_role" } });
      try {
        await migrate(postgresTarget(owner), { supabaseDir, seed: false });
        const seconds = await copyInto(owner, db);
        await owner.unsafe("vacuum analyze");
        version = String((await owner`show server_version`)[0]?.server_version);
        rows.push(
          await measure(
            {
              name: `PostgreSQL ${version.split(" ")[0]} (service_role)`,
              store: new Store(new PostgresSqlPort(service)),
              full: async () =>
                (await service.unsafe("select public.compute_summary_full($1::text::jsonb) as data", [payload]))[0]
                  ?.data,
            },
            count,
            seconds,
          ),
        );
      } finally {
        await service.end({ timeout: 5 });
        await owner.end({ timeout: 5 });
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end({ timeout: 5 });
      }
    } finally {
      await close();
    }
  }
} finally {
  execFileSync("bash", ["scripts/pg-test-server.sh", "stop", clusterDir], { stdio: "ignore" });
}

console.log(
  `\nThe summary: refreshSummary (counters kept by the writes) against the full recomputation from the rows ` +
    `(what it did before), same data, median of ${RUNS} refreshes, Node ${process.version}. ` +
    `"load with counting": generating (PGlite) or copying (PostgreSQL) the data, triggers included.\n`,
);
printTable(rows);
