/**
 * Fuzzing every function of netlify/functions/ in process, through real
 * Request objects, on an in-memory PGlite store: 10,000 generated requests
 * per endpoint family (FUZZ_RUNS overrides; FUZZ_SEED replays a run).
 *
 * - Malformed requests (most of each family): wrong types, hostile strings,
 *   deep nesting, prototype keys, arrays for objects, empty and non-JSON
 *   bodies, wrong or missing Content-Type, huge numbers. Never a 5xx; every
 *   error has the `{ error, message, issues }` shape with French messages;
 *   and not one row of any public table is written or changed.
 * - Well-formed payloads whose free text is hostile (NUL, lone surrogates,
 *   RTL and zero-width characters, emoji, control characters): never a 5xx;
 *   either refused with a French error and nothing written, or accepted and
 *   stored exactly as sent (trimmed, in Unicode NFC); a text that breaks a
 *   text rule (no visible character, a bidi control in a name, a length out
 *   of bounds in code points, credentials in an address) must be refused.
 *
 * Violations are collected rather than stopping at the first, so that one
 * run lists every kind of failure with its smallest example.
 */
import type { PGlite } from "@electric-sql/pglite";
import type { Context } from "@netlify/functions";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import adminDecisions from "../../netlify/functions/admin-decisions";
import adminQueue from "../../netlify/functions/admin-queue";
import adminRebuild from "../../netlify/functions/admin-rebuild";
import adminRetained from "../../netlify/functions/admin-retained";
import adminSession from "../../netlify/functions/admin-session";
import adminSyntheses from "../../netlify/functions/admin-syntheses";
import contributions from "../../netlify/functions/contributions";
import flags from "../../netlify/functions/flags";
import initiatives from "../../netlify/functions/initiatives";
import reactions from "../../netlify/functions/reactions";
import summary from "../../netlify/functions/summary";
import { themes } from "../../src/domain/consultation";
import {
  contributionSchemaFor,
  flagInputSchema,
  initiativeInputSchema,
  reactionInputSchema,
} from "../../src/domain/contribution.schema";
import { synthesisSchema } from "../../src/domain/moderation";
import { saltedHash } from "../../src/server/hash";
import { provideModeratorAuth, TokenModeratorAuth } from "../../src/server/moderator-auth";
import { provideStore } from "../../src/server/store/open-store";
import type { Store } from "../../src/server/store/store";
import { refreshSummary } from "../../src/server/summary";
import { communesForPostalCode } from "../../src/server/territory";
import { UNLIMITED } from "../support/integrity";
import { answer, initiative, jsonRequest, memoryStore, TEST_SALT } from "../support/pglite-store";
import {
  type Body,
  contentType,
  hostileName,
  hostileText,
  idempotencyKey,
  malformedBody,
  method,
  nastyString,
  nastyValue,
  toJsonText,
} from "./fuzz-arbitraries";

/** Generated requests per endpoint family. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** The share of each family's requests that are well-formed payloads with hostile text (where there is free text). */
const WELL_FORMED_SHARE = 0.1;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const TOKEN = "jeton-de-moderation-pour-le-fuzz-0123456789";
/** Every fuzzed request comes from this address, so the rate-limit counters it touches exist before the snapshot. */
const FUZZ_IP = "198.51.100.77";

type Handler = (req: Request, context: Context) => Promise<Response>;

interface Spec {
  endpoint: string;
  handler: Handler;
  method: string;
  path: string;
  headers: Record<string, string>;
  params: Record<string, string>;
  body: Body;
}

let db: PGlite;
let store: Store;
const fixture = { published: "", pending: "", initiative: "" };
/** Postal code and commune pairs that exist, mainland, Corsica and overseas. */
let places: { postalCode: string; communeCode: string }[] = [];

// ---------------------------------------------------------------------------
// Checks.

const englishWords =
  /\b(invalid|expected|received|required|must|should|unrecognized|too (?:big|small)|string|number|array|object|undefined|option)\b/i;
const frenchMarks =
  /[àâçéèêëîïôûùüœ«»]|\b(?:le|la|les|de|des|du|un|une|votre|vos|vous|ce|cette|est|pas|au|aux|en|et|à|ou|sur|pour|dans|ne)\b/i;
const looksFrench = (text: unknown): boolean =>
  typeof text === "string" && text.trim().length > 0 && frenchMarks.test(text) && !englishWords.test(text);

const short = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

function describeSpec(spec: Spec): string {
  const body =
    spec.body.kind === "none"
      ? "no body"
      : spec.body.kind === "bytes"
        ? `bytes ${Buffer.from(spec.body.bytes).toString("hex").slice(0, 80)}`
        : JSON.stringify(spec.body.text);
  const headers = Object.entries(spec.headers)
    .filter(([name]) => name !== "authorization")
    .map(([name, value]) => `${name}: ${JSON.stringify(short(value, 60))}`)
    .join(", ");
  const params = Object.keys(spec.params).length ? ` params ${JSON.stringify(spec.params)}` : "";
  return `${spec.method} ${short(spec.path, 200)}${params} [${headers}] ${short(body, 300)}`;
}

