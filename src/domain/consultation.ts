import * as z from "zod/mini";
import "./validation"; // first: sets zod up for the CSP before any schema runs
import rawConsultation from "../content/consultation.json" with { type: "json" };
import rawVisits from "../content/visits.json" with { type: "json" };
import { type Consultation, consultationSchema, type Question, type Theme } from "./consultation.schema";
import { consultationWindow } from "./consultation-window";
import { type Visit, visitsSchema } from "./visit.schema";

/**
 * The consultation's content, parsed once. Pages, functions and tests all read
 * it from here, so an answer to a question that does not exist can be refused
 * with the same data the site was built from.
 */
export const consultation: Consultation = parseContent(
  "src/content/consultation.json",
  consultationSchema,
  rawConsultation,
);

/** The mission's field visits, in date order. */
export const visits: Visit[] = parseContent("src/content/visits.json", visitsSchema, rawVisits).sort((a, b) =>
  a.startsOn.localeCompare(b.startsOn),
);

export const themes: Theme[] = consultation.themes;

/** When the consultation opens and closes, as instants. */
export const window = consultationWindow(consultation);

export function findTheme(themeId: string): Theme | undefined {
  return themes.find((theme) => theme.id === themeId);
}

/** The question with this id inside this theme, or undefined when either does not exist. */
export function findQuestion(themeId: string, questionId: string): Question | undefined {
  return findTheme(themeId)?.questions.find((question) => question.id === questionId);
}

function parseContent<T>(file: string, schema: z.ZodMiniType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new Error(`Invalid content in ${file}:\n${z.prettifyError(result.error)}\nFix the file and build again.`);
  }
  return result.data;
}
