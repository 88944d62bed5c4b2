/**
 * The store contract on a real PostgreSQL server (npm run test:db; CI starts
 * a throwaway PostgreSQL 15 cluster). Each run gets its own database,
 * dropped at the end. Without DATABASE_URL it fails and says how to start one.
 */
import postgres from "postgres";
import { migrate } from "../../src/server/store/migrate";
import { postgresTarget } from "../../src/server/store/migration-targets";
import { supabaseDir } from "../../src/server/store/open-store";
import { PostgresSqlPort } from "../../src/server/store/postgres-port";
import { Store } from "../../src/server/store/store";
import { describeStoreContract } from "./store-contract";
import { describeSummaryContract } from "./summary-contract";

const adminUrl = process.env.DATABASE_URL;

if (!adminUrl) {
  // `npm run test:db` is asked for on purpose: without a server it fails, it does not pass by skipping.
  throw new Error(
    'DATABASE_URL is not set: the PostgreSQL store contract needs a server where it may create databases. Start one with `eval "$(bash scripts/pg-test-server.sh start)"` (see README), then run `npm run test:db` again.',
  );
}

/** A fresh database on the server, migrated; dropped by the returned drop(). */
const freshDatabase = async (url: string) => {
  const name = `contract_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const sql = postgres(target.href, { max: 10, onnotice: () => {} });
  await migrate(postgresTarget(sql), { supabaseDir });
  const drop = async () => {
    await sql.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
  return { name, sql, drop };
};

describeSummaryContract("PostgreSQL (DATABASE_URL)", async () => {
  const { sql, drop } = await freshDatabase(adminUrl);
  return {
    store: new Store(new PostgresSqlPort(sql), { rateLimit: { max: 20, windowSeconds: 600 } }),
    query: (text) => sql.unsafe(text),
    close: drop,
  };
});

describeStoreContract("PostgreSQL (DATABASE_URL)", async () => {
  const { name, sql, drop } = await freshDatabase(adminUrl);
  const [row] = await sql<{ server_version: string }[]>`show server_version`;
  console.info(`store contract on PostgreSQL ${row?.server_version}, database ${name}`);
  return {
    store: new Store(new PostgresSqlPort(sql), { rateLimit: { max: 20, windowSeconds: 600 } }),
    query: (text, params = []) => sql.unsafe(text, params as never[]) as never,
    asRole: (role, fn) =>
      sql.begin(async (tx) => {
        await tx.unsafe(`set local role ${role}`);
        return fn((text, params = []) => tx.unsafe(text, params as never[]) as never);
      }) as never,
    migrateAgain: () => migrate(postgresTarget(sql), { supabaseDir }),
    close: drop,
  };
});
