/**
 * The answers of /api/admin/syntheses (the current synthesis of every
 * theme, a save, the saved versions of one theme) and the history the
 * public pages show under a published synthesis. Shared by the
 * admin-syntheses function, its use case, the moderation island, the
 * synthesis history component and the tests' stubs.
 */
// zod/mini: the moderation island carries these to the browser.
import * as z from "zod/mini";

/** GET /api/admin/syntheses. */
export const synthesesResponseSchema = z.object({
  syntheses: z.array(z.object({ themeId: z.string(), body: z.string(), updatedAt: z.string() })),
});
export type SynthesesResponse = z.infer<typeof synthesesResponseSchema>;

/** PUT /api/admin/syntheses/:themeId: when the save is dated, and the version it made. */
export const synthesisSavedSchema = z.object({
  themeId: z.string(),
  updatedAt: z.string(),
  versionId: z.optional(z.string()),
});
export type SynthesisSaved = z.infer<typeof synthesisSavedSchema>;

/** One saved text of a theme's synthesis, as the moderators read it back. */
export const synthesisVersionSchema = z.object({
  id: z.string(),
  body: z.string(),
  /** Who saved it, as the log names them. */
  authorName: z.string(),
  /** False for a blank text: saving it withdrew the synthesis from the site. */
  published: z.boolean(),
  createdAt: z.string(),
});
export type SynthesisVersion = z.infer<typeof synthesisVersionSchema>;

/** GET /api/admin/syntheses/:themeId/versions: newest first. */
export const synthesisVersionsResponseSchema = z.object({
  themeId: z.string(),
  versions: z.array(synthesisVersionSchema),
});
export type SynthesisVersionsResponse = z.infer<typeof synthesisVersionsResponseSchema>;

/** A published version in the public history: when, and whether it put back a withdrawn synthesis. */
export interface HistoryEntry {
  at: Date;
  republished: boolean;
}

/** « publiée le », « modifiée le », « publiée de nouveau le »: what each version did, oldest first. */
export function historyVerb(entry: HistoryEntry, index: number): string {
  if (index === 0) return "publiée le";
  return entry.republished ? "publiée de nouveau le" : "modifiée le";
}
