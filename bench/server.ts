/**
 * `npm start` (scripts/start.ts) as a child process, for the benchmarks, the
 * load tests and the budgets: its own port, build folder and embedded
 * database, stopped with SIGTERM so that it releases the database folder.
 * Also: scratch folders under .builds/ and .data/, and a placeholder site for
 * runs that only exercise the API (no build needed).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, rm, utimes, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("..", import.meta.url));

/** .builds/<name> and .data/<name>/pglite, for one run: the build folder and its own database. */
export function scratchFolders(name: string): { buildDir: string; dataRoot: string; dataDir: string } {
  const dataRoot = resolve(projectRoot, ".data", name);
  return { buildDir: resolve(projectRoot, ".builds", name), dataRoot, dataDir: join(dataRoot, "pglite") };
}

/** A unique name for a scratch run: <prefix>-<time>-<pid>. */
export const runName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${process.pid}`;

/**
 * A two-page site for runs that only exercise /api/: its index is dated
 * tomorrow, so scripts/start.ts finds it newer than every source and serves
 * it instead of building the real site into it.
 */
export async function placeholderSite(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "index.html"), "<!doctype html><title>Mesure</title><p>Site de mesure.</p>\n");
  await writeFile(join(dir, "404.html"), "<!doctype html><title>Introuvable</title><p>Page introuvable.</p>\n");
  await markFresh(dir);
  return dir;
}

/** Dates a built site's index tomorrow so that scripts/start.ts never rebuilds it while sources change. */
export async function markFresh(dir: string): Promise<void> {
  const tomorrow = new Date(Date.now() + 24 * 3_600_000);
  await utimes(join(dir, "index.html"), tomorrow, tomorrow);
}

export interface RunningServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output: () => string;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process has exited. */
  stop: (graceMs?: number) => Promise<number | null>;
}

/**
 * Starts `tsx scripts/start.ts` with PORT=0 (the system picks a free port,
 * which the ready line names) and the given environment, and resolves when
 * it prints "[start] ready at".
 */
export async function startServer(
  env: Record<string, string>,
  { timeoutMs = 180_000 }: { timeoutMs?: number } = {},
): Promise<RunningServer> {
  const child = spawn(resolve(projectRoot, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
    cwd: projectRoot,
    env: { ...process.env, PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const exited = new Promise<number | null>((done) => {
    child.once("exit", (code) => done(code));
  });
  const stop = async (graceMs = 15_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  const port = await new Promise<number>((ready, fail) => {
    const timer = setTimeout(() => {
      void stop(1_000);
      fail(new Error(`scripts/start.ts did not get ready in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const check = () => {
      const found = /\[start\] ready at http:\/\/localhost:(\d+)\//.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        child.stdout?.off("data", check);
        ready(Number(found[1]));
      }
    };
    child.stdout?.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`scripts/start.ts exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { origin: `http://127.0.0.1:${port}`, port, child, output: () => output, stop };
}

/** Removes scratch folders (a build, a database and its lock). */
export async function removeScratch(...paths: string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { recursive: true, force: true })));
}
