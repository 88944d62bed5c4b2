import * as z from "zod/mini";
import "./validation"; // first: sets zod up for the CSP before any schema runs
// Not a JSON import: the content folder is CONTENT_DIR's, in every runtime (see content-files.ts).
import { contentDirLabel, consultation as rawConsultation, visits as rawVisits } from "../content-files";
import { type Consultation, consultationSchema, type Question, type Theme } from "./consultation.schema";
import { consultationWindow } from "./consultation-window";
import { type Visit, visitsSchema } from "./visit.schema";

/**
 * The consultation's content, parsed once. Pages, functions and tests all read
 * it from here, so an answer to a question that does not exist can be refused
 * with the same data the site was built from.
 */
export const consultation: Consultation = parseContent(
  `${contentDirLabel}/consultation.json`,
  consultationSchema,
  rawConsultation,
);

/** Which optional parts (initiatives, field visits) the consultation has: `features` in consultation.json. */
export const features = consultation.features;

/** The mission's field visits, in date order; none when the consultation switches visits off. */
export const visits: Visit[] = features.visits ? readVisits() : [];

function readVisits(): Visit[] {
  const file = `${contentDirLabel}/visits.json`;
  if (rawVisits === undefined) {
    throw new Error(
      `${file} is missing: add it (a JSON array of visits), or switch visits off with "features": { "visits": false } in consultation.json.`,
    );
  }
  return parseContent(file, visitsSchema, rawVisits).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}

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

export function parseContent<T>(file: string, schema: z.ZodMiniType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new Error(`Invalid content in ${file}:\n${z.prettifyError(result.error)}\nFix the file and build again.`);
  }
  return result.data;
}
