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
import { describeChoiceContract } from "./choice-contract";
import { describeClockContract } from "./clock-contract";
import { describeCodingContract } from "./coding-contract";
import { describeFieldContract } from "./field-contract";
import { describeJournalContract } from "./journal-contract";
import { describeMailCrash } from "./mail-crash";
import { describeStoreContract } from "./store-contract";
import { describeSummaryContract } from "./summary-contract";
import { describeSummaryProperty } from "./summary-property";
import { describeTrackingContract } from "./tracking-contract";

const adminUrl = process.env.DATABASE_URL;

if (!adminUrl) {
  // `npm run test:db` is asked for on purpose: without a server it fails, it does not pass by skipping.
  throw new Error(
    'DATABASE_URL is not set: the PostgreSQL store contract needs a server where it may create databases. Start one with `eval "$(bash scripts/pg-test-server.sh start)"` (see README), then run `npm run test:db` again.',
  );
}

/**
 * A fresh database on the server, migrated by the owner (as `supabase db push` does); dropped by
 * the returned drop(). `store` connects as service_role when asked: the role every production
 * call uses (the Supabase service role key), with no more rights than the migrations grant it.
 */
const freshDatabase = async (url: string, storeRole?: "service_role") => {
  const name = `contract_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const sql = postgres(target.href, { max: 10, onnotice: () => {} });
  await migrate(postgresTarget(sql), { supabaseDir });
  const storeSql = storeRole
    ? postgres(target.href, { max: 10, onnotice: () => {}, connection: { role: storeRole } })
    : sql;
  const [{ current_user: storeUser } = { current_user: "" }] = await storeSql<
    { current_user: string }[]
  >`select current_user`;
  if (storeRole && storeUser !== storeRole) throw new Error(`the store connects as ${storeUser}, not ${storeRole}`);
  const store = new Store(new PostgresSqlPort(storeSql));
  const drop = async () => {
    if (storeSql !== sql) await storeSql.end({ timeout: 5 });
    await sql.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
  return { name, sql, storeSql, store, drop };
};

for (const storeRole of [undefined, "service_role"] as const) {
  const label = storeRole ? `PostgreSQL as ${storeRole} (DATABASE_URL)` : "PostgreSQL (DATABASE_URL)";

  describeSummaryContract(label, async () => {
    const { sql, store, drop } = await freshDatabase(adminUrl, storeRole);
    return { store, query: (text) => sql.unsafe(text), close: drop };
  });

  describeSummaryProperty(label, async () => {
    const { sql, storeSql, drop } = await freshDatabase(adminUrl, storeRole);
    return {
      run: (text, params = []) => storeSql.unsafe(text, params as never[]) as never,
      owner: (text, params = []) => sql.unsafe(text, params as never[]) as never,
      close: drop,
    };
  });

  describeChoiceContract(label, async () => {
    const { sql, store, drop } = await freshDatabase(adminUrl, storeRole);
    return {
      store,
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

  // Tracking links are checked as the role production calls with.
  if (storeRole) {
    describeTrackingContract(label, async () => {
      const { sql, store, drop } = await freshDatabase(adminUrl, storeRole);
      return {
        store,
        query: (text, params = []) => sql.unsafe(text, params as never[]) as never,
        asRole: (role, fn) =>
          sql.begin(async (tx) => {
            await tx.unsafe(`set local role ${role}`);
            return fn((text, params = []) => tx.unsafe(text, params as never[]) as never);
          }) as never,
        close: drop,
      };
    });
  }

  // Coding is checked as the role production calls with.
  if (storeRole) {
    describeCodingContract(label, async () => {
      const { sql, store, drop } = await freshDatabase(adminUrl, storeRole);
      return {
        store,
        query: (text, params = []) => sql.unsafe(text, params as never[]) as never,
        asRole: (role, fn) =>
          sql.begin(async (tx) => {
            await tx.unsafe(`set local role ${role}`);
            return fn((text, params = []) => tx.unsafe(text, params as never[]) as never);
          }) as never,
        close: drop,
      };
    });
  }

  describeClockContract(label, async () => {
    const { sql, storeSql, drop } = await freshDatabase(adminUrl, storeRole);
    return {
      port: new PostgresSqlPort(storeSql),
      query: (text, params = []) => sql.unsafe(text, params as never[]) as never,
      close: drop,
    };
  });

  describeJournalContract(label, async () => {
    const { sql, store, drop } = await freshDatabase(adminUrl, storeRole);
    return {
      store,
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

  describeFieldContract(label, async () => {
    const { sql, store, drop } = await freshDatabase(adminUrl, storeRole);
    return {
      store,
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

  describeStoreContract(label, async () => {
    const { name, sql, store, drop } = await freshDatabase(adminUrl, storeRole);
    const [row] = await sql<{ server_version: string }[]>`show server_version`;
    console.info(
      `store contract on PostgreSQL ${row?.server_version}, database ${name}, store as ${storeRole ?? "owner"}`,
    );
    return {
      store,
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
}

// Plain sender processes against one database (as a cron runs `npm run mail:send`), killed mid-send.
describeMailCrash("PostgreSQL (DATABASE_URL)", async () => {
  const { name, sql, store, drop } = await freshDatabase(adminUrl);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    store,
    query: (text, params = []) => sql.unsafe(text, params as never[]) as never,
    close: drop,
  };
});
