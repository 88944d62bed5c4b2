/**
 * The moderators' requests on the « Autre, précisez » texts of the closed
 * questions: list one state, publish or reject one text (a rejection names
 * its reason, from the same list as a contribution's).
 */
// zod/mini, like the other moderation schemas: the moderation island carries these to the browser.
import * as z from "zod/mini";
import { decisionShape, moderationMessages, pageLimitSchema, rejectionNeedsReason } from "./moderation";

export const otherTextMessages = {
  status: "Choisissez une file : en attente, publiées ou rejetées.",
  id: "Cet identifiant de réponse n'est pas valide.",
} as const;

/** GET /api/admin/other-texts query string. */
export const otherTextsQuerySchema = z.object({
  status: z._default(z.enum(["pending", "published", "rejected"], { error: otherTextMessages.status }), "pending"),
  limit: pageLimitSchema,
});

/** POST /api/admin/other-texts body: one text, decided as a contribution is. */
export const otherTextDecisionSchema = z
  .object({ id: z.uuid({ error: otherTextMessages.id }), ...decisionShape }, { error: moderationMessages.payload })
  .check(rejectionNeedsReason);
export type OtherTextDecisionInput = z.infer<typeof otherTextDecisionSchema>;
