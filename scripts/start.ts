/**
 * `npm start` (`tsx scripts/start.ts`): the site as Netlify would serve it,
 * on this machine, with no Netlify CLI and no account. Listens on
 * http://localhost:${PORT ?? 4321}, builds the site when it is missing, older
 * than its sources or built for another address (in this process, as the
 * toolchain notes advise: an embedded database folder belongs to one
 * process at a time), then serves the built pages and the functions under
 * /api/. The pages name the server's own address (canonical links, sitemap,
 * feeds) unless SITE_URL says otherwise; until the first build is done,
 * every request gets a 503.
 *
 * Settings (all optional; see src/server/http/local-server-env.ts): PORT,
 * TRUST_PROXY=1 behind a reverse proxy, DIST_DIR for another build folder
 * (built there when stale), FUNCTIONS_DIR for another functions folder.
 *
 * The embedded database (the default store) runs in a worker thread of its
 * own (src/server/store/worker-port.ts), opened on first use: the HTTP
 * thread keeps the pages, the functions and their checks, the worker the
 * SQL. Another store (Supabase, DATABASE_URL) stays in this thread.
 *
 * SIGINT or SIGTERM closes the server, then runs the shutdown hooks
 * (src/server/shutdown.ts); a second signal exits at once.
 */
import { rename, rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv, siteUrlFromEnv } from "../src/server/env";
import { importWithNode, loadFunctions } from "../src/server/http/function-loader";
import { API_PREFIX, createFunctionRouter } from "../src/server/http/function-router";
import { createLocalServer } from "../src/server/http/local-server";
import { type LocalServerEnv, localServerEnv } from "../src/server/http/local-server-env";
import { serveFunctions } from "../src/server/http/node-http";
import { precompressSite } from "../src/server/http/precompress";
import { createStaticSite } from "../src/server/http/static-site";
import { sendDueMail } from "../src/server/mail/sender";
import { moderationAccess } from "../src/server/moderator-auth";
import { registerLocalRebuilder, runSchedule, SCHEDULE_MINUTES } from "../src/server/rebuild";
import { registerShutdown, runShutdown } from "../src/server/shutdown";
import { buildReason } from "../src/server/site-freshness";
import { getStore, provideStore } from "../src/server/store/open-store";
import { workerStore } from "../src/server/store/worker-port";

/** Time left to open keep-alive connections to finish once the server stops. */
const CLOSE_GRACE_MS = 5_000;

const root = fileURLToPath(new URL("..", import.meta.url));

let env: LocalServerEnv;
try {
  env = localServerEnv();
  embeddedInWorker();
} catch (error) {
  // A setting error is the whole message; a stack would only hide it.
  console.error(`[start] ${(error as Error).message}`);
  process.exit(1);
}

/**
 * Makes the embedded database, when it is the store, the worker's: provided
 * before anything in this process asks for the store, so that nothing
 * (a function, the build, the schedule) opens the folder in this thread,
 * and closed by the shutdown hooks once the server has stopped, which lets
 * the worker finish its calls and release the folder's lock.
 */
function embeddedInWorker(): void {
  const config = parseEnv();
  if (config.store.driver !== "pglite" || config.store.dataDir.startsWith("memory://")) return;
  const opened = workerStore({
    dataDir: config.store.dataDir,
    ...(config.hashSalt ? { hashSalt: config.hashSalt } : {}),
  });
  provideStore(opened);
  registerShutdown(() => opened.store.close());
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Until the first build is done: the server listens (its port decides the pages' address), but has nothing to serve. */
const starting: Handler = async (_req, res) => {
  res
    .writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "10" })
    .end("Le site est en cours de construction : réessayez dans quelques secondes.\n");
};

let router: ReturnType<typeof createFunctionRouter> | undefined;
let site: Handler = starting;
/** The address the pages name: SITE_URL (or Netlify's URL), else this server's own, known once it listens. */
let siteUrl: string;

/**
 * Rebuilds dist/ in this process when moderators publish: this process owns
 * the embedded database, so a build in another process could not open it.
 * The new site is built beside the served one, then swapped in, so visitors
 * never see a half-built folder; publications during a build coalesce into
 * one more build.
 */
