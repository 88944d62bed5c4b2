/**
 * Official responses: the mission team answers one contribution or a group
 * of them with a status from the content (`responseStatuses` in
 * consultation.json; the default set below) and a text, keeps them as
 * drafts, then publishes a batch at once. This module holds the statuses'
 * schema, the moderators' requests with their French messages, and the
 * shapes of the answers, shared by the function, the island and the tests.
 */
// zod/mini: the statuses and requests reach the moderation island (see validation.ts).
import * as z from "zod/mini";
import { moderationMessages } from "./moderation";

export { DEFAULT_RESPONSE_STATUSES, type ResponseStatus } from "./response-statuses.schema";

import { isStorableText, maxCodePoints } from "./text";

export const RESPONSE_BODY_MAX = 5000;
/** The most contributions one response answers: a group, not the whole consultation. */
export const RESPONSE_TARGETS_MAX = 200;

export const responseMessages = {
  status: "Choisissez le statut de la réponse.",
  body: `Écrivez la réponse (${RESPONSE_BODY_MAX.toLocaleString("fr-FR")} caractères au plus), sans caractère invalide.`,
  targets: `Indiquez les contributions publiées auxquelles elle répond (identifiants ou adresses, ${RESPONSE_TARGETS_MAX} au plus).`,
  notPublished: (ids: string[]) =>
    `Ces contributions ne sont pas publiées, ou ont déjà une réponse : ${ids.join(", ")}.`,
  ids: "Cochez au moins une réponse à publier.",
  unknownDraft: "Ce brouillon n'existe plus, ou la réponse est déjà publiée.",
} as const;

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The contribution ids in what a moderator pasted: ids, permalinks, one per line or not. */
export function contributionIdsIn(text: string): string[] {
  return [...new Set((text.match(uuidPattern) ?? []).map((id) => id.toLowerCase()))];
}

/** POST /api/admin/responses `{ action: "draft", … }`: a new draft, or `id` to change one. */
export const responseDraftSchema = z.object(
  {
    action: z.literal("draft"),
    id: z.optional(z.uuid({ error: responseMessages.unknownDraft })),
    status: z.string({ error: responseMessages.status }).check(z.minLength(1, responseMessages.status)),
    body: z
      .string({ error: responseMessages.body })
      .check(
        z.minLength(1, responseMessages.body),
        maxCodePoints(RESPONSE_BODY_MAX, responseMessages.body),
        z.refine(isStorableText, responseMessages.body),
      ),
    contributionIds: z
      .array(z.uuid({ error: responseMessages.targets }), { error: responseMessages.targets })
      .check(z.minLength(1, responseMessages.targets), z.maxLength(RESPONSE_TARGETS_MAX, responseMessages.targets)),
  },
  { error: moderationMessages.payload },
);

/** POST /api/admin/responses `{ action: "publish", ids }`: publishes drafts in one batch. */
export const responsePublishSchema = z.object(
  {
    action: z.literal("publish"),
    ids: z
      .array(z.uuid({ error: responseMessages.ids }), { error: responseMessages.ids })
      .check(z.minLength(1, responseMessages.ids), z.maxLength(200, responseMessages.ids)),
  },
  { error: moderationMessages.payload },
);

export const officialResponseSchema = z.object({
  id: z.string(),
  status: z.string(),
  body: z.string(),
  contributionIds: z.array(z.string()),
  draftedBy: z.string(),
  updatedAt: z.string(),
  publishedAt: z.nullable(z.string()),
});
export type OfficialResponse = z.infer<typeof officialResponseSchema>;

/** GET /api/admin/responses: drafts first, then the published ones, newest first. */
export const responsesPageSchema = z.object({ responses: z.array(officialResponseSchema) });
/** The answer to a draft. */
export const responseSavedSchema = z.object({ response: officialResponseSchema });
/** The answer to a batch: the responses published, and the rebuild. */
export const responsesPublishedSchema = z.object({
  published: z.array(z.string()),
  rebuild: z.object({ status: z.string(), message: z.string() }),
});
