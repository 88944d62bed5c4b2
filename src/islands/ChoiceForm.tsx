/**
 * The answer to one closed question: radio buttons (a single choice or a
 * 1–5 scale) or checkboxes (a multiple choice), « Autre, précisez » when the
 * question offers it, then who answers and where they live (the territory
 * breakdown needs it). Hydrated on the question page only while the
 * consultation is open; counted without moderation.
 */
import {
  choiceAnswerInputSchema,
  choiceIssues,
  OTHER_TEXT_MAX,
  OTHER_TEXT_MIN,
  scaleLabel,
} from "../domain/choice-answer.schema";
import { OTHER_OPTION_ID, type Question, SCALE_MAX, SCALE_MIN } from "../domain/consultation.schema";
import { frForms } from "../domain/messages.fr";
import {
  type AuthorValues,
  CommuneFields,
  emptyAuthor,
  IdentityFields,
  summaryItems,
  useCommuneLookup,
} from "./form-kit/author";
import { ErrorSummary } from "./form-kit/ErrorSummary";
import { CheckboxGroup, ChoiceGroup, Field, Honeypot, RequiredNote } from "./form-kit/Field";
import { DraftNotice, SubmitArea, SuccessPanel } from "./form-kit/FormChrome";
import { useSubmitForm } from "./form-kit/useSubmitForm";

/** The form's values: `choice` is the option id or the scale value; `options` the ticked ids, space-separated. */
type ChoiceFormValues = AuthorValues & { choice: string; options: string; otherText: string };

/** Schema paths in the order of the fields on screen. */
const FIELD_ORDER = ["options", "scale", "otherText", "pseudonym", "profile", "postalCode", "communeCode"] as const;

/** Props of ChoiceForm, given by the question page. */
export interface ChoiceFormProps {
  themeId: string;
  /** The closed question, as the content declares it. */
  question: Question;
}

/** localStorage key of the draft answer to one closed question. */
export function choiceDraftKey(themeId: string, questionId: string): string {
  return `consultation:draft:choice:${themeId}:${questionId}`;
}

/** The options on screen, « Autre » last when the question offers it. */
function choicesOf(question: Question): Record<string, string> {
  if (question.type === "scale") {
    const values: Record<string, string> = {};
    for (let value = SCALE_MIN; value <= SCALE_MAX; value++) {
      values[String(value)] = scaleLabel(value, question.scaleLabels);
    }
    return values;
  }
  const choices = Object.fromEntries((question.options ?? []).map((option) => [option.id, option.label]));
  if (question.other) choices[OTHER_OPTION_ID] = frForms.fields.choiceOther;
  return choices;
}

/** The ids the form has chosen, whatever the question's kind. */
function chosenOptions(question: Question, values: ChoiceFormValues): string[] {
  if (question.type === "multiple") return values.options.split(" ").filter((id) => id !== "");
  if (question.type === "single" && values.choice !== "") return [values.choice];
  return [];
}

/** The payload choiceAnswerInputSchema expects. */
function toPayload(themeId: string, question: Question, values: ChoiceFormValues) {
  const otherText = values.otherText.trim() === "" ? {} : { otherText: values.otherText };
  const answer =
    question.type === "scale"
      ? values.choice === ""
        ? {}
        : { scale: Number(values.choice) }
      : { options: chosenOptions(question, values) };
  return {
    themeId,
    questionId: question.id,
    ...answer,
    ...otherText,
    pseudonym: values.pseudonym,
    profile: values.profile,
    postalCode: values.postalCode,
    communeCode: values.communeCode,
    website: values.website,
  };
}

/** Form to answer one closed question; POST /api/choice-answers. */
export default function ChoiceForm({ themeId, question }: ChoiceFormProps) {
  const formId = `choix-${question.id}`;
  const form = useSubmitForm<ChoiceFormValues>({
    formId,
    initial: { choice: "", options: "", otherText: "", ...emptyAuthor },
    endpoint: "/api/choice-answers",
    schema: choiceAnswerInputSchema,
    toPayload: (values) => toPayload(themeId, question, values),
    fieldOrder: FIELD_ORDER,
    draftKey: choiceDraftKey(themeId, question.id),
    // The question's own rules, before the author fields are right (see choiceIssues).
    extraIssues: (values) => {
      const payload = toPayload(themeId, question, values);
      return choiceIssues(question, payload);
    },
  });
  const commune = useCommuneLookup(form);

  if (form.phase === "sent") return <SuccessPanel message={frForms.success.choice} />;

  const choices = choicesOf(question);
  const answerPath = question.type === "scale" ? "scale" : "options";
  const chosen = chosenOptions(question, form.values);
  const wantsOther = chosen.includes(OTHER_OPTION_ID);
  const hint = question.type === "multiple" ? frForms.fields.choiceMultipleHint : undefined;

  return (
    <form className="contribution-form choice-form" noValidate onSubmit={form.submit} aria-label={question.title}>
      <DraftNotice
        restoredAt={form.draft.restoredAt}
        persistent={form.draft.persistent}
        onDiscard={form.draft.discard}
      />
      <RequiredNote />
      {form.summaryVisible && (
        <ErrorSummary
          id={`${formId}-errors`}
          items={summaryItems(form, commune.state, FIELD_ORDER)}
          focusKey={form.summaryFocusKey}
        />
      )}
      {question.type === "multiple" ? (
        <CheckboxGroup
          id={form.fieldId(answerPath)}
          name="options"
          legend={question.title}
          hint={hint}
          error={form.errorFor(answerPath)}
          choices={choices}
          value={chosen}
          onChange={(ids) => form.setField("options", ids.join(" "))}
        />
      ) : (
        <ChoiceGroup
          id={form.fieldId(answerPath)}
          name="choice"
          legend={question.title}
          hint={question.help}
          error={form.errorFor(answerPath)}
          choices={choices}
          value={form.values.choice}
          onChange={(value) => form.setField("choice", value)}
        />
      )}
      {(wantsOther || form.values.otherText !== "") && (
        <Field
          id={form.fieldId("otherText")}
          label={frForms.fields.choiceOtherText}
          hint={frForms.fields.choiceOtherTextHint(OTHER_TEXT_MIN, OTHER_TEXT_MAX)}
          error={form.errorFor("otherText")}
          optional={!wantsOther}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              name="otherText"
              value={form.values.otherText}
              onChange={(event) => form.setField("otherText", event.currentTarget.value)}
            />
          )}
        </Field>
      )}
      <fieldset className="form-group">
        <legend>{frForms.fields.aboutYou}</legend>
        <IdentityFields form={form} pseudonymHint={frForms.fields.choicePseudonymHint} />
        <CommuneFields form={form} commune={commune.state} onRetry={commune.retry} />
      </fieldset>
      <Honeypot
        id={form.fieldId("website")}
        value={form.values.website}
        onChange={(value) => form.setField("website", value)}
      />
      <SubmitArea
        id={formId}
        label={frForms.submit.choice}
        hydrated={form.hydrated}
        sending={form.phase === "sending"}
        notice={form.notice}
        canRetry={form.canRetry}
        onRetry={() => form.submit()}
      />
    </form>
  );
}
