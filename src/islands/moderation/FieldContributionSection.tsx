/**
 * « Saisir une contribution reçue hors du site »: a moderator types an
 * answer the team received on paper at a field visit, by post or by e-mail,
 * with its origin. The fields, their checks and their French messages are
 * the citizen form's (form-kit, and the answer schema the server applies
 * too); the request goes through the moderator's `call`, with a key drawn
 * once per entry and sent again on a retry, so that a double click or a
 * retry after a timeout enters it once.
 *
 * « Publier dès l'enregistrement » is ticked by default: whoever types a
 * letter has read it. Unticked, the entry waits in the pending queue for a
 * colleague. After an entry the form empties but keeps its origin, for the
 * next sheet of the same pile.
 */
import { useCallback, useRef, useState } from "react";
import { consultation, visits } from "../../domain/consultation";
import { isClosedQuestion } from "../../domain/consultation.schema";
import { BODY_MAX, BODY_MIN } from "../../domain/contribution.schema";
import {
  type FieldOriginKind,
  fieldContributionResponseSchema,
  fieldEntryOrder,
  fieldOriginKinds,
  parseFieldEntry,
} from "../../domain/field-contributions";
import { formatDayRange } from "../../domain/format";
import type { FieldIssue } from "../../domain/validation";
import {
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
} from "../form-kit/author";
import { ErrorSummary } from "../form-kit/ErrorSummary";
import { CheckboxField, ChoiceGroup, Field, RequiredNote } from "../form-kit/Field";
import { StatusRegion } from "../form-kit/StatusRegion";
import type { FormController, Phase } from "../form-kit/useSubmitForm";
import { type AdminCall, describeAdminFailure } from "./admin-api";

export const fieldEntryText = {
  title: "Saisir une contribution reçue hors du site",
  intro:
    "Pour une contribution reçue sur papier lors d'une visite de terrain, par courrier ou par courriel : recopiez-la telle qu'elle a été écrite. Elle est vérifiée comme celles du site (longueurs, commune, question), et le journal de modération garde votre nom.",
  origin: "Comment la contribution a-t-elle été reçue ?",
  event: "Visite de terrain",
  eventPlaceholder: "Choisissez la visite",
  question: "Question à laquelle elle répond",
  questionPlaceholder: "Choisissez la question",
  body: "Texte de la contribution",
  bodyHint: "Recopiez le texte en entier, sans le résumer ni le corriger sur le fond.",
  pseudonymHint:
    "Le nom sous lequel elle sera publiée : celui que la personne a choisi, ou ses initiales ; jamais son nom complet sans son accord.",
  publishNow: "Publier dès l'enregistrement",
  publishNowHint: "Décochez pour la laisser en attente dans la file de modération, qu'un autre modérateur la relise.",
  submit: "Enregistrer la contribution",
  sending: "Enregistrement en cours…",
  published: (pseudonym: string, rebuild: string) =>
    `Contribution de ${pseudonym} enregistrée et publiée. ${rebuild}`.trim(),
  pending: (pseudonym: string) => `Contribution de ${pseudonym} enregistrée : elle attend dans la file de modération.`,
  replayed: (pseudonym: string) =>
    `La contribution de ${pseudonym} était déjà enregistrée : elle ne l'a pas été deux fois.`,
} as const;
const text = fieldEntryText;
const FORM_ID = "saisie-terrain";

type FieldValues = AuthorValues & {
  originKind: string;
  eventId: string;
  /** `${themeId}/${questionId}`: one select for both. */
  question: string;
  body: string;
  publishNow: boolean;
};

const emptyEntry = (origin: Pick<FieldValues, "originKind" | "eventId"> = { originKind: "", eventId: "" }) => ({
  ...emptyAuthor,
  ...origin,
  question: "",
  body: "",
  publishNow: true,
});

/** The origins this consultation offers: a visit only when its content has an agenda. */
const origins = Object.fromEntries(
  Object.entries(fieldOriginKinds).filter(([kind]) => kind !== "event" || visits.length > 0),
) as Record<FieldOriginKind, string>;

/** The open questions, by theme: closed ones are answered by choosing, on the site. */
const openQuestions = consultation.themes.map((theme) => ({
  theme,
  questions: theme.questions.filter((question) => !isClosedQuestion(question)),
}));