/** Every kind of failure, counted, with its smallest example. */
class Violations {
  private readonly found = new Map<string, { count: number; example: string; size: number }>();

  add(kind: string, spec: Spec, outcome: string): void {
    const size =
      spec.path.length +
      (spec.body.kind === "text" ? spec.body.text.length : spec.body.kind === "bytes" ? spec.body.bytes.length : 0);
    const seen = this.found.get(kind);
    const example = `${describeSpec(spec)} → ${short(outcome, 300)}`;
    if (!seen) this.found.set(kind, { count: 1, example, size });
    else {
      seen.count++;
      if (size < seen.size) Object.assign(seen, { example, size });
    }
  }

  list(): string[] {
    return [...this.found].map(([kind, { count, example }]) => `${kind} (×${count}), e.g. ${example}`);
  }
}

/** What the functions logged as unexpected errors while answering the last request. */
let logged: string[] = [];

function toRequest(spec: Spec): Request | undefined {
  const init: RequestInit = { method: spec.method, headers: spec.headers };
  // GET and HEAD cannot carry a body.
  if (spec.method !== "GET" && spec.method !== "HEAD" && spec.body.kind !== "none") {
    init.body = spec.body.kind === "text" ? spec.body.text : new Uint8Array(spec.body.bytes);
  }
  try {
    return new Request(`http://localhost${spec.path}`, init);
  } catch {
    // A request no HTTP client could send (the test's own generator, not the server): skipped.
    return undefined;
  }
}

interface Answered {
  status: number;
  json: unknown;
  text: string;
}

/** Sends one request; records every violation of the API's rules. */
async function exercise(spec: Spec, violations: Violations, allowSuccess: boolean): Promise<Answered | undefined> {
  const request = toRequest(spec);
  fc.pre(request !== undefined);
  if (!request) return undefined;
  logged = [];
  let response: Response;
  try {
    response = await spec.handler(request, {
      params: spec.params,
      ip: FUZZ_IP,
      requestId: "fuzz",
    } as unknown as Context);
  } catch (error) {
    violations.add(`${spec.endpoint}: the handler threw ${(error as Error).name}`, spec, String(error));
    return undefined;
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const { status } = response;
  const outcome = `${status} ${text}`;
  if (status >= 500) {
    // Grouped by the logged cause, values left out: one line per kind of failure.
    const cause = (logged[0] ?? (json as { error?: string } | undefined)?.error ?? "").replace(/"[^"]*"/g, '"…"');
    violations.add(`${spec.endpoint}: ${status} (${short(cause, 90)})`, spec, outcome);
  }
  if (!allowSuccess && status < 300) violations.add(`${spec.endpoint}: accepted (${status})`, spec, outcome);
  // HEAD answers as GET does, without the body (apiHandler): its headers are all there is to check.
  if (status >= 400 && spec.method === "HEAD") {
    if (!response.headers.get("content-type")?.startsWith("application/json") || text !== "")
      violations.add(`${spec.endpoint}: HEAD ${status} not a body-less JSON answer`, spec, outcome);
    if (status === 405 && !response.headers.get("allow"))
      violations.add(`${spec.endpoint}: 405 without Allow`, spec, outcome);
  } else if (status >= 400) {
    const body = json as { error?: unknown; message?: unknown; issues?: unknown } | undefined;
    const shapeOk =
      response.headers.get("content-type")?.startsWith("application/json") &&
      body !== undefined &&
      body !== null &&
      typeof body === "object" &&
      Object.keys(body).sort().join() === "error,issues,message" &&
      typeof body.error === "string" &&
      /^[a-z_]+$/.test(body.error) &&
      typeof body.message === "string" &&
      Array.isArray(body.issues) &&
      body.issues.every(
        (issue: unknown) =>
          typeof issue === "object" &&
          issue !== null &&
          Object.keys(issue).sort().join() === "message,path" &&
          typeof (issue as { path: unknown }).path === "string" &&
          typeof (issue as { message: unknown }).message === "string",
      );
    if (!shapeOk)
      violations.add(`${spec.endpoint}: ${status} without the { error, message, issues } shape`, spec, outcome);
    else {
      if (!looksFrench(body.message)) {
        violations.add(`${spec.endpoint}: message not in French: "${short(String(body.message), 80)}"`, spec, outcome);
      }
      for (const issue of body.issues as { path: string; message: string }[]) {
        if (!looksFrench(issue.message)) {
          // One line per field (array indices merged); the example shows the wording.
          const field = issue.path.replace(/\.\d+(?=\.|$)/g, ".n");
          violations.add(
            `${spec.endpoint}: message of "${field}" not in French`,
            spec,
            `"${issue.message}" in ${outcome}`,
          );
        }
      }
    }
    if (status === 405 && !response.headers.get("allow"))
      violations.add(`${spec.endpoint}: 405 without Allow`, spec, outcome);
    if (status === 429 && !response.headers.get("retry-after")) {
      violations.add(`${spec.endpoint}: 429 without Retry-After`, spec, outcome);
    }
  }
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || probe.isAdmin !== undefined || probe.status !== undefined) {
    violations.add(`${spec.endpoint}: Object.prototype polluted`, spec, outcome);
    for (const key of ["polluted", "isAdmin", "status"]) delete (Object.prototype as Record<string, unknown>)[key];
  }
  return { status, json, text };
}

