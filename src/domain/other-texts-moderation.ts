/**
 * The moderators' requests on the « Autre, précisez » texts of the closed
 * questions: list one state, publish or reject one text (a rejection names
 * its reason, from the same list as a contribution's).
 */
// zod/mini, like the other moderation schemas: the moderation island carries these to the browser.
import * as z from "zod/mini";
import { moderationMessages, type RejectionReason, rejectionReasons } from "./moderation";
import { isStorableText, maxCodePoints } from "./text";

export const otherTextMessages = {
  status: "Choisissez une file : en attente, publiées ou rejetées.",
  id: "Cet identifiant de réponse n'est pas valide.",
} as const;

/** GET /api/admin/other-texts query string. */
export const otherTextsQuerySchema = z.object({
  status: z._default(z.enum(["pending", "published", "rejected"], { error: otherTextMessages.status }), "pending"),
  limit: z._default(
    z.coerce
      .number({ error: moderationMessages.limit })
      .check(
        z.refine(Number.isInteger, moderationMessages.limit),
        z.gte(1, moderationMessages.limit),
        z.lte(200, moderationMessages.limit),
      ),
    50,
  ),
});

/** POST /api/admin/other-texts body. */
export const otherTextDecisionSchema = z
  .object(
    {
      id: z.uuid({ error: otherTextMessages.id }),
      decision: z.enum(["publish", "reject"], { error: moderationMessages.decision }),
      reasonCode: z.optional(
        z.enum(Object.keys(rejectionReasons) as [RejectionReason, ...RejectionReason[]], {
          error: moderationMessages.reasonRequired,
        }),
      ),
      reasonText: z.optional(
        z
          .string({ error: moderationMessages.reasonTextTooLong })
          .check(
            z.trim(),
            maxCodePoints(500, moderationMessages.reasonTextTooLong),
            z.refine(isStorableText, moderationMessages.reasonTextInvalid),
          ),
      ),
    },
    { error: moderationMessages.payload },
  )
  .check(
    z.superRefine((value, ctx) => {
      if (value.decision !== "reject") return;
      if (!value.reasonCode)
        ctx.addIssue({ code: "custom", path: ["reasonCode"], message: moderationMessages.reasonRequired });
      if (value.reasonCode === "other" && !value.reasonText) {
        ctx.addIssue({ code: "custom", path: ["reasonText"], message: moderationMessages.reasonTextRequired });
      }
    }),
  );
export type OtherTextDecisionInput = z.infer<typeof otherTextDecisionSchema>;