let building: Promise<void> | undefined;
let again = false;
const rebuildSite = async (): Promise<void> => {
  const next = `${env.distDir}.next`;
  const previous = `${env.distDir}.previous`;
  const started = Date.now();
  try {
    await rm(next, { recursive: true, force: true });
    const { buildSite } = await import("../src/server/build-site");
    await buildSite({ root, outDir: next, site: siteUrl, logLevel: "warn" });
    await precompress(next);
    await rm(previous, { recursive: true, force: true });
    await rename(env.distDir, previous);
    await rename(next, env.distDir);
    site = createStaticSite(env.distDir);
    await rm(previous, { recursive: true, force: true });
    console.log(
      `[start] site rebuilt with the latest published data in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    console.error("[start] the rebuild failed; the previous site is still served:", error);
  }
};
registerLocalRebuilder(() => {
  if (building) {
    again = true;
    return;
  }
  building = (async () => {
    do {
      again = false;
      await rebuildSite();
    } while (again);
    building = undefined;
  })();
});

/**
 * Netlify's schedule, in this process: changes no decision requests a build
 * for (a flag threshold, a « retained » mark, a synthesis) and the
 * consultation's opening and closing reach the pages within one period, as
 * they do on Netlify. Started once the first build is done.
 */
let schedule: NodeJS.Timeout | undefined;
let mailSchedule: NodeJS.Timeout | undefined;
const startSchedule = () => {
  schedule = setInterval(() => {
    getStore()
      .then(({ store }) => runSchedule(store, { buildHookUrl: parseEnv().buildHookUrl }))
      .then(
        (report) => {
          if (report.status !== "idle") console.log(`[start] schedule: ${report.status}`);
        },
        (error: unknown) => console.error("[start] the scheduled run failed:", error),
      );
  }, SCHEDULE_MINUTES * 60_000);
  schedule.unref();
  // The outbox's own schedule (netlify/functions/scheduled-mail.ts, every
  // minute): a synthesis's e-mail, and what a decision's run could not send.
  // Once at start too: what a crash or a stop left due goes now, not a minute later.
  let mailing = false;
  const mailRound = () => {
    if (mailing) return;
    mailing = true;
    void sendDueMail(20_000).then((report) => {
      mailing = false;
      if (report && report.sent + report.retried + report.givenUp > 0) {
        console.log(`[start] mail: sent ${report.sent}, to retry ${report.retried}, given up ${report.givenUp}`);
      }
    });
  };
  mailRound();
  mailSchedule = setInterval(mailRound, 60_000);
  mailSchedule.unref();
};

// Slow requests are cut within 15 s, and the server's own refusals (bad
// Host, malformed HTTP, 408) are JSON: src/server/http/local-server.ts.
const server = createLocalServer((req, res) => {
  const respond = async () => {
    if (router && req.url?.startsWith(API_PREFIX) && (await serveFunctions(req, res, router, env))) return;
    await site(req, res);
  };
  respond().catch((error: unknown) => {
    console.error(`[start] ${req.method} ${req.url} failed:`, error);
    if (res.headersSent) res.destroy();
    else res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("Internal Server Error\n");
  });
});

server.on("error", (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `[start] port ${env.port} is already in use: stop the server using it, or set PORT to another port number (e.g. PORT=4322 npm start).`
      : `[start] the server failed: ${error.message}`,
  );
  process.exit(1);
});

/**
 * The brotli and gzip copies of the pages (src/server/http/precompress.ts),
 * before the site is served: the first start after a build writes them
 * (24 to 31 s for 9,500 pages on a busy two-core machine), later ones find
 * them (2 s).
 */
async function precompress(distDir: string): Promise<void> {
  const started = Date.now();
  const { files, written, removed } = await precompressSite(distDir, { only: "streamed" });
  if (written > 0 || removed > 0)
    console.log(
      `[start] compressed copies: ${written} written, ${removed} removed, for ${files} files, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
}

/** Builds the site if it is stale, loads the functions, then serves both. */
async function open(origin: string): Promise<void> {
  try {
    siteUrl = siteUrlFromEnv(process.env, origin);
  } catch (error) {
    console.error(`[start] ${(error as Error).message}`);
    process.exit(1);
  }
  const reason = await buildReason(env.distDir, root, siteUrl);
  if (reason) {
    console.log(`[start] building the site: ${reason}`);
    // Loading astro takes seconds: only when there is something to build.
    const { buildSite } = await import("../src/server/build-site");
    await buildSite({ root, outDir: env.distDir, site: siteUrl });
  }
  await precompress(env.distDir);
  router = createFunctionRouter(await loadFunctions(env.functionsDir, importWithNode, root));
  site = createStaticSite(env.distDir);
  startSchedule();
  const functions = router.routes.length;
  const served = relative(root, env.distDir);
  console.log(
    `[start] ready at ${origin}/ (${served.startsWith("..") ? env.distDir : served}, ${functions} function${functions === 1 ? "" : "s"})`,
  );
  if (new URL(siteUrl).origin !== origin) console.log(`[start] the pages name ${siteUrl} as the site's address`);
  moderationAccess(origin).then(
    (line) => console.log(`[start] ${line}`),
    (error: unknown) => console.error(`[start] moderation is not available: ${(error as Error).message}`),
  );
}

// Listening first: with PORT=0 the port, and so the address the pages name, is known only now;
// and a port in use is reported at once, not after a build.
server.listen(env.port, () => {
  const { port } = server.address() as AddressInfo;
  open(`http://localhost:${port}`).catch((error: unknown) => {
    console.error("[start] the site could not be built:", error);
    process.exit(1);
  });
});

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) {
    console.error(`[start] ${signal} again: exiting without waiting`);
    process.exit(1);
  }
  stopping = true;
  clearInterval(schedule);
  clearInterval(mailSchedule);
  console.log(`[start] ${signal}: stopping`);
  server.close(async () => {
    const ok = await runShutdown();
    console.log("[start] stopped");
    // The server and the hooks are done: a timer or socket some module left
    // open must not keep a stopped server's process alive.
    process.exit(ok ? 0 : 1);
  });
  setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
