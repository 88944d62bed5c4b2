/**
 * The functions as Netlify ships them (`npm run test:bundles`; CI runs it
 * on its PostgreSQL 15 server): bundled by zip-it-and-ship-it from
 * netlify.toml's settings, imported by plain `node` (serve-bundles.mjs),
 * on a real PostgreSQL database. One scenario walks every route through
 * every status it promises; it runs against the bundles and against
 * `npm start` (the local servers' emulation, over the sources), each on a
 * database of its own, and both must answer every step alike: same status,
 * same content type, same error code. Then the bundles' sizes against their
 * budget, and the 503 of an unreachable or hung database within 3 s.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeholderSite, removeScratch, runName, scratchFolders, startServer } from "../../bench/server";
import { type BundledFunction, bundleFunctions } from "../../scripts/bundle-functions";
import { migrate } from "../../src/server/store/migrate";
import { postgresTarget } from "../../src/server/store/migration-targets";
import { supabaseDir } from "../../src/server/store/open-store";
import { answer as answerPayload, initiative as initiativePayload } from "../support/pglite-store";

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  throw new Error(
    'DATABASE_URL is not set: the bundled functions run on a real PostgreSQL server where this suite may create databases. Start one with `eval "$(bash scripts/pg-test-server.sh start)"` (see README), then run `npm run test:bundles` again.',
  );
}

const root = join(import.meta.dirname, "../..");
const MODERATOR_TOKEN = "jeton-de-moderation-des-bundles-0123456789";
/** The settings both servers get; the clock sits inside the 2018 consultation window. */
const settings = {
  HASH_SALT: "sel-des-tests-de-bundles-0123456789abcdef",
  MODERATOR_TOKEN,
  CONSULTATION_CLOCK: "2018-05-15T10:00:00+02:00",
};
/** Submissions one network may send in any 10 minutes, set in each database (public.integrity_settings). */
const SUBMISSION_MAX = 12;
/** Functions that ship the territory data: the only ones allowed past the 2 MB budget. */
const territoryFunctions = ["contributions", "initiatives", "choice-answers", "admin-field-contributions"];
const MB = 1024 * 1024;

const scratch = join(root, ".builds", runName("bundles"));
const cleanups: (() => Promise<unknown>)[] = [];

/** A migrated database of its own on the server; dropped after the suite. */
async function freshDatabase(): Promise<string> {
  const name = `bundles_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgres(adminUrl as string, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl as string);
  url.pathname = `/${name}`;
  const sql = postgres(url.href, { max: 1, onnotice: () => {} });
  await migrate(postgresTarget(sql), { supabaseDir });
  await sql`update public.integrity_settings set value = ${SUBMISSION_MAX} where name = 'submission_max'`;
  await sql.end({ timeout: 5 });
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  });
  return url.href;
}

/** Starts serve-bundles.mjs under plain node on the bundles; resolves with its origin. */
async function serveBundles(
  folder: string,
  env: Record<string, string>,
): Promise<{ origin: string; output: () => string }> {
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, "serve-bundles.mjs"), folder], {
    cwd: scratch,
    // Plain node: none of the loaders vitest or tsx would pass on.
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  cleanups.push(async () => {
    child.kill("SIGTERM");
  });
  const port = await new Promise<number>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve-bundles.mjs did not start:\n${output}`)), 60_000);
    child.stdout?.on("data", () => {
      const found = /listening (\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        ready(Number(found[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`serve-bundles.mjs exited (${code}):\n${output}`));
    });
  });
  return { origin: `http://127.0.0.1:${port}`, output: () => output };
}

/** `npm start` over the sources, on a placeholder site (only /api/ matters here). */
async function serveSources(env: Record<string, string>): Promise<{ origin: string; output: () => string }> {
  const folders = scratchFolders(runName("bundles-parity"));
  const server = await startServer({
    DIST_DIR: await placeholderSite(folders.buildDir),
    TRUST_PROXY: "1",
    ...env,
  });
  cleanups.push(async () => {
    await server.stop();
    await removeScratch(folders.buildDir, folders.dataRoot);
  });
  return { origin: server.origin, output: server.output };
}

/** What two servers must agree on for one request. */
interface Step {
  step: string;
  status: number;
  contentType: string;
  error: string | undefined;
}

/**
 * Every route through every status, the ids of one step feeding the next.
 * Returns what each step answered; expectations on the answers are checked
 * by the caller, on both servers.
 */
