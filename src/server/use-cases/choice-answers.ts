/**
 * The answer to a closed question: the same steps as a contribution
 * (submissions.ts), with no text to moderate, so it counts at once.
 */
import { choiceAnswerInputSchema } from "../../domain/choice-answer.schema";
import { findQuestion } from "../../domain/consultation";
import { OTHER_OPTION_ID } from "../../domain/consultation.schema";
import { fieldIssues } from "../../domain/validation";
import { saltedHash } from "../hash";
import type { ChoiceOutcome } from "../store/store";
import { type Refused, resolveTerritory, type SubmissionContext } from "./submissions";

export type ChoiceAnswerResult = Refused | ChoiceOutcome;

/** An answer to a single choice, a multiple choice or a scale; the window is checked first. */
export async function submitChoiceAnswer(
  payload: unknown,
  idempotencyKey: string,
  context: SubmissionContext,
): Promise<ChoiceAnswerResult> {
  if (context.windowState !== "open") return { outcome: "closed", state: context.windowState };
  const parsed = choiceAnswerInputSchema.safeParse(payload);
  if (!parsed.success) return { outcome: "invalid", issues: fieldIssues(parsed.error) };
  const input = parsed.data;
  const territory = resolveTerritory(input.postalCode, input.communeCode);
  if (!("communeCode" in territory)) return territory;
  // The schema checked the question exists and the options are its own: store them in the
  // content's order, so that a replay that ticks the same boxes in another order is the same answer.
  const order = [...(findQuestion(input.themeId, input.questionId)?.options ?? []).map((o) => o.id), OTHER_OPTION_ID];
  const chosen = new Set(input.options ?? []);
  return context.store.submitChoiceAnswer({
    idempotencyKey,
    themeId: input.themeId,
    questionId: input.questionId,
    optionIds: order.filter((id) => chosen.has(id)),
    scaleValue: input.scale,
    otherText: input.otherText || undefined,
    pseudonym: input.pseudonym,
    profile: input.profile,
    territory,
    authorHash: saltedHash(context.hashSalt, "ip", context.ip),
  });
}
