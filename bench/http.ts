/**
 * Submissions through HTTP against `npm start` (scripts/start.ts, a child
 * process on its own embedded database, which runs in a worker thread of
 * that process: src/server/store/worker-port.ts) at 1, 20 and 50 concurrent clients,
 * then, the server stopped, raw INSERTs into the same database folder with
 * as many in flight, in the same run: the ratio says what the whole path
 * (HTTP, the function, validation, territory, hashing, the SQL function's
 * checks) costs against the database alone.
 *
 *   npx tsx bench/http.ts            (BENCH_COUNT=2000 submissions per level)
 *   BENCH_SHORT=1 npx tsx bench/http.ts   (300 per level)
 *
 * The submissions come from a crowd of networks (X-Forwarded-For, the
 * server started with TRUST_PROXY=1), as a consultation's do: a few hits per
 * network in the rate limit's window, as in production, where the limit
 * (submission_max, 60) caps each network's log. From one address, with the
 * limit lifted, every submission would count a log of thousands of hits:
 * the figures would measure that count, not the path.
 *
 * Client and server share this machine's cores: the client's own cost is
 * in the figures, as it would be for a load test from the same host.
 */
import { Agent, request } from "node:http";
import { loadavg } from "node:os";
import { PGlite } from "@electric-sql/pglite";
import { prepareEmbeddedDatabase, UNLIMITED } from "../tests/support/integrity";
import { placeholderSite, removeScratch, runName, scratchFolders, startServer } from "./server";
import { percentile, printTable, type RunResult, run, summarise } from "./stats";

const short = process.env.BENCH_SHORT === "1" || process.argv.includes("--short");
const count = Number(process.env.BENCH_COUNT ?? (short ? 300 : 2000));
const levels = [1, 20, 50];
/** The machine's load (1-minute average) when the run starts: client, server and database share its cores with anything else running. */
const loadAtStart = loadavg()[0] as number;

const folders = scratchFolders(runName("bench-http"));
// Thousands of answers: the limits (in the database) must not stop them, whatever BENCH_COUNT says.
await prepareEmbeddedDatabase({ ...process.env, PGLITE_DATA_DIR: folders.dataDir }, UNLIMITED);
const server = await startServer({
  DIST_DIR: await placeholderSite(folders.buildDir),
  PGLITE_DATA_DIR: folders.dataDir,
  MODERATOR_TOKEN: "jeton-de-moderation-mesure-0123456789",
  // The bench is the proxy: it names each request's network.
  TRUST_PROXY: "1",
});

/** How many networks the submissions come from: a few hits each per level, well under the default limit. */
const NETWORKS = 1_000;
let sent = 0;
/** The next network of the crowd, 10.0.0.0 to 10.0.3.231, in turn. */
function nextNetwork(): string {
  const n = sent++ % NETWORKS;
  return `10.0.${n >> 8}.${n & 255}`;
}

/** POST with a keep-alive agent: one socket per client, as browsers keep theirs. */
function post(agent: Agent, path: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: server.port,
        path,
        method: "POST",
        agent,
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const payload = (label: string, index: number) =>
  JSON.stringify({
    themeId: "ancrage-territorial",
    questionId: "freins-rencontres",
    body: `Contribution de mesure ${label}-${index} : dans notre bourg, le tiers-lieu manque de connexion et de financement.`,
    pseudonym: "Mesure",
    profile: "habitant",
    postalCode: "23000",
    communeCode: "23096",
  });

async function submissions(label: string, clients: number, howMany: number): Promise<RunResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  try {
    return await run(howMany, clients, async (index) => {
      const status = await post(agent, "/api/contributions", payload(label, index), {
        "Idempotency-Key": crypto.randomUUID(),
        "X-Forwarded-For": nextNetwork(),
      });
      if (status !== 201) throw new Error(`submission ${label}-${index} answered ${status}`);
    });
  } finally {
    agent.destroy();
  }
}

const rows: Record<string, string>[] = [];
const results: { clients: number; result: RunResult }[] = [];
try {
  // Warm-up: JIT, territory data, PGlite caches, sockets.
  await submissions("warmup", 5, 100);
  for (const clients of levels) {
    results.push({ clients, result: await submissions(`c${clients}`, clients, count) });
  }
} finally {
  const code = await server.stop();
  if (code !== 0) console.error(`[bench] the server stopped with code ${code}:\n${server.output().slice(-2000)}`);
}

// The same database folder, now free: raw INSERTs with as many in flight as there were clients.
const raws = new Map<number, RunResult>();
const db = await PGlite.create(folders.dataDir);
try {
  for (const clients of levels) {
    raws.set(
      clients,
      await run(count, clients, async (index) => {
        await db.query(
          `insert into public.contributions (theme_id, question_id, body, pseudonym, profile, postal_code, commune_code,
             commune_name, departement_code, departement_name, region_code, region_name, territory_type, author_hash, idempotency_key)
           values ('ancrage-territorial', 'freins-rencontres', $1, 'Mesure', 'habitant', '23000', '23096', 'Guéret', '23',
             'Creuse', '75', 'Nouvelle-Aquitaine', 'small-town', $2, $3)`,
          [
            `Insertion brute ${clients}-${index}, même base.`,
            `raw-author-${clients}-${index}-0000000000`,
            crypto.randomUUID(),
          ],
        );
      }),
    );
  }
} finally {
  await db.close();
  await removeScratch(folders.buildDir, folders.dataRoot);
}

const rate = (result: RunResult) => result.count / result.seconds;
for (const { clients, result } of results) {
  const raw = raws.get(clients) as RunResult;
  rows.push({
    ...summarise(`POST /api/contributions over HTTP, ${clients} client${clients > 1 ? "s" : ""}`, result),
    "raw INSERT/s": rate(raw).toFixed(0),
    "raw p50 ms": percentile(raw.latencies, 50).toFixed(1),
    "HTTP / raw": (rate(result) / rate(raw)).toFixed(2),
  });
}

console.log(
  `\nSubmissions through HTTP (npm start, embedded PGlite on disk, in its worker thread) and raw INSERTs into the same folder (server stopped, as many in flight), ${count} per level, Node ${process.version}, load average ${loadAtStart.toFixed(2)} at start, ${(loadavg()[0] as number).toFixed(2)} at end\n`,
);
printTable(rows);
