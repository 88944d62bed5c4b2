/**
 * Integrity settings (public.integrity_settings) for tests and benchmarks:
 * the limits live in the database, and only its owner changes them, as an
 * operator would with SQL. A suite that sends hundreds of requests from one
 * address raises them here, never through the code under test.
 */
import { parseEnv } from "../../src/server/env";
import { openStore } from "../../src/server/store/open-store";
import type { PgliteSqlPort } from "../../src/server/store/pglite-port";

export const INTEGRITY_DEFAULTS = {
  submission_max: 60,
  submission_window_seconds: 600,
  reaction_max: 300,
  reaction_window_seconds: 600,
  flag_max: 30,
  flag_window_seconds: 600,
  flag_networks_for_review: 3,
  reactions_per_network: 10,
  tracking_max: 60,
  tracking_window_seconds: 600,
} as const;

export type IntegritySettings = { -readonly [Name in keyof typeof INTEGRITY_DEFAULTS]?: number };

/** Limits no test run reaches: for suites that load the API from one address. */
export const UNLIMITED: IntegritySettings = {
  submission_max: 1_000_000_000,
  reaction_max: 1_000_000_000,
  flag_max: 1_000_000_000,
  reactions_per_network: 1_000_000_000,
  tracking_max: 1_000_000_000,
};

type OwnerQuery = (sql: string, params?: unknown[]) => Promise<unknown>;

/** Sets some settings, as the database owner. */
export async function setIntegritySettings(query: OwnerQuery, settings: IntegritySettings): Promise<void> {
  for (const [name, value] of Object.entries(settings)) {
    await query("update public.integrity_settings set value = $2 where name = $1", [name, value]);
  }
}

/** Puts every setting back to the migration's default. */
export function resetIntegritySettings(query: OwnerQuery): Promise<void> {
  return setIntegritySettings(query, INTEGRITY_DEFAULTS);
}

/**
 * Prepares an embedded database folder before a server (npm start) opens
 * it: migrated, seeded as that server would seed it (same environment), and
 * with these settings. The server then finds it ready.
 */
export async function prepareEmbeddedDatabase(
  env: Record<string, string | undefined>,
  settings: IntegritySettings,
): Promise<void> {
  const { store } = await openStore(parseEnv(env));
  try {
    const { db } = store.port as PgliteSqlPort;
    await setIntegritySettings((sql, params) => db.query(sql, params as unknown[]), settings);
  } finally {
    await store.close();
  }
}
