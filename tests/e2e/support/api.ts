/**
 * The API calls the browser suite makes around its journeys: what a citizen
 * sends without the form (the XSS vectors), and what a moderator decides
 * without the moderation page. Plain fetch against the suite's server.
 */
import { randomUUID } from "node:crypto";
import { MODERATOR_TOKEN } from "./server";

/** A JSON answer of the API, status and body. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** An author whose postal code has one commune of that name among several: Guéret (23000). */
export const GUERET = { postalCode: "23000", communeCode: "23096", communeName: "Guéret" } as const;

/** The author fields of a submission, with Guéret as the commune. */
export function author(pseudonym: string) {
  return {
    pseudonym,
    profile: "habitant",
    postalCode: GUERET.postalCode,
    communeCode: GUERET.communeCode,
    contactConsent: false,
    website: "",
  };
}

async function call(
  origin: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const init: RequestInit = { method, headers: { Accept: "application/json", ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, "Content-Type": "application/json" };
  }
  const response = await fetch(`${origin}${path}`, init);
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { raw: text };
  }
  return { status: response.status, body: parsed };
}

/** POST /api/contributions with a fresh Idempotency-Key. */
export function submitContribution(origin: string, payload: Record<string, unknown>): Promise<ApiAnswer> {
  return call(origin, "POST", "/api/contributions", payload, { "Idempotency-Key": randomUUID() });
}

/** POST /api/initiatives with a fresh Idempotency-Key. */
export function submitInitiative(origin: string, payload: Record<string, unknown>): Promise<ApiAnswer> {
  return call(origin, "POST", "/api/initiatives", payload, { "Idempotency-Key": randomUUID() });
}

/** The id of a 201, or an error that says what the API answered instead. */
export function createdId(answer: ApiAnswer, what: string): string {
  const id = answer.body.id;
  if (answer.status !== 201 || typeof id !== "string") {
    throw new Error(`${what}: expected 201 with an id, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return id;
}

const moderator = { Authorization: `Bearer ${MODERATOR_TOKEN}` };

/** POST /api/admin/decisions: publish these items (200 expected). */
export async function publish(origin: string, type: "contribution" | "initiative", ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 200) {
    const answer = await call(
      origin,
      "POST",
      "/api/admin/decisions",
      { type, ids: ids.slice(start, start + 200), decision: "publish" },
      moderator,
    );
    if (answer.status !== 200) {
      throw new Error(`publishing ${type}s: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    console.log(`[e2e] published ${type}s; rebuild: ${JSON.stringify(answer.body.rebuild)}`);
  }
}

/** PUT /api/admin/syntheses/:themeId (Markdown). */
export async function saveSynthesis(origin: string, themeId: string, body: string): Promise<void> {
  const answer = await call(origin, "PUT", `/api/admin/syntheses/${themeId}`, { body }, moderator);
  if (answer.status !== 200) throw new Error(`saving the synthesis: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** POST /api/admin/rebuild: asks the server to rebuild the public pages now. */
export async function requestRebuild(origin: string): Promise<ApiAnswer> {
  return call(origin, "POST", "/api/admin/rebuild", undefined, moderator);
}
