/**
 * The private tracking link of a submission, without any account: the
 * secret's derivation, and what the holder of a link may do (read the
 * state, correct a pending text, withdraw it). Plain TypeScript, no HTTP.
 *
 * The secret is HMAC-SHA-256(hash salt, "tracking:<subject>:<idempotency key>"),
 * in base64url. Why it is safe:
 *   - without the salt, which never leaves the server, knowing a key (the
 *     browser made it; the database keeps it) gives nothing: HMAC is a
 *     pseudorandom function, and its 256 bits cannot be guessed;
 *   - the "tracking:" prefix keeps it apart from the IP and voter hashes
 *     made with the same salt (src/server/hash.ts), and the subject keeps a
 *     contribution and an initiative sent under one key apart;
 *   - the database stores only SHA-256(secret): a copy of the database
 *     alone opens no link, and SHA-256 of a 256-bit random value needs no
 *     salt or slow hash, nothing can be guessed back;
 *   - a link is found by that digest, through a unique index: no secret is
 *     ever compared character by character, so no timing leaks it.
 * A replay with the same key (a lost response, a retry) derives the same
 * secret: the citizen gets the same link again, which a random secret,
 * known only as a hash, could not give. Changing the salt changes every
 * secret still to come, not the ones stored: a replay across a change gets
 * no link (the submit functions say so with `tracked`), and the links given
 * before it keep working.
 */
import { createHash, createHmac } from "node:crypto";
import { consultation } from "../../domain/consultation";
import type { WindowState } from "../../domain/consultation-window";
import {
  answerCorrectionSchema,
  initiativeCorrectionSchema,
  replyCorrectionSchema,
  type TrackedKind,
  type TrackedSubmission,
  trackingAction,
  trackingReadSchema,
  trackingWithdrawSchema,
} from "../../domain/tracking";
import { type FieldIssue, fieldIssues } from "../../domain/validation";
import { saltedHash } from "../hash";
import type { Store } from "../store/store";
import type { Correction, TrackedRow } from "../store/tracking-rows";

export type TrackedSubject = "contribution" | "initiative";

/** The secret of a submission's link, from the server's salt and its idempotency key. */
export function trackingSecret(salt: string, subject: TrackedSubject, idempotencyKey: string): string {
  return createHmac("sha256", salt).update(`tracking:${subject}:${idempotencyKey.toLowerCase()}`).digest("base64url");
}

/** What the database keeps of a secret: its SHA-256, hex encoded. */
export function trackingHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The secret and its digest for a new submission. */
export function newTracking(
  salt: string,
  subject: TrackedSubject,
  idempotencyKey: string,
): { secret: string; hash: string } {
  const secret = trackingSecret(salt, subject, idempotencyKey);
  return { secret, hash: trackingHash(secret) };
}

/** What the tracking use cases need from their surroundings. */
export interface TrackingContext {
  store: Store;
  hashSalt: string;
  /** Corrections wait for an open consultation; a withdrawal never does (the right to erasure). */
  windowState: WindowState;
  /** The sender's IP address, hashed before it goes anywhere (the rate limit). */
  ip: string;
}

export type TrackingResult =
  | { outcome: "found"; submission: TrackedSubmission }
  | { outcome: "corrected"; submission: TrackedSubmission }
  | { outcome: "withdrawn"; contactErased: boolean }
  /** An unknown, malformed or withdrawn link: the same answer for all. */
  | { outcome: "not_found" }
  | { outcome: "not_editable" }
  | { outcome: "invalid"; issues: FieldIssue[] }
  | { outcome: "closed" }
  | { outcome: "duplicate" }
  | { outcome: "rate_limited"; retry_after: number };