function toPayload(values: FieldValues, idempotencyKey: string) {
  const [themeId = "", questionId = ""] = values.question.split("/");
  return {
    originKind: values.originKind,
    ...(values.originKind === "event" ? { eventId: values.eventId } : {}),
    themeId,
    questionId,
    body: values.body,
    ...authorPayload(values),
    publishNow: values.publishNow,
    idempotencyKey,
  };
}

/** The issues the server would name, found before sending (same checks, same messages). */
function localIssues(values: FieldValues, key: string): FieldIssue[] {
  const parsed = parseFieldEntry(toPayload(values, key));
  const issues = parsed.ok ? [] : parsed.issues;
  for (const extra of consentIssues(values)) if (!issues.some((issue) => issue.path === extra.path)) issues.push(extra);
  return issues;
}

/** Props of FieldContributionSection. */
export interface FieldContributionSectionProps {
  call: AdminCall;
}

/** The entry form, with its status line; everything it says is in French for the mission team. */
export function FieldContributionSection({ call }: FieldContributionSectionProps) {
  const [values, setValues] = useState<FieldValues>(() => emptyEntry());
  const valuesRef = useRef(values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summaryFocusKey, setSummaryFocusKey] = useState(0);
  const [phase, setPhase] = useState<Phase>("editing");
  const [status, setStatus] = useState("");
  const [failed, setFailed] = useState(false);
  // One key per entry: kept across retries (a timeout may have written the row), new after an answer.
  const keyRef = useRef<string>(crypto.randomUUID());
  const sendingRef = useRef(false);

  const setField = useCallback((path: string, value: string | boolean) => {
    valuesRef.current = { ...valuesRef.current, [path]: value };
    setValues(valuesRef.current);
    // An error goes as soon as its field changes; the question select carries both ids.
    setErrors((previous) => {
      const cleared = path === "question" ? ["question", "themeId", "questionId"] : [path];
      if (!cleared.some((name) => name in previous)) return previous;
      return Object.fromEntries(Object.entries(previous).filter(([name]) => !cleared.includes(name)));
    });
  }, []);

  const showIssues = (issues: FieldIssue[]) => {
    setErrors(Object.fromEntries(issues.map((issue) => [issue.path, issue.message])));
    setSummaryFocusKey((key) => key + 1);
  };

  async function send() {
    const entered = valuesRef.current;
    sendingRef.current = true;
    setPhase("sending");
    setFailed(false);
    setStatus(text.sending);
    const result = await call(
      "POST",
      "/api/admin/field-contributions",
      fieldContributionResponseSchema,
      toPayload(entered, keyRef.current),
    );
    sendingRef.current = false;
    if (result.kind === "ok") {
      const { pseudonym } = entered;
      const { data } = result;
      keyRef.current = crypto.randomUUID();
      valuesRef.current = emptyEntry({ originKind: entered.originKind, eventId: entered.eventId });
      setValues(valuesRef.current);
      setErrors({});
      setPhase("editing");
      setStatus(
        data.replayed
          ? text.replayed(pseudonym.trim())
          : data.status === "published"
            ? text.published(pseudonym.trim(), data.rebuild?.message ?? "")
            : text.pending(pseudonym.trim()),
      );
      return;
    }
    // Only an answer proving nothing was written frees the key (a refusal); a timeout or a 5xx keeps it.
    if (result.kind === "invalid" || result.kind === "refused") keyRef.current = crypto.randomUUID();
    if (result.kind === "invalid") {
      showIssues(result.issues.map((issue) => (issue.path === "themeId" ? { ...issue, path: "questionId" } : issue)));
      setStatus("");
      setPhase("editing");
      return;
    }
    setFailed(true);
    setStatus(describeAdminFailure(result, "save"));
    setPhase("failed");
  }

  function submit(event?: { preventDefault(): void }) {
    event?.preventDefault();
    if (sendingRef.current) return setStatus(text.sending);
    const issues = localIssues(valuesRef.current, keyRef.current).map((issue) =>
      issue.path === "themeId" ? { ...issue, path: "questionId" } : issue,
    );
    if (issues.length > 0) {
      showIssues(issues);
      setStatus("");
      return;
    }
    void send();
  }

  const rank = (path: string) => {
    const index = (fieldEntryOrder as readonly string[]).indexOf(path);
    return index === -1 ? fieldEntryOrder.length : index;
  };
  const issues = Object.entries(errors)
    .map(([path, message]) => ({ path, message }))
    .sort((a, b) => rank(a.path) - rank(b.path));

  // The form-kit fields take a FormController: this one is the section's own state.
  const form: FormController<FieldValues> = {
    values,
    phase,
    hydrated: true,
    fieldId: (path) => `${FORM_ID}-${path}`,
    errorFor: (path) => errors[path],
    setField,
    getValues: () => valuesRef.current,
    submit,
    issues,
    summaryFocusKey,
    summaryVisible: issues.length > 0,
    notice: status,
    canRetry: phase === "failed",
    response: undefined,
    draft: { restoredAt: undefined, persistent: false, discard: () => {} },
    startOver: () => {
      valuesRef.current = emptyEntry();
      setValues(valuesRef.current);
    },
  };
  const commune = useCommuneLookup(form);
  const fieldPaths = fieldEntryOrder.filter((path) => path !== "themeId" && path !== "idempotencyKey");

  return (
    <section className="mod-field-entry">
      <h2 id={`${FORM_ID}-titre`}>{text.title}</h2>
      <p className="prose">{text.intro}</p>
      <form noValidate onSubmit={submit} aria-labelledby={`${FORM_ID}-titre`}>
        <RequiredNote />
        <ErrorSummary
          id={`${FORM_ID}-erreurs`}
          items={summaryItems(form, commune.state, fieldPaths)}
          focusKey={summaryFocusKey}
        />
        <ChoiceGroup
          id={form.fieldId("originKind")}
          name="originKind"
          legend={text.origin}
          error={errors.originKind}
          choices={origins}
          value={values.originKind}
          onChange={(kind) => setField("originKind", kind)}
        />
        {values.originKind === "event" ? (
          <Field id={form.fieldId("eventId")} label={text.event} error={errors.eventId}>
            {(control) => (
              <select
                {...control}
                name="eventId"
                value={values.eventId}
                onChange={(event) => setField("eventId", event.currentTarget.value)}
              >
                <option value="">{text.eventPlaceholder}</option>
                {visits.map((visit) => (
                  <option key={visit.id} value={visit.id}>
                    {`${visit.title} (${visit.locality}, ${formatDayRange(visit.startsOn, visit.endsOn)})`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field id={form.fieldId("questionId")} label={text.question} error={errors.questionId}>
          {(control) => (
            <select
              {...control}
              name="question"
              value={values.question}
              onChange={(event) => setField("question", event.currentTarget.value)}
            >
              <option value="">{text.questionPlaceholder}</option>
              {openQuestions.map(({ theme, questions }) =>
                questions.length === 0 ? null : (
                  <optgroup key={theme.id} label={theme.title}>
                    {questions.map((question) => (
                      <option key={question.id} value={`${theme.id}/${question.id}`}>
                        {question.title}
                      </option>
                    ))}
                  </optgroup>
                ),
              )}
            </select>
          )}
        </Field>
        <LongTextField
          form={form}
          path="body"
          label={text.body}
          hint={text.bodyHint}
          min={BODY_MIN}
          max={BODY_MAX}
          rows={8}
        />
        <IdentityFields form={form} pseudonymHint={text.pseudonymHint} />
        <CommuneFields form={form} commune={commune.state} onRetry={commune.retry} />
        <ContactFields form={form} />
        <CheckboxField
          id={form.fieldId("publishNow")}
          label={text.publishNow}
          hint={text.publishNowHint}
          error={errors.publishNow}
          checked={values.publishNow}
          onChange={(checked) => setField("publishNow", checked)}
        />
        <button type="submit" className="button" aria-disabled={phase === "sending" ? true : undefined}>
          {text.submit}
        </button>
        <StatusRegion
          id={`${FORM_ID}-status`}
          message={status}
          className={failed ? "form-status-failure" : undefined}
        />
      </form>
    </section>
  );
}
