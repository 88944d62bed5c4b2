/**
 * `npm run db:sql -- "select ..."`: runs one SQL statement on the embedded
 * database and prints the rows, to look at what the site recorded. Stop
 * `npm run dev` / `npm start` first: a PGlite folder has one process at a time.
 * With DATABASE_URL set, use psql instead.
 */
import { parseEnv } from "../src/server/env";
import { openStore } from "../src/server/store/open-store";
import type { PgliteSqlPort } from "../src/server/store/pglite-port";

const statement = process.argv.slice(2).join(" ").trim();
if (!statement) {
  console.error(
    'Usage: npm run db:sql -- "select id, status, body from contributions order by created_at desc limit 5"',
  );
  process.exit(2);
}
const env = parseEnv();
if (env.store.driver !== "pglite") {
  console.error(
    "db:sql reads the embedded database; with DATABASE_URL or Supabase, use psql or the Supabase SQL editor.",
  );
  process.exit(2);
}
const { store } = await openStore(env);
try {
  const port = store.port as PgliteSqlPort;
  await port.db.exec("set search_path = public");
  const result = await port.db.query(statement);
  console.table(result.rows);
  console.info(`${result.rows.length} row(s)`);
} finally {
  await store.close();
}