/** One request with a link: read it, correct it or withdraw it, as the payload's action says. */
export async function handleTracking(payload: unknown, context: TrackingContext): Promise<TrackingResult> {
  const action = trackingAction(payload);
  const parsed = (action === "withdraw" ? trackingWithdrawSchema : trackingReadSchema).safeParse(
    action === "correct" ? { secret: (payload as { secret?: unknown }).secret } : payload,
  );
  // A malformed secret is an unknown one: the answer never tells a wrong format from a wrong link.
  if (!parsed.success) return { outcome: "not_found" };
  const link = {
    trackingHash: trackingHash(parsed.data.secret),
    networkHash: saltedHash(context.hashSalt, "ip", context.ip),
  };

  if (action === "withdraw") {
    const result = await context.store.withdrawTrackedSubmission(link);
    if (result.outcome === "withdrawn") return { outcome: "withdrawn", contactErased: result.contact_erased };
    return result.outcome === "not_editable" ? { outcome: "not_editable" } : result;
  }

  const read = await context.store.trackSubmission(link);
  if (read.outcome !== "found") return read;
  if (action === "read") {
    const submission = trackedView(read.submission);
    return { outcome: "found", submission: { ...submission, response: await responseTo(read.submission, context) } };
  }

  // A correction: checked with the schema of the kind the link leads to, the form's own.
  if (!read.submission.editable) return { outcome: "not_editable" };
  if (context.windowState !== "open") return { outcome: "closed" };
  const kind = kindOf(read.submission);
  const correction = correctionFrom(kind, payload);
  if ("issues" in correction) return { outcome: "invalid", issues: correction.issues };
  const result = await context.store.correctTrackedSubmission({ ...link, correction });
  switch (result.outcome) {
    case "corrected":
      return { outcome: "corrected", submission: trackedView(result.submission) };
    case "not_editable":
      return { outcome: "not_editable" };
    default:
      return result;
  }
}

function correctionFrom(kind: TrackedKind, payload: unknown): Correction | { issues: FieldIssue[] } {
  if (kind === "initiative") {
    const parsed = initiativeCorrectionSchema.safeParse(payload);
    if (!parsed.success) return { issues: fieldIssues(parsed.error) };
    const { name, kind: initiativeKind, description, url, openingYear } = parsed.data;
    return { subjectType: "initiative", name, kind: initiativeKind, description, url, openingYear };
  }
  if (kind === "reply") {
    const parsed = replyCorrectionSchema.safeParse(payload);
    if (!parsed.success) return { issues: fieldIssues(parsed.error) };
    return { subjectType: "contribution", body: parsed.data.body, stance: parsed.data.stance };
  }
  const parsed = answerCorrectionSchema.safeParse(payload);
  if (!parsed.success) return { issues: fieldIssues(parsed.error) };
  return { subjectType: "contribution", body: parsed.data.body };
}

function kindOf(row: TrackedRow): TrackedKind {
  if (row.subject_type === "initiative") return "initiative";
  return row.parent_id === null ? "answer" : "reply";
}

/** Where a published submission reads: its permalink, a reply's anchor in its thread, an initiative's page. */
function permalinkOf(row: TrackedRow): string | null {
  if (row.status !== "published") return null;
  if (row.subject_type === "initiative") return `/initiatives/${row.id}/`;
  return row.parent_id === null ? `/contributions/${row.id}/` : `/contributions/${row.answer_id}/#reponse-${row.id}`;
}

const iso = (value: string) => new Date(value).toISOString();

/** The API's view of a tracked row (src/domain/tracking.ts). */
export function trackedView(row: TrackedRow): TrackedSubmission {
  const common = {
    kind: kindOf(row),
    status: row.status,
    editable: row.editable,
    submittedAt: iso(row.created_at),
    decidedAt: row.status === "pending" || row.moderated_at === null ? null : iso(row.moderated_at),
    permalink: permalinkOf(row),
    reason: row.reason,
    hasContact: row.has_contact,
    response: null,
  };
  if (row.subject_type === "contribution") {
    return {
      ...common,
      themeId: row.theme_id,
      questionId: row.question_id,
      stance: row.stance,
      body: row.body,
      name: null,
      initiativeKind: null,
      description: null,
      url: null,
      openingYear: null,
    };
  }
  return {
    ...common,
    themeId: null,
    questionId: null,
    stance: null,
    body: null,
    name: row.name,
    initiativeKind: row.kind,
    description: row.description,
    url: row.url,
    openingYear: row.opening_year,
  };
}

/** The published official response to a published contribution, if the mission answered it. */
async function responseTo(row: TrackedRow, context: TrackingContext): Promise<TrackedSubmission["response"]> {
  if (row.subject_type !== "contribution" || row.status !== "published") return null;
  const response = (await context.store.publishedResponses()).find((entry) => entry.contribution_ids.includes(row.id));
  if (!response?.published_at) return null;
  const status = consultation.responseStatuses.find((entry) => entry.id === response.status);
  return {
    statusLabel: status?.label ?? response.status,
    body: response.body,
    publishedAt: new Date(response.published_at).toISOString(),
  };
}
