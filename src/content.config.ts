import { defineCollection } from "astro:content";
import { join } from "node:path";
import { glob } from "astro/loaders";
import { z } from "astro/zod";
import { contentDir } from "./content-files";

/**
 * Press releases, one Markdown file each. Themes, questions, the coding
 * categories (consultation.json's `coding`: the moderators tag contributions
 * with them, /synthese/ may count them) and visits are JSON files read by
 * src/domain/consultation.ts instead, because the functions need them outside
 * Astro; they are validated there with zod (coding: src/domain/coding.schema.ts).
 */
const press = defineCollection({
  // The press/ folder of CONTENT_DIR (src/content-files.ts); a consultation without releases may leave it out.
  loader: glob({ pattern: "*.md", base: join(contentDir, "press") }),
  schema: z.object({
    /** Headline of the release. */
    title: z.string().min(10),
    /** Publication day, YYYY-MM-DD (Paris). */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be written YYYY-MM-DD"),
    /** One or two sentences for the list, the feed and link previews. */
    summary: z.string().min(20).max(300),
    /** A quotation, printed as such with its author. */
    quote: z.object({ text: z.string().min(10), author: z.string().min(1), role: z.string().min(1) }).optional(),
  }),
});

export const collections = { press };
