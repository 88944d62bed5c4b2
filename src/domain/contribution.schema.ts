/**
 * Input shapes for everything a citizen sends. The same schemas validate the
 * forms in the browser, field by field, and the functions on the server,
 * which are the only authority. Messages come from messages.fr.ts.
 */
// zod/mini: the forms carry these schemas to the browser, where the full zod would weigh ~20 KB more.
import * as z from "zod/mini";
import { consultation, findQuestion, findTheme, themes } from "./consultation";
import { CATCH_ALL_ID } from "./consultation-texts.schema";
import { fr } from "./messages.fr";
import { maxCodePoints, minCodePoints, noBidiControl, typedText, visibleText } from "./text";
import { hasCredentials } from "./website";

export const BODY_MIN = 20;
export const BODY_MAX = 4000;
export const REPLY_BODY_MIN = 2;
export const REPLY_BODY_MAX = 2000;
export const INITIATIVE_DESCRIPTION_MIN = 20;
export const INITIATIVE_DESCRIPTION_MAX = 1000;

/**
 * A content list (id and label) as an object from id to label, in the
 * content's order (ids hold a letter, so no key is reordered).
 */
function labelsById(entries: { id: string; label: string }[]): Readonly<Record<string, string>> {
  return Object.freeze(Object.fromEntries(entries.map((entry) => [entry.id, entry.label])));
}

/**
 * Who the participant is, as they describe themselves: id → label, from the
 * content (`profiles`), which always lists « autre » (CATCH_ALL_ID).
 */
export const profiles = labelsById(consultation.profiles);
/** A profile id; the content, not the type, says which ones exist (profileSchema checks it). */
export type Profile = string;

/** The profile a stored value stands for: itself when the content lists it, « autre » otherwise. */
export function knownProfile(value: string): Profile {
  return Object.hasOwn(profiles, value) ? value : CATCH_ALL_ID;
}

/** The label of a stored profile; a value the content no longer lists reads as « autre » does. */
export function profileLabel(value: string): string {
  return profiles[knownProfile(value)] ?? value;
}

/** The stance of a reply towards the contribution it answers. */
export const stances = { for: "D'accord", against: "Pas d'accord", question: "Question" } as const;
export type Stance = keyof typeof stances;

/**
 * Kinds of initiative a citizen can make known: id → label, from the content
 * (`initiativeKinds`), which always lists « autre » (CATCH_ALL_ID).
 */
export const initiativeKinds = labelsById(consultation.initiativeKinds);
/** An initiative kind id; the content says which ones exist (initiativeInputSchema checks it). */
export type InitiativeKind = string;

/** The kind a stored value stands for: itself when the content lists it, « autre » otherwise. */
export function knownInitiativeKind(value: string): InitiativeKind {
  return Object.hasOwn(initiativeKinds, value) ? value : CATCH_ALL_ID;
}

/** The label of a stored initiative kind; a value the content no longer lists reads as « autre » does. */
export function initiativeKindLabel(value: string): string {
  return initiativeKinds[knownInitiativeKind(value)] ?? value;
}

export const reactionKinds = { support: "Je soutiens", disagree: "Je ne suis pas d'accord" } as const;
export type ReactionKind = keyof typeof reactionKinds;

export const flagReasons = {
  insulting: "Propos injurieux, haineux ou discriminatoires",
  "personal-data": "Données personnelles d'un tiers",
  advertising: "Publicité ou spam",
  "off-topic": "Hors sujet",
  // Offered only under a contribution a synthesis cites (src/domain/citations.ts); never counts towards review.
  misrepresented: "Ma contribution est mal résumée dans la synthèse",
  other: "Autre raison",
} as const;
export type FlagReason = keyof typeof flagReasons;

/**
 * Text a citizen typed: trimmed, in NFC, refused with a message when
 * PostgreSQL could not store it (text.ts holds these rules). Lengths below
 * count code points, as the database does.
 */
