/**
 * Contributions from the field, defined once: where a contribution came
 * from (the site, a field visit of the agenda, a letter, an e-mail), how a
 * moderator's entry is checked (the citizen's answer schema, unchanged, plus
 * its origin), the answer of POST /api/admin/field-contributions, and how
 * the site and the open data name an origin. zod/mini: the moderation
 * island carries these shapes to the browser.
 */
import * as z from "zod/mini";
import { rebuildSchema } from "./admin-responses";
import { findQuestion, visits } from "./consultation";
import { isClosedQuestion } from "./consultation.schema";
import { answerInputSchema } from "./contribution.schema";
import { formatDayRange } from "./format";
import { type FieldIssue, fieldIssues } from "./validation";
import type { Visit } from "./visit.schema";

/** How a contribution reached the team; `online` is every text sent through the site. */
export const contributionOrigins = {
  online: "Envoyée sur le site",
  event: "Recueillie lors d'une visite de terrain",
  letter: "Reçue par courrier",
  email: "Reçue par courriel",
} as const;
export type ContributionOriginKind = keyof typeof contributionOrigins;

/** The origins a moderator enters: every one but the site's own. */
export const fieldOriginKinds = {
  event: "Lors d'une visite de terrain (agenda)",
  letter: "Par courrier",
  email: "Par courriel",
} as const satisfies Partial<Record<ContributionOriginKind, string>>;
export type FieldOriginKind = keyof typeof fieldOriginKinds;

/** The origin of an entry from the field. */
export type FieldOrigin = { kind: "letter" | "email" } | { kind: "event"; eventId: string };
/** A contribution's origin, as the pages read it. */
export type ContributionOrigin = { kind: "online" } | FieldOrigin;

/** The origin a stored row stands for: an unknown or missing kind reads as the site (the default of the column). */
export function originOf(kind: string | null | undefined, eventId: string | null | undefined): ContributionOrigin {
  if (kind === "event" && eventId) return { kind: "event", eventId };
  if (kind === "letter" || kind === "email") return { kind };
  return { kind: "online" };
}

export const fieldMessages = {
  originKind:
    "Choisissez comment la contribution a été reçue : lors d'une visite de terrain, par courrier ou par courriel.",
  eventId: "Choisissez la visite de terrain de l'agenda où la contribution a été recueillie.",
  noEvent: "Une contribution reçue par courrier ou par courriel ne se rattache à aucune visite : retirez la visite.",
  publishNow: "Indiquez si la contribution est publiée dès sa saisie (oui ou non).",
  duplicate:
    "Cette contribution a déjà été saisie pour cette personne (même texte, même pseudonyme, même commune, même origine) : elle n'a pas été enregistrée une seconde fois.",
  closedQuestion:
    "Cette question se répond en choisissant, sur le site : seules les questions ouvertes reçoivent un texte.",
  idempotencyKey: "La clé de cette saisie manque ou n'est pas valide : rechargez la page puis réessayez.",
  changedReplay:
    "Cette saisie a déjà été enregistrée avec un autre contenu : elle n'a pas été remplacée. Rechargez le formulaire pour saisir une nouvelle contribution.",
} as const;

/** The visit of the agenda with this id, if the content has it. */
export function findVisit(id: string): Visit | undefined {
  return visits.find((visit) => visit.id === id);
}

/**
 * What an entry adds to the citizen's answer (answerInputSchema): its origin, whether it is
 * published now, and its idempotency key. The key travels in the body, not in an
 * Idempotency-Key header: the moderation island's requests carry the token and a JSON body only.
 * The page draws it once per entry and sends it again on a retry, so that a double click or a
 * retry after a timeout enters the text once.
 */
export const fieldEntrySchema = z
  .object(
    {
      originKind: z.enum(Object.keys(fieldOriginKinds) as [FieldOriginKind, ...FieldOriginKind[]], {
        error: fieldMessages.originKind,
      }),
      // Empty means none: the form's select starts empty.
      eventId: z.optional(z.string({ error: fieldMessages.eventId })),
      /** Published at entry (the default), or left pending in the queue for a second reader. */
      publishNow: z._default(z.boolean({ error: fieldMessages.publishNow }), true),
      idempotencyKey: z.uuid({ error: fieldMessages.idempotencyKey }),
    },
    { error: fieldMessages.originKind },
  )
  .check(
    z.superRefine((value, ctx) => {
      const eventId = value.eventId?.trim() ?? "";
      if (value.originKind === "event" && !findVisit(eventId)) {
        ctx.addIssue({ code: "custom", path: ["eventId"], message: fieldMessages.eventId });
      } else if (value.originKind !== "event" && eventId !== "") {
        ctx.addIssue({ code: "custom", path: ["eventId"], message: fieldMessages.noEvent });
      }
    }),
  );

