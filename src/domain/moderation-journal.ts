/**
 * The moderation journal (/moderation/, « Journal »): the query the
 * moderators send (who, what action, from and to which day, which theme, a
 * page after a cursor, JSON or CSV), the French names of every action and
 * subject, and the shape of the answer. Shared by the admin-journal
 * function, its use case, the island and the tests' stubs.
 */
// zod/mini, like the other moderation schemas: the moderation island carries these to the browser.
import * as z from "zod/mini";
import { findTheme } from "./consultation";
import { pageLimitSchema } from "./moderation";

/** Every action the log records (the check constraint of public.moderation_events), as the journal names it. */
export const journalActions = {
  submitted: "Envoi par un participant",
  published: "Publication",
  rejected: "Rejet",
  flagged: "Signalement",
  returned_to_review: "Retour en modération après signalements",
  // Older lines say « retenue » or « retirée » in their reason.
  retained: "Choix pour la synthèse",
  flags_resolved: "Signalements classés",
  unretained: "Retirée de la synthèse",
  synthesis_saved: "Synthèse enregistrée",
  tagged: "Étiquette ajoutée",
  untagged: "Étiquette retirée",
  field_entered: "Saisie d'une contribution recueillie sur le terrain",
  corrected: "Correction",
  withdrawn: "Retrait à la demande de l'auteur",
  erased: "Effacement",
  response_drafted: "Réponse officielle rédigée",
  response_published: "Réponse officielle publiée",
} as const;
export type JournalAction = keyof typeof journalActions;
const actionCodes = Object.keys(journalActions) as [JournalAction, ...JournalAction[]];

/** What a log line is about (the subject_type constraint). */
export const journalSubjects = {
  contribution: "Contribution",
  initiative: "Lieu ou initiative",
  choice_answer: "Réponse à une question fermée",
  synthesis: "Synthèse",
  contact: "Contact",
  response: "Réponse officielle",
} as const;
export type JournalSubject = keyof typeof journalSubjects;

/** The French name of an action, or its code for one this version does not know. */
export function actionLabel(action: string): string {
  return Object.hasOwn(journalActions, action) ? journalActions[action as JournalAction] : action;
}

export function subjectLabel(subjectType: string): string {
  return Object.hasOwn(journalSubjects, subjectType) ? journalSubjects[subjectType as JournalSubject] : subjectType;
}

/** Who acted, as the journal names them: the name the log kept, else what the actor id stands for. */
export function actorLabel(actor: string, actorName: string | null | undefined): string {
  if (actorName) return actorName;
  if (actor === "citizen") return "Participant (site public)";
  if (actor === "system") return "Automatique (règle du site)";
  // The bootstrap token (src/server/moderator-auth.ts): shared, so nobody in particular.
  if (actor === "moderateur-local") return "Modérateur (jeton de démarrage)";
  return actor;
}

export const journalMessages = {
  actor: "Choisissez une personne de la liste.",
  action: "Choisissez une action de la liste.",
  from: "La date de début doit être une date valide, au format AAAA-MM-JJ.",
  to: "La date de fin doit être une date valide, au format AAAA-MM-JJ.",
  order: "La date de début doit précéder la date de fin (ou être la même).",
  theme: "Ce thème n'existe pas dans la consultation.",
  format: "Le format d'export est « csv » ou « json ».",
  cursor: "Ce curseur de pagination n'est pas valide : rechargez le journal.",
  tooMany: (max: string) =>
    `Plus de ${max} lignes correspondent à ces filtres : resserrez les dates (ou choisissez une personne, une action, un thème) pour exporter.`,
} as const;

/** A calendar day, YYYY-MM-DD, that exists (no 31 April). */
function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const day = (message: string) =>
  z.optional(z.string({ error: message }).check(z.trim(), z.maxLength(10, message), z.refine(isCalendarDay, message)));
/** An empty form field means « any »: the island sends every field, filled or not. */
const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);

/** GET /api/admin/journal query string. */
export const journalQuerySchema = z
  .object({
    actor: z.pipe(
      z.transform(blankAsAbsent),
      z.optional(z.string({ error: journalMessages.actor }).check(z.maxLength(200, journalMessages.actor))),
    ),
    action: z.pipe(z.transform(blankAsAbsent), z.optional(z.enum(actionCodes, { error: journalMessages.action }))),
    from: z.pipe(z.transform(blankAsAbsent), day(journalMessages.from)),
    to: z.pipe(z.transform(blankAsAbsent), day(journalMessages.to)),
    theme: z.pipe(
      z.transform(blankAsAbsent),
      z.optional(
        z
          .string({ error: journalMessages.theme })
          .check(z.refine((id) => findTheme(id) !== undefined, journalMessages.theme)),
      ),
    ),
    /** Opaque cursor returned as nextCursor by the previous page. */
    after: z.optional(z.string({ error: journalMessages.cursor }).check(z.maxLength(200, journalMessages.cursor))),
    limit: pageLimitSchema,
    format: z._default(z.enum(["json", "csv"], { error: journalMessages.format }), "json"),
  })
  .check(
    z.refine((query) => !query.from || !query.to || query.from <= query.to, {
      path: ["to"],
      message: journalMessages.order,
    }),
  );
export type JournalQuery = z.infer<typeof journalQuerySchema>;

// ——— The answer (GET /api/admin/journal, JSON) ———

export const journalEventSchema = z.object({
  /** The log line's id (a bigint, as text). */
  id: z.string(),
  createdAt: z.string(),
  action: z.string(),
  /** The action's French name (journalActions). */
  actionLabel: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  /** False when the contribution, initiative, answer or version is no longer in the database. */
  subjectExists: z.boolean(),
  themeId: z.nullable(z.string()),
  questionId: z.nullable(z.string()),
  /** The beginning of the subject's text or name (120 characters), for the moderators to recognise it. */
  excerpt: z.nullable(z.string()),
  actor: z.string(),
  /** Who acted, as shown (actorLabel). */
  actorName: z.string(),
  reason: z.nullable(z.string()),
});
export type JournalEvent = z.infer<typeof journalEventSchema>;

/** Decisions of one moderator over the whole filter (every page). */
export const journalCountSchema = z.object({
  actor: z.string(),
  name: z.string(),
  published: z.int(),
  rejected: z.int(),
  other: z.int(),
});
export type JournalCount = z.infer<typeof journalCountSchema>;

export const journalPageSchema = z.object({
  events: z.array(journalEventSchema),
  nextCursor: z.nullable(z.string()),
  /** On the first page only (no cursor): they do not change from page to page. */
  totals: z.optional(
    z.object({
      byModerator: z.array(journalCountSchema),
      /** Everyone the log names as a moderator, for the « who » filter. */
      moderators: z.array(z.object({ actor: z.string(), name: z.string() })),
    }),
  ),
});
export type JournalPage = z.infer<typeof journalPageSchema>;

/** The journal's URL for a filter, a page or the CSV export; blank filters are left out. */
export function journalPath(
  filter: Partial<Record<"actor" | "action" | "from" | "to" | "theme", string>>,
  options: { after?: string | undefined; limit?: number; format?: "csv" } = {},
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
  if (options.after) query.set("after", options.after);
  if (options.limit) query.set("limit", String(options.limit));
  if (options.format) query.set("format", options.format);
  const text = query.toString();
  return text ? `/api/admin/journal?${text}` : "/api/admin/journal";
}
