/**
 * A reply to a published contribution, with a stance (agree, disagree, a
 * question). Meant for the contribution's permalink page.
 */
import { REPLY_BODY_MAX, REPLY_BODY_MIN, replyInputSchema, stances } from "../domain/contribution.schema";
import { frForms } from "../domain/messages.fr";
import {
  type AuthorValues,
  authorPayload,
  CommuneFields,
  ContactFields,
  consentIssues,
  emptyAuthor,
  IdentityFields,
  summaryItems,
  useCommuneLookup,
} from "./form-kit/author";
import { CharacterCounter } from "./form-kit/CharacterCounter";
import { ErrorSummary } from "./form-kit/ErrorSummary";
import { ChoiceGroup, Field, Honeypot } from "./form-kit/Field";
import { DraftNotice, SubmitArea, SuccessPanel } from "./form-kit/FormChrome";
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
    return <SuccessPanel message={frForms.success} actionLabel={frForms.writeAnother} onAction={form.startOver} />;
  }

  const counterId = `${formId}-counter`;
  return (
    <form className="contribution-form" noValidate onSubmit={form.submit} aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{frForms.fields.replyForm}</h2>
      <DraftNotice
        restoredAt={form.draft.restoredAt}
        persistent={form.draft.persistent}
        onDiscard={form.draft.discard}
      />
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
        onBlur={() => form.blurField("stance")}
      />
      <Field
        id={form.fieldId("body")}
        label={frForms.fields.replyBody}
        hint={frForms.fields.replyBodyHint(REPLY_BODY_MIN, REPLY_BODY_MAX)}
        error={form.errorFor("body")}
        describedBy={[counterId]}
        after={<CharacterCounter id={counterId} value={form.values.body} min={REPLY_BODY_MIN} max={REPLY_BODY_MAX} />}
      >
        {(control) => (
          <textarea
            {...control}
            name="body"
            rows={6}
            value={form.values.body}
            onChange={(event) => form.setField("body", event.currentTarget.value)}
            onBlur={() => form.blurField("body")}
          />
        )}
      </Field>
      <fieldset className="form-group">
        <legend>{frForms.fields.aboutYou}</legend>
        <IdentityFields form={form} />
        <CommuneFields form={form} commune={commune.state} onRetry={commune.retry} />
        <ContactFields form={form} />
      </fieldset>
      <Honeypot
        id={form.fieldId("website")}
        value={form.values.website}
        onChange={(value) => form.setField("website", value)}
      />
      <SubmitArea
        id={formId}
        label={frForms.submit.reply}
        hydrated={form.hydrated}
        sending={form.phase === "sending"}
        notice={form.notice}
        canRetry={form.canRetry}
        onRetry={() => form.submit()}
      />
    </form>
  );
}
