/**
 * A throwaway PostgreSQL 15 cluster the suite can stop and start again,
 * to cut the store off in the middle of a journey. It is created by
 * scripts/pg-test-server.sh (the one `npm run test:db` uses in CI); the
 * stop and start in between run pg_ctl on the same data folder and port,
 * as that script does, because its own `stop` also deletes the cluster.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { projectRoot } from "./server";

const run = promisify(execFile);
const BIN = "/usr/lib/postgresql/15/bin";

/** A running throwaway cluster. */
export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** The folder pg-test-server.sh made (data/, the socket, server.log). */
  dir: string;
  port: number;
  /** pg_ctl stop -m fast: every connection is cut, new ones are refused. */
  stop(): Promise<void>;
  /** pg_ctl start on the same data folder and port. */
  start(): Promise<void>;
  /** Stops the cluster and deletes its folder (pg-test-server.sh stop). */
  destroy(): Promise<void>;
  /** One query, on a connection of its own. */
  query<T extends Record<string, unknown>>(text: string, parameters?: (string | number)[]): Promise<T[]>;
}

/** Runs a shell command as the cluster's owner: the postgres user when we are root (initdb refuses root), else us. */
function asOwner(command: string) {
  const root = process.getuid?.() === 0;
  return root
    ? run("su", ["postgres", "-s", "/bin/bash", "-c", command], { timeout: 60_000 })
    : run("bash", ["-c", command], { timeout: 60_000 });
}

/**
 * Starts a cluster with scripts/pg-test-server.sh and migrates it with the
 * demonstration data. Resolves with the reason instead when PostgreSQL
 * cannot run here (not root and no server installed, no packages…).
 */
export async function startCluster(): Promise<PgCluster | { unavailable: string }> {
  let stdout: string;
  try {
    ({ stdout } = await run("bash", ["scripts/pg-test-server.sh", "start"], { cwd: projectRoot, timeout: 300_000 }));
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    return {
      unavailable: `scripts/pg-test-server.sh could not start PostgreSQL 15 (it needs root, or the postgresql-15 package already installed): ${(stderr || message).trim().split("\n").slice(-5).join(" | ")}`,
    };
  }
  const url = /export DATABASE_URL=(\S+)/.exec(stdout)?.[1];
  const dir = /export PG_TEST_DIR=(\S+)/.exec(stdout)?.[1];
  const port = Number(/:(\d+)\//.exec(url ?? "")?.[1]);
  if (!url || !dir || !port) return { unavailable: `unexpected output of pg-test-server.sh: ${stdout}` };

  const cluster: PgCluster = {
    url,
    dir,
    port,
    stop: async () => {
      await asOwner(`'${BIN}/pg_ctl' -D '${dir}/data' -m fast -w stop`);
    },
    start: async () => {
      await asOwner(
        `'${BIN}/pg_ctl' -D '${dir}/data' -o "-p ${port} -k '${dir}' -c listen_addresses=127.0.0.1 -c fsync=off" -l '${dir}/server.log' -w start`,
      );
    },
    destroy: async () => {
      await run("bash", ["scripts/pg-test-server.sh", "stop", dir], { cwd: projectRoot, timeout: 60_000 });
    },
    query: async <T extends Record<string, unknown>>(text: string, parameters: (string | number)[] = []) => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        return (await sql.unsafe(text, parameters)) as unknown as T[];
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };

  try {
    await run(join(projectRoot, "node_modules/.bin/tsx"), ["scripts/db-migrate.ts", "--seed"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: url },
      timeout: 120_000,
    });
  } catch (error) {
    await cluster.destroy().catch(() => {});
    throw new Error(`db-migrate --seed failed on the throwaway cluster: ${(error as Error).message}`);
  }
  return cluster;
}
