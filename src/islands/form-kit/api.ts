/**
 * The browser's side of the API contract: one POST helper that turns every
 * possible outcome (an answer, a refusal, a dead network, a timeout, an HTML
 * error page from a proxy) into one typed result, so each form decides what
 * to say with a switch instead of guessing from exceptions.
 */
import type { CommuneIndex, CommuneIndexEntry } from "../../domain/territory";
import { communeIndexPath } from "../../domain/territory";
import type { ApiErrorBody, FieldIssue } from "../../domain/validation";

/** A send that has not answered after this long is abandoned and reported, never left spinning. */
export const REQUEST_TIMEOUT_MS = 15_000;

/**
 * What came of one request. `invalid` and `refused` mean nothing was written
 * and sending the same thing again cannot help; `rate-limited`,
 * `unavailable`, `network` and `timeout` are worth a retry with the same
 * idempotency key (after a timeout the server may have written it: the key
 * makes the retry harmless).
 */
export type ApiResult<T> =
  | { kind: "ok"; status: number; data: T | undefined }
  | { kind: "invalid"; message: string; issues: FieldIssue[] }
  | { kind: "refused"; status: number; code: string; message: string | undefined }
  | { kind: "rate-limited"; retryAfterSeconds: number | undefined }
  | { kind: "unavailable"; status: number }
  | { kind: "network"; offline: boolean }
  | { kind: "timeout" };

/** The outcomes after which a retry with the same idempotency key makes sense. */
export type RetryableResult = Extract<
  ApiResult<unknown>,
  { kind: "rate-limited" | "unavailable" | "network" | "timeout" }
>;

/** True for the outcomes after which "Réessayer" is offered with the same key. */
export function isRetryable(result: ApiResult<unknown>): result is RetryableResult {
  return (
    result.kind === "rate-limited" ||
    result.kind === "unavailable" ||
    result.kind === "network" ||
    result.kind === "timeout"
  );
}

/** Options of one POST. */
export interface PostOptions {
  /** Sent as the Idempotency-Key header: the same key never creates a second row. */
  idempotencyKey?: string | undefined;
  timeoutMs?: number | undefined;
}

/**
 * POSTs JSON and maps the answer. Never throws: every failure is a result.
 * A 2xx is success even when its body is unreadable, because the API answers
 * 2xx only once the row is committed, and that is what lets the form drop
 * the draft.
 */
export async function postJson<T>(url: string, body: unknown, options: PostOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  const exchange = await exchangeJson(url, { method: "POST", headers, body: JSON.stringify(body) }, options.timeoutMs);
  // A stalled body after a 2xx status cannot be told apart from a lost
  // request; the idempotency key makes the resulting retry safe.
  if (exchange.kind !== "answered") return exchange;
  return mapResponse<T>(exchange.response, exchange.data);
}

/** What came back from one request, before any meaning is given to its status. */
export type JsonExchange =
  | { kind: "answered"; response: Response; data: unknown }
  | { kind: "timeout" }
  | { kind: "network"; offline: boolean };

/**
 * Sends one request and reads its body as JSON (undefined when it is not),
 * giving up after `timeoutMs`. Never throws. Shared by the forms and the
 * moderation island (moderation/admin-api.ts).
 */
export async function exchangeJson(
  url: string,
  init: RequestInit,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<JsonExchange> {
  const exchange = await withTimeout(timeoutMs, async (signal) => {
    const response = await fetch(url, { ...init, signal });
    // Read the body inside the timeout too: a proxy can stall after the headers.
    const data: unknown = await response.json().catch(() => undefined);
    return { response, data };
  });
  if (exchange.kind === "done") return { kind: "answered", ...exchange.value };
  return exchange.kind === "timeout" ? { kind: "timeout" } : { kind: "network", offline: isOffline() };
}

function mapResponse<T>(response: Response, data: unknown): ApiResult<T> {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: "ok", status, data: data as T | undefined };
  const error = asErrorBody(data);
  if (status === 429)
    return { kind: "rate-limited", retryAfterSeconds: retryAfter(response.headers.get("Retry-After")) };
  if (status === 400 && error && error.issues.length > 0) {
    return { kind: "invalid", message: error.message, issues: error.issues };
  }
  // 5xx, and the 404 or HTML page a misconfigured proxy or CDN may send
  // instead of the function's JSON, are the service's failure, not the citizen's.
  if (status >= 500 || !error) return { kind: "unavailable", status };
  return { kind: "refused", status, code: error.error, message: error.message || undefined };
}

