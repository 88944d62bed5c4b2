import * as z from "zod/mini";
import { isoDaySchema, slugSchema, text } from "./consultation.schema";

/** A field visit of the mission, shown on the agenda and exported to /agenda.ics. */
export const visitSchema = z
  .object({
    /** Stable id: the anchor on the agenda page and the base of the iCalendar UID. */
    id: slugSchema,
    title: text(5),
    /** First day (inclusive). */
    startsOn: isoDaySchema,
    /** Last day (inclusive). */
    endsOn: isoDaySchema,
    place: text(1),
    locality: text(1),
    description: text(10),
  })
  .check(
    z.refine((visit) => visit.endsOn >= visit.startsOn, { path: ["endsOn"], message: "must not be before startsOn" }),
  );

export const visitsSchema = z.array(visitSchema).check(
  z.superRefine((visits, ctx) => {
    const ids = visits.map((visit) => visit.id);
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate) ctx.addIssue({ code: "custom", message: `duplicate visit id "${duplicate}"` });
  }),
);

export type Visit = z.infer<typeof visitSchema>;