const trimmed = (message: string) => typedText(message, fr.invalidCharacters);

/**
 * Unicode letters may repeat; a pseudonym must show something, must not
 * carry contact details, and must not hide a bidi control that makes it
 * read as another name.
 */
export const pseudonymSchema = trimmed(fr.pseudonym.tooShort).check(
  visibleText(fr.pseudonym.invisible),
  noBidiControl(fr.pseudonym.bidi),
  minCodePoints(2, fr.pseudonym.tooShort),
  maxCodePoints(40, fr.pseudonym.tooLong),
  z.refine((value) => !/@|https?:|www\./i.test(value), fr.pseudonym.invalid),
);

export const profileSchema = z.enum(Object.keys(profiles) as [Profile, ...Profile[]], { error: fr.profile });

/** French postal code: 5 digits (Corsica included: 20xxx). */
export const postalCodeSchema = trimmed(fr.postalCode).check(z.regex(/^\d{5}$/, fr.postalCode));

/** INSEE commune code: 5 characters, 2A/2B for Corsica. */
export const communeCodeSchema = z.string({ error: fr.commune }).check(z.regex(/^(?:\d{5}|2[AB]\d{3})$/, fr.commune));

const emailFormat = z.email();

/** Optional email: empty means none. */
const emailSchema = z.pipe(
  z.optional(
    typedText(fr.email, fr.email).check(
      maxCodePoints(254, fr.email),
      z.refine((value) => value === "" || emailFormat.safeParse(value).success, fr.email),
    ),
  ),
  z.transform((value: string | undefined) => (value ? value.toLowerCase() : undefined)),
);

/** Hidden field that humans leave empty. */
const honeypotSchema = z.optional(z.string({ error: fr.honeypot }).check(z.maxLength(0, fr.honeypot)));

const bodySchema = (min: number, max: number) =>
  trimmed(fr.body.tooShort(min)).check(
    visibleText(fr.body.invisible),
    minCodePoints(min, fr.body.tooShort(min)),
    maxCodePoints(max, fr.body.tooLong(max)),
  );

/** Fields shared by every authored submission. */
const authorFields = {
  pseudonym: pseudonymSchema,
  profile: profileSchema,
  postalCode: postalCodeSchema,
  communeCode: communeCodeSchema,
  email: emailSchema,
  contactConsent: z._default(z.boolean({ error: fr.contactConsentType }), false),
  website: honeypotSchema,
};

function requireConsentWithEmail(
  value: { email?: string | undefined; contactConsent: boolean },
  ctx: z.core.$RefinementCtx,
) {
  if (value.email && !value.contactConsent) {
    ctx.addIssue({ code: "custom", path: ["contactConsent"], message: fr.consentRequired });
  }
}

/** An answer to one question of one theme. */
export const answerInputSchema = z
  .object(
    {
      themeId: z.string({ error: fr.theme }).check(z.refine((id) => findTheme(id) !== undefined, fr.theme)),
      // Question ids are unique across themes: a field-level check names this
      // field even when others are wrong; the object check below ties it to the theme.
      questionId: z
        .string({ error: fr.question })
        .check(
          z.refine((id) => themes.some((theme) => theme.questions.some((question) => question.id === id)), fr.question),
        ),
      body: bodySchema(BODY_MIN, BODY_MAX),
      ...authorFields,
    },
    { error: fr.payload },
  )
  .check(
    z.superRefine((value, ctx) => {
      if (findTheme(value.themeId) && !findQuestion(value.themeId, value.questionId)) {
        ctx.addIssue({ code: "custom", path: ["questionId"], message: fr.question });
      }
      requireConsentWithEmail(value, ctx);
    }),
  );

/** A reply to a published contribution, with a stance. */
export const replyInputSchema = z
  .object(
    {
      parentId: z.uuid({ error: fr.parent }),
      stance: z.enum(Object.keys(stances) as [Stance, ...Stance[]], { error: fr.stance }),
      body: bodySchema(REPLY_BODY_MIN, REPLY_BODY_MAX),
      ...authorFields,
    },
    { error: fr.payload },
  )
  .check(z.superRefine(requireConsentWithEmail));

