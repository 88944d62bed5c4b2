/**
 * Erasure on request (the right to erasure of a person who wrote to the
 * mission): look up what an address is linked to, then erase it. The
 * address never reaches the log: the SQL logs one line per contact with
 * the subject it was attached to.
 */
import { erasureRequestSchema, type LinkedContact } from "../../domain/erasure";
import { fieldIssues } from "../../domain/validation";
import type { ModerationContext, ModerationRefusal } from "./moderation";

export async function handleErasure(
  payload: unknown,
  context: Pick<ModerationContext, "store" | "moderator">,
): Promise<
  ModerationRefusal | { outcome: "previewed"; contacts: LinkedContact[] } | { outcome: "erased"; erased: number }
> {
  const parsed = erasureRequestSchema.safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const { email, action } = parsed.data;
  if (action === "erase") {
    return { outcome: "erased", erased: await context.store.eraseContactData({ email, actor: context.moderator.id }) };
  }
  const rows = await context.store.findContactData(email);
  return {
    outcome: "previewed",
    contacts: rows.map((row) => ({
      id: row.id,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      status: row.status,
      pseudonym: row.pseudonym,
      createdAt: new Date(row.created_at).toISOString(),
    })),
  };
}
