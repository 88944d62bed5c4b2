/**
 * The browser's side of the admin API: one request helper that sends the
 * moderator's Bearer token and turns every outcome (an answer, a refusal, an
 * expired session, a dead network, a timeout, a body of the wrong shape)
 * into one typed result, and the zod shapes of every answer. The exchange
 * itself (timeout, body, error shape) is form-kit/api.ts's; 401 and 403 get
 * their own kinds here because the app reacts to them wherever they happen.
 */
import type * as z from "zod/mini";
import { moderationMessages, type queueStatusSchema, type subjectTypeSchema } from "../../domain/moderation";
import { type QueueFilters, queueSearchParams } from "../../domain/moderation-queue";
import type { FieldIssue } from "../../domain/validation";
import { asErrorBody, exchangeJson } from "../form-kit/api";
import { frModeration } from "./messages.fr";

/** "contribution" or "initiative". */
export type SubjectType = z.infer<typeof subjectTypeSchema>;
/** A queue: the three states, and "flagged" (contributions with open flags, whatever their state). */
export type QueueStatus = z.infer<typeof queueStatusSchema>;

/** What came of one admin request. */
export type AdminResult<T> =
  | { kind: "ok"; data: T }
  /** 401: no token, a wrong one, or an expired session. */
  | { kind: "unauthorized" }
  /** 403: signed in, but not a moderator. */
  | { kind: "forbidden"; message: string | undefined }
  | { kind: "invalid"; message: string; issues: FieldIssue[] }
  | { kind: "refused"; status: number; code: string; message: string | undefined }
  /** 5xx, or an answer that is not the API's JSON (a proxy's HTML page). */
  | { kind: "unavailable"; status: number; code: string | undefined }
  | { kind: "network"; offline: boolean }
  | { kind: "timeout" }
  /** A 2xx whose body does not have the contract's shape. */
  | { kind: "malformed" };

/** Any result but success. */
export type AdminFailure = Exclude<AdminResult<unknown>, { kind: "ok" }>;

/** Options of one admin request. */
export interface AdminRequestOptions {
  /** Sent as `Authorization: Bearer <token>`; never in the URL, where logs and history would keep it. */
  token?: string | undefined;
  body?: unknown;
  timeoutMs?: number | undefined;
}

/**
 * Sends one request and parses its answer with `schema`. Never throws. The
 * body of a 2xx is checked too: a moderator must not act on a queue that
 * was misread.
 */
export async function adminRequest<T>(
  method: "GET" | "POST" | "PUT",
  path: string,
  schema: z.ZodMiniType<T>,
  options: AdminRequestOptions = {},
): Promise<AdminResult<T>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const init: RequestInit = { method, headers, cache: "no-store" };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  const exchange = await exchangeJson(path, init, options.timeoutMs);
  if (exchange.kind !== "answered") return exchange;
  return mapResponse(exchange.response.status, exchange.data, schema);
}

function mapResponse<T>(status: number, data: unknown, schema: z.ZodMiniType<T>): AdminResult<T> {
  if (status >= 200 && status < 300) {
    const parsed = schema.safeParse(data);
    return parsed.success ? { kind: "ok", data: parsed.data } : { kind: "malformed" };
  }
  const error = asErrorBody(data);
  if (status === 401) return { kind: "unauthorized" };
  if (status === 403) return { kind: "forbidden", message: error?.message || undefined };
  if (status === 400 && error) return { kind: "invalid", message: error.message, issues: error.issues };
  if (status >= 500 || !error) return { kind: "unavailable", status, code: error?.error };
  return { kind: "refused", status, code: error.error, message: error.message || undefined };
}

/** What the moderator was doing when a request failed: it decides what they can do next. */
export type FailedAction = "load" | "save" | "decide";

/** The French sentence for a failed request: what happened, then what to do. */
export function describeAdminFailure(result: AdminFailure, action: FailedAction): string {
  const text = frModeration.failure;
  const next = action === "load" ? text.retryLoad : action === "save" ? text.retrySave : text.retryDecision;
  switch (result.kind) {
    case "network":
      return `${result.offline ? text.offline : text.network} ${next}`;
    case "timeout":
      return `${text.timeout} ${next}`;
    case "unavailable":
      return `${result.code === "store_unavailable" || result.status === 503 ? text.storeUnavailable : text.unavailable(result.status)} ${next}`;
    case "malformed":
      return text.malformed;
    case "invalid":
      return result.message || text.invalid;
    case "refused":
      return result.message ?? text.refused(result.status);
    case "unauthorized":
      return text.unauthorized;
    case "forbidden":
      // The domain's wording, the one the admin functions send too.
      return result.message ?? moderationMessages.forbidden;
  }
}

// ——— Shapes of the answers (the contract of the admin functions) ———

// Defined once in the domain, with the functions that send them.
export {
  type DecisionResponse,
  decisionResponseSchema,
  rebuildResponseSchema,
  retainedResponseSchema,
  type SessionInfo,
  sessionInfoSchema,
  signInResponseSchema,
} from "../../domain/admin-responses";

// The queue's page, items and counts: the contract the function, the island and the tests share.
export {
  type QueueContribution,
  type QueueCounts,
  type QueueInitiative,
  type QueueItem,
  type QueuePage,
  queueContributionSchema,
  queueInitiativeSchema,
  queuePageSchema,
} from "../../domain/moderation-queue";

/** GET and PUT /api/admin/syntheses: defined with the syntheses' other answers. */
export { synthesesResponseSchema, synthesisSavedSchema } from "../../domain/synthesis-versions";

/** The queue's URL for one page; `after` is the previous page's nextCursor. */
export function queuePath(
  type: SubjectType,
  status: QueueStatus,
  options: { after?: string; limit?: number; filters?: QueueFilters } = {},
) {
  const query = queueSearchParams({ type, status, limit: options.limit ?? QUEUE_PAGE_SIZE, ...options });
  return `/api/admin/queue?${query}`;
}

/** Items per page of a queue. */
export const QUEUE_PAGE_SIZE = 50;

/**
 * Sends a request with the signed-in moderator's token. The app gives its
 * parts this function rather than the token, so that a 401 or a 403
 * anywhere brings the moderator back to the sign-in.
 */
export type AdminCall = <T>(
  method: "GET" | "POST" | "PUT",
  path: string,
  schema: z.ZodMiniType<T>,
  body?: unknown,
) => Promise<AdminResult<T>>;