// ---------------------------------------------------------------------------
// The database, before and after.

/** Row count and content hash of every public table; rate_limit_hits by count (each row carries its instant). */
async function tableState(): Promise<Record<string, string>> {
  const tables = await db.query<{ tablename: string }>(
    "select tablename from pg_tables where schemaname = 'public' order by tablename",
  );
  const state: Record<string, string> = {};
  for (const { tablename } of tables.rows) {
    const hashed = tablename !== "rate_limit_hits";
    const { rows } = await db.query<{ n: number; h: string }>(
      `select count(*)::int as n, ${hashed ? "md5(coalesce(string_agg(t::text, '|' order by t::text), ''))" : "''"} as h
       from public.${tablename} t`,
    );
    state[tablename] = `${rows[0]?.n} rows ${rows[0]?.h}`.trim();
  }
  return state;
}

const rowCount = async (table: string) =>
  Number((await db.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]?.n);

/** Sends `runs` requests of `arbitrary`, then fails with every violation found and every table that changed. */
async function fuzzMalformed(
  name: string,
  runs: number,
  arbitrary: fc.Arbitrary<Spec>,
  {
    allowSuccess = false,
    mightWrite = () => false,
  }: { allowSuccess?: boolean; mightWrite?: (spec: Spec) => boolean } = {},
): Promise<void> {
  const violations = new Violations();
  const before = await tableState();
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (spec) => {
      fc.pre(!mightWrite(spec));
      await exercise(spec, violations, allowSuccess);
    }),
    { numRuns: runs, seed: SEED, maxSkipsPerRun: 1_000 },
  );
  const seconds = (performance.now() - started) / 1000;
  console.info(`[fuzz] ${name}: ${runs} requests in ${seconds.toFixed(1)} s (seed ${SEED})`);
  const after = await tableState();
  const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
  expect(
    { violations: violations.list(), changed: changed.map((table) => `${table}: ${before[table]} → ${after[table]}`) },
    `replay with FUZZ_SEED=${SEED}`,
  ).toEqual({ violations: [], changed: [] });
}

// ---------------------------------------------------------------------------
// Request generators.

/** The path segment for a param; a lone surrogate cannot be percent-encoded (the param itself is passed as is). */
function segment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "segment-impossible";
  }
}

