/**
 * The fields every authored submission shares (who writes, where, how to
 * reach them), with the postal code → commune lookup.
 */
import { useEffect, useRef, useState } from "react";
import { profiles } from "../../domain/contribution.schema";
import { fr, frForms } from "../../domain/messages.fr";
import type { CommuneIndexEntry } from "../../domain/territory";
import type { FieldIssue } from "../../domain/validation";
import { lookUpCommunes } from "./api";
import { CharacterCounter } from "./CharacterCounter";
import type { SummaryItem } from "./ErrorSummary";
import { CheckboxField, Field, Honeypot } from "./Field";
import { SubmitArea } from "./FormChrome";
import type { FormController } from "./useSubmitForm";

/** The author's fields as the form holds them (strings as typed, before the schema trims them). */
export type AuthorValues = {
  pseudonym: string;
  profile: string;
  postalCode: string;
  communeCode: string;
  email: string;
  contactConsent: boolean;
  /** The honeypot. */
  website: string;
};

export const emptyAuthor: AuthorValues = {
  pseudonym: "",
  profile: "",
  postalCode: "",
  communeCode: "",
  email: "",
  contactConsent: false,
  website: "",
};

/** The author part of a payload, as authorFields in contribution.schema.ts expects it. */
export function authorPayload(values: AuthorValues) {
  return {
    pseudonym: values.pseudonym,
    profile: values.profile,
    postalCode: values.postalCode,
    communeCode: values.communeCode,
    // An empty field means no email: the contract's `email?` is then left out.
    ...(values.email.trim() === "" ? {} : { email: values.email }),
    contactConsent: values.contactConsent,
    website: values.website,
  };
}

/**
 * The schema's own rule "an email needs consent", checked here as well
 * because zod 4 runs an object's refinements only once all of its fields are
 * valid: without this, the consent error would appear only after every other
 * error is fixed, one submit later. Same message as the schema's.
 */
export function consentIssues(values: AuthorValues): FieldIssue[] {
  return values.email.trim() !== "" && !values.contactConsent
    ? [{ path: "contactConsent", message: fr.consentRequired }]
    : [];
}

/** Where the postal code → commune lookup stands. */
export type CommuneState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "one"; commune: CommuneIndexEntry }
  | { kind: "several"; communes: CommuneIndexEntry[] }
  | { kind: "none" }
  | { kind: "error" };

const POSTAL_CODE = /^\d{5}$/;

/**
 * Looks up the communes of the postal code once it has 5 digits, and keeps
 * communeCode consistent with the answer: chosen when there is one commune,
 * kept when still in the list, emptied otherwise. Typing is never blocked:
 * the lookup runs beside the input, and a newer postal code wins over an
 * older answer.
 */
