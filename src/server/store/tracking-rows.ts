/**
 * What the tracking functions of 20261206160000_private_tracking_links.sql
 * return, parsed (snake_case rows, as the other store results).
 */
import { z } from "zod";

const timestamp = z.string().min(10);
const rateLimited = z.object({ outcome: z.literal("rate_limited"), retry_after: z.number().int().positive() });

const common = {
  id: z.uuid(),
  status: z.enum(["pending", "published", "rejected"]),
  editable: z.boolean(),
  reason: z.string().nullable(),
  created_at: timestamp,
  moderated_at: timestamp.nullable(),
  has_contact: z.boolean(),
};

/** A tracked row as public.tracking_view returns it: never the contact, a hash or the key. */
export const trackedRow = z.discriminatedUnion("subject_type", [
  z.object({
    subject_type: z.literal("contribution"),
    ...common,
    theme_id: z.string(),
    question_id: z.string(),
    parent_id: z.uuid().nullable(),
    /** The answer the thread starts from (the row itself for an answer). */
    answer_id: z.uuid(),
    stance: z.enum(["for", "against", "question"]).nullable(),
    body: z.string(),
  }),
  z.object({
    subject_type: z.literal("initiative"),
    ...common,
    name: z.string(),
    kind: z.string(),
    description: z.string(),
    url: z.string().nullable(),
    opening_year: z.number().int().nullable(),
  }),
]);
export type TrackedRow = z.infer<typeof trackedRow>;

export const trackOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("found"), submission: trackedRow }),
  z.object({ outcome: z.literal("not_found") }),
  rateLimited,
]);
export type TrackOutcome = z.infer<typeof trackOutcome>;

export const correctOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("corrected"), submission: trackedRow }),
  /** Decided on, or published once: nothing changed. */
  z.object({ outcome: z.literal("not_editable"), submission: trackedRow }),
  /** The same text from the same network exists already. */
  z.object({ outcome: z.literal("duplicate") }),
  z.object({ outcome: z.literal("not_found") }),
  rateLimited,
]);
export type CorrectOutcome = z.infer<typeof correctOutcome>;

export const withdrawOutcome = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z.literal("withdrawn"),
    subject_type: z.enum(["contribution", "initiative"]),
    contact_erased: z.boolean(),
  }),
  z.object({ outcome: z.literal("not_editable"), submission: trackedRow }),
  z.object({ outcome: z.literal("not_found") }),
  rateLimited,
]);
export type WithdrawOutcome = z.infer<typeof withdrawOutcome>;

/** The new text of a correction, by kind (already checked with the form's schemas). */
export type Correction =
  | { subjectType: "contribution"; body: string; stance?: "for" | "against" | "question" | undefined }
  | {
      subjectType: "initiative";
      name: string;
      kind: string;
      description: string;
      url?: string | undefined;
      openingYear?: number | undefined;
    };
