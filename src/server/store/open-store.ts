/**
 * Opens the store the environment asks for: Supabase, any PostgreSQL
 * server, or the embedded PGlite database (migrated and seeded on first
 * start). One store per process, kept on globalThis so that the dev
 * server's module reloads never open the same PGlite folder twice.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv, type ServerEnv } from "../env";
import { registerShutdown } from "../shutdown";
import { migrate } from "./migrate";
import { pgliteTarget } from "./migration-targets";
import { PgliteSqlPort } from "./pglite-port";
import { PostgresSqlPort } from "./postgres-port";
import { StoreUnavailableError } from "./sql-port";
import { Store } from "./store";
import { SupabaseSqlPort } from "./supabase-port";

/** The store and the secret its hashes are salted with. */
export interface OpenedStore {
  store: Store;
  hashSalt: string;
}

/**
 * supabase/ at the project root (migrations, bootstrap, seed): beside the
 * sources, or, when this module runs bundled (the Astro build puts it in
 * dist/chunks/ when a page reads the store), under the working directory.
 */
export const supabaseDir = findSupabaseDir();

function findSupabaseDir(): string {
  const besideSources = resolve(dirname(fileURLToPath(import.meta.url)), "../../../supabase");
  return existsSync(join(besideSources, "migrations")) ? besideSources : resolve(process.cwd(), "supabase");
}

/** Opens a new store for this configuration. Tests use it directly with `memory://`. */
export async function openStore(env: ServerEnv): Promise<OpenedStore> {
  const { store: config } = env;
  const options = { rateLimit: env.rateLimit, flagThreshold: env.flagThreshold };
  switch (config.driver) {
    case "supabase": {
      const { createServiceClient } = await import("./supabase-client");
      const client = createServiceClient(config.url, config.serviceRoleKey);
      return { store: new Store(new SupabaseSqlPort(client), options), hashSalt: requireSalt(env) };
    }
    case "postgres": {
      const { default: postgres } = await import("postgres");
      // connect_timeout: a hung or unreachable server answers the API's 503 in about 2 s.
      const sql = postgres(config.url, { max: 10, onnotice: () => {}, connect_timeout: 2 });
      return { store: new Store(new PostgresSqlPort(sql), options), hashSalt: requireSalt(env) };
    }
    case "pglite": {
      const { PGlite } = await import("@electric-sql/pglite");
      const inMemory = config.dataDir.startsWith("memory://");
      if (!inMemory) {
        await mkdir(dirname(resolve(config.dataDir)), { recursive: true });
        await takeFolderLock(config.dataDir);
      }
      let db: InstanceType<typeof PGlite>;
      try {
        db = await PGlite.create(inMemory ? config.dataDir : resolve(config.dataDir));
      } catch (error) {
        throw new StoreUnavailableError(
          `Cannot open the embedded database in ${config.dataDir}: is another process using it? (${String(error)})`,
          { cause: error },
        );
      }
      const report = await migrate(pgliteTarget(db), { supabaseDir, seed: !inMemory && config.seedDemonstration });
      if (report.applied.length > 0) {
        console.info(
          `[store] embedded database ${inMemory ? "in memory" : config.dataDir}: applied ${report.applied.length} migration(s)${report.seeded ? " and the seed" : ""}`,
        );
      }
      const hashSalt =
        env.hashSalt ?? (inMemory ? randomBytes(32).toString("hex") : await embeddedSalt(config.dataDir));
      const port = new PgliteSqlPort(db, inMemory ? undefined : () => releaseFolderLock(config.dataDir));
      return { store: new Store(port, options), hashSalt };
    }
  }
}

const storeKey = Symbol.for("consultation.store");
type Registry = typeof globalThis & { [storeKey]?: Promise<OpenedStore> };

/** The process's store, opened on first use from the environment. */
export function getStore(): Promise<OpenedStore> {
  const registry = globalThis as Registry;
  if (!registry[storeKey]) {
    const opening = openStore(parseEnv());
    registry[storeKey] = opening;
    // A failed open is not cached: the next request tries again.
    opening.catch(() => {
      if (registry[storeKey] === opening) delete registry[storeKey];
    });
    opening.then(({ store }) => registerShutdown(() => store.close())).catch(() => {});
  }
  return registry[storeKey];
}

/** Makes `opened` the process's store (tests, and the build when it runs in the server's process). */
export function provideStore(opened: OpenedStore): void {
  (globalThis as Registry)[storeKey] = Promise.resolve(opened);
}

function requireSalt(env: ServerEnv): string {
  if (!env.hashSalt) throw new Error("HASH_SALT is required with a real database");
  return env.hashSalt;
}

/**
 * A PGlite folder belongs to one process at a time: two would corrupt it.
 * The lock file names the owner's pid; a lock left by a dead process is
 * taken over.
 */
async function takeFolderLock(dataDir: string): Promise<void> {
  const file = `${resolve(dataDir)}.lock`;
  const owner = Number((await readFile(file, "utf8").catch(() => "")).trim());
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new StoreUnavailableError(
      `The embedded database ${dataDir} is in use by process ${owner} (npm run dev or npm start?). Stop it first: one process per database folder.`,
    );
  }
  await writeFile(file, String(process.pid));
}

async function releaseFolderLock(dataDir: string): Promise<void> {
  const file = `${resolve(dataDir)}.lock`;
  const owner = Number((await readFile(file, "utf8").catch(() => "")).trim());
  if (owner === process.pid) await rm(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The embedded store keeps its own random salt beside its data, created once. */
async function embeddedSalt(dataDir: string): Promise<string> {
  const file = join(dirname(resolve(dataDir)), "hash-salt");
  const existing = await readFile(file, "utf8").catch(() => "");
  if (existing.trim().length >= 32) return existing.trim();
  const salt = randomBytes(32).toString("hex");
  await writeFile(file, salt, { mode: 0o600 });
  return salt;
}
