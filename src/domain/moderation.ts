/**
 * The moderation vocabulary and the shapes of the moderators' requests,
 * shared by the moderation island and the admin functions.
 */
// zod/mini, like the citizens' schemas: the moderation island carries these to the browser.
import * as z from "zod/mini";
import { isStorableText, maxCodePoints } from "./text";

/** Why a contribution or an initiative is rejected (the list; free text may follow). */
export const rejectionReasons = {
  insulting: "Propos injurieux, haineux ou discriminatoires",
  "personal-data": "Données personnelles",
  advertising: "Publicité ou promotion",
  "off-topic": "Hors sujet",
  duplicate: "Doublon",
  other: "Autre raison",
} as const;
export type RejectionReason = keyof typeof rejectionReasons;

export const moderationMessages = {
  reasonRequired: "Choisissez la raison du rejet.",
  reasonTextRequired: "Précisez la raison du rejet (« Autre raison »).",
  reasonTextTooLong: "La précision ne doit pas dépasser 500 caractères.",
  reasonTextInvalid:
    "La précision contient un caractère invalide (caractère nul ou mal encodé) : retirez-le puis réessayez.",
  idsRequired: "Sélectionnez au moins un élément (200 au plus).",
  synthesisTooLong: "La synthèse ne doit pas dépasser 20 000 caractères.",
  unauthorized: "Connectez-vous pour accéder à la modération.",
  forbidden: "Votre compte n'est pas autorisé à modérer cette consultation.",
  badCredentials: "Adresse électronique ou mot de passe incorrect.",
  tokenMode: "Sur ce site, la connexion se fait avec le jeton de modération.",
  payload: "Le contenu envoyé n'est pas lisible : rechargez la page puis réessayez.",
  subjectType: "Choisissez entre contributions et initiatives.",
  queueStatus: "Choisissez une file : en attente, signalées, publiées ou rejetées.",
  cursor: "Ce curseur de pagination n'est pas valide.",
  limit: "Le nombre d'éléments par page va de 1 à 200.",
  decision: "Choisissez « Publier » ou « Rejeter ».",
  contributionId: "Cet identifiant de contribution n'est pas valide.",
  retained: "Indiquez si la contribution est retenue (oui ou non).",
  synthesisBody: "La synthèse doit être un texte (20 000 caractères au plus), sans caractère invalide.",
  email: "Indiquez une adresse électronique valide.",
  password: "Indiquez votre mot de passe.",
  notRetainable: "Cette contribution n'est pas publiée : elle ne peut pas être retenue.",
  noOtherText: "Cette réponse n'a pas de précision « Autre ».",
} as const;

export const subjectTypeSchema = z.enum(["contribution", "initiative"], { error: moderationMessages.subjectType });
export const queueStatusSchema = z.enum(["pending", "flagged", "published", "rejected"], {
  error: moderationMessages.queueStatus,
});

/** A list's page size: 1 to 200, 50 unless asked (the queues, the « autre » texts). */
export const pageLimitSchema = z._default(
  z.coerce
    .number({ error: moderationMessages.limit })
    .check(
      z.refine(Number.isInteger, moderationMessages.limit),
      z.gte(1, moderationMessages.limit),
      z.lte(200, moderationMessages.limit),
    ),
  50,
);

/** GET /api/admin/queue query string. */
export const queueQuerySchema = z.object({
  type: z._default(subjectTypeSchema, "contribution"),
  status: z._default(queueStatusSchema, "pending"),
  /** Opaque cursor returned as nextCursor by the previous page. */
  after: z.optional(z.string({ error: moderationMessages.cursor }).check(z.maxLength(200, moderationMessages.cursor))),
  limit: pageLimitSchema,
});

/** What every moderation decision carries, whatever it decides on: publish or reject, and a rejection's reason. */
export const decisionShape = {
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
};

/** A rejection names its reason, and the reason « other » the moderator's own words. */
export const rejectionNeedsReason = z.superRefine(
  (
    value: {
      decision: "publish" | "reject";
      reasonCode?: RejectionReason | undefined;
      reasonText?: string | undefined;
    },
    ctx,
  ) => {
    if (value.decision !== "reject") return;
    if (!value.reasonCode)
      ctx.addIssue({ code: "custom", path: ["reasonCode"], message: moderationMessages.reasonRequired });
    if (value.reasonCode === "other" && !value.reasonText) {
      ctx.addIssue({ code: "custom", path: ["reasonText"], message: moderationMessages.reasonTextRequired });
    }
  },
);

/** POST /api/admin/decisions body. */
export const decisionSchema = z
  .object(
    {
      type: subjectTypeSchema,
      ids: z
        .array(z.uuid({ error: moderationMessages.idsRequired }), { error: moderationMessages.idsRequired })
        .check(z.minLength(1, moderationMessages.idsRequired), z.maxLength(200, moderationMessages.idsRequired)),
      ...decisionShape,
    },
    { error: moderationMessages.payload },
  )
  .check(rejectionNeedsReason);
export type DecisionInput = z.infer<typeof decisionSchema>;

/** The reason as stored in the log and shown to moderators: the label, then the moderator's words. */
export function reasonLabel(input: Pick<DecisionInput, "reasonCode" | "reasonText">): string | undefined {
  if (!input.reasonCode) return input.reasonText || undefined;
  const label = rejectionReasons[input.reasonCode];
  return input.reasonText ? `${label} : ${input.reasonText}` : label;
}

/** POST /api/admin/retained body. */
export const retainedSchema = z.object(
  {
    contributionId: z.uuid({ error: moderationMessages.contributionId }),
    retained: z.boolean({ error: moderationMessages.retained }),
  },
  { error: moderationMessages.payload },
);

/** PUT /api/admin/syntheses/:themeId body (Markdown). */
export const synthesisSchema = z.object(
  {
    body: z.string({ error: moderationMessages.synthesisBody }).check(
      // Code points, as char_length in the syntheses table counts them.
      maxCodePoints(20_000, moderationMessages.synthesisTooLong),
      z.refine(isStorableText, moderationMessages.synthesisBody),
    ),
  },
  { error: moderationMessages.payload },
);

/** POST /api/admin/session body (production sign-in through Supabase Auth). */
export const signInSchema = z.object(
  {
    email: z.email({ error: moderationMessages.email }),
    password: z
      .string({ error: moderationMessages.password })
      .check(z.minLength(1, moderationMessages.password), z.maxLength(200, moderationMessages.password)),
  },
  { error: moderationMessages.payload },
);
