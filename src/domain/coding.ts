/**
 * Coding contributions, defined once: the consultation's categories (from
 * its content, coding.schema.ts), what a moderator sends to
 * /api/admin/coding (tag or untag categories, extract a passage, remove an
 * extract), the French message for every refusal, what the API answers, and
 * how positions in a text are counted. The function, the use case, the
 * moderation island and its test stubs all read these. zod/mini: the island
 * carries them to the browser.
 *
 * Positions are code points from 0, the end excluded, as PostgreSQL's
 * substr and char_length count them (text.ts): an emoji is one character
 * for the database, two UTF-16 units for the browser's selection.
 */
import * as z from "zod/mini";
import type { Category } from "./coding.schema";
import { consultation } from "./consultation";
import { moderationMessages } from "./moderation";
import { codePointLength, isStorableText } from "./text";

/** The consultation's categories, in the content's order. */
export const categories: readonly Category[] = consultation.coding.categories;

/** Whether /synthese/ shows the counts per category and theme. */
export const categoryCountsArePublic: boolean = consultation.coding.publicCounts;

/** The category with this id, if the content lists it. */
export function findCategory(id: string): Category | undefined {
  return categories.find((category) => category.id === id);
}

/** A category's label, or its id when the content no longer lists it (a tag made before it was removed). */
export function categoryLabel(id: string): string {
  return findCategory(id)?.label ?? id;
}

/** The longest passage that can be extracted: a whole contribution. */
export const MAX_EXTRACT_LENGTH = 4000;

export const codingMessages = {
  payload: moderationMessages.payload,
  action: "Choisissez une action : étiqueter la contribution, extraire un passage ou retirer un extrait.",
  contributionId: moderationMessages.contributionId,
  categories: "Choisissez des catégories de la liste de la consultation.",
  nothingToSave: "Cochez ou décochez au moins une catégorie avant d'enregistrer.",
  addedAndRemoved: "Une même catégorie ne peut pas être ajoutée et retirée à la fois.",
  categoryId: "Choisissez la catégorie de l'extrait dans la liste de la consultation.",
  text: `Sélectionnez un passage du texte (${MAX_EXTRACT_LENGTH} caractères au plus), sans caractère invalide.`,
  position: "La position du passage n'est pas valide : sélectionnez-le à nouveau dans le texte.",
  positionMismatch:
    "Ce passage ne correspond pas au texte de la contribution à cette position : sélectionnez-le à nouveau dans le texte.",
  extractId: "Cet extrait n'est pas valide : rechargez la liste des extraits.",
  notFound: "Cette contribution n'existe plus : rechargez la file.",
} as const;

const contributionId = z.uuid({ error: codingMessages.contributionId });
const categoryIds = z
  .array(
    z
      .string({ error: codingMessages.categories })
      .check(z.refine((id) => findCategory(id) !== undefined, codingMessages.categories)),
    { error: codingMessages.categories },
  )
  .check(z.maxLength(50, codingMessages.categories));
const offset = z.int({ error: codingMessages.position }).check(z.gte(0, codingMessages.position));

/** Adds and removes categories of a whole contribution: only what the moderator changed, so that two moderators coding it at once do not undo each other. */
export const tagRequestSchema = z
  .object(
    {
      action: z.literal("tag", { error: codingMessages.action }),
      contributionId,
      add: z._default(categoryIds, []),
      remove: z._default(categoryIds, []),
    },
    { error: codingMessages.payload },
  )
  .check(
    z.superRefine((value, ctx) => {
      if (value.add.length === 0 && value.remove.length === 0) {
        ctx.addIssue({ code: "custom", path: ["add"], message: codingMessages.nothingToSave });
      } else if (value.add.some((id) => value.remove.includes(id))) {
        ctx.addIssue({ code: "custom", path: ["remove"], message: codingMessages.addedAndRemoved });
      }
    }),
  );

