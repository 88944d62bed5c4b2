/**
 * The private tracking link of a submission (answer, reply, initiative):
 * what POST /api/suivi accepts, what it answers, and the French the receipt
 * and the tracking page say. One module for the function, the islands and
 * the tests' stubs. The corrections reuse the forms' own field schemas
 * (contribution.schema.ts), so a correction is refused with the same French
 * message the form gives.
 */
// zod/mini, as contribution.schema.ts: the tracking page carries these schemas to the browser.
import * as z from "zod/mini";
import { answerInputSchema, initiativeInputSchema, replyInputSchema } from "./contribution.schema";
import { fr } from "./messages.fr";

/** The page a link opens; the secret goes in the fragment, which no server log or Referer ever gets. */
export const TRACKING_PAGE = "/suivi/";
/** The API route; the secret goes in the POST body, never in a query string. */
export const TRACKING_ENDPOINT = "/api/suivi";

/** Base64url of an HMAC-SHA-256 (32 bytes), without padding: 43 characters. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The address of a tracking link, on the site's origin. */
export function trackingUrl(origin: string, secret: string): string {
  return new URL(`${TRACKING_PAGE}#${secret}`, origin).href;
}

/**
 * The secret in what a citizen has: the fragment of the address (with or
 * without its « # »), a whole link pasted or typed from a printed receipt,
 * or the secret alone. Spaces and line breaks (a copy from paper) are ignored.
 */
export function secretFrom(text: string): string | undefined {
  const compact = text.replace(/\s+/g, "");
  const hash = compact.lastIndexOf("#");
  const candidate = hash >= 0 ? compact.slice(hash + 1) : compact;
  return SECRET.test(candidate) ? candidate : undefined;
}

const secretSchema = z.string({ error: fr.payload }).check(z.regex(SECRET, fr.payload));

/** Reading a link: the secret alone. */
export const trackingReadSchema = z.object({ action: z.optional(z.literal("read")), secret: secretSchema });
export const trackingWithdrawSchema = z.object({ action: z.literal("withdraw"), secret: secretSchema });

/** Correcting an answer: its text, as the answer form checks it. */
export const answerCorrectionSchema = z.object(
  { action: z.literal("correct"), secret: secretSchema, body: answerInputSchema.shape.body },
  { error: fr.payload },
);
/** Correcting a reply: its text and its stance, as the reply form checks them. */
export const replyCorrectionSchema = z.object(
  {
    action: z.literal("correct"),
    secret: secretSchema,
    stance: replyInputSchema.shape.stance,
    body: replyInputSchema.shape.body,
  },
  { error: fr.payload },
);
/** Correcting an initiative: what describes the place, as the initiative form checks it. */
export const initiativeCorrectionSchema = z.object(
  {
    action: z.literal("correct"),
    secret: secretSchema,
    name: initiativeInputSchema.shape.name,
    kind: initiativeInputSchema.shape.kind,
    description: initiativeInputSchema.shape.description,
    url: initiativeInputSchema.shape.url,
    openingYear: initiativeInputSchema.shape.openingYear,
  },
  { error: fr.payload },
);

export type TrackedKind = "answer" | "reply" | "initiative";

/** The correction schema for what a link tracks. */
export function correctionSchemaFor(
  kind: TrackedKind,
): typeof answerCorrectionSchema | typeof replyCorrectionSchema | typeof initiativeCorrectionSchema {
  return kind === "answer"
    ? answerCorrectionSchema
    : kind === "reply"
      ? replyCorrectionSchema
      : initiativeCorrectionSchema;
}

/** Which of the three a request asks for; anything else is a read. */
export function trackingAction(payload: unknown): "read" | "correct" | "withdraw" {
  const action = typeof payload === "object" && payload !== null ? (payload as { action?: unknown }).action : undefined;
  return action === "correct" || action === "withdraw" ? action : "read";
}

const status = z.enum(["pending", "published", "rejected"]);
const isoDate = z.string().check(z.minLength(10));

/** What a link shows: the same shape for the three kinds, the fields of the others null. */
export const trackedSubmission = z.object({
  kind: z.enum(["answer", "reply", "initiative"]),
  status,
  /** Pending and never published: it can be corrected or withdrawn. */
  editable: z.boolean(),
  submittedAt: isoDate,
  decidedAt: z.nullable(isoDate),
  /** Where it reads once published (the site is rebuilt a few minutes after a decision). */
  permalink: z.nullable(z.string()),
  /** The moderators' reason, for a rejection. */
  reason: z.nullable(z.string()),
  /** A private e-mail address is kept with it (never shown here). */
  hasContact: z.boolean(),
  /** An answer's or a reply's theme and question, as the content names them. */
  themeId: z.nullable(z.string()),
  questionId: z.nullable(z.string()),
  stance: z.nullable(z.enum(["for", "against", "question"])),
  body: z.nullable(z.string()),
  name: z.nullable(z.string()),
  initiativeKind: z.nullable(z.string()),
  description: z.nullable(z.string()),
  url: z.nullable(z.string()),
  openingYear: z.nullable(z.number()),
  /** The mission's official response, once published (absent from answers of older servers). */
  response: z._default(z.nullable(z.object({ statusLabel: z.string(), body: z.string(), publishedAt: isoDate })), null),
});
export type TrackedSubmission = z.infer<typeof trackedSubmission>;

