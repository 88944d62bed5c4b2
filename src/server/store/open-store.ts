/**
 * Opens the store the environment asks for: Supabase, any PostgreSQL
 * server, or the embedded PGlite database (migrated and seeded on first
 * start). One store per process, kept on globalThis so that the dev
 * server's module reloads never open the same PGlite folder twice.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { consultation } from "../../domain/consultation";
import { clockFromEnv } from "../clock";
import { parseEnv, type ServerEnv } from "../env";
import { registerShutdown } from "../shutdown";
import { releaseFolderLock, takeFolderLock } from "./folder-lock";
import { migrate } from "./migrate";
import { pgliteTarget } from "./migration-targets";
import { openPglite, PgliteSqlPort } from "./pglite-port";
import { PostgresSqlPort } from "./postgres-port";
import { StoreUnavailableError } from "./sql-port";
import { describeStorageFault, probeStorage, storageFaultOf } from "./storage-fault";
import { Store, type StoreOptions } from "./store";
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

/**
 * Every store this module opens dates activity by the consultation's clock, read from the
 * environment at each write, as the pages and the use cases read it (src/server/clock.ts): a
 * demonstration clock's instant, or the database's now() on the real clock.
 */
const storeOptions: StoreOptions = { clock: () => clockFromEnv() };

/** Opens a new store for this configuration. Tests use it directly with `memory://`. */
export async function openStore(env: ServerEnv): Promise<OpenedStore> {
  const { store: config } = env;
  switch (config.driver) {
    case "supabase": {
      const { createServiceClient } = await import("./supabase-client");
      const client = createServiceClient(config.url, config.serviceRoleKey);
      return { store: new Store(new SupabaseSqlPort(client), storeOptions), hashSalt: requireSalt(env) };
    }
    case "postgres": {
      const { default: postgres } = await import("postgres");
      // connect_timeout: a hung or unreachable server answers the API's 503 in about 2 s.
      const sql = postgres(config.url, { max: 10, onnotice: () => {}, connect_timeout: 2 });
      return { store: new Store(new PostgresSqlPort(sql), storeOptions), hashSalt: requireSalt(env) };
    }
    case "pglite": {
      const inMemory = config.dataDir.startsWith("memory://");
      const folder = inMemory ? config.dataDir : resolve(config.dataDir);
      let db: PGlite | undefined;
      try {
        if (!inMemory) {
          await mkdir(dirname(folder), { recursive: true });
          await takeFolderLock(config.dataDir);
        }
        db = await openPglite(folder).catch(async (error: unknown) => {
          throw await openFailure(inMemory ? undefined : config.dataDir, error, "PGlite cannot start on it");
        });
        const report = await migrate(pgliteTarget(db), {
          supabaseDir,
          seed: !inMemory && config.seedDemonstration,
          consultationId: consultation.id,
        });
        if (report.applied.length > 0) {
          console.info(
            `[store] embedded database ${inMemory ? "in memory" : config.dataDir}: applied ${report.applied.length} migration(s)${report.seeded ? " and the seed" : ""}`,
          );
        }
        const hashSalt =
          env.hashSalt ?? (inMemory ? randomBytes(32).toString("hex") : await embeddedSalt(config.dataDir));
        const port = new PgliteSqlPort(
          db,
          inMemory
            ? {}
            : {
                dataDir: config.dataDir,
                // Migrated and locked already: opening the folder is all a reopen needs.
                reopen: () => openPglite(folder),
                onClose: () => releaseFolderLock(config.dataDir),
              },
        );
        return { store: new Store(port, storeOptions), hashSalt };
      } catch (error) {
        await db?.close().catch(() => {});
        if (!inMemory) await releaseFolderLock(config.dataDir).catch(() => {});
        if (error instanceof StoreUnavailableError || inMemory) throw error;
        // A migration that fails on a sound disk is a bug (a 500), not an outage.
        throw await openFailure(config.dataDir, error);
      }
    }
  }
}

/**
 * The StoreUnavailableError for a failed open, naming its cause: the folder
 * read-only or its disk full (from the error, or else by looking at the
 * folder, since PGlite only says it "failed to initialize properly"), or,
 * with `what`, any other failure. Without `what`, an error that is not the
 * disk's is returned as it is. Another process holding the folder is the
 * lock's message (folder-lock.ts), before PGlite is even started.
 */
async function openFailure(dataDir: string | undefined, error: unknown, what?: string): Promise<unknown> {
  const fault = storageFaultOf(error) ?? (dataDir ? await probeStorage(dataDir) : undefined);
  if (fault && dataDir) {
    return new StoreUnavailableError(
      describeStorageFault(fault, dataDir, `${what ?? "cannot open it"} (${String(error)})`),
      {
        cause: error,
      },
    );
  }
  if (!what) return error;
  return new StoreUnavailableError(
    `Cannot open the embedded database ${dataDir ?? "in memory"}: ${what} (${String(error)}). No other process holds its lock and its disk takes writes: if the folder is damaged, move it aside (a new one is created) or restore a copy.`,
    { cause: error },
  );
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

/** Forgets the process's store without closing it: the next getStore() opens one from the environment (tests). */
export function forgetStore(): void {
  delete (globalThis as Registry)[storeKey];
}

function requireSalt(env: ServerEnv): string {
  if (!env.hashSalt) throw new Error("HASH_SALT is required with a real database");
  return env.hashSalt;
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