const questions = themes.flatMap((theme) =>
  theme.questions.map((question) => ({ themeId: theme.id, questionId: question.id })),
);
const voterToken = fc.base64String({ minLength: 16, maxLength: 64 }).map((token) => token.replace(/[+/=]/g, "_"));
const jsonHeaders = (type: string | undefined, extra: Record<string, string | undefined> = {}) =>
  Object.fromEntries(
    Object.entries({ "content-type": type, ...extra }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
/** Now and then a Content-Length that lies. */
const lyingLength = fc.oneof(
  { weight: 20, arbitrary: fc.constant<string | undefined>(undefined) },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>("999999999", "0", "-1", "abc", "1e3", "33000") },
);

/** A schema-valid payload at an endpoint that writes: left to the well-formed suite. */
function parsesAsValid(spec: Spec, schema: (value: unknown) => boolean): boolean {
  if (spec.method !== "POST" && spec.method !== "PUT") return false;
  if (spec.body.kind !== "text") return false;
  try {
    return schema(JSON.parse(spec.body.text.replace(/^\uFEFF/, "")));
  } catch {
    return false;
  }
}

const validAnswer = fc
  .record({ question: fc.constantFrom(...questions), n: fc.nat() })
  .map(({ question, n }) => answer({ ...question, body: `Une contribution valide pour le fuzz, numéro ${n}.` }));
const validReply = fc.nat().map((n) => ({
  parentId: fixture.published,
  stance: "for",
  body: `Une réponse valide ${n}.`,
  pseudonym: "Camille",
  profile: "habitant",
  postalCode: "23000",
  communeCode: "23096",
}));
const answerKeys = ["themeId", "questionId", "body", "pseudonym", "profile", "postalCode", "communeCode"];
const authorOptional = ["email", "contactConsent", "website"];

const contributionSpec: fc.Arbitrary<Spec> = fc
  .record({
    body: fc.oneof(
      malformedBody(validAnswer, answerKeys, authorOptional),
      malformedBody(
        validReply,
        ["parentId", "stance", "body", "pseudonym", "profile", "postalCode", "communeCode"],
        authorOptional,
      ),
    ),
    method,
    type: contentType,
    key: idempotencyKey,
    length: lyingLength,
  })
  .map(({ body, method, type, key, length }) => ({
    endpoint: "POST /api/contributions",
    handler: contributions,
    method,
    path: "/api/contributions",
    headers: jsonHeaders(type, { "idempotency-key": key, "content-length": length }),
    params: {},
    body,
  }));

const initiativeKeys = ["name", "kind", "description", "pseudonym", "profile", "postalCode", "communeCode"];
const initiativeSpec: fc.Arbitrary<Spec> = fc
  .record({
    body: malformedBody(
      fc.nat().map((n) => initiative({ name: `Atelier ${n}` })),
      initiativeKeys,
      ["url", "openingYear", ...authorOptional],
    ),
    method,
    type: contentType,
    key: idempotencyKey,
  })
  .map(({ body, method, type, key }) => ({
    endpoint: "POST /api/initiatives",
    handler: initiatives,
    method,
    path: "/api/initiatives",
    headers: jsonHeaders(type, { "idempotency-key": key }),
    params: {},
    body,
  }));

/** The :id of reactions and flags: the published fixture, a pending one, unknown, or not an id at all. */
const contributionId = fc.oneof(
  { weight: 6, arbitrary: fc.constant("published") },
  { weight: 2, arbitrary: fc.constant("pending") },
  { weight: 2, arbitrary: fc.constant("PUBLISHED") },
  { weight: 4, arbitrary: fc.uuid() },
  { weight: 4, arbitrary: nastyString.filter((value) => value.length < 200) },
  { weight: 1, arbitrary: fc.constant("missing") },
);
const resolveId = (id: string) =>
  id === "published"
    ? fixture.published
    : id === "PUBLISHED"
      ? fixture.published.toUpperCase()
      : id === "pending"
        ? fixture.pending
        : id;

function onContributionSpec(kind: "reactions" | "flags", bodyArb: fc.Arbitrary<Body>, handler: Handler) {
  return fc
    .record({ body: bodyArb, method, type: contentType, id: contributionId })
    .map(({ body, method, type, id }) => {
      const resolved = resolveId(id);
      return {
        endpoint: `POST /api/contributions/:id/${kind}`,
        handler,
        method,
        path: `/api/contributions/${segment(resolved)}/${kind}`,
        headers: jsonHeaders(type),
        params: id === "missing" ? {} : { id: resolved },
        body,
      };
    });
}

const reactionSpec = onContributionSpec(
  "reactions",
  malformedBody(fc.record({ kind: fc.constantFrom("support", "disagree"), voterToken }), ["kind", "voterToken"]),
  reactions,
);
const flagSpec = onContributionSpec(
  "flags",
  malformedBody(
    fc.record({
      reason: fc.constantFrom("insulting", "personal-data", "advertising", "off-topic", "other"),
      details: fc.constantFrom("", "Ce texte contient un numéro de téléphone."),
      voterToken,
    }),
    ["reason", "voterToken"],
    ["details"],
  ),
  flags,
);

/** At the published fixture, a valid reaction or flag would be recorded: that is not fuzzing. */
const reachesPublished = (spec: Spec) => spec.params.id?.toLowerCase() === fixture.published;

// Moderation routes, all with the valid token (a few requests without it, or with a wrong one).
const authorization = fc.oneof(
  { weight: 19, arbitrary: fc.constant<string | undefined>(`Bearer ${TOKEN}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | undefined>(
      undefined,
      "",
      "Bearer",
      `Bearer ${TOKEN}x`,
      `Basic ${TOKEN}`,
      `bearer ${TOKEN} extra`,
      `Bearer ${TOKEN.slice(0, -1)}`,
    ),
  },
);

const base64url = (value: string) => Buffer.from(value).toString("base64url");
/** Keyset cursors: well-formed, forged, and garbage. */
const cursor = fc.oneof(
  fc
    .tuple(
      fc.oneof(
        fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
        fc.constantFrom(
          "1",
          "2018",
          "0",
          "-1",
          "March 7, 2018",
          "+275760-09-13T00:00:00.000Z",
          "2018-02-30",
          "Infinity",
        ),
        nastyString,
      ),
      fc.oneof(fc.uuid(), fc.constantFrom("-".repeat(36), "f".repeat(36), `${"0".repeat(35)}-`), nastyString),
    )
    .map((pair) => base64url(JSON.stringify(pair))),
  fc.jsonValue({ maxDepth: 2 }).map((value) => base64url(JSON.stringify(value) ?? "")),
  nastyString,
);
const queryValue = (valid: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<string | undefined>(...valid, undefined) },
    { weight: 2, arbitrary: nastyString.filter((value) => value.length < 300) },
  );
const queueSpec = fc
  .record({
    type: queryValue(["contribution", "initiative"]),
    status: queryValue(["pending", "flagged", "published", "rejected"]),
    limit: queryValue(["1", "50", "200", "201", "0", "-1", "1e2", "NaN", "2.5", "9999999999999999999"]),
    after: fc.option(cursor, { nil: undefined }),
    extra: fc.option(fc.tuple(fc.constantFrom("__proto__", "constructor", "limit", "type"), nastyString), {
      nil: undefined,
    }),
    method: fc.oneof({ weight: 9, arbitrary: fc.constant("GET") }, { weight: 1, arbitrary: method }),
  })
  .map(({ type, status, limit, after, extra, method }) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries({ type, status, limit, after })) {
      if (value !== undefined) query.append(name, value);
    }
    if (extra) query.append(extra[0], extra[1]);
    return { path: `/api/admin/queue?${query}`, method, handler: adminQueue, endpoint: "GET /api/admin/queue" };
  });

const adminBody = <T extends Record<string, unknown>>(
  valid: fc.Arbitrary<T>,
  required: string[],
  optional: string[] = [],
) =>
  fc.oneof(
    { weight: 3, arbitrary: malformedBody(valid, required, optional) },
    // The right shape with hostile values: valid ids are random, so even an accepted request changes nothing.
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...required, ...optional), nastyValue)
        .map(([payload, key, value]): Body => ({ kind: "text", text: toJsonText({ ...payload, [key]: value }) })),
    },
  );

const decisionsSpec = fc
  .record({
    body: adminBody(
      fc.record({
        type: fc.constantFrom("contribution", "initiative"),
        ids: fc.array(fc.uuid(), { minLength: 1, maxLength: 5 }),
        decision: fc.constantFrom("publish", "reject"),
        reasonCode: fc.constantFrom("insulting", "personal-data", "advertising", "off-topic", "duplicate", "other"),
        reasonText: fc.oneof(fc.constant("Texte hors sujet."), hostileText(1, 400)),
      }),
      ["type", "ids", "decision"],
      ["reasonCode", "reasonText"],
    ),
    method,
  })
  .map(({ body, method }) => ({
    body,
    method,
    path: "/api/admin/decisions",
    handler: adminDecisions,
    endpoint: "POST /api/admin/decisions",
  }));

const retainedSpec = fc
  .record({
    body: adminBody(fc.record({ contributionId: fc.uuid(), retained: fc.boolean() }), ["contributionId", "retained"]),
    method,
  })
  .map(({ body, method }) => ({
    body,
    method,
    path: "/api/admin/retained",
    handler: adminRetained,
    endpoint: "POST /api/admin/retained",
  }));

const themeParam = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...themes.map((theme) => theme.id)) },
  { weight: 1, arbitrary: nastyString.filter((value) => value.length < 200) },
);
const synthesesSpec = fc
  .record({
    body: malformedBody(fc.record({ body: fc.constant("## Synthèse\n\nTexte.") }), ["body"]),
    themeId: fc.option(themeParam, { nil: undefined }),
    method: fc.oneof(
      { weight: 3, arbitrary: fc.constant("PUT") },
      { weight: 1, arbitrary: fc.constant("GET") },
      { weight: 1, arbitrary: method },
    ),
  })
  .map(({ body, themeId, method }) => ({
    body,
    method,
    path: themeId === undefined ? "/api/admin/syntheses" : `/api/admin/syntheses/${segment(themeId)}`,
    params: themeId === undefined ? {} : { themeId },
    handler: adminSyntheses,
    endpoint: themeId === undefined ? "GET /api/admin/syntheses" : "PUT /api/admin/syntheses/:themeId",
  }));

const sessionSpec = fc
  .record({
    body: malformedBody(fc.record({ email: fc.constant("moderateur@exemple.fr"), password: fc.constant("secret") }), [
      "email",
      "password",
    ]),
    method: fc.oneof(fc.constant("GET"), method),
  })
  .map(({ body, method }) => ({
    body,
    method,
    path: "/api/admin/session",
    handler: adminSession,
    endpoint: "/api/admin/session",
  }));

const rebuildSpec = fc.record({ body: malformedBody(fc.constant({}), ["x"]), method }).map(({ body, method }) => ({
  body,
  method,
  path: "/api/admin/rebuild",
  handler: adminRebuild,
  endpoint: "POST /api/admin/rebuild",
}));

type Route = Omit<Spec, "headers" | "params"> & { params?: Record<string, string> };
const route = (arbitrary: fc.Arbitrary<Route>) => arbitrary;

const moderationSpec: fc.Arbitrary<Spec> = fc
  .record({
    route: fc.oneof(
      { weight: 3, arbitrary: route(decisionsSpec) },
      { weight: 3, arbitrary: route(queueSpec.map((queue) => ({ ...queue, body: { kind: "none" } as Body }))) },
      { weight: 2, arbitrary: route(retainedSpec) },
      { weight: 3, arbitrary: route(synthesesSpec) },
      { weight: 1, arbitrary: route(sessionSpec) },
      { weight: 1, arbitrary: route(rebuildSpec) },
    ),
    type: contentType,
    auth: authorization,
  })
  .map(({ route, type, auth }) => ({
    ...route,
    params: route.params ?? {},
    headers: jsonHeaders(type, { authorization: auth }),
  }));

/** A synthesis that would be saved: the well-formed suite's business. */
const savesSynthesis = (spec: Spec) =>
  spec.handler === adminSyntheses &&
  spec.headers.authorization === `Bearer ${TOKEN}` &&
  (spec.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() === "application/json" &&
  themes.some((theme) => theme.id === spec.params.themeId) &&
  parsesAsValid(spec, (value) => synthesisSchema.safeParse(value).success);

const summarySpec: fc.Arbitrary<Spec> = fc
  .record({
    method: fc.oneof({ weight: 3, arbitrary: fc.constant("GET") }, { weight: 1, arbitrary: method }),
    query: fc.option(
      nastyString.filter((value) => value.length < 200),
      { nil: undefined },
    ),
    body: malformedBody(fc.constant({}), ["x"]),
    type: contentType,
  })
  .map(({ method, query, body, type }) => ({
    endpoint: "GET /api/summary",
    handler: summary,
    method,
    path: `/api/summary${query === undefined ? "" : `?${new URLSearchParams({ q: query })}`}`,
    headers: jsonHeaders(type),
    params: {},
    body,
  }));

// ---------------------------------------------------------------------------
// Well-formed payloads with hostile text.

/**
 * The text rules, modelled apart from the schemas (src/domain/text.ts): what
 * the server stores is the trimmed text in NFC, its length is counted in
 * code points (as char_length does), and it must show a visible character.
 */
const asStored = (text: string) => text.trim().normalize("NFC");
const codePoints = (text: string) => [...text].length;
const invisible = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Z}\p{M}\p{Default_Ignorable_Code_Point}\u2800]*$/u;
const bidiControl = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Why the rules refuse this typed text, or undefined when they accept it. */
function textRuleBroken(
  field: string,
  typed: string,
  { min, max, name = false, optional = false }: { min: number; max: number; name?: boolean; optional?: boolean },
): string | undefined {
  const text = asStored(typed);
  if (optional && text === "") return undefined;
  if (invisible.test(text)) return `${field} has no visible character`;
  if (name && bidiControl.test(text)) return `${field} holds a bidi control`;
  const length = codePoints(text);
  if (length < min || length > max) return `${field} is ${length} code points, outside ${min}–${max}`;
  return undefined;
}

/**
 * Sends `runs` well-formed requests. Each must be answered below 500; a
 * refusal must write nothing in `table`; an acceptance must store the text
 * exactly as sent (trimmed, in NFC), which `stored` reads back, and must not
 * be of a text `brokenRule` says the rules refuse.
 */
async function fuzzWellFormed<T>(
  name: string,
  runs: number,
  arbitrary: fc.Arbitrary<{ spec: Spec; payload: T }>,
  table: string,
  stored: (answered: Answered, payload: T) => Promise<{ same: boolean; actual: unknown }>,
  brokenRule: (payload: T) => string | undefined = () => undefined,
): Promise<void> {
  const violations = new Violations();
  let accepted = 0;
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(arbitrary, async ({ spec, payload }) => {
      const before = await rowCount(table);
      const answered = await exercise(spec, violations, true);
      if (!answered) return;
      const after = await rowCount(table);
      if (answered.status < 300) {
        accepted++;
        const broken = brokenRule(payload);
        if (broken)
          violations.add(`${spec.endpoint}: accepted a text the rules refuse (${broken})`, spec, answered.text);
        const { same, actual } = await stored(answered, payload);
        if (!same) {
          violations.add(
            `${spec.endpoint}: stored text differs from the text sent`,
            spec,
            `stored ${JSON.stringify(actual)}`,
          );
        }
      } else if (after !== before) {
        violations.add(`${spec.endpoint}: refused (${answered.status}) but wrote a row`, spec, answered.text);
      }
    }),
    { numRuns: runs, seed: SEED },
  );
  const seconds = (performance.now() - started) / 1000;
  console.info(`[fuzz] ${name}: ${runs} well-formed requests (${accepted} accepted) in ${seconds.toFixed(1)} s`);
  expect(violations.list(), `replay with FUZZ_SEED=${SEED}`).toEqual([]);
}

/**
 * Whether the row holds exactly what was sent, compared in SQL: PGlite's
 * result decoder drops a leading U+FEFF from text values it reads back, so a
 * comparison in JavaScript would blame the server for the driver.
 */
async function storedAsSent(query: string, params: unknown[]): Promise<{ same: boolean; actual: unknown }> {
  const { rows } = await db.query<{ same: boolean | null }>(query, params);
  const [row] = rows;
  return { same: row?.same === true, actual: row };
}

const place = fc.nat().map((n) => places[n % places.length] ?? { postalCode: "23000", communeCode: "23096" });
const post = (
  endpoint: string,
  handler: Handler,
  path: string,
  payload: unknown,
  params: Record<string, string> = {},
): Spec => ({
  endpoint,
  handler,
  method: path.startsWith("/api/admin/syntheses") ? "PUT" : "POST",
  path,
  headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
  params,
  body: { kind: "text", text: JSON.stringify(payload) },
});

const hostileContribution = fc
  .record({
    reply: fc.boolean(),
    body: hostileText(20, 4000),
    pseudonym: fc.oneof(fc.constant("Camille"), hostileName(40)),
    place,
    question: fc.constantFrom(...questions),
  })
  .map(({ reply, body, pseudonym, place, question }) => {
    const payload = reply
      ? { parentId: fixture.published, stance: "question", body, pseudonym, profile: "habitant", ...place }
      : answer({ ...question, body, pseudonym, ...place });
    return {
      spec: post("POST /api/contributions", contributions, "/api/contributions", payload),
      payload: { reply, body, pseudonym },
    };
  });

const hostileInitiative = fc
  .record({
    name: hostileName(120),
    description: hostileText(20, 1000),
    url: fc.oneof(
      fc.constant(""),
      fc.constantFrom(
        "https://exemple.fr/\u0000",
        "https://exa\u202Emple.fr",
        "https://😀.fr",
        "https://nom:secret@exemple.fr/",
        "https://nom@exa\u202Emple.fr",
      ),
    ),
    pseudonym: hostileName(40),
    place,
  })
  .map(({ name, description, url, pseudonym, place }) => {
    const payload = initiative({ name, description, url, pseudonym, ...place });
    return {
      spec: post("POST /api/initiatives", initiatives, "/api/initiatives", payload),
      payload: { name, description, url, pseudonym },
    };
  });

const hostileFlag = fc.record({ details: hostileText(1, 500), voterToken }).map((fields) => {
  const payload = { reason: "other", ...fields };
  return {
    spec: post("POST /api/contributions/:id/flags", flags, `/api/contributions/${fixture.published}/flags`, payload, {
      id: fixture.published,
    }),
    payload,
  };
});

const hostileSynthesis = fc
  .record({ themeId: fc.constantFrom(...themes.map((theme) => theme.id)), body: hostileText(1, 20_000) })
  .map(({ themeId, body }) => ({
    spec: post(
      "PUT /api/admin/syntheses/:themeId",
      adminSyntheses,
      `/api/admin/syntheses/${themeId}`,
      { body },
      { themeId },
    ),
    payload: { themeId, body },
  }));

// ---------------------------------------------------------------------------

beforeAll(async () => {
  // No limit a run reaches, and a flag threshold no run reaches: the published fixture stays published throughout.
  const fresh = await memoryStore({ ...UNLIMITED, flag_networks_for_review: 1_000_000_000 });
  db = fresh.db;
  store = fresh.store;
  provideStore({ store, hashSalt: TEST_SALT });
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
  vi.stubEnv("NETLIFY_BUILD_HOOK_URL", "");
  vi.stubEnv("CONSULTATION_CLOCK", "");

  // Real places for the well-formed payloads: mainland, Corsica, overseas, Paris, Lyon.
  places = ["23000", "20000", "97200", "75011", "69001", "29200", "13001"].flatMap((postalCode) =>
    communesForPostalCode(postalCode).map((commune) => ({ postalCode, communeCode: commune.code })),
  );

  const context = { params: {}, ip: FUZZ_IP, requestId: "fixture" } as unknown as Context;
  const created = async (response: Promise<Response>) => {
    const answered = await response;
    expect(answered.status).toBe(201);
    return ((await answered.json()) as { id: string }).id;
  };
  fixture.published = await created(contributions(jsonRequest("/api/contributions", answer()), context));
  fixture.pending = await created(contributions(jsonRequest("/api/contributions", answer()), context));
  fixture.initiative = await created(initiatives(jsonRequest("/api/initiatives", initiative()), context));
  await store.moderate({ subjectType: "contribution", ids: [fixture.published], decision: "publish", actor: "fuzz" });
  // Every counter and state row the fuzzed requests may touch exists before the first snapshot.
  const on = (id: string) => ({ ...context, params: { id } }) as unknown as Context;
  expect(
    (
      await reactions(
        jsonRequest("/x", { kind: "support", voterToken: "jeton-fixture-0123456789" }),
        on(fixture.published),
      )
    ).status,
  ).toBe(201);
  expect(
    (await flags(jsonRequest("/x", { reason: "other", voterToken: "jeton-fixture-0123456789" }), on(fixture.published)))
      .status,
  ).toBe(201);
  await store.claimRebuild();
  await refreshSummary(store);

  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    const error = args.find((arg) => arg instanceof Error) as Error | undefined;
    logged.push(error ? `${error.message}` : args.map(String).join(" "));
  });
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
  // The functions' own info lines are noise here; the suite's progress lines go to the terminal.
  vi.spyOn(console, "info").mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("[fuzz]")) process.stdout.write(`${args[0]}\n`);
  });
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await store.close();
});

const wellFormedRuns = Math.round(RUNS * WELL_FORMED_SHARE);
const malformedRuns = RUNS - wellFormedRuns;

describe(`fuzzing the functions (${RUNS} requests per family, FUZZ_SEED=${SEED})`, () => {
  it(`POST /api/contributions: ${malformedRuns} malformed requests`, async () => {
    await fuzzMalformed("contributions", malformedRuns, contributionSpec, {
      mightWrite: (spec) => parsesAsValid(spec, (value) => contributionSchemaFor(value).safeParse(value).success),
    });
  });

  it(`POST /api/contributions: ${wellFormedRuns} well-formed answers and replies with hostile text`, async () => {
    await fuzzWellFormed(
      "contributions",
      wellFormedRuns,
      hostileContribution,
      "contributions",
      (answered, sent) =>
        storedAsSent(
          "select body = $2 and pseudonym = $3 as same, body, pseudonym from public.contributions where id = $1",
          [(answered.json as { id: string }).id, asStored(sent.body), asStored(sent.pseudonym)],
        ),
      (sent) =>
        textRuleBroken("body", sent.body, sent.reply ? { min: 2, max: 2000 } : { min: 20, max: 4000 }) ??
        textRuleBroken("pseudonym", sent.pseudonym, { min: 2, max: 40, name: true }),
    );
  });

  it(`POST /api/initiatives: ${malformedRuns} malformed requests`, async () => {
    await fuzzMalformed("initiatives", malformedRuns, initiativeSpec, {
      mightWrite: (spec) => parsesAsValid(spec, (value) => initiativeInputSchema.safeParse(value).success),
    });
  });

  it(`POST /api/initiatives: ${wellFormedRuns} well-formed initiatives with hostile text`, async () => {
    await fuzzWellFormed(
      "initiatives",
      wellFormedRuns,
      hostileInitiative,
      "initiatives",
      (answered, sent) =>
        storedAsSent(
          `select name = $2 and description = $3 and pseudonym = $4 as same, name, description, pseudonym
           from public.initiatives where id = $1`,
          [
            (answered.json as { id: string }).id,
            asStored(sent.name),
            asStored(sent.description),
            asStored(sent.pseudonym),
          ],
        ),
      (sent) =>
        textRuleBroken("name", sent.name, { min: 2, max: 120, name: true }) ??
        textRuleBroken("description", sent.description, { min: 20, max: 1000 }) ??
        textRuleBroken("pseudonym", sent.pseudonym, { min: 2, max: 40, name: true }) ??
        (/^[a-z]+:\/\/[^/?#]*@/i.test(sent.url) ? "url carries credentials" : undefined),
    );
  });

  it(`POST /api/contributions/:id/reactions: ${RUNS} malformed requests`, async () => {
    await fuzzMalformed("reactions", RUNS, reactionSpec, {
      mightWrite: (spec) =>
        reachesPublished(spec) && parsesAsValid(spec, (value) => reactionInputSchema.safeParse(value).success),
    });
  });

  it(`POST /api/contributions/:id/flags: ${malformedRuns} malformed requests`, async () => {
    await fuzzMalformed("flags", malformedRuns, flagSpec, {
      mightWrite: (spec) =>
        reachesPublished(spec) && parsesAsValid(spec, (value) => flagInputSchema.safeParse(value).success),
    });
  });

  it(`POST /api/contributions/:id/flags: ${wellFormedRuns} well-formed flags with hostile details`, async () => {
    await fuzzWellFormed(
      "flags",
      wellFormedRuns,
      hostileFlag,
      "flags",
      (_answered, sent) =>
        storedAsSent(
          "select details is not distinct from $2 as same, details from public.flags where voter_hash = $1",
          [saltedHash(TEST_SALT, "voter", sent.voterToken), asStored(sent.details) || null],
        ),
      (sent) => textRuleBroken("details", sent.details, { min: 0, max: 500, optional: true }),
    );
  });

  it(`moderation routes (valid token): ${malformedRuns} malformed requests`, async () => {
    await fuzzMalformed("moderation", malformedRuns, moderationSpec, {
      allowSuccess: true,
      mightWrite: savesSynthesis,
    });
  });

  it(`PUT /api/admin/syntheses/:themeId: ${wellFormedRuns} well-formed syntheses with hostile Markdown`, async () => {
    await fuzzWellFormed("syntheses", wellFormedRuns, hostileSynthesis, "syntheses", (_answered, sent) =>
      storedAsSent("select body = $2 as same, body from public.syntheses where theme_id = $1", [
        sent.themeId,
        sent.body,
      ]),
    );
  });

  it(`GET /api/summary: ${RUNS} requests of any method, query and body`, async () => {
    await refreshSummary(store);
    await fuzzMalformed("summary", RUNS, summarySpec, { allowSuccess: true });
  });
});
