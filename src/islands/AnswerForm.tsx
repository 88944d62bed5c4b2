/**
 * The answer to one question of a theme: the citizen's text, who they are
 * and where they live. Hydrated on the question page only while the
 * consultation is open.
 */
import { answerInputSchema, BODY_MAX, BODY_MIN } from "../domain/contribution.schema";
import { frForms } from "../domain/messages.fr";
import {
  AuthorFormEnd,
  type AuthorValues,
  authorPayload,
  CommuneFields,
  ContactFields,
  consentIssues,
  emptyAuthor,
  IdentityFields,
  LongTextField,
  summaryItems,
  useCommuneLookup,
} from "./form-kit/author";
import { ErrorSummary } from "./form-kit/ErrorSummary";
import { RequiredNote } from "./form-kit/Field";
import { DraftNotice, SuccessPanel } from "./form-kit/FormChrome";
import { Receipt } from "./form-kit/Receipt";
import { useSubmitForm } from "./form-kit/useSubmitForm";

type AnswerValues = AuthorValues & { body: string };

/** Schema paths in the order of the fields on screen. */
const FIELD_ORDER = ["body", "pseudonym", "profile", "postalCode", "communeCode", "email", "contactConsent"] as const;

/** Props of AnswerForm, given by the question page. */
export interface AnswerFormProps {
  themeId: string;
  questionId: string;
  /** The question as the page shows it; names the form for assistive technologies. */
  questionTitle: string;
}

/** localStorage key of the draft answer to one question. */
export function answerDraftKey(themeId: string, questionId: string): string {
  return `consultation:draft:answer:${themeId}:${questionId}`;
}

/** Form to answer one question; POST /api/contributions. */
export default function AnswerForm({ themeId, questionId, questionTitle }: AnswerFormProps) {
  const formId = `reponse-${questionId}`;
  const form = useSubmitForm<AnswerValues>({
    formId,
    initial: { body: "", ...emptyAuthor },
    endpoint: "/api/contributions",
    schema: answerInputSchema,
    toPayload: (values) => ({ themeId, questionId, body: values.body, ...authorPayload(values) }),
    fieldOrder: FIELD_ORDER,
    draftKey: answerDraftKey(themeId, questionId),
    extraIssues: consentIssues,
  });
  const commune = useCommuneLookup(form);

  if (form.phase === "sent") {
    return (
      <SuccessPanel
        message={frForms.success.answer}
        actionLabel={frForms.writeAnother.answer}
        onAction={form.startOver}
      >
        <Receipt id={`${formId}-recu`} response={form.response} recover={form.resendSent} />
      </SuccessPanel>
    );
  }

  return (
    <form
      className="contribution-form"
      noValidate
      onSubmit={form.submit}
      aria-label={`${frForms.fields.answerBody} : ${questionTitle}`}
    >
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
      <LongTextField
        form={form}
        path="body"
        label={frForms.fields.answerBody}
        hint={frForms.fields.answerBodyHint(BODY_MIN, BODY_MAX)}
        min={BODY_MIN}
        max={BODY_MAX}
        rows={10}
      />
      <fieldset className="form-group">
        <legend>{frForms.fields.aboutYou}</legend>
        <IdentityFields form={form} />
        <CommuneFields form={form} commune={commune.state} onRetry={commune.retry} />
        <ContactFields form={form} />
      </fieldset>
      <AuthorFormEnd formId={formId} form={form} label={frForms.submit.answer} />
    </form>
  );
}
