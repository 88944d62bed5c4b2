// zod/mini: these schemas reach the browser with the forms (see validation.ts).
import * as z from "zod/mini";

import { codingSchema, DEFAULT_CODING } from "./coding.schema";
import { consultationTextsShape } from "./consultation-texts.schema";
import { isoDaySchema, slugSchema, text } from "./content-fields";
import { DEFAULT_RESPONSE_STATUSES, responseStatusesSchema } from "./response-statuses.schema";

export { isoDaySchema, slugSchema, text };

const personSchema = z.object({
  /** Full name as it should be printed. */
  name: text(1),
  /** Title or office, in French, lowercase as it reads after a comma. */
  role: text(1),
});

/** How a question is answered: free text, or a closed question whose answers are counted. */
export const questionTypes = ["open", "single", "multiple", "scale"] as const;
export type QuestionType = (typeof questionTypes)[number];

/**
 * The option id the « Autre, précisez » choice is stored under; a question's
 * own options cannot use it.
 */
export const OTHER_OPTION_ID = "autre";

/** The lowest and highest values of a scale question. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

const optionSchema = z.object({
  /** Stable id, unique in its question; stored with each answer and published in the open data. */
  id: slugSchema,
  /** The option as citizens read it. */
  label: text(2),
});

export const questionSchema = z
  .object({
    /** Stable id, unique across the whole consultation; used as the anchor on the theme page and in data. */
    id: slugSchema,
    /** The question as citizens read it. */
    title: text(10),
    /** Optional hint shown under the question. */
    help: z.optional(text(1)),
    /**
     * "open" (the default): a text, moderated before it is published. "single" (one option),
     * "multiple" (one or more options) and "scale" (a value from 1 to 5): closed questions,
     * counted without moderation.
     */
    type: z._default(z.enum(questionTypes), "open"),
    /** The options of a "single" or "multiple" question, in display order (2 to 12). */
    options: z.optional(z.array(optionSchema).check(z.minLength(2), z.maxLength(12))),
    /**
     * Adds « Autre, précisez » to a "single" or "multiple" question: the choice is counted at
     * once, its text waits for moderation and is not shown on the site.
     */
    other: z.optional(z.boolean()),
    /** What the ends of a "scale" question mean, e.g. « Pas du tout utile » and « Indispensable ». */
    scaleLabels: z.optional(z.object({ min: text(2), max: text(2) })),
  })
  .check(
    z.superRefine((question, ctx) => {
      const choice = question.type === "single" || question.type === "multiple";
      if (choice && !question.options) {
        ctx.addIssue({ code: "custom", path: ["options"], message: `a "${question.type}" question needs options` });
      }
      if (!choice && question.options) {
        ctx.addIssue({ code: "custom", path: ["options"], message: "only single and multiple questions have options" });
      }
      if (!choice && question.other) {
        ctx.addIssue({
          code: "custom",
          path: ["other"],
          message: "only single and multiple questions offer « autre »",
        });
      }
      if ((question.type === "scale") !== (question.scaleLabels !== undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["scaleLabels"],
          message: "a scale question needs scaleLabels { min, max }, and only a scale question has them",
        });
      }
      const ids = (question.options ?? []).map((option) => option.id);
      if (ids.includes(OTHER_OPTION_ID)) {
        ctx.addIssue({
          code: "custom",
          path: ["options"],
          message: `the option id "${OTHER_OPTION_ID}" is reserved: set "other": true instead`,
        });
      }
      reportDuplicates(ids, ["options"], ctx);
    }),
  );

/** The most themes a consultation may have, and questions a theme may have. */
export const MAX_THEMES = 12;
export const MAX_QUESTIONS_PER_THEME = 20;

/**
 * The parts of the site a consultation may switch off. Off, a part has no
 * page, no link, no section, no feed entry, no open data file and no
 * function (its route answers 404): a town's consultation on its market
 * square has no directory of places to make known.
 */
export const featuresSchema = z.object({
  /** The directory of places and initiatives (/initiatives/, its form, map, open data and function). */
  initiatives: z._default(z.boolean(), true),
  /** The field visits: /agenda/, /agenda.ics and their mentions; needs visits.json in the content folder. */
  visits: z._default(z.boolean(), true),
});

export type Features = z.infer<typeof featuresSchema>;

export const themeSchema = z.object({
  /** Stable id, used in the theme's URL (/themes/<id>/) and in data. */
  id: slugSchema,
  title: text(5),
  /** One paragraph introducing the theme. */
  summary: text(20),
  /** 1 to 20 questions (MAX_QUESTIONS_PER_THEME): a theme page lists them all, with their form links. */
  questions: z.array(questionSchema).check(z.minLength(1), z.maxLength(MAX_QUESTIONS_PER_THEME)),
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
    /** Organisation, page texts, legal particulars, profiles and initiative kinds: consultation-texts.schema.ts. */
    ...consultationTextsShape,
    /** 1 to 12 themes (MAX_THEMES): the home page, the navigation of /themes/ and the charts of /synthese/ list them all. */
    themes: z.array(themeSchema).check(z.minLength(1), z.maxLength(MAX_THEMES)),
    /** Which optional parts the consultation has; each is on when left out. */
    features: z._default(featuresSchema, { initiatives: true, visits: true }),
    /** The statuses of the mission's official responses (response-statuses.schema.ts). */
    responseStatuses: z._default(responseStatusesSchema, DEFAULT_RESPONSE_STATUSES),
    /** The categories moderators code contributions with, and whether /synthese/ counts them (coding.schema.ts). */
    coding: z._default(codingSchema, DEFAULT_CODING),
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
export type QuestionOption = z.infer<typeof optionSchema>;

/** True for a question answered by choosing, not by writing. */
export function isClosedQuestion(question: Pick<Question, "type">): boolean {
  return question.type !== "open";
}
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
