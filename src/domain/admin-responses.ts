/**
 * The answers of the moderation API, defined once: the admin functions
 * build their JSON against these shapes (`satisfies AdminResponse<...>`),
 * the moderation island parses what it receives with them, and the island
 * tests' stubs answer with them. zod/mini, since the island carries them to
 * the browser.
 */
import * as z from "zod/mini";

/** The input type a shape accepts: what a function must send. */
export type AdminResponse<Schema extends z.ZodMiniType> = z.input<Schema>;

const moderator = z.object({ name: z.string() });

/** GET /api/admin/session: the sign-in to show, and who is signed in when the token is valid. */
export const sessionInfoSchema = z.object({
  mode: z.enum(["token", "supabase"]),
  moderator: z.optional(moderator),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** POST /api/admin/session (Supabase sign-in). */
export const signInResponseSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  expiresAt: z.string(),
  moderator,
});

/** What became of the request to rebuild the public pages (src/server/rebuild.ts). */
export const rebuildSchema = z.object({ status: z.string(), message: z.string() });

/** POST /api/admin/decisions. */
export const decisionResponseSchema = z.object({
  decided: z.array(z.string()),
  unchanged: z.array(z.string()),
  rebuild: rebuildSchema,
});
export type DecisionResponse = z.infer<typeof decisionResponseSchema>;

/** POST /api/admin/retained. */
export const retainedResponseSchema = z.object({ retained: z.boolean() });

/** POST /api/admin/rebuild. */
export const rebuildResponseSchema = z.object({ rebuild: rebuildSchema });

const moderationState = z.enum(["pending", "published", "rejected"]);

/** One « Autre, précisez » text, with its question's title from the content. */
export const otherTextSchema = z.object({
  id: z.string(),
  themeId: z.string(),
  questionId: z.string(),
  questionTitle: z.string(),
  text: z.string(),
  pseudonym: z.string(),
  status: moderationState,
  moderationReason: z.nullable(z.string()),
  createdAt: z.string(),
  moderatedAt: z.nullable(z.string()),
});
export type OtherText = z.infer<typeof otherTextSchema>;

/** GET /api/admin/other-texts: one state's texts, oldest first, and the counts per state. */
export const otherTextsPageSchema = z.object({
  items: z.array(otherTextSchema),
  counts: z.object({ pending: z.int(), published: z.int(), rejected: z.int() }),
});

/** POST /api/admin/other-texts. */
export const otherTextDecisionResponseSchema = z.object({
  id: z.string(),
  changed: z.boolean(),
  rebuild: rebuildSchema,
});