/** 200 to a read or a correction. */
export const trackingBody = z.object({ submission: trackedSubmission });
export type TrackingBody = z.infer<typeof trackingBody>;
/** 200 to a withdrawal: nothing of it is left to show. */
export const withdrawnBody = z.object({ withdrawn: z.literal(true), contactErased: z.boolean() });
export type WithdrawnBody = z.infer<typeof withdrawnBody>;

/** The 201 of POST /api/contributions and /api/initiatives; the secret is given once, here. */
export const submissionCreatedBody = z.object({
  id: z.string(),
  status,
  trackingSecret: z.optional(z.string().check(z.regex(SECRET))),
});
export type SubmissionCreatedBody = z.infer<typeof submissionCreatedBody>;

/** The secret of a 201's body, when it has a readable one. */
export function receiptSecret(data: unknown): string | undefined {
  const parsed = submissionCreatedBody.safeParse(data);
  return parsed.success ? parsed.data.trackingSecret : undefined;
}

/** The API's refusals of a link, in French; the unknown one never says whether anything exists. */
export const frTrackingApi = {
  notFound:
    "Ce lien de suivi ne correspond à aucun envoi : vérifiez qu'il est complet. Un envoi retiré n'a plus de lien de suivi.",
  notEditable:
    "Cet envoi a déjà été relu par l'équipe de la consultation : il ne peut plus être corrigé ni retiré depuis ce lien.",
  closed: "La consultation est close : un envoi ne peut plus être corrigé. Vous pouvez encore le retirer.",
  duplicate: "Vous avez déjà envoyé ce texte : la correction n'a pas été enregistrée.",
} as const;

/** What the receipt (after a send) and the tracking page say. */
export const frTracking = {
  receipt: {
    title: "Votre reçu",
    intro:
      "Ce lien personnel vous permet de suivre votre envoi : savoir s'il est publié, le corriger ou le retirer tant qu'il n'a pas été relu.",
    once: "Il n'est affiché qu'une fois et ne peut pas être retrouvé : copiez-le, ajoutez-le à vos favoris ou imprimez ce reçu.",
    private: "Ne le partagez pas : toute personne qui a ce lien peut corriger ou retirer votre envoi.",
    linkLabel: "Votre lien de suivi",
    receivedAt: (date: string) => `Reçu le ${date}.`,
    print: "Imprimer ce reçu",
    missing:
      "Votre envoi est bien enregistré, mais son lien de suivi n'a pas pu être affiché. Vous pouvez le demander de nouveau : rien ne sera envoyé deux fois.",
    recover: "Afficher mon lien de suivi",
    recovering: "Recherche du lien de suivi…",
    unavailable: "Le lien de suivi de cet envoi ne peut pas être affiché.",
  },
  page: {
    loading: "Lecture de votre lien de suivi…",
    askTitle: "Retrouver un envoi",
    ask: "Ouvrez le lien de suivi de votre reçu, ou collez-le ici.",
    field: "Lien de suivi",
    fieldHint: "L'adresse complète, commençant par https://, qui figure sur votre reçu.",
    fieldInvalid: "Ce lien de suivi est incomplet : copiez l'adresse entière de votre reçu.",
    open: "Afficher le suivi",
    kind: { answer: "Votre contribution", reply: "Votre réponse", initiative: "Votre initiative" },
    question: (theme: string, question: string) => `Thème « ${theme} », question « ${question} »`,
    submittedAt: (date: string) => `Envoyée le ${date}.`,
    status: {
      pending: "En attente de relecture",
      published: "Publiée",
      rejected: "Non publiée",
      review: "En cours de réexamen",
      withdrawn: "Envoi retiré",
    },
    pendingExplain:
      "L'équipe de la consultation ne l'a pas encore relue. D'ici là, vous pouvez la corriger ou la retirer.",
    reviewExplain:
      "Elle avait été publiée, puis des signalements l'ont renvoyée en relecture : elle ne peut plus être corrigée ni retirée.",
    publishedExplain: "Elle a été publiée après relecture.",
    publishedLink: "La lire sur le site",
    publishedLater: "La page peut mettre quelques minutes à apparaître après la publication.",
    rejectedExplain: "L'équipe de la consultation a décidé de ne pas la publier.",
    reason: "Motif indiqué",
    noReason: "Aucun motif n'a été indiqué.",
    yourText: "Le texte envoyé",
    correct: "Corriger",
    correctTitle: "Corriger votre envoi",
    correctSubmit: "Enregistrer la correction",
    corrected: "Votre correction est enregistrée. Elle sera relue avec le reste de votre envoi.",
    cancel: "Annuler",
    withdraw: "Retirer mon envoi",
    withdrawTitle: "Retirer votre envoi ?",
    withdrawExplain: "Son texte sera effacé définitivement et ne sera jamais publié.",
    withdrawContact: "L'adresse électronique que vous aviez indiquée sera effacée aussi.",
    withdrawConfirm: "Confirmer le retrait",
    withdrawing: "Retrait en cours…",
    withdrawn:
      "Votre envoi est retiré : son texte a été effacé, et ne sera jamais publié. Ce lien de suivi ne mène plus à rien.",
    withdrawnContact: "L'adresse électronique que vous aviez indiquée a été effacée.",
  },
} as const;
