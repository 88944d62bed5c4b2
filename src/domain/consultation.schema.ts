import { z } from "zod";

/** A stable identifier used in URLs and stored data: lowercase words joined by hyphens. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens (e.g. modeles-economiques)");

/** A calendar day written as YYYY-MM-DD, read in the consultation's time zone. */
export const isoDaySchema = z.iso.date();

const personSchema = z.object({
  /** Full name as it should be printed. */
  name: z.string().min(1),
  /** Title or office, in French, lowercase as it reads after a comma. */
  role: z.string().min(1),
});

export const questionSchema = z.object({
  /** Stable id, unique across the whole consultation; used as the anchor on the theme page and in data. */
  id: slugSchema,
  /** The question as citizens read it. */
  title: z.string().min(10),
  /** Optional hint shown under the question. */
  help: z.string().min(1).optional(),
});

export const themeSchema = z.object({
  /** Stable id, used in the theme's URL (/themes/<id>/) and in data. */
  id: slugSchema,
  title: z.string().min(5),
  /** One paragraph introducing the theme. */
  summary: z.string().min(20),
  /** 3 to 5 questions per theme keep a theme readable in one sitting. */
  questions: z.array(questionSchema).min(3).max(5),
});

export const consultationSchema = z
  .object({
    id: slugSchema,
    name: z.string().min(1),
    /** Short name for the header and the title of every page. */
    shortName: z.string().min(1),
    summary: z.string().min(20),
    /** First day open (inclusive, from 00:00 in `timeZone`). */
    opensOn: isoDaySchema,
    /** Last day open (inclusive, until 23:59:59 in `timeZone`). */
    closesOn: isoDaySchema,
    /** IANA time zone the dates are read in. */
    timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/Paris"),
    /** Instant the demonstration clock is set to when the site runs on its local default. */
    demoNow: z.iso.datetime({ offset: true }),
    commissionedBy: personSchema,
    ledBy: personSchema,
    organisers: z.array(z.object({ name: z.string().min(1), role: z.string().min(1) })).min(1),
    guidingQuestions: z.array(z.string().min(10)).min(1),
    themes: z.array(themeSchema).min(5).max(7),
  })
  .superRefine((consultation, ctx) => {
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
  });

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

function reportDuplicates(ids: string[], path: string[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) ctx.addIssue({ code: "custom", path, message: `duplicate id "${id}": ids must be unique` });
    seen.add(id);
  }
}
