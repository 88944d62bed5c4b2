/**
 * Use cases for what citizens send: plain TypeScript, no HTTP. Each takes
 * the untrusted payload and what the request tells about its sender, and
 * returns a result the function turns into a status.
 */

import type { WindowState } from "../../domain/consultation-window";
import {
  contributionSchemaFor,
  flagInputSchema,
  initiativeInputSchema,
  reactionInputSchema,
} from "../../domain/contribution.schema";
import { fr } from "../../domain/messages.fr";
import { type FieldIssue, fieldIssues } from "../../domain/validation";
import { saltedHash } from "../hash";
import type { FlagOutcome, ReactionOutcome, Store, SubmissionOutcome, Territory } from "../store/store";
import { communesForPostalCode, territoryFor } from "../territory";
import { newTracking, type TrackedSubject } from "./tracking";

/** What the use cases need from their surroundings. */
export interface SubmissionContext {
  store: Store;
  hashSalt: string;
  /**
   * The consultation's state now, by the consultation's clock (clockFromEnv, as the pages read
   * it): the window is checked here, never in SQL. On a demonstration clock the store dates the
   * write with that same instant; on the real clock the database's now() dates it, which may
   * differ from this reading by the clocks' skew and the request's time in flight (a text
   * accepted at 23:59:59.9 on the last day may be dated a fraction of a second after closing).
   */
  windowState: WindowState;
  /** The sender's IP address, hashed before it goes anywhere. */
  ip: string;
}

export type Refused =
  | { outcome: "invalid"; issues: FieldIssue[] }
  | { outcome: "closed"; state: "upcoming" | "closed" };

/**
 * A created submission carries its tracking secret (use-cases/tracking.ts), the same on a replay;
 * none when the row has no link to give back (a row sent before links existed, another salt).
 */
export type SubmissionResult =
  | Refused
  | Exclude<SubmissionOutcome, { outcome: "created" }>
  | (Extract<SubmissionOutcome, { outcome: "created" }> & { trackingSecret?: string | undefined });

/** Gives the secret with a created row whose digest is the one sent. */
function withTracking(outcome: SubmissionOutcome, secret: string): SubmissionResult {
  if (outcome.outcome !== "created") return outcome;
  const { tracked, ...created } = outcome;
  return tracked ? { ...created, trackingSecret: secret } : created;
}

function tracking(context: SubmissionContext, subject: TrackedSubject, idempotencyKey: string) {
  return newTracking(context.hashSalt, subject, idempotencyKey);
}

/** An answer to a question, or a reply to a published contribution. */
export async function submitContribution(
  payload: unknown,
  idempotencyKey: string,
  context: SubmissionContext,
): Promise<SubmissionResult> {
  if (context.windowState !== "open") return { outcome: "closed", state: context.windowState };
  const parsed = contributionSchemaFor(payload).safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const input = parsed.data;
  const territory = resolveTerritory(input.postalCode, input.communeCode);
  if (!("communeCode" in territory)) return territory;
  const link = tracking(context, "contribution", idempotencyKey);
  const authored = {
    idempotencyKey,
    trackingHash: link.hash,
    body: input.body,
    pseudonym: input.pseudonym,
    profile: input.profile,
    territory,
    authorHash: saltedHash(context.hashSalt, "ip", context.ip),
    email: input.email,
    contactConsent: input.contactConsent,
  };
  const outcome = await context.store.submitContribution(
    "parentId" in input
      ? { ...authored, kind: "reply", parentId: input.parentId, stance: input.stance }
      : { ...authored, kind: "answer", themeId: input.themeId, questionId: input.questionId },
  );
  return withTracking(outcome, link.secret);
}

/** An existing place or project made known. */
export async function submitInitiative(
  payload: unknown,
  idempotencyKey: string,
  context: SubmissionContext,
): Promise<SubmissionResult> {
  if (context.windowState !== "open") return { outcome: "closed", state: context.windowState };
  const parsed = initiativeInputSchema.safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const input = parsed.data;
  const territory = resolveTerritory(input.postalCode, input.communeCode);
  if (!("communeCode" in territory)) return territory;
  const link = tracking(context, "initiative", idempotencyKey);
  const outcome = await context.store.submitInitiative({
    idempotencyKey,
    trackingHash: link.hash,
    name: input.name,
    initiativeKind: input.kind,
    description: input.description,
    url: input.url,
    openingYear: input.openingYear,
    pseudonym: input.pseudonym,
    profile: input.profile,
    territory,
    authorHash: saltedHash(context.hashSalt, "ip", context.ip),
    email: input.email,
    contactConsent: input.contactConsent,
  });
  return withTracking(outcome, link.secret);
}

/** One support or disagreement per person on a published contribution. */
export async function reactToContribution(
  contributionId: string,
  payload: unknown,
  context: SubmissionContext,
): Promise<Refused | ReactionOutcome> {
  if (context.windowState !== "open") return { outcome: "closed", state: context.windowState };
  const parsed = reactionInputSchema.safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  return context.store.react({
    contributionId,
    kind: parsed.data.kind,
    voterHash: saltedHash(context.hashSalt, "voter", parsed.data.voterToken),
    networkHash: saltedHash(context.hashSalt, "ip", context.ip),
  });
}

/** An abuse report; accepted after the consultation closes too, since published texts stay online. */
export async function flagContribution(
  contributionId: string,
  payload: unknown,
  context: SubmissionContext,
): Promise<Refused | FlagOutcome> {
  const parsed = flagInputSchema.safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  return context.store.flag({
    contributionId,
    reason: parsed.data.reason,
    details: parsed.data.details || undefined,
    voterHash: saltedHash(context.hashSalt, "voter", parsed.data.voterToken),
    networkHash: saltedHash(context.hashSalt, "ip", context.ip),
  });
}

/** The commune must exist and carry that postal code; the client's names are never trusted. */
export function resolveTerritory(postalCode: string, communeCode: string): Territory | Refused {
  const commune = territoryFor(communeCode, postalCode);
  if (commune) {
    return {
      postalCode,
      communeCode: commune.code,
      communeName: commune.name,
      departementCode: commune.departement.code,
      departementName: commune.departement.name,
      regionCode: commune.region.code,
      regionName: commune.region.name,
      territoryType: commune.territoryType,
    };
  }
  const issue =
    communesForPostalCode(postalCode).length === 0
      ? { path: "postalCode", message: fr.unknownPostalCode }
      : { path: "communeCode", message: fr.communeNotInPostalCode };
  return { outcome: "invalid", issues: [issue] };
}
