/**
 * Contributions from the field: a moderator enters an answer the team
 * received on paper at a field visit, by post or by e-mail, with its origin.
 * Plain TypeScript, no HTTP, like the other moderation use cases.
 *
 * It keeps what the citizen path gives: the citizen's answer schema (same
 * limits, same French messages per field), the territory resolved from the
 * postal code and commune (the client's names are never trusted), theme and
 * question ids checked against the content, the idempotency key (a double
 * click enters it once) and the duplicate check. It leaves out what only
 * protects the site from its visitors: no rate limit, no honeypot to fear,
 * and no consultation window, since a letter posted before closing arrives
 * after it (the moderation log dates every entry and names who made it).
 *
 * Published at entry or queued: the moderator chooses, « publier maintenant »
 * by default. Whoever types a letter has read it, so publishing is the same
 * act; a text they want a colleague to read goes to the pending queue.
 */
import { fieldMessages, parseFieldEntry } from "../../domain/field-contributions";
import { type RebuildReport, requestRebuild } from "../rebuild";
import type { ModerationContext, ModerationRefusal } from "./moderation";
import { resolveTerritory } from "./submissions";

/** What an entry ends with, besides the refusals every moderation use case shares. */
export type FieldEntryResult =
  | ModerationRefusal
  | {
      outcome: "entered";
      id: string;
      status: "pending" | "published";
      replayed: boolean;
      /** Asked for a published entry; undefined for a pending one or a replay. */
      rebuild: RebuildReport | undefined;
    }
  | { outcome: "duplicate"; message: string }
  | { outcome: "changed_replay"; message: string };

/** Enters one contribution from the field, logged as field_entered under the moderator, then asks for a rebuild if it is public. */
export async function enterFieldContribution(payload: unknown, context: ModerationContext): Promise<FieldEntryResult> {
  const parsed = parseFieldEntry(payload);
  if (!parsed.ok) return { outcome: "invalid", issues: parsed.issues };
  const { entry } = parsed;
  const territory = resolveTerritory(entry.postalCode, entry.communeCode);
  if (!("communeCode" in territory)) {
    return territory.outcome === "invalid" ? territory : { outcome: "invalid", issues: [] };
  }
  const result = await context.store.enterFieldContribution({
    idempotencyKey: entry.idempotencyKey,
    themeId: entry.themeId,
    questionId: entry.questionId,
    body: entry.body,
    pseudonym: entry.pseudonym,
    profile: entry.profile,
    territory,
    email: entry.email,
    contactConsent: entry.contactConsent,
    origin: entry.origin,
    publish: entry.publishNow,
    actor: context.moderator.id,
  });
  switch (result.outcome) {
    case "duplicate":
      return { outcome: "duplicate", message: fieldMessages.duplicate };
    case "changed_replay":
      return { outcome: "changed_replay", message: fieldMessages.changedReplay };
    case "created": {
      const rebuild =
        result.status === "published" && !result.replayed
          ? await requestRebuild(context.store, { buildHookUrl: context.buildHookUrl, trigger: "decision" })
          : undefined;
      return { outcome: "entered", id: result.id, status: result.status, replayed: result.replayed, rebuild };
    }
  }
}
