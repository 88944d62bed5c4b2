/**
 * Submissions through HTTP against the real local server (scripts/start.ts as
 * a child process, on its own embedded database): 2,000 distinct answers from
 * 50 concurrent clients, one in ten sent again with the same Idempotency-Key
 * (half of those while the first is still in flight), must give exactly
 * 2,000 new rows, and every retry the first answer's 201 and id. Then a
 * server whose database sets submission_max = 5 refuses the sixth submission of one client
 * with 429 and Retry-After.
 */
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  placeholderSite,
  type RunningServer,
  removeScratch,
  runName,
  scratchFolders,
  startServer,
} from "../../bench/server";
import { type IntegritySettings, prepareEmbeddedDatabase } from "../support/integrity";

const SUBMISSIONS = 2_000;
const CLIENTS = 50;
/** One submission in ten is sent twice with the same key. */
const RETRY_EVERY = 10;
const MODERATOR_TOKEN = "jeton-de-moderation-charge-0123456789";

const scratch = scratchFolders(runName("load-concurrency"));
const limited = scratchFolders(runName("load-rate-limit"));
const servers: RunningServer[] = [];

async function start(folders: typeof scratch, settings: IntegritySettings): Promise<RunningServer> {
  // The limits live in the database: set them in the folder before the server opens it.
  await prepareEmbeddedDatabase({ ...process.env, PGLITE_DATA_DIR: folders.dataDir }, settings);
  const server = await startServer({
    DIST_DIR: await placeholderSite(folders.buildDir),
    PGLITE_DATA_DIR: folders.dataDir,
    MODERATOR_TOKEN,
  });
  servers.push(server);
  return server;
}

const answer = (text: string) => ({
  themeId: "ancrage-territorial",
  questionId: "freins-rencontres",
  body: text,
  pseudonym: "Charge",
  profile: "habitant",
  postalCode: "23000",
  communeCode: "23096",
  email: "",
  contactConsent: false,
  website: "",
});

interface Sent {
  status: number;
  id: string | undefined;
  replayed: string | null;
  body: unknown;
}

async function submit(origin: string, payload: unknown, key: string): Promise<Sent> {
  const response = await fetch(`${origin}/api/contributions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify(payload),
  });
  const body = (await response.json()) as { id?: string };
  return { status: response.status, id: body.id, replayed: response.headers.get("idempotent-replayed"), body };
}

type Counts = Record<"contribution", Record<"pending" | "published" | "rejected" | "flagged", number>>;

async function counts(origin: string): Promise<Counts> {
  const response = await fetch(`${origin}/api/admin/queue?type=contribution&status=pending&limit=1`, {
    headers: { Authorization: `Bearer ${MODERATOR_TOKEN}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { counts: Counts }).counts;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await removeScratch(scratch.buildDir, scratch.dataRoot, limited.buildDir, limited.dataRoot);
});

describe("2,000 submissions from 50 concurrent clients, with retries", () => {
  let server: RunningServer;
  const run = Date.now().toString(36);
  const text = (index: number) =>
    `Contribution de charge ${run} n° ${index} : le tiers-lieu du bourg manque de connexion et d'animation.`;

  beforeAll(async () => {
    server = await start(scratch, { submission_max: 1_000_000 });
  });

  it("writes exactly 2,000 rows, and every retry gets the first answer's 201 and id", async () => {
    const before = await counts(server.origin);
    const firsts: Sent[] = new Array(SUBMISSIONS);
    const retries: { index: number; inFlight: boolean; sent: Sent }[] = [];
    let next = 0;
    const started = performance.now();
    const client = async () => {
      for (;;) {
        const index = next++;
        if (index >= SUBMISSIONS) return;
        const key = crypto.randomUUID();
        const payload = answer(text(index));
        if (index % RETRY_EVERY !== 0) {
          firsts[index] = await submit(server.origin, payload, key);
        } else if (index % (2 * RETRY_EVERY) === 0) {
          // The retry leaves while the first is still in flight (a double click, a proxy retrying).
          const [first, again] = await Promise.all([
            submit(server.origin, payload, key),
            submit(server.origin, payload, key),
          ]);
          firsts[index] = first;
          retries.push({ index, inFlight: true, sent: again });
        } else {
          // The retry after the answer (the form sent again after a lost response).
          firsts[index] = await submit(server.origin, payload, key);
          retries.push({ index, inFlight: false, sent: await submit(server.origin, payload, key) });
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `[load] ${SUBMISSIONS + retries.length} requests (${retries.length} retries) in ${seconds.toFixed(1)} s: ` +
        `${((SUBMISSIONS + retries.length) / seconds).toFixed(0)} requests/s`,
    );

    const refused = firsts.filter((sent) => sent.status !== 201);
    expect(refused.slice(0, 3)).toEqual([]);
    const ids = new Set(firsts.map((sent) => sent.id));
    expect(ids.size).toBe(SUBMISSIONS);

    expect(retries).toHaveLength(SUBMISSIONS / RETRY_EVERY);
    for (const { index, inFlight, sent } of retries) {
      expect({ index, inFlight, status: sent.status, id: sent.id }).toEqual({
        index,
        inFlight,
        status: 201,
        id: firsts[index]?.id,
      });
    }
    // Of two identical requests, at most one is the original: the other says it was replayed.
    for (const { index, sent } of retries) {
      expect([firsts[index]?.replayed, sent.replayed].sort()).toEqual(["false", "true"]);
    }

    const after = await counts(server.origin);
    expect(after.contribution.pending - before.contribution.pending).toBe(SUBMISSIONS);
    expect(after.contribution.published).toBe(before.contribution.published);
    expect(after.contribution.rejected).toBe(before.contribution.rejected);
  });

  it("the database holds the 2,000 rows once each, with their private log lines (server stopped)", async () => {
    expect(await server.stop()).toBe(0);
    const db = await PGlite.create(scratch.dataDir);
    try {
      const { rows } = await db.query<{ rows: number; keys: number; bodies: number; logs: number }>(
        `select count(*)::int as rows, count(distinct idempotency_key)::int as keys, count(distinct body)::int as bodies,
                (select count(*)::int from public.moderation_events e
                  where e.action = 'submitted' and e.subject_id in (select id from public.contributions where body like $1)) as logs
         from public.contributions where body like $1`,
        [`Contribution de charge ${run} n° %`],
      );
      expect(rows[0]).toEqual({ rows: SUBMISSIONS, keys: SUBMISSIONS, bodies: SUBMISSIONS, logs: SUBMISSIONS });
    } finally {
      await db.close();
    }
  });
});

describe("rate limit through HTTP", () => {
  it("a server whose database sets submission_max = 5 answers the sixth submission of a client with 429 and Retry-After", async () => {
    const server = await start(limited, { submission_max: 5 });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let index = 0; index < 6; index++) {
      last = await fetch(`${server.origin}/api/contributions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        body: JSON.stringify(answer(`Envoi numéro ${index} d'un même client, pour tester la limite de débit.`)),
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const retryAfter = Number(last?.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 600).toBe(true);
    const body = (await last?.json()) as { error: string; message: string; issues: unknown[] };
    expect(body).toEqual({ error: "rate_limited", message: expect.stringContaining("Réessayez dans"), issues: [] });
    await server.stop();
  });
});
