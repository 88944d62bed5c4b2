/**
 * The answer to a closed question (single choice, multiple choice, 1–5
 * scale): what POST /api/choice-answers accepts, validated by the same
 * schema in the form and in the function. The question's rules come from the
 * content (consultation.schema.ts); the messages from messages.fr.ts.
 */
// zod/mini: the form carries this schema to the browser, as contribution.schema.ts does.
import * as z from "zod/mini";
import { findQuestion, findTheme, themes } from "./consultation";
import { OTHER_OPTION_ID, type Question, SCALE_MAX, SCALE_MIN } from "./consultation.schema";
import { communeCodeSchema, postalCodeSchema, profileSchema, pseudonymSchema } from "./contribution.schema";
import { fr } from "./messages.fr";
import { codePointLength, maxCodePoints, typedText, visibleText } from "./text";
import type { FieldIssue } from "./validation";

/** Length of the « Autre, précisez » text, in code points. */
export const OTHER_TEXT_MIN = 2;
export const OTHER_TEXT_MAX = 500;

const otherTextMessage = fr.choice.otherText(OTHER_TEXT_MIN, OTHER_TEXT_MAX);

/** What a closed question's answer carries besides its author, before the question's own rules. */
export interface ChoiceValues {
  options?: readonly string[] | undefined;
  scale?: number | undefined;
  otherText?: string | undefined;
}

/**
 * The question's rules for one answer: the right kind of value, known
 * options, one option for a single choice, a text with « Autre » and only
 * with it. The schema's object check runs it; the form runs it as well,
 * since zod runs an object's checks only once every field is valid (see
 * consentIssues in form-kit/author.tsx). Same paths and messages in both.
 */
export function choiceIssues(question: Question, value: ChoiceValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const options = value.options ?? [];
  const otherText = value.otherText ?? "";
  if (question.type === "scale") {
    if (value.scale === undefined || options.length > 0) {
      issues.push({ path: "scale", message: fr.choice.scale(SCALE_MIN, SCALE_MAX) });
    }
    if (otherText !== "") issues.push({ path: "otherText", message: fr.choice.otherTextUnexpected });
    return issues;
  }
  if (question.type === "single" || question.type === "multiple") {
    const known = new Set((question.options ?? []).map((option) => option.id));
    if (question.other) known.add(OTHER_OPTION_ID);
    if (value.scale !== undefined || options.length === 0) {
      issues.push({ path: "options", message: question.type === "single" ? fr.choice.single : fr.choice.multiple });
    } else if (options.some((id) => !known.has(id)) || new Set(options).size !== options.length) {
      issues.push({ path: "options", message: fr.choice.unknownOption });
    } else if (question.type === "single" && options.length > 1) {
      issues.push({ path: "options", message: fr.choice.single });
    }
    const choseOther = options.includes(OTHER_OPTION_ID);
    if (choseOther && otherText === "") issues.push({ path: "otherText", message: otherTextMessage });
    if (!choseOther && otherText !== "") issues.push({ path: "otherText", message: fr.choice.otherTextUnexpected });
    return issues;
  }
  return [{ path: "questionId", message: fr.choice.notClosed }];
}

/** The label of a scale value: its number, and at both ends what the end means. */
export function scaleLabel(value: number, labels: { min: string; max: string } | undefined): string {
  if (value === SCALE_MIN && labels) return `${value} (${labels.min})`;
  if (value === SCALE_MAX && labels) return `${value} (${labels.max})`;
  return String(value);
}

/** Hidden field that humans leave empty (the same rule as the other forms'). */
const honeypotSchema = z.optional(z.string({ error: fr.honeypot }).check(z.maxLength(0, fr.honeypot)));

/** An answer to one closed question of one theme. */
export const choiceAnswerInputSchema = z
  .object(
    {
      themeId: z.string({ error: fr.theme }).check(z.refine((id) => findTheme(id) !== undefined, fr.theme)),
      questionId: z
        .string({ error: fr.question })
        .check(
          z.refine((id) => themes.some((theme) => theme.questions.some((question) => question.id === id)), fr.question),
        ),
      // At most one per declared option, plus « autre »: a longer list cannot be right.
      options: z.optional(
        z
          .array(z.string({ error: fr.choice.unknownOption }), { error: fr.choice.unknownOption })
          .check(z.maxLength(13, fr.choice.unknownOption)),
      ),
      scale: z.optional(
        z
          .int({ error: fr.choice.scale(SCALE_MIN, SCALE_MAX) })
          .check(
            z.gte(SCALE_MIN, fr.choice.scale(SCALE_MIN, SCALE_MAX)),
            z.lte(SCALE_MAX, fr.choice.scale(SCALE_MIN, SCALE_MAX)),
          ),
      ),
      // Empty means none; the object check below says when one is needed.
      otherText: z.optional(
        typedText(otherTextMessage, fr.invalidCharacters).check(
          visibleText(fr.choice.otherTextInvisible),
          maxCodePoints(OTHER_TEXT_MAX, otherTextMessage),
          z.refine((text) => text === "" || codePointLength(text) >= OTHER_TEXT_MIN, otherTextMessage),
        ),
      ),
      pseudonym: pseudonymSchema,
      profile: profileSchema,
      postalCode: postalCodeSchema,
      communeCode: communeCodeSchema,
      website: honeypotSchema,
    },
    { error: fr.payload },
  )
  .check(
    z.superRefine((value, ctx) => {
      if (!findTheme(value.themeId)) return;
      const question = findQuestion(value.themeId, value.questionId);
      if (!question) {
        ctx.addIssue({ code: "custom", path: ["questionId"], message: fr.question });
        return;
      }
      for (const issue of choiceIssues(question, value)) {
        ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
      }
    }),
  );

export type ChoiceAnswerInput = z.infer<typeof choiceAnswerInputSchema>;
