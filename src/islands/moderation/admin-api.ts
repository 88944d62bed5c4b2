/**
 * The browser's side of the admin API: one request helper that sends the
 * moderator's Bearer token and turns every outcome (an answer, a refusal, an
 * expired session, a dead network, a timeout, a body of the wrong shape)
 * into one typed result, and the zod shapes of every answer. The exchange
 * itself (timeout, body, error shape) is form-kit/api.ts's; 401 and 403 get
 * their own kinds here because the app reacts to them wherever they happen.
 */
import * as z from "zod/mini";
import { moderationMessages, type queueStatusSchema, type subjectTypeSchema } from "../../domain/moderation";
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

const moderator = z.object({ name: z.string() });

/** GET /api/admin/session: the sign-in to show, and who is signed in when the token is valid. */
export const sessionInfoSchema = z.object({
  mode: z.enum(["token", "supabase"]),
  moderator: z.optional(moderator),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** POST /api/admin/session (Supabase sign-in). */
export const signInResponseSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  expiresAt: z.string(),
  moderator,
});

const place = {
  pseudonym: z.string(),
  profile: z.string(),
  communeName: z.string(),
  departementName: z.string(),
  regionName: z.string(),
  territoryType: z.string(),
  status: z.enum(["pending", "published", "rejected"]),
  moderationReason: z.nullable(z.string()),
  createdAt: z.string(),
  moderatedAt: z.nullable(z.string()),
  openFlags: z.int(),
};

/** A contribution (answer or reply) in a queue. */
export const queueContributionSchema = z.object({
  id: z.string(),
  subjectType: z.literal("contribution"),
  themeId: z.string(),
  questionId: z.string(),
  parentId: z.nullable(z.string()),
  parentBody: z.nullable(z.string()),
  stance: z.nullable(z.string()),
  body: z.string(),
  retained: z.boolean(),
  flagReasons: z.catch(z.array(z.string()), []),
  /** Distinct networks (IP addresses, hashed) the open flags and the reactions came from. */
  flagNetworks: z.catch(z.int(), 0),
  reactions: z.catch(z.int(), 0),
  reactionNetworks: z.catch(z.int(), 0),
  /** A moderator kept it after reading its flags: new flags queue it, they no longer hide it. */
  flagsReviewedAt: z.catch(z.nullable(z.string()), null),
  ...place,
});
export type QueueContribution = z.infer<typeof queueContributionSchema>;

/** An initiative in a queue. */
export const queueInitiativeSchema = z.object({
  id: z.string(),
  subjectType: z.literal("initiative"),
  name: z.string(),
  kind: z.string(),
  description: z.string(),
  url: z.nullable(z.string()),
  openingYear: z.nullable(z.int()),
  ...place,
});
export type QueueInitiative = z.infer<typeof queueInitiativeSchema>;
export type QueueItem = QueueContribution | QueueInitiative;

const countsSchema = z.object({
  contribution: z.object({ pending: z.number(), published: z.number(), rejected: z.number(), flagged: z.number() }),
  initiative: z.object({ pending: z.number(), published: z.number(), rejected: z.number() }),
});
export type QueueCounts = z.infer<typeof countsSchema>;

/** GET /api/admin/queue. */
export const queuePageSchema = z.object({
  items: z.array(z.discriminatedUnion("subjectType", [queueContributionSchema, queueInitiativeSchema])),
  nextCursor: z.nullable(z.string()),
  counts: countsSchema,
});
export type QueuePage = z.infer<typeof queuePageSchema>;

const rebuildSchema = z.object({ status: z.string(), message: z.string() });

/** POST /api/admin/decisions. */
export const decisionResponseSchema = z.object({
  decided: z.array(z.string()),
  unchanged: z.array(z.string()),
  rebuild: rebuildSchema,
});
export type DecisionResponse = z.infer<typeof decisionResponseSchema>;

/** POST /api/admin/retained. */
export const retainedResponseSchema = z.object({ retained: z.boolean() });

/** GET /api/admin/syntheses. */
export const synthesesResponseSchema = z.object({
  syntheses: z.array(z.object({ themeId: z.string(), body: z.string(), updatedAt: z.string() })),
});

/** PUT /api/admin/syntheses/:themeId. */
export const synthesisSavedSchema = z.object({ themeId: z.string(), updatedAt: z.string() });

/** POST /api/admin/rebuild. */
export const rebuildResponseSchema = z.object({ rebuild: rebuildSchema });

/** The queue's URL for one page; `after` is the previous page's nextCursor. */
export function queuePath(type: SubjectType, status: QueueStatus, options: { after?: string; limit?: number } = {}) {
  const query = new URLSearchParams({ type, status, limit: String(options.limit ?? QUEUE_PAGE_SIZE) });
  if (options.after) query.set("after", options.after);
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
