/**
 * The statuses an official response may have (`responseStatuses` in
 * consultation.json): what a contributor reads of the mission's answer, e.g.
 * « Retenue par la mission ». Left out, a consultation gets the default set.
 */
// zod/mini: the statuses reach the moderation island (see validation.ts).
import * as z from "zod/mini";
import { slugSchema, text } from "./content-fields";

export const responseStatusSchema = z.object({
  /** Stable id, stored with each response. */
  id: slugSchema,
  /** What the contributor and the public read, e.g. « Retenue ». */
  label: text(2),
});
export type ResponseStatus = z.infer<typeof responseStatusSchema>;

/** The statuses of the default content, for a consultation that lists none. */
export const DEFAULT_RESPONSE_STATUSES: ResponseStatus[] = [
  { id: "retenue", label: "Retenue par la mission" },
  { id: "integree", label: "Intégrée à une recommandation" },
  { id: "a-l-etude", label: "À l'étude" },
  { id: "hors-champ", label: "Hors du champ de la mission" },
];

export const responseStatusesSchema = z.array(responseStatusSchema).check(
  z.minLength(1),
  z.maxLength(12),
  z.refine((list) => new Set(list.map((s) => s.id)).size === list.length, "status ids must be unique"),
);