/**
 * What POST /api/contributions accepts: a reply when the payload names a
 * parentId, otherwise an answer. Choosing the schema first (rather than a
 * union) keeps one French message per field.
 */
export function contributionSchemaFor(payload: unknown): typeof replyInputSchema | typeof answerInputSchema {
  return typeof payload === "object" && payload !== null && "parentId" in payload
    ? replyInputSchema
    : answerInputSchema;
}

const currentYear = new Date().getFullYear();
const initiativeDescriptionMessage = fr.initiative.description(INITIATIVE_DESCRIPTION_MIN, INITIATIVE_DESCRIPTION_MAX);
const openingYearMessage = fr.initiative.openingYear(currentYear);

/** An existing place or project a citizen makes known. */
export const initiativeInputSchema = z
  .object(
    {
      name: trimmed(fr.initiative.name).check(
        visibleText(fr.initiative.nameInvisible),
        noBidiControl(fr.initiative.nameBidi),
        minCodePoints(2, fr.initiative.name),
        maxCodePoints(120, fr.initiative.name),
      ),
      kind: z.enum(Object.keys(initiativeKinds) as [InitiativeKind, ...InitiativeKind[]], {
        error: fr.initiative.kind,
      }),
      description: trimmed(initiativeDescriptionMessage).check(
        visibleText(fr.initiative.descriptionInvisible),
        minCodePoints(INITIATIVE_DESCRIPTION_MIN, initiativeDescriptionMessage),
        maxCodePoints(INITIATIVE_DESCRIPTION_MAX, initiativeDescriptionMessage),
      ),
      url: z.pipe(
        z.optional(
          typedText(fr.initiative.website, fr.initiative.website).check(
            maxCodePoints(500, fr.initiative.website),
            // Before the format check, so that its more precise message is the one shown.
            z.refine((value) => !hasCredentials(value), fr.initiative.websiteCredentials),
            z.refine((value) => value === "" || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(value), fr.initiative.website),
          ),
        ),
        z.transform((value: string | undefined) => value || undefined),
      ),
      openingYear: z.optional(
        z
          .int({ error: openingYearMessage })
          .check(z.gte(1990, openingYearMessage), z.lte(currentYear, openingYearMessage)),
      ),
      ...authorFields,
    },
    { error: fr.payload },
  )
  .check(z.superRefine(requireConsentWithEmail));

/** Random token a browser keeps to vote once; only its salted hash is stored. */
export const voterTokenSchema = z.string({ error: fr.token }).check(z.regex(/^[A-Za-z0-9_-]{16,128}$/, fr.token));

export const reactionInputSchema = z.object(
  {
    kind: z.enum(Object.keys(reactionKinds) as [ReactionKind, ...ReactionKind[]], { error: fr.reaction }),
    voterToken: voterTokenSchema,
  },
  { error: fr.payload },
);

export const flagInputSchema = z.object(
  {
    reason: z.enum(Object.keys(flagReasons) as [FlagReason, ...FlagReason[]], { error: fr.flagReason }),
    // Optional: empty means none, but text made only of invisible characters is refused.
    details: z.optional(
      trimmed(fr.flagDetails).check(visibleText(fr.flagDetailsInvisible), maxCodePoints(500, fr.flagDetails)),
    ),
    voterToken: voterTokenSchema,
  },
  { error: fr.payload },
);

export type AnswerInput = z.infer<typeof answerInputSchema>;
export type ReplyInput = z.infer<typeof replyInputSchema>;
export type ContributionInput = AnswerInput | ReplyInput;
export type InitiativeInput = z.infer<typeof initiativeInputSchema>;
export type ReactionInput = z.infer<typeof reactionInputSchema>;
export type FlagInput = z.infer<typeof flagInputSchema>;