export function useCommuneLookup<V extends AuthorValues>(
  form: FormController<V>,
): {
  state: CommuneState;
  retry(): void;
} {
  const formRef = useRef(form);
  formRef.current = form;
  const postalCode = form.values.postalCode.trim();
  const [state, setState] = useState<CommuneState>({ kind: "idle" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the "Réessayer la recherche" trigger.
  useEffect(() => {
    const { getValues, setField } = formRef.current;
    const setCommune = (code: string) => {
      if (getValues().communeCode !== code) setField("communeCode", code);
    };
    if (!POSTAL_CODE.test(postalCode)) {
      setState({ kind: "idle" });
      // Read the latest values: a draft restored in this same commit brings
      // its own postal code and commune, which must survive this first run.
      if (!POSTAL_CODE.test(getValues().postalCode.trim())) setCommune("");
      return;
    }
    let stale = false;
    setState({ kind: "loading" });
    // The commune chosen so far may belong to the previous postal code: it is
    // not sent while the new list loads, and comes back if the list has it
    // (a restored draft, a digit typed and corrected).
    const candidate = getValues().communeCode;
    setCommune("");
    void lookUpCommunes(postalCode).then((result) => {
      if (stale || getValues().postalCode.trim() !== postalCode) return;
      if (result.kind === "error") {
        setState({ kind: "error" });
      } else if (result.kind === "none") {
        setState({ kind: "none" });
      } else if (result.communes.length === 1 && result.communes[0]) {
        setState({ kind: "one", commune: result.communes[0] });
        setCommune(result.communes[0].code);
      } else {
        setState({ kind: "several", communes: result.communes });
        if (result.communes.some((commune) => commune.code === candidate)) setCommune(candidate);
      }
    });
    return () => {
      stale = true;
    };
  }, [postalCode, attempt]);

  return { state, retry: () => setAttempt((count) => count + 1) };
}

/** What to say about a missing commune when there is no list to choose from. */
function communeMessage(state: CommuneState, message: string): string {
  switch (state.kind) {
    case "none":
      return fr.unknownPostalCode;
    case "error":
      return frForms.commune.unavailable;
    case "loading":
      return frForms.commune.stillLoading;
    default:
      return message;
  }
}

/**
 * The error summary's items for a form with author fields: a commune error
 * points at the postal code when there is no commune list on screen (and is
 * left out when the postal code has its own error); paths without a field
 * (a theme, the whole payload) are listed without a link.
 */
export function summaryItems<V extends AuthorValues>(
  form: FormController<V>,
  commune: CommuneState,
  fieldPaths: readonly string[],
): SummaryItem[] {
  const postalCodeHasIssue = form.issues.some((issue) => issue.path === "postalCode");
  return form.issues.flatMap((issue): SummaryItem[] => {
    if (issue.path === "communeCode" && commune.kind !== "several") {
      if (postalCodeHasIssue) return [];
      return [{ ...issue, message: communeMessage(commune, issue.message), target: form.fieldId("postalCode") }];
    }
    return [{ ...issue, target: fieldPaths.includes(issue.path) ? form.fieldId(issue.path) : undefined }];
  });
}

/** Pseudonym and profile; `pseudonymHint` replaces the hint where the pseudonym is not published. */
export function IdentityFields<V extends AuthorValues>({
  form,
  pseudonymHint,
}: {
  form: FormController<V>;
  pseudonymHint?: string;
}) {
  const text = frForms.fields;
  return (
    <>
      <Field
        id={form.fieldId("pseudonym")}
        label={text.pseudonym}
        hint={pseudonymHint ?? text.pseudonymHint}
        error={form.errorFor("pseudonym")}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            name="pseudonym"
            autoComplete="nickname"
            spellCheck={false}
            value={form.values.pseudonym}
            onChange={(event) => form.setField("pseudonym", event.currentTarget.value)}
          />
        )}
      </Field>
      <Field id={form.fieldId("profile")} label={text.profile} error={form.errorFor("profile")}>
        {(control) => (
          <select
            {...control}
            name="profile"
            value={form.values.profile}
            onChange={(event) => form.setField("profile", event.currentTarget.value)}
          >
            <option value="">{text.profilePlaceholder}</option>
            {Object.entries(profiles).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

/** Postal code, then the commune: announced when there is one, a list when there are several. */
export function CommuneFields<V extends AuthorValues>({
  form,
  commune,
  onRetry,
}: {
  form: FormController<V>;
  commune: CommuneState;
  onRetry(): void;
}) {
  const text = frForms.fields;
  const statusId = form.fieldId("commune-status");
  const communeError = form.errorFor("communeCode");
  // Without a list on screen, a commune error belongs to the postal code.
  const postalCodeError =
    form.errorFor("postalCode") ??
    (commune.kind !== "several" && communeError ? communeMessage(commune, communeError) : undefined);
  // The lookup answers in the status line under the field, whose line is kept even when empty: a
  // one-line answer arriving as the citizen reaches for the submit button moves nothing. An unknown
  // postal code is said there at once, and becomes the field's error with the others on submit.
  const status = {
    idle: "",
    loading: frForms.commune.loading,
    one: commune.kind === "one" ? frForms.commune.found(commune.commune.nom) : "",
    several: commune.kind === "several" ? frForms.commune.several(commune.communes.length) : "",
    none: postalCodeError ? "" : fr.unknownPostalCode,
    error: frForms.commune.unavailable,
  }[commune.kind];
  const problem = commune.kind === "none" || commune.kind === "error";

  return (
    <>
      <Field
        id={form.fieldId("postalCode")}
        label={text.postalCode}
        hint={text.postalCodeHint}
        error={postalCodeError}
        describedBy={[statusId]}
        after={
          <>
            <p
              className={problem ? "form-status commune-status commune-status-problem" : "form-status commune-status"}
              id={statusId}
              role="status"
              aria-live="polite"
            >
              {status}
            </p>
            {commune.kind === "error" && (
              <button type="button" className="button button-secondary button-small" onClick={onRetry}>
                {frForms.commune.retry}
              </button>
            )}
          </>
        }
      >
        {(control) => (
          <input
            {...control}
            type="text"
            name="postalCode"
            inputMode="numeric"
            autoComplete="postal-code"
            className="input-short"
            value={form.values.postalCode}
            onChange={(event) => form.setField("postalCode", event.currentTarget.value)}
          />
        )}
      </Field>
      {commune.kind === "several" && (
        <Field id={form.fieldId("communeCode")} label={text.commune} error={communeError}>
          {(control) => (
            <select
              {...control}
              name="communeCode"
              value={form.values.communeCode}
              onChange={(event) => form.setField("communeCode", event.currentTarget.value)}
            >
              <option value="">{text.communePlaceholder}</option>
              {commune.communes.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.nom}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  );
}

/** Optional email, and the consent that must go with it. */
export function ContactFields<V extends AuthorValues>({ form }: { form: FormController<V> }) {
  const text = frForms.fields;
  return (
    <>
      <Field
        id={form.fieldId("email")}
        label={text.email}
        hint={text.emailHint}
        error={form.errorFor("email")}
        optional
      >
        {(control) => (
          <input
            {...control}
            type="email"
            name="email"
            autoComplete="email"
            spellCheck={false}
            value={form.values.email}
            onChange={(event) => form.setField("email", event.currentTarget.value)}
          />
        )}
      </Field>
      <CheckboxField
        id={form.fieldId("contactConsent")}
        label={text.consent}
        hint={text.consentHint}
        error={form.errorFor("contactConsent")}
        checked={form.values.contactConsent}
        onChange={(checked) => form.setField("contactConsent", checked)}
      />
    </>
  );
}

/** Props of LongTextField. */
export interface LongTextFieldProps<V extends AuthorValues, K extends keyof V & string> {
  form: FormController<V>;
  /** The schema path of the text, e.g. "body" or "description". */
  path: K;
  label: string;
  hint: string;
  min: number;
  max: number;
  rows: number;
}

/** The citizen's long text: a textarea with its character counter, linked by aria-describedby. */
export function LongTextField<V extends AuthorValues & Record<K, string>, K extends keyof V & string>({
  form,
  path,
  label,
  hint,
  min,
  max,
  rows,
}: LongTextFieldProps<V, K>) {
  const id = form.fieldId(path);
  const counterId = `${id}-counter`;
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      error={form.errorFor(path)}
      describedBy={[counterId]}
      after={<CharacterCounter id={counterId} value={form.values[path]} min={min} max={max} />}
    >
      {(control) => (
        <textarea
          {...control}
          name={path}
          rows={rows}
          value={form.values[path]}
          onChange={(event) => form.setField(path, event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** The end of every authored form: the honeypot, then the submit button, its status and « Réessayer ». */
export function AuthorFormEnd<V extends AuthorValues>({
  formId,
  form,
  label,
}: {
  formId: string;
  form: FormController<V>;
  label: string;
}) {
  return (
    <>
      <Honeypot
        id={form.fieldId("website")}
        value={form.values.website}
        onChange={(value) => form.setField("website", value)}
      />
      <SubmitArea
        id={formId}
        label={label}
        hydrated={form.hydrated}
        sending={form.phase === "sending"}
        notice={form.notice}
        canRetry={form.canRetry}
        onRetry={() => form.submit()}
      />
    </>
  );
}