export type FieldEntry = z.infer<typeof answerInputSchema> & {
  origin: FieldOrigin;
  publishNow: boolean;
  idempotencyKey: string;
};

/** Order of the fields, for the error summary: origin first, as the form shows it. */
export const fieldEntryOrder = [
  "originKind",
  "eventId",
  "themeId",
  "questionId",
  "body",
  "pseudonym",
  "profile",
  "postalCode",
  "communeCode",
  "email",
  "contactConsent",
  "publishNow",
  "idempotencyKey",
] as const;

/**
 * An entry checked by the citizen's own answer schema (same limits, same
 * French messages per field) and by its origin's; both parses run, so that
 * every wrong field is named at once.
 */
export function parseFieldEntry(
  payload: unknown,
): { ok: true; entry: FieldEntry } | { ok: false; issues: FieldIssue[] } {
  const answer = answerInputSchema.safeParse(payload);
  const origin = fieldEntrySchema.safeParse(payload);
  // A closed question is answered by choosing, on the site: no text to enter for it.
  const question = answer.success ? findQuestion(answer.data.themeId, answer.data.questionId) : undefined;
  const closed = question !== undefined && isClosedQuestion(question);
  if (answer.success && origin.success && !closed) {
    const { originKind, eventId, publishNow, idempotencyKey } = origin.data;
    return {
      ok: true,
      entry: {
        ...answer.data,
        origin: originKind === "event" ? { kind: "event", eventId: (eventId ?? "").trim() } : { kind: originKind },
        publishNow,
        idempotencyKey: idempotencyKey.toLowerCase(),
      },
    };
  }
  // The answer's first: a payload that is no object at all gets its message (fr.payload).
  const issues = [
    ...(answer.success ? [] : fieldIssues(answer.error)),
    ...(closed ? [{ path: "questionId", message: fieldMessages.closedQuestion }] : []),
    ...(origin.success ? [] : fieldIssues(origin.error)),
  ];
  // One message per field, in the form's order; a whole-payload issue ("") once, first.
  const byPath = new Map<string, string>();
  for (const issue of issues) if (!byPath.has(issue.path)) byPath.set(issue.path, issue.message);
  const rank = (path: string) => {
    const index = (fieldEntryOrder as readonly string[]).indexOf(path);
    return index === -1 ? (path === "" ? -1 : fieldEntryOrder.length) : index;
  };
  return {
    ok: false,
    issues: [...byPath].map(([path, message]) => ({ path, message })).sort((a, b) => rank(a.path) - rank(b.path)),
  };
}

/** POST /api/admin/field-contributions: 201 once entered, 200 for a replay of the same key. */
export const fieldContributionResponseSchema = z.object({
  id: z.string(),
  status: z.enum(["pending", "published"]),
  replayed: z.boolean(),
  /** The rebuild asked for a published entry; null for a pending one (nothing public changed). */
  rebuild: z.nullable(rebuildSchema),
});
export type FieldContributionResponse = z.infer<typeof fieldContributionResponseSchema>;

/** How a page names an origin: a sentence, and for a visit the agenda's link to it. */
export interface OriginDisplay {
  text: string;
  event?: { href: string; title: string; where: string } | undefined;
}

/**
 * « Contribution reçue par courrier », « Recueillie sur le terrain : Visite
 * de la REcyclerie (Paris, le 12 avril 2018) »; undefined for a text sent
 * on the site, which needs no mention. A visit the content no longer lists
 * keeps its sentence, without a link.
 */
export function originDisplay(origin: ContributionOrigin): OriginDisplay | undefined {
  switch (origin.kind) {
    case "online":
      return undefined;
    case "letter":
      return { text: "Contribution reçue par courrier" };
    case "email":
      return { text: "Contribution reçue par courriel" };
    case "event": {
      const visit = findVisit(origin.eventId);
      if (!visit) return { text: "Recueillie sur le terrain" };
      return {
        text: "Recueillie sur le terrain :",
        event: {
          href: `/agenda/#${visit.id}`,
          title: visit.title,
          where: `${visit.locality}, ${formatDayRange(visit.startsOn, visit.endsOn)}`,
        },
      };
    }
  }
}
