/**
 * The site as visitors get it, for the browser suite: `scripts/start.ts`
 * (what `npm start` runs) as a child process, on a free port, with its own
 * build folder under `.builds/` and its own embedded database, so that a
 * suite never touches `dist/`, `.data/` or another suite's server.
 *
 * The first start builds the site (about a minute on a 2-core machine);
 * every publication then rebuilds it in that process, beside the served
 * copy, and swaps it in (see scripts/start.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtSiteOrigin } from "../../../src/server/site-freshness";

/** The project root: the suite runs from it (vitest's working directory). */
export const projectRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** A moderator token of the length the README asks for (24+ characters). */
export const MODERATOR_TOKEN = "e2e-moderator-token-0123456789ab";

/** The first start builds the whole site: long on a 2-core machine. */
const READY_TIMEOUT_MS = 240_000;
/** Time the server has to close and run its shutdown hooks after SIGTERM. */
const STOP_TIMEOUT_MS = 20_000;

/**
 * Variables of the parent environment the server must not inherit: settings
 * that would point it elsewhere (CI exports DATABASE_URL for `npm run
 * test:db`), and vitest's own.
 */
const INHERITED_SETTINGS = [
  "DATABASE_URL",
  "SUPABASE_URL",
  "SUPABASE_SERVICE_ROLE_KEY",
  "HASH_SALT",
  "PGLITE_DATA_DIR",
  "NETLIFY_BUILD_HOOK_URL",
  "CONSULTATION_CLOCK",
  "SITE_URL",
  "TRUST_PROXY",
  "FUNCTIONS_DIR",
  "DIST_DIR",
  "PORT",
  // Set by vitest in its workers. With NODE_ENV=test, the Vite server that `astro build` creates
  // inside start.ts runs the dev-only astro:server:setup hooks, and functions-dev.ts then marks the
  // pages "live": publications would never be rebuilt (see the report of this suite).
  "NODE_ENV",
  "TEST",
  "MODE",
  "PROD",
  "DEV",
  "SSR",
  "BASE_URL",
];

/** A running server of the suite. */
export interface SiteServer {
  /** `http://localhost:<port>`, without a trailing slash. */
  origin: string;
  /** The built site it serves (rebuilt in place on publication). */
  distDir: string;
  /** The scratch folder holding the build and the embedded database; removed by stop(). */
  scratchDir: string;
  /** Everything the server printed so far, stdout and stderr mixed. */
  output(): string;
  /** SIGTERM, wait for the exit (SIGKILL after 20 s), then remove the scratch folder. */
  stop(): Promise<void>;
  /** SIGKILL to the whole process group, as a crash: no shutdown step runs; the scratch folder stays until stop(). */
  kill(): Promise<void>;
}

/** Options of startServer. */
export interface StartOptions {
  /** Extra environment, e.g. DATABASE_URL and HASH_SALT for a PostgreSQL server. */
  env?: Record<string, string>;
  /**
   * A built site to copy instead of building one (timestamps kept, and
   * SITE_URL set to the address it was built for, so that start.ts finds it
   * current). Only for a server whose database holds the same published
   * data as the one the copy was built from, e.g. the seed.
   */
  copySiteFrom?: string;
  /** Prefix of the scratch folder's name under `.builds/`. */
  label?: string;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/**
 * Starts `scripts/start.ts` and resolves once it prints `[start] ready at`.
 * It is spawned through tsx directly, as tests/functions/start.test.ts does,
 * not through `npx`: npm's wrapper does not pass SIGTERM on, which would
 * leave the server running after the suite.
 */
export async function startServer(options: StartOptions = {}): Promise<SiteServer> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const scratchDir = join(projectRoot, ".builds", `${options.label ?? "e2e"}-${randomBytes(6).toString("hex")}`);
  const distDir = join(scratchDir, "site");
  await mkdir(scratchDir, { recursive: true });
  if (options.copySiteFrom) {
    await cp(options.copySiteFrom, distDir, { recursive: true, preserveTimestamps: true });
  }
  const copiedFor = options.copySiteFrom ? await builtSiteOrigin(distDir) : undefined;

  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !INHERITED_SETTINGS.includes(name) && !name.startsWith("VITEST")) env[name] = value;
  }
  Object.assign(env, {
    PORT: String(port),
    DIST_DIR: distDir,
    PGLITE_DATA_DIR: join(scratchDir, "data", "pglite"),
    MODERATOR_TOKEN,
    // No SITE_URL: start.ts names its own address in canonical links, feeds and the sitemap (the
    // journeys check it). A copied site keeps the address it was built for.
    ...(copiedFor ? { SITE_URL: copiedFor } : {}),
    ...options.env,
  });

  const child = spawn(join(projectRoot, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: if it ignores SIGTERM, the whole group gets SIGKILL.
    detached: true,
  });
  // If the test process ends without afterAll (an interrupted run), the server must not outlive it.
  const killOnExit = () => killGroup(child, "SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const server: SiteServer = {
    origin,
    distDir,
    scratchDir,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      await rm(scratchDir, { recursive: true, force: true });
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((done) => child.once("exit", () => done()));
      killGroup(child, "SIGKILL");
      await exited;
    },
  };

  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`scripts/start.ts was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${tail(output)}`)),
        READY_TIMEOUT_MS,
      );
      const check = () => {
        if (output.includes("[start] ready at")) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout?.on("data", check);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`scripts/start.ts exited (${signal ?? code}) before it was ready:\n${tail(output)}`));
      });
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

function tail(text: string, lines = 40): string {
  return text.split("\n").slice(-lines).join("\n");
}

/** Signals the child's whole process group: tsx and the node process it runs the script in. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Polls `url` until it answers 200: a page that appears with the next
 * rebuild. Resolves with the number of seconds it took.
 */
export async function waitForPage(url: string, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  await waitUntil(
    async () => (await fetch(url, { redirect: "manual" }).catch(() => undefined))?.status === 200,
    timeoutMs,
    `${url} did not answer 200 within ${timeoutMs / 1000} s (the rebuild after a publication may have failed)`,
  );
  return (Date.now() - started) / 1000;
}

/** Polls `condition` every 500 ms until it is true; throws `message` after `timeoutMs`. */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(message);
}