/** The error body if it has the contract's shape; anything else is treated as no body. */
export function asErrorBody(data: unknown): ApiErrorBody | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const { error, message, issues } = data as Record<string, unknown>;
  if (typeof error !== "string") return undefined;
  const validIssues = Array.isArray(issues)
    ? issues.filter(
        (issue): issue is FieldIssue =>
          typeof issue === "object" &&
          issue !== null &&
          typeof (issue as FieldIssue).path === "string" &&
          typeof (issue as FieldIssue).message === "string",
      )
    : [];
  return { error, message: typeof message === "string" ? message : "", issues: validIssues };
}

/** Retry-After is either a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

type Exchange<V> = { kind: "done"; value: V } | { kind: "timeout" } | { kind: "failed" };

/** Runs `task` with an AbortSignal that fires after `ms`; tells a timeout from any other failure. */
async function withTimeout<V>(ms: number, task: (signal: AbortSignal) => Promise<V>): Promise<Exchange<V>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  try {
    return { kind: "done", value: await task(controller.signal) };
  } catch {
    return timedOut ? { kind: "timeout" } : { kind: "failed" };
  } finally {
    clearTimeout(timer);
  }
}

/** What the static commune index says about one postal code. */
export type CommuneLookup = { kind: "found"; communes: CommuneIndexEntry[] } | { kind: "none" } | { kind: "error" };

/** Index files already fetched, by path: a participant who corrects a digit does not download the file again. */
const communeIndexes = new Map<string, CommuneIndex>();

/** Forgets the fetched index files (tests start each case from an empty cache). */
export function forgetCommuneIndexes(): void {
  communeIndexes.clear();
}

/**
 * The communes of a 5-digit postal code, from the static file
 * /communes/<first two digits>.json. A missing file (404) means no commune
 * has a code with that prefix; any other failure is reported as an error
 * the participant can retry.
 */
export async function lookUpCommunes(postalCode: string): Promise<CommuneLookup> {
  const path = communeIndexPath(postalCode);
  let index = communeIndexes.get(path);
  if (!index) {
    const exchange = await withTimeout(REQUEST_TIMEOUT_MS, async (signal) => {
      const response = await fetch(path, { headers: { Accept: "application/json" }, signal });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
      return asCommuneIndex(await response.json());
    });
    if (exchange.kind !== "done" || exchange.value === undefined) return { kind: "error" };
    if (exchange.value === null) return { kind: "none" };
    index = exchange.value;
    communeIndexes.set(path, index);
  }
  const communes = index[postalCode] ?? [];
  return communes.length > 0 ? { kind: "found", communes } : { kind: "none" };
}

/** Parse, don't trust: a truncated or foreign file becomes an error, not a crash. */
function asCommuneIndex(data: unknown): CommuneIndex | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const index: CommuneIndex = {};
  for (const [postalCode, entries] of Object.entries(data)) {
    if (!Array.isArray(entries)) return undefined;
    const communes: CommuneIndexEntry[] = [];
    for (const entry of entries as unknown[]) {
      const { code, nom } = (entry ?? {}) as Record<string, unknown>;
      if (typeof code !== "string" || typeof nom !== "string") return undefined;
      communes.push({ code, nom });
    }
    index[postalCode] = communes;
  }
  return index;
}
