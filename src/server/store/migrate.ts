/**
 * Applies supabase/migrations/*.sql in order to PGlite or any PostgreSQL
 * server, recording each in app_private.schema_migrations so a second run
 * applies nothing. Outside Supabase, the compatibility bootstrap (roles,
 * auth schema) goes first. On Supabase itself, use `supabase db push`.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** What the runner needs from a connection. */
export interface MigrationTarget {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised query and returns its rows. */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs fn in one transaction: all of it is applied, or none. */
  transaction(fn: (tx: Omit<MigrationTarget, "transaction">) => Promise<void>): Promise<void>;
}

export interface MigrateOptions {
  /** Folder holding bootstrap/, migrations/ and seed.sql. */
  supabaseDir: string;
  /** Apply seed.sql once, right after the migrations created the schema from nothing. */
  seed?: boolean;
  /**
   * The id of the consultation the content folder holds: seed.sql is applied only when its
   * `-- consultation: <id>` line names it, since its rows answer that consultation's questions
   * (another consultation starts from an empty database). Without it, the seed always applies.
   */
  consultationId?: string;
}

/** The consultation a seed file's demonstration rows belong to: its `-- consultation: <id>` line. */
export function seedConsultation(seed: string): string | undefined {
  return /^-- consultation: ([a-z0-9-]+)\s*$/m.exec(seed)?.[1];
}

export interface MigrateReport {
  applied: string[];
  seeded: boolean;
}

const LOCK_KEY = 4_2018_0412; // any constant: serialises concurrent runners on one server

const LEDGER = `
create schema if not exists app_private;
revoke all on schema app_private from public;
create table if not exists app_private.schema_migrations (
  version text primary key,
  name text not null,
  applied_at timestamptz not null default now()
);
alter table app_private.schema_migrations enable row level security;
comment on table app_private.schema_migrations is 'Migrations applied by the project''s runner (not used on Supabase).';
`;

/** Applies what has not been applied yet; safe to run twice, and from two processes at once. */
export async function migrate(target: MigrationTarget, options: MigrateOptions): Promise<MigrateReport> {
  await target.exec(await readFile(join(options.supabaseDir, "bootstrap", "supabase-compat.sql"), "utf8"));
  await target.exec(LEDGER);

  const files = (await readdir(join(options.supabaseDir, "migrations")))
    .filter((file) => /^\d{14}_\w+\.sql$/.test(file))
    .sort();
  const before = await appliedVersions(target);
  const applied: string[] = [];
  for (const file of files) {
    const version = file.slice(0, 14);
    if (before.has(version)) continue;
    const sql = await readFile(join(options.supabaseDir, "migrations", file), "utf8");
    let ran = false;
    await target.transaction(async (tx) => {
      await tx.query("select pg_advisory_xact_lock($1)", [LOCK_KEY]);
      // Another process may have applied it while we waited for the lock.
      if ((await tx.query("select 1 from app_private.schema_migrations where version = $1", [version])).length > 0)
        return;
      await tx.exec(sql);
      await tx.query("insert into app_private.schema_migrations (version, name) values ($1, $2)", [version, file]);
      ran = true;
    });
    if (ran) applied.push(file);
  }

  let seeded = false;
  const freshSchema = before.size === 0 && applied.length === files.length && files.length > 0;
  if (options.seed && freshSchema) {
    const seed = await readFile(join(options.supabaseDir, "seed.sql"), "utf8").catch(() => undefined);
    if (seed && (options.consultationId === undefined || seedConsultation(seed) === options.consultationId)) {
      await target.transaction(async (tx) => {
        await tx.exec(seed);
        await tx.query("insert into app_private.schema_migrations (version, name) values ('seed', 'seed.sql')");
      });
      seeded = true;
    }
  }
  return { applied, seeded };
}

async function appliedVersions(target: MigrationTarget): Promise<Set<string>> {
  const rows = await target.query<{ version: string }>("select version from app_private.schema_migrations");
  return new Set(rows.map((row) => row.version).filter((version) => version !== "seed"));
}
