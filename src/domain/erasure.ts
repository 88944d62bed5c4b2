/**
 * Erasure on request, the moderators' side: the request (an address, and
 * whether to erase or only look), its French messages, and the shapes of
 * the answers, shared by the function, the island and its tests.
 */
// zod/mini: the moderation island carries these to the browser.
import * as z from "zod/mini";
import { moderationMessages } from "./moderation";

export const erasureMessages = {
  email: "Indiquez l'adresse électronique de la personne, telle qu'elle l'a donnée.",
  action: "Choisissez « Rechercher » ou « Effacer ».",
} as const;

/** POST /api/admin/erasure: `preview` lists what the address is linked to; `erase` erases it. */
export const erasureRequestSchema = z.object(
  {
    email: z.email({ error: erasureMessages.email }).check(z.maxLength(254, erasureMessages.email)),
    action: z.enum(["preview", "erase"], { error: erasureMessages.action }),
  },
  { error: moderationMessages.payload },
);

/** One contribution or initiative an address was given with. */
export const linkedContactSchema = z.object({
  id: z.string(),
  subjectType: z.enum(["contribution", "initiative"]),
  subjectId: z.string(),
  status: z.enum(["pending", "published", "rejected"]),
  pseudonym: z.string(),
  createdAt: z.string(),
});
export type LinkedContact = z.infer<typeof linkedContactSchema>;

/** The answer to `preview`. */
export const erasurePreviewSchema = z.object({ contacts: z.array(linkedContactSchema) });

/** The answer to `erase`: how many contacts went (0 when the address was not, or no longer, known). */
export const erasureDoneSchema = z.object({ erased: z.int() });
