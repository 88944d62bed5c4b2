/**
 * A reply to a published contribution, with a stance (agree, disagree, a
 * question). Meant for the contribution's permalink page.
 */
import { REPLY_BODY_MAX, REPLY_BODY_MIN, replyInputSchema, stances } from "../domain/contribution.schema";
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
import { ChoiceGroup, RequiredNote } from "./form-kit/Field";
import { DraftNotice, SuccessPanel } from "./form-kit/FormChrome";
import { Receipt } from "./form-kit/Receipt";
import { useSubmitForm } from "./form-kit/useSubmitForm";

type ReplyValues = AuthorValues & { stance: string; body: string };

const FIELD_ORDER = [
  "stance",
  "body",
  "pseudonym",
  "profile",
  "postalCode",
  "communeCode",
  "email",
  "contactConsent",
] as const;

/** Props of ReplyForm, given by the contribution's page. */
export interface ReplyFormProps {
  /** Id of the contribution replied to. */
  parentId: string;
}

/** localStorage key of the draft reply to one contribution. */
export function replyDraftKey(parentId: string): string {
  return `consultation:draft:reply:${parentId}`;
}

/** Form to reply to a contribution; POST /api/contributions with a parentId. */
export default function ReplyForm({ parentId }: ReplyFormProps) {
  const formId = `reponse-a-${parentId}`;
  const form = useSubmitForm<ReplyValues>({
    formId,
    initial: { stance: "", body: "", ...emptyAuthor },
    endpoint: "/api/contributions",
    schema: replyInputSchema,
    toPayload: (values) => ({ parentId, stance: values.stance, body: values.body, ...authorPayload(values) }),
    fieldOrder: FIELD_ORDER,
    draftKey: replyDraftKey(parentId),
    extraIssues: consentIssues,
  });
  const commune = useCommuneLookup(form);

  if (form.phase === "sent") {
    return (
      <SuccessPanel message={frForms.success.reply} actionLabel={frForms.writeAnother.reply} onAction={form.startOver}>
        <Receipt id={`${formId}-recu`} response={form.response} recover={form.resendSent} />
      </SuccessPanel>
    );
  }

  return (
    <form className="contribution-form" noValidate onSubmit={form.submit} aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{frForms.fields.replyForm}</h2>
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
      <ChoiceGroup
        id={form.fieldId("stance")}
        name={`${formId}-stance`}
        legend={frForms.fields.stance}
        error={form.errorFor("stance")}
        choices={stances}
        value={form.values.stance}
        onChange={(value) => form.setField("stance", value)}
      />
      <LongTextField
        form={form}
        path="body"
        label={frForms.fields.replyBody}
        hint={frForms.fields.replyBodyHint(REPLY_BODY_MIN, REPLY_BODY_MAX)}
        min={REPLY_BODY_MIN}
        max={REPLY_BODY_MAX}
        rows={6}
      />
      <fieldset className="form-group">
        <legend>{frForms.fields.aboutYou}</legend>
        <IdentityFields form={form} />
        <CommuneFields form={form} commune={commune.state} onRetry={commune.retry} />
        <ContactFields form={form} />
      </fieldset>
      <AuthorFormEnd formId={formId} form={form} label={frForms.submit.reply} />
    </form>
  );
}
