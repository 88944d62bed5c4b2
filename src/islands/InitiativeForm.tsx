/**
 * Makes an existing place or project known: a coworking space, a
 * tiers-lieu, a fablab… The postal code and commune here say where the
 * place is.
 */
import {
  INITIATIVE_DESCRIPTION_MAX,
  INITIATIVE_DESCRIPTION_MIN,
  initiativeInputSchema,
  initiativeKinds,
} from "../domain/contribution.schema";
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
import { Field, RequiredNote } from "./form-kit/Field";
import { DraftNotice, SuccessPanel } from "./form-kit/FormChrome";
import { Receipt } from "./form-kit/Receipt";
import { useSubmitForm } from "./form-kit/useSubmitForm";

type InitiativeValues = AuthorValues & {
  name: string;
  kind: string;
  description: string;
  url: string;
  openingYear: string;
};

const FIELD_ORDER = [
  "name",
  "kind",
  "description",
  "url",
  "openingYear",
  "postalCode",
  "communeCode",
  "pseudonym",
  "profile",
  "email",
  "contactConsent",
] as const;

/** localStorage key of the draft initiative (one at a time per browser). */
export const INITIATIVE_DRAFT_KEY = "consultation:draft:initiative";

const FORM_ID = "initiative";

function toPayload(values: InitiativeValues) {
  const url = values.url.trim();
  const openingYear = values.openingYear.trim();
  return {
    name: values.name,
    kind: values.kind,
    description: values.description,
    ...(url === "" ? {} : { url }),
    // "2016" becomes 2016; anything else becomes NaN, which the schema refuses with its own message.
    ...(openingYear === "" ? {} : { openingYear: /^\d+$/.test(openingYear) ? Number(openingYear) : Number.NaN }),
    ...authorPayload(values),
  };
}

/** Form to make an initiative known; POST /api/initiatives. */
export default function InitiativeForm() {
  const form = useSubmitForm<InitiativeValues>({
    formId: FORM_ID,
    initial: { name: "", kind: "", description: "", url: "", openingYear: "", ...emptyAuthor },
    endpoint: "/api/initiatives",
    schema: initiativeInputSchema,
    toPayload,
    fieldOrder: FIELD_ORDER,
    draftKey: INITIATIVE_DRAFT_KEY,
    extraIssues: consentIssues,
  });
  const commune = useCommuneLookup(form);
  const text = frForms.fields;

  if (form.phase === "sent") {
    return (
      <SuccessPanel
        message={frForms.success.initiative}
        actionLabel={frForms.writeAnother.initiative}
        onAction={form.startOver}
      >
        <Receipt id={`${FORM_ID}-recu`} response={form.response} recover={form.resendSent} />
      </SuccessPanel>
    );
  }

  return (
    <form className="contribution-form" noValidate onSubmit={form.submit} aria-label={text.initiativeForm}>
      <DraftNotice
        restoredAt={form.draft.restoredAt}
        persistent={form.draft.persistent}
        onDiscard={form.draft.discard}
      />
      <RequiredNote />
      {form.summaryVisible && (
        <ErrorSummary
          id={`${FORM_ID}-errors`}
          items={summaryItems(form, commune.state, FIELD_ORDER)}
          focusKey={form.summaryFocusKey}
        />
      )}
      <Field id={form.fieldId("name")} label={text.initiativeName} error={form.errorFor("name")}>
        {(control) => (
          <input
            {...control}
            type="text"
            name="name"
            autoComplete="organization"
            value={form.values.name}
            onChange={(event) => form.setField("name", event.currentTarget.value)}
          />
        )}
      </Field>
      <Field id={form.fieldId("kind")} label={text.initiativeKind} error={form.errorFor("kind")}>
        {(control) => (
          <select
            {...control}
            name="kind"
            value={form.values.kind}
            onChange={(event) => form.setField("kind", event.currentTarget.value)}
          >
            <option value="">{text.initiativeKindPlaceholder}</option>
            {Object.entries(initiativeKinds).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <LongTextField
        form={form}
        path="description"
        label={text.initiativeDescription}
        hint={text.initiativeDescriptionHint(INITIATIVE_DESCRIPTION_MIN, INITIATIVE_DESCRIPTION_MAX)}
        min={INITIATIVE_DESCRIPTION_MIN}
        max={INITIATIVE_DESCRIPTION_MAX}
        rows={6}
      />
      <Field
        id={form.fieldId("url")}
        label={text.initiativeUrl}
        hint={text.initiativeUrlHint}
        error={form.errorFor("url")}
        optional
      >
        {(control) => (
          <input
            {...control}
            type="url"
            name="url"
            autoComplete="url"
            spellCheck={false}
            value={form.values.url}
            onChange={(event) => form.setField("url", event.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        id={form.fieldId("openingYear")}
        label={text.initiativeOpeningYear}
        hint={text.initiativeOpeningYearHint}
        error={form.errorFor("openingYear")}
        optional
      >
        {(control) => (
          <input
            {...control}
            type="text"
            name="openingYear"
            inputMode="numeric"
            className="input-short"
            value={form.values.openingYear}
            onChange={(event) => form.setField("openingYear", event.currentTarget.value)}
          />
        )}
      </Field>
      <fieldset className="form-group">
        <legend>{text.initiativeWhere}</legend>
        <CommuneFields form={form} commune={commune.state} onRetry={commune.retry} />
      </fieldset>
      <fieldset className="form-group">
        <legend>{text.aboutYou}</legend>
        <IdentityFields form={form} />
        <ContactFields form={form} />
      </fieldset>
      <AuthorFormEnd formId={FORM_ID} form={form} label={frForms.submit.initiative} />
    </form>
  );
}