async function scenario(origin: string): Promise<Step[]> {
  const steps: Step[] = [];
  const send = async (
    step: string,
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; headers?: Record<string, string>; ip?: string; moderator?: boolean } = {},
  ) => {
    const headers: Record<string, string> = {
      "X-Forwarded-For": options.ip ?? "192.0.2.10",
      ...(options.body !== undefined || options.raw !== undefined ? { "Content-Type": "application/json" } : {}),
      ...(options.moderator ? { Authorization: `Bearer ${MODERATOR_TOKEN}` } : {}),
      ...options.headers,
    };
    const response = await fetch(`${origin}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? null : JSON.stringify(options.body)),
    });
    const contentType = response.headers.get("content-type")?.split(";")[0] ?? "";
    const text = await response.text();
    const json = contentType === "application/json" && text ? (JSON.parse(text) as Record<string, unknown>) : {};
    steps.push({ step, status: response.status, contentType, error: json.error as string | undefined });
    return { status: response.status, json, headers: response.headers };
  };

  // The payloads of the function tests, with a text of this scenario's own.
  const answer = (body: string) => answerPayload({ body });
  const text = "Dans notre bourg, le principal frein reste la connexion internet et le coût du local.";

  // Contributions.
  const key = crypto.randomUUID();
  const created = await send("answer 201", "POST", "/api/contributions", {
    body: answer(text),
    headers: { "Idempotency-Key": key },
  });
  const id = created.json.id as string;
  await send("answer replayed 201", "POST", "/api/contributions", {
    body: answer(text),
    headers: { "Idempotency-Key": key },
  });
  await send("answer edited under a used key 422", "POST", "/api/contributions", {
    body: answer(`${text} Précision.`),
    headers: { "Idempotency-Key": key },
  });
  await send("answer invalid 400", "POST", "/api/contributions", { body: { ...answer(""), postalCode: "9" } });
  await send("answer unknown question 400", "POST", "/api/contributions", {
    body: { ...answer(`${text} Autre.`), questionId: "inconnue" },
  });
  await send("answer broken JSON 400", "POST", "/api/contributions", { raw: "{" });
  await send("answer as text/plain 415", "POST", "/api/contributions", {
    raw: "{}",
    headers: { "Content-Type": "text/plain" },
  });
  await send("answer too large 413", "POST", "/api/contributions", {
    raw: JSON.stringify({ body: "x".repeat(40_000) }),
  });
  await send("contributions GET 405", "GET", "/api/contributions");
  // Initiatives.
  await send("initiative 201", "POST", "/api/initiatives", { body: initiativePayload() });
  await send("initiative invalid 400", "POST", "/api/initiatives", { body: { name: "x" } });

  // The private tracking link of a pending initiative, from a client of its own: read, correct, withdraw.
  const trackingIp = "192.0.2.30";
  const tracked = await send("initiative to track 201", "POST", "/api/initiatives", {
    body: initiativePayload(),
    ip: trackingIp,
  });
  const secret = tracked.json.trackingSecret as string;
  const suivi = (step: string, body: unknown) => send(step, "POST", "/api/suivi", { body, ip: trackingIp });
  await suivi("tracking read 200", { secret });
  await suivi("tracking correction invalid 400", { action: "correct", secret, name: "x", kind: "fablab" });
  await suivi("tracking correction 200", {
    action: "correct",
    secret,
    name: "Atelier corrigé",
    kind: "makerspace",
    description: "Un atelier ouvert aux habitants, avec des machines partagées.",
  });
  await suivi("tracking withdrawal 200", { action: "withdraw", secret });
  await suivi("tracking withdrawn link 404", { secret });
  await suivi("tracking unknown link 404", { secret: "x".repeat(43) });
  await send("tracking GET 405", "GET", "/api/suivi");

  // A closed question, answered with « autre » and its text, then that text moderated.
  const choice = {
    themeId: "ancrage-territorial",
    questionId: "principal-frein",
    pseudonym: "Camille du bourg",
    profile: "habitant",
    postalCode: "23000",
    communeCode: "23096",
    website: "",
  };
  const choiceKey = crypto.randomUUID();
  const chosen = await send("choice answer with « autre » 201", "POST", "/api/choice-answers", {
    body: { ...choice, options: ["autre"], otherText: "Le manque de transports pour venir au tiers-lieu." },
    headers: { "Idempotency-Key": choiceKey },
  });
  await send("choice answer replayed 201", "POST", "/api/choice-answers", {
    body: { ...choice, options: ["autre"], otherText: "Le manque de transports pour venir au tiers-lieu." },
    headers: { "Idempotency-Key": choiceKey },
  });
  await send("choice answer unknown option 400", "POST", "/api/choice-answers", {
    body: { ...choice, options: ["inconnue"] },
  });
  await send("other texts without token 401", "GET", "/api/admin/other-texts");
  await send("other texts 200", "GET", "/api/admin/other-texts", { moderator: true });
  await send("other text rejected without a reason 400", "POST", "/api/admin/other-texts", {
    moderator: true,
    body: { id: chosen.json.id, decision: "reject" },
  });
  await send("other text published 200", "POST", "/api/admin/other-texts", {
    moderator: true,
    body: { id: chosen.json.id, decision: "publish" },
  });

  // Moderation.
  await send("queue without token 401", "GET", "/api/admin/queue");
  await send("queue with a wrong token 401", "GET", "/api/admin/queue", {
    headers: { Authorization: "Bearer jeton-faux-jeton-faux-jeton-faux" },
  });
  await send("queue 200", "GET", "/api/admin/queue", { moderator: true });
  await send("queue bad cursor 400", "GET", "/api/admin/queue?after=%%%", { moderator: true });
  await send("queue POST 405", "POST", "/api/admin/queue", { moderator: true, body: {} });
  await send("session GET 200", "GET", "/api/admin/session");
  await send("session POST in token mode 404", "POST", "/api/admin/session", {
    body: { email: "a@b.fr", password: "x" },
  });
  await send("decision invalid 400", "POST", "/api/admin/decisions", {
    moderator: true,
    body: { type: "contribution" },
  });
  await send("decision publish 200", "POST", "/api/admin/decisions", {
    moderator: true,
    body: { type: "contribution", ids: [id], decision: "publish" },
  });
  const { themeId: _theme, questionId: _question, ...author } = answer("");
  const reply = await send("reply to the published answer 201", "POST", "/api/contributions", {
    body: { ...author, parentId: id, stance: "for", body: "Tout à fait d'accord, c'est aussi vrai chez nous." },
  });
  await send("reply published 200", "POST", "/api/admin/decisions", {
    moderator: true,
    body: { type: "contribution", ids: [reply.json.id], decision: "publish" },
  });
  await send("decisions GET 405", "GET", "/api/admin/decisions", { moderator: true });
  await send("retained 200", "POST", "/api/admin/retained", {
    moderator: true,
    body: { contributionId: id, retained: true },
  });
  await send("retained unknown 404", "POST", "/api/admin/retained", {
    moderator: true,
    body: { contributionId: crypto.randomUUID(), retained: true },
  });
  await send("syntheses GET 200", "GET", "/api/admin/syntheses", { moderator: true });
  await send("synthesis PUT 200", "PUT", "/api/admin/syntheses/ancrage-territorial", {
    moderator: true,
    body: { body: "## Ce que disent les contributions\n\nLe débit et le coût du local reviennent souvent." },
  });
  await send("synthesis unknown theme 404", "PUT", "/api/admin/syntheses/inconnu", {
    moderator: true,
    body: { body: "x" },
  });
  await send("synthesis DELETE 405", "DELETE", "/api/admin/syntheses/ancrage-territorial", { moderator: true });
  await send("synthesis versions 200", "GET", "/api/admin/syntheses/ancrage-territorial/versions", {
    moderator: true,
  });
  await send("journal without token 401", "GET", "/api/admin/journal");
  await send("journal 200", "GET", "/api/admin/journal?action=synthesis_saved", { moderator: true });
  await send("journal bad date 400", "GET", "/api/admin/journal?from=2018-02-30", { moderator: true });
  await send("journal CSV 200", "GET", "/api/admin/journal?format=csv", { moderator: true });
  await send("rebuild GET 405", "GET", "/api/admin/rebuild", { moderator: true });
  // A contribution received by post, entered by a moderator (its key in the body).
  const letterText = "Reçu par courrier : au bourg, il manque un lieu où travailler à plusieurs le soir.";
  const letter = {
    ...answer(letterText),
    originKind: "letter",
    publishNow: true,
    idempotencyKey: crypto.randomUUID(),
  };
  await send("field entry without token 401", "POST", "/api/admin/field-contributions", { body: letter });
  await send("field entry invalid 400", "POST", "/api/admin/field-contributions", {
    body: { ...letter, originKind: "pigeon", postalCode: "9" },
    moderator: true,
  });
  await send("field entry 201", "POST", "/api/admin/field-contributions", { body: letter, moderator: true });
  await send("field entry replayed 200", "POST", "/api/admin/field-contributions", { body: letter, moderator: true });
  await send("field entry edited under a used key 422", "POST", "/api/admin/field-contributions", {
    body: { ...letter, body: `${letterText} Précision.` },
    moderator: true,
  });
  await send("field entry again 409", "POST", "/api/admin/field-contributions", {
    body: { ...letter, idempotencyKey: crypto.randomUUID() },
    moderator: true,
  });

  // Reactions and flags on the published answer.
  const voter = "jeton-de-navigateur-0001";
  await send("reaction 201", "POST", `/api/contributions/${id}/reactions`, {
    body: { kind: "support", voterToken: voter },
  });
  await send("reaction again 409", "POST", `/api/contributions/${id}/reactions`, {
    body: { kind: "disagree", voterToken: voter },
  });
  await send("reaction invalid 400", "POST", `/api/contributions/${id}/reactions`, {
    body: { kind: "bof", voterToken: voter },
  });
  await send("reaction unknown contribution 404", "POST", `/api/contributions/${crypto.randomUUID()}/reactions`, {
    body: { kind: "support", voterToken: voter },
  });
  await send("reactions GET 405", "GET", `/api/contributions/${id}/reactions`);
  await send("flag 201", "POST", `/api/contributions/${id}/flags`, {
    body: { reason: "off-topic", voterToken: voter },
  });
  await send("flag again 409", "POST", `/api/contributions/${id}/flags`, {
    body: { reason: "other", voterToken: voter },
  });
  await send("flags GET 405", "GET", `/api/contributions/${id}/flags`);

  // The summary and the paths no function claims.
  await send("summary 200", "GET", "/api/summary");
  await send("summary POST 405", "POST", "/api/summary", { body: {} });
  await send("unknown API path 404", "GET", "/api/inconnu");
  await send("unknown API path POST 404", "POST", "/api/inconnu/42", { body: {} });
  await send("summary HEAD 200", "HEAD", "/api/summary");

  // The rate limit, from a client of its own: SUBMISSION_MAX submissions pass, the next is refused.
  for (let index = 0; index < SUBMISSION_MAX; index += 1) {
    await send(`burst ${index + 1} 201`, "POST", "/api/contributions", {
      body: answer(`${text} Envoi numéro ${index + 1}.`),
      ip: "198.51.100.77",
    });
  }
  const limited = await send("burst over the limit 429", "POST", "/api/contributions", {
    body: answer(`${text} Envoi de trop.`),
    ip: "198.51.100.77",
  });
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  return steps;
}

/** The status each step's name ends with. */
const expectedStatus = (step: string) => Number(/(\d{3})$/.exec(step)?.[1]);

let bundled: BundledFunction[] = [];
let zipped: BundledFunction[] = [];
let bundleFolder = "";

beforeAll(async () => {
  bundleFolder = join(scratch, "functions");
  [bundled, zipped] = await Promise.all([
    bundleFunctions({ root, outDir: bundleFolder, archiveFormat: "none" }),
    bundleFunctions({ root, outDir: join(scratch, "zips"), archiveFormat: "zip" }),
  ]);
}, 300_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await removeScratch(scratch);
});

describe("the functions as zip-it-and-ship-it bundles them", () => {
  it("bundles every function of netlify/functions for nodejs24.x", async () => {
    const { readdir } = await import("node:fs/promises");
    const sources = (await readdir("netlify/functions")).filter((file) => file.endsWith(".ts"));
    expect(sources.length).toBeGreaterThan(20);
    expect(bundled.map((fn) => fn.name).sort()).toEqual(sources.map((file) => file.replace(/\.ts$/, "")).sort());
    for (const fn of bundled) expect(fn.runtimeVersion, fn.name).toBe("nodejs24.x");
  });

  it("ship no embedded database, no seed, and the communes data only where the territory lookup runs", async () => {
    const { readdir } = await import("node:fs/promises");
    for (const fn of bundled) {
      const files = (await readdir(fn.path, { recursive: true })).map(String);
      expect(
        files.filter((file) => file.includes("@electric-sql")),
        fn.name,
      ).toEqual([]);
      expect(
        files.filter((file) => file.startsWith("supabase")),
        fn.name,
      ).toEqual([]);
      const communes = files.some((file) => file.endsWith(join("data", "communes.json")));
      expect(communes, fn.name).toBe(territoryFunctions.includes(fn.name));
    }
  });

  it("weigh at most 2 MB zipped without territory data, 4 MB with it", () => {
    for (const fn of zipped) {
      const budget = territoryFunctions.includes(fn.name) ? 4 * MB : 2 * MB;
      expect(fn.zipBytes, `${fn.name}: ${((fn.zipBytes ?? 0) / MB).toFixed(2)} MB`).toBeLessThanOrEqual(budget);
    }
    console.info(
      `[bundles] zipped: ${zipped
        .map((fn) => `${fn.name} ${((fn.zipBytes ?? 0) / MB).toFixed(2)} MB`)
        .sort()
        .join(", ")}`,
    );
  });

  it("answer every route and status alike under plain node and under npm start, on PostgreSQL", async () => {
    // One after the other: migrations create cluster-wide roles, which two at once would both try.
    const [bundlesUrl, sourcesUrl] = [await freshDatabase(), await freshDatabase()];
    const [bundles, sources] = await Promise.all([
      serveBundles(bundleFolder, { ...settings, DATABASE_URL: bundlesUrl }),
      serveSources({ ...settings, DATABASE_URL: sourcesUrl }),
    ]);
    const fromBundles = await scenario(bundles.origin);
    const fromSources = await scenario(sources.origin);
    const wrong = fromBundles.filter((step) => step.status !== expectedStatus(step.step));
    expect(wrong, `bundles:\n${bundles.output()}`).toEqual([]);
    // Every API answer is JSON, errors in the API's shape, a path no function claims included (api-not-found).
    for (const step of fromBundles) {
      // The journal's export is the one file the API answers with.
      expect(step.contentType, step.step).toBe(step.step === "journal CSV 200" ? "text/csv" : "application/json");
      if (step.status >= 400) expect(step.error, step.step).toBeTruthy();
    }
    expect(fromBundles.find((step) => step.step === "unknown API path 404")?.error).toBe("not_found");
    expect(fromSources).toEqual(fromBundles);
  }, 240_000);

  it("run the scheduled function: the summary it stores is what GET /api/summary serves", async () => {
    const url = await freshDatabase();
    const bundles = await serveBundles(bundleFolder, { ...settings, DATABASE_URL: url });
    const before = await (await fetch(`${bundles.origin}/api/summary`)).json();
    const run = await fetch(`${bundles.origin}/__scheduled/scheduled-rebuild`, { method: "POST" });
    expect(run.status, bundles.output()).toBe(204);
    const after = await (await fetch(`${bundles.origin}/api/summary`)).json();
    expect(Date.parse(after.computedAt)).toBeGreaterThanOrEqual(Date.parse(before.computedAt));
    expect(after.totals).toBeDefined();
    expect(bundles.output()).toContain("[scheduled-rebuild]");
  }, 60_000);
});

describe("the bundled functions with the database out of reach", () => {
  let hung: Server;
  let hungPort = 0;
  const held: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers: a database that hangs.
    hung = createServer((socket) => {
      held.push(socket);
    });
    await new Promise<void>((listening) => hung.listen(0, "127.0.0.1", listening));
    hungPort = (hung.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise<void>((closed) => hung.close(() => closed()));
  });

  it.each([
    ["refused", () => "postgres://postgres@127.0.0.1:9/nowhere"],
    ["hung", () => `postgres://postgres@127.0.0.1:${hungPort}/nowhere`],
  ])(
    "answer the JSON 503 within 3 s when the database is %s",
    async (_label, databaseUrl) => {
      const bundles = await serveBundles(bundleFolder, { ...settings, DATABASE_URL: databaseUrl() });
      const started = Date.now();
      const response = await fetch(`${bundles.origin}/api/contributions`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(answerPayload({ body: "Une réponse envoyée pendant la panne de la base de données." })),
      });
      const elapsed = Date.now() - started;
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBeTruthy();
      expect(await response.json()).toMatchObject({ error: "store_unavailable" });
      expect(elapsed).toBeLessThan(3_000);
    },
    30_000,
  );
});
