// zod/mini: these schemas reach the browser with the forms (see validation.ts).
import * as z from "zod/mini";

/**
 * The field types every content schema is made of, in a module of their own
 * so that consultation.schema.ts and the schemas it is made of
 * (consultation-texts.schema.ts) can share them without importing each other.
 */

/** A stable identifier used in URLs and stored data: lowercase words joined by hyphens. */
export const slugSchema = z
  .string()
  .check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens (e.g. modeles-economiques)"));

/** A calendar day written as YYYY-MM-DD, read in the consultation's time zone. */
export const isoDaySchema = z.iso.date();

/** A text of at least `min` characters. */
export const text = (min: number) => z.string().check(z.minLength(min));
