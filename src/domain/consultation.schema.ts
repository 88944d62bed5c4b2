// zod/mini: these schemas reach the browser with the forms (see validation.ts).
import * as z from "zod/mini";

/** A stable identifier used in URLs and stored data: lowercase words joined by hyphens. */
export const slugSchema = z
  .string()
  .check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens (e.g. modeles-economiques)"));

/** A calendar day written as YYYY-MM-DD, read in the consultation's time zone. */
export const isoDaySchema = z.iso.date();

/** A text of at least `min` characters. */
export const text = (min: number) => z.string().check(z.minLength(min));

const personSchema = z.object({
  /** Full name as it should be printed. */
  name: text(1),
  /** Title or office, in French, lowercase as it reads after a comma. */
  role: text(1),
});

export const questionSchema = z.object({
  /** Stable id, unique across the whole consultation; used as the anchor on the theme page and in data. */
  id: slugSchema,
  /** The question as citizens read it. */
  title: text(10),
  /** Optional hint shown under the question. */
  help: z.optional(text(1)),
});

export const themeSchema = z.object({
  /** Stable id, used in the theme's URL (/themes/<id>/) and in data. */
  id: slugSchema,
  title: text(5),
  /** One paragraph introducing the theme. */
  summary: text(20),
  /** 3 to 5 questions per theme keep a theme readable in one sitting. */
  questions: z.array(questionSchema).check(z.minLength(3), z.maxLength(5)),
});

export const consultationSchema = z
  .object({
    id: slugSchema,
    name: text(1),
    /** Short name for the header and the title of every page. */
    shortName: text(1),
    summary: text(20),
    /** First day open (inclusive, from 00:00 in `timeZone`). */
    opensOn: isoDaySchema,
    /** Last day open (inclusive, until 23:59:59 in `timeZone`). */
    closesOn: isoDaySchema,
    /** IANA time zone the dates are read in. */
    timeZone: z.string().check(z.refine(isTimeZone, "must be an IANA time zone such as Europe/Paris")),
    /** Instant the demonstration clock is set to when the site runs on its local default. */
    demoNow: z.iso.datetime({ offset: true }),
    commissionedBy: personSchema,
    ledBy: personSchema,
    organisers: z.array(z.object({ name: text(1), role: text(1) })).check(z.minLength(1)),
    guidingQuestions: z.array(text(10)).check(z.minLength(1)),
    themes: z.array(themeSchema).check(z.minLength(5), z.maxLength(7)),
  })
  .check(
    z.superRefine((consultation, ctx) => {
      if (consultation.closesOn < consultation.opensOn) {
        ctx.addIssue({ code: "custom", path: ["closesOn"], message: "must not be before opensOn" });
      }
      reportDuplicates(
        consultation.themes.map((theme) => theme.id),
        ["themes"],
        ctx,
      );
      reportDuplicates(
        consultation.themes.flatMap((theme) => theme.questions.map((question) => question.id)),
        ["themes", "questions"],
        ctx,
      );
    }),
  );

export type Question = z.infer<typeof questionSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type Consultation = z.infer<typeof consultationSchema>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function reportDuplicates(ids: string[], path: string[], ctx: z.core.$RefinementCtx): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) ctx.addIssue({ code: "custom", path, message: `duplicate id "${id}": ids must be unique` });
    seen.add(id);
  }
}