/** Tags a passage: its text, exactly as in the body, and its [start, end) position in code points. */
export const extractRequestSchema = z
  .object(
    {
      action: z.literal("extract", { error: codingMessages.action }),
      contributionId,
      categoryId: z
        .string({ error: codingMessages.categoryId })
        .check(z.refine((id) => findCategory(id) !== undefined, codingMessages.categoryId)),
      start: offset,
      end: offset,
      // Not trimmed: it must be the body's text at that position, character for character.
      text: z.string({ error: codingMessages.text }).check(
        z.refine((value) => value.trim() !== "", codingMessages.text),
        z.refine((value) => codePointLength(value) <= MAX_EXTRACT_LENGTH, codingMessages.text),
        z.refine(isStorableText, codingMessages.text),
      ),
    },
    { error: codingMessages.payload },
  )
  .check(
    z.superRefine((value, ctx) => {
      // A negative start is already named on its field.
      if (value.start < 0) return;
      if (value.end <= value.start || value.end - value.start !== codePointLength(value.text)) {
        ctx.addIssue({ code: "custom", path: ["end"], message: codingMessages.position });
      }
    }),
  );

/** Removes one extract of a contribution. */
export const removeExtractRequestSchema = z.object(
  {
    action: z.literal("remove-extract", { error: codingMessages.action }),
    contributionId,
    extractId: z.uuid({ error: codingMessages.extractId }),
  },
  { error: codingMessages.payload },
);

/** POST /api/admin/coding body, by `action`. */
export const codingRequestSchema = z.discriminatedUnion(
  "action",
  [tagRequestSchema, extractRequestSchema, removeExtractRequestSchema],
  { error: codingMessages.action },
);
export type CodingRequest = z.infer<typeof codingRequestSchema>;
export type TagRequest = z.infer<typeof tagRequestSchema>;
export type ExtractRequest = z.infer<typeof extractRequestSchema>;

/** GET /api/admin/coding query string. */
export const codingQuerySchema = z.object({ contributionId }, { error: codingMessages.payload });

// ——— The answers ———

/** A category on a whole contribution, with who added it and when. */
export const codedCategorySchema = z.object({ categoryId: z.string(), by: z.string(), at: z.string() });

/** An extract: the passage, its position in code points, its category, who made it and when. */
export const extractSchema = z.object({
  id: z.string(),
  categoryId: z.string(),
  start: z.int(),
  end: z.int(),
  text: z.string(),
  by: z.string(),
  at: z.string(),
});
export type Extract = z.infer<typeof extractSchema>;

/** GET /api/admin/coding: one contribution's coding. */
export const contributionCodingSchema = z.object({
  contributionId: z.string(),
  categories: z.array(codedCategorySchema),
  extracts: z.array(extractSchema),
});
export type ContributionCoding = z.infer<typeof contributionCodingSchema>;

/** POST /api/admin/coding: whether anything changed (nothing when another moderator did it first), and the coding now. */
export const codingUpdateSchema = z.object({ changed: z.boolean(), coding: contributionCodingSchema });
export type CodingUpdate = z.infer<typeof codingUpdateSchema>;

// ——— Positions ———

/** The code-point offset of a UTF-16 offset in `text` (the browser's selections count UTF-16 units). */
export function codePointOffset(text: string, utf16Offset: number): number {
  return codePointLength(text.slice(0, utf16Offset));
}

/** The passage of `text` at [start, end) in code points. */
export function passageAt(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join("");
}

/**
 * Where `passage` is in `text`, in code points, searched from the code point `near` (the first
 * occurrence at or after it, else the first of all); undefined when the text does not contain it.
 */
export function locatePassage(text: string, passage: string, near = 0): { start: number; end: number } | undefined {
  if (passage === "") return undefined;
  const nearUnits = Array.from(text).slice(0, near).join("").length;
  let index = text.indexOf(passage, nearUnits);
  if (index === -1) index = text.indexOf(passage);
  if (index === -1) return undefined;
  const start = codePointOffset(text, index);
  return { start, end: start + codePointLength(passage) };
}
