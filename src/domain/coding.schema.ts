/**
 * The categories a consultation's team codes contributions with (as
 * Assembl's harvesting does): `coding` in consultation.json. Each category
 * has a stable id (stored with each tag and extract), a label and a short
 * description the moderators read when they choose; `publicCounts` says
 * whether /synthese/ shows how many contributions of each theme carry each
 * category. Left out, a consultation gets the default set below, public.
 */
// zod/mini: the categories reach the moderation island (see validation.ts).
import * as z from "zod/mini";
import { slugSchema, text } from "./content-fields";

/** The most categories a consultation may have: a moderator must take them in at a glance. */
export const MAX_CATEGORIES = 20;

export const categorySchema = z.object({
  /** Stable id, stored with each tag and extract (lowercase words joined by hyphens). */
  id: slugSchema,
  /** The category as moderators and readers of /synthese/ read it. */
  label: text(2),
  /** One short sentence: when a contribution belongs to it. */
  description: z.string().check(z.minLength(10), z.maxLength(200)),
});
export type Category = z.infer<typeof categorySchema>;

/** The categories of the default content, for a consultation that lists none. */
export const DEFAULT_CATEGORIES: Category[] = [
  {
    id: "obstacle",
    label: "Obstacle",
    description: "Un frein, une difficulté ou un manque que la contribution relève.",
  },
  { id: "solution", label: "Solution", description: "Une réponse déjà mise en œuvre quelque part, qui fonctionne." },
  { id: "exemple", label: "Exemple", description: "Un lieu, un projet ou une expérience vécue, décrits concrètement." },
  {
    id: "proposition",
    label: "Proposition",
    description: "Une idée ou une mesure que la contribution demande de mettre en place.",
  },
  {
    id: "question",
    label: "Question",
    description: "Une interrogation posée à la mission ou aux autres participants.",
  },
];

export const codingSchema = z
  .object({
    /** 1 to 20 categories, in the order the moderators and /synthese/ list them. */
    categories: z.array(categorySchema).check(z.minLength(1), z.maxLength(MAX_CATEGORIES)),
    /** Whether /synthese/ shows the counts per category and theme (true unless set to false). */
    publicCounts: z._default(z.boolean(), true),
  })
  .check(
    z.superRefine((coding, ctx) => {
      const seen = new Set<string>();
      for (const category of coding.categories) {
        if (seen.has(category.id)) {
          ctx.addIssue({
            code: "custom",
            path: ["categories"],
            message: `duplicate id "${category.id}": ids must be unique`,
          });
        }
        seen.add(category.id);
      }
    }),
  );
export type Coding = z.infer<typeof codingSchema>;

/** `coding` when consultation.json has none: the default categories, counts public. */
export const DEFAULT_CODING: Coding = { categories: DEFAULT_CATEGORIES, publicCounts: true };
