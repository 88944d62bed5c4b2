/**
 * Every answer of the API, in one module: JSON bodies, the error shape
 * `{ error, message, issues }` with French messages, and the status each
 * situation gets. Functions never build error responses by hand.
 */
import { fr } from "../../domain/messages.fr";
import { moderationMessages } from "../../domain/moderation";
import type { ApiErrorBody, FieldIssue } from "../../domain/validation";

const baseHeaders = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

/** A JSON response that no cache keeps. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...baseHeaders, ...headers } });
}

function apiError(
  status: number,
  error: string,
  message: string,
  issues: FieldIssue[] = [],
  headers: Record<string, string> = {},
): Response {
  const body: ApiErrorBody = { error, message, issues };
  return json(status, body, headers);
}

/** The API's error answers, by situation. */
export const apiErrors = {
  invalidInput: (issues: FieldIssue[]) => apiError(400, "invalid_input", fr.api.invalidInput, issues),
  invalidJson: () => apiError(400, "invalid_json", fr.api.invalidJson),
  /** A body that is not valid UTF-8: refused rather than read with U+FFFD in place of the bad bytes. */
  invalidEncoding: () => apiError(400, "invalid_encoding", fr.api.invalidEncoding),
  /** A request the local server cannot read (bad Host header, malformed HTTP). */
  badRequest: (message: string = fr.api.badRequest) => apiError(400, "bad_request", message),
  headersTooLarge: () => apiError(431, "headers_too_large", fr.api.headersTooLarge),
  /** A request whose headers or body came too slowly (src/server/http/local-server.ts). */
  requestTimeout: () => apiError(408, "request_timeout", fr.api.requestTimeout),
  invalidIdempotencyKey: () =>
    apiError(400, "invalid_input", fr.api.idempotencyKey, [
      { path: "Idempotency-Key", message: fr.api.idempotencyKey },
    ]),
  notFound: (message: string, path?: string) =>
    apiError(404, "not_found", message, path === undefined ? [] : [{ path, message }]),
  /** An /api/ path no function claims. */
  unknownRoute: () => apiError(404, "not_found", fr.api.unknownRoute),
  /** 405; where GET is allowed, so is HEAD (apiHandler answers it), and Allow says so. */
  methodNotAllowed: (allow: readonly string[] = ["POST"]) =>
    apiError(405, "method_not_allowed", fr.api.methodNotAllowed, [], {
      Allow: allow
        .flatMap((method) => (method === "GET" && !allow.includes("HEAD") ? ["GET", "HEAD"] : [method]))
        .join(", "),
    }),
  /** A submission outside the consultation's window: not open yet, or closed; the form tells them apart. */
  closed: (state: "upcoming" | "closed", message?: string) =>
    state === "upcoming"
      ? apiError(409, "consultation_not_open", message ?? fr.api.upcoming)
      : apiError(409, "consultation_closed", message ?? fr.api.closed),
  duplicate: (message: string = fr.api.duplicate) => apiError(409, "duplicate", message),
  /** A tracked submission the moderators already read (or published once): no correction or withdrawal. */
  notEditable: (message: string) => apiError(409, "not_editable", message),
  alreadyReacted: () => apiError(409, "already_reacted", fr.api.alreadyReacted),
  /** This network (IP address) already added `limit` reactions to this contribution. */
  networkLimit: (limit: number) => apiError(409, "network_limit", fr.api.networkLimit(limit)),
  alreadyFlagged: () => apiError(409, "already_flagged", fr.api.alreadyFlagged),
  /** The Idempotency-Key came with another text before (422, as in the IETF Idempotency-Key draft). */
  changedReplay: (message: string = fr.api.changedReplay) => apiError(422, "idempotency_key_reused", message),
  payloadTooLarge: (maxBytes: number) =>
    apiError(413, "payload_too_large", fr.api.payloadTooLarge(Math.floor(maxBytes / 1024))),
  unsupportedMediaType: () => apiError(415, "unsupported_media_type", fr.api.unsupportedMediaType),
  rateLimited: (retryAfterSeconds: number) =>
    apiError(429, "rate_limited", fr.api.rateLimited(retryAfterSeconds), [], {
      "Retry-After": String(retryAfterSeconds),
    }),
  unavailable: () => apiError(503, "store_unavailable", fr.api.unavailable, [], { "Retry-After": "5" }),
  internal: () => apiError(500, "internal_error", fr.api.internal),
  unauthorized: () =>
    apiError(401, "unauthorized", moderationMessages.unauthorized, [], {
      "WWW-Authenticate": 'Bearer realm="moderation"',
    }),
  forbidden: () => apiError(403, "forbidden", moderationMessages.forbidden),
  badCredentials: () => apiError(401, "unauthorized", moderationMessages.badCredentials),
  tokenMode: () => apiError(404, "not_found", moderationMessages.tokenMode),
};
