/**
 * What the coding functions of 20261206130000_coding_contributions.sql
 * return, parsed by the store (snake_case rows, as the SQL writes them).
 */
import { z } from "zod";

const timestamp = z.string().min(10);

const storedCategory = z.object({
  category_id: z.string(),
  actor: z.string(),
  actor_name: z.string().nullable(),
  created_at: timestamp,
});

const storedExtract = z.object({
  id: z.uuid(),
  category_id: z.string(),
  start_offset: z.number().int().nonnegative(),
  end_offset: z.number().int().positive(),
  quote: z.string(),
  actor: z.string(),
  actor_name: z.string().nullable(),
  created_at: timestamp,
});

/** One contribution's categories and extracts. */
export const storedCoding = z.object({
  outcome: z.literal("found"),
  contribution_id: z.uuid(),
  categories: z.array(storedCategory),
  extracts: z.array(storedExtract),
});
export type StoredCoding = z.infer<typeof storedCoding>;

export const codingLookup = z.discriminatedUnion("outcome", [
  storedCoding,
  z.object({ outcome: z.literal("not_found") }),
]);

const refused = [z.object({ outcome: z.literal("not_found") }), z.object({ outcome: z.literal("invalid") })] as const;

export const codeOutcome = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z.literal("coded"),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    coding: storedCoding,
  }),
  ...refused,
]);
export type CodeOutcome = z.infer<typeof codeOutcome>;

export const extractOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("extracted"), id: z.uuid(), changed: z.boolean(), coding: storedCoding }),
  /** The quote is not the body's text at that position. */
  z.object({ outcome: z.literal("position_mismatch") }),
  ...refused,
]);
export type ExtractOutcome = z.infer<typeof extractOutcome>;

export const removeExtractOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("removed"), changed: z.boolean(), coding: storedCoding }),
  ...refused,
]);
export type RemoveExtractOutcome = z.infer<typeof removeExtractOutcome>;

/** Per theme and category, the published contributions coded with it. */
export const categoryCountRow = z.object({
  theme_id: z.string(),
  category_id: z.string(),
  contributions: z.number().int().nonnegative(),
});
export type CategoryCountRow = z.infer<typeof categoryCountRow>;
