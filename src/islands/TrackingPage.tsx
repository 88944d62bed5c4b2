/**
 * The tracking page (/suivi/): reads the secret from the address's fragment
 * (never sent to the server by the browser, never in a Referer), asks
 * POST /api/suivi with the secret in the body, and shows the state of what
 * was sent: pending (with « Corriger » and « Retirer mon envoi »),
 * published (with its permalink), rejected (with the reason). Without a
 * fragment, a field takes a link pasted or typed from a printed receipt.
 */
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { findQuestion, findTheme } from "../domain/consultation";
import {
  BODY_MAX,
  BODY_MIN,
  INITIATIVE_DESCRIPTION_MAX,
  INITIATIVE_DESCRIPTION_MIN,
  initiativeKindLabel,
  initiativeKinds,
  REPLY_BODY_MAX,
  REPLY_BODY_MIN,
  stances,
} from "../domain/contribution.schema";
import { formatFrenchDate } from "../domain/french-date";
import { frForms } from "../domain/messages.fr";
import {
  correctionSchemaFor,
  frTracking,
  secretFrom,
  TRACKING_ENDPOINT,
  type TrackedSubmission,
  trackingBody,
  withdrawnBody,
} from "../domain/tracking";
import { type ApiResult, postJson } from "./form-kit/api";
import { CharacterCounter } from "./form-kit/CharacterCounter";
import { ErrorSummary } from "./form-kit/ErrorSummary";
import { ChoiceGroup, ErrorMessage, Field, RequiredNote } from "./form-kit/Field";
import { SubmitArea } from "./form-kit/FormChrome";
import { describeFailure } from "./form-kit/outcome";
import { StatusRegion, useAnnouncement } from "./form-kit/StatusRegion";
import { type FormController, useSubmitForm } from "./form-kit/useSubmitForm";

const text = frTracking.page;
const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short" });
const formatDate = (iso: string) => formatFrenchDate(dateFormat, new Date(iso));

type View =
  | { kind: "ask"; error?: string | undefined }
  | { kind: "loading" }
  | { kind: "found"; submission: TrackedSubmission; notice?: string | undefined }
  | { kind: "not-found"; message: string }
  | { kind: "withdrawn"; contactErased: boolean }
  | { kind: "failed"; message: string };

/** The secret in the address's fragment, if it holds one. */
function secretInAddress(): string | undefined {
  return window.location.hash.length > 1 ? secretFrom(window.location.hash) : undefined;
}

/** What a refusal says: the API's French sentence, else the forms' own. */
function failureMessage(result: Exclude<ApiResult<unknown>, { kind: "ok" }>): string {
  return describeFailure(result, false);
}

export default function TrackingPage() {
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const [view, setView] = useState<View>({ kind: "loading" });
  const headingRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async (next: string | undefined) => {
    setSecret(next);
    if (!next) {
      setView({ kind: "ask" });
      return;
    }
    setView({ kind: "loading" });
    const result = await postJson(TRACKING_ENDPOINT, { secret: next });
    if (result.kind === "ok") {
      const parsed = trackingBody.safeParse(result.data);
      setView(
        parsed.success
          ? { kind: "found", submission: parsed.data.submission }
          : { kind: "failed", message: frForms.failure.unavailable },
      );
    } else if (result.kind === "refused" && result.status === 404) {
      setView({ kind: "not-found", message: result.message ?? frForms.failure.notFound });
    } else {
      setView({ kind: "failed", message: failureMessage(result) });
    }
  }, []);

  const secretRef = useRef<string | undefined>(undefined);
  secretRef.current = secret;
  useEffect(() => {
    void load(secretInAddress());
    // Another link opened on this page; the same one again (or no change) is not read twice.
    const onHashChange = () => {
      const next = secretInAddress();
      if (next && next !== secretRef.current) void load(next);
    };
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, [load]);

  // A new state is announced by moving the focus to its heading (not on the first load).
  const firstView = useRef(true);
  useEffect(() => {
    if (view.kind === "loading") return;
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [view]);

  switch (view.kind) {
    case "loading":
      return <p className="meta">{text.loading}</p>;
    case "ask":
    case "not-found":
      return (
        <AskForLink
          headingRef={headingRef}
          message={view.kind === "not-found" ? view.message : undefined}
          error={view.kind === "ask" ? view.error : undefined}
          onOpen={(value) => {
            const found = secretFrom(value);
            if (!found) {
              setView({ kind: "ask", error: text.fieldInvalid });
              return;
            }
            // In the fragment, as a link opens it: a reload finds it again, and it still never leaves the browser.
            window.history.replaceState(null, "", `#${found}`);
            void load(found);
          }}
        />
      );
    case "failed":
      return (
        <div className="form-notice form-notice-warning">
          <h2 ref={headingRef} tabIndex={-1}>
            {text.askTitle}
          </h2>
          <p>{view.message}</p>
          <button type="button" className="button button-secondary" onClick={() => void load(secret)}>
            {frForms.retry}
          </button>
        </div>
      );
    case "withdrawn":
      return (
        <div className="form-success" role="status">
          <h2 ref={headingRef} tabIndex={-1}>
            {text.status.withdrawn}
          </h2>
          <p>{text.withdrawn}</p>
          {view.contactErased && <p>{text.withdrawnContact}</p>}
        </div>
      );
    case "found":
      return (
        <Tracked
          headingRef={headingRef}
          secret={secret ?? ""}
          submission={view.submission}
          notice={view.notice}
          onChange={(submission, notice) => setView({ kind: "found", submission, notice })}
          onWithdrawn={(contactErased) => setView({ kind: "withdrawn", contactErased })}
        />
      );
  }
}

function AskForLink({
  headingRef,
  message,
  error,
  onOpen,
}: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  message: string | undefined;
  error: string | undefined;
  onOpen(value: string): void;
}) {
  const [value, setValue] = useState("");
  const id = "suivi-lien";
  return (
    <form
      className="contribution-form"
      noValidate
      aria-labelledby="suivi-demande"
      onSubmit={(event) => {
        event.preventDefault();
        onOpen(value);
      }}
    >
      <h2 id="suivi-demande" ref={headingRef} tabIndex={-1}>
        {text.askTitle}
      </h2>
      {message && <p className="form-notice form-notice-warning">{message}</p>}
      <p>{text.ask}</p>
      <Field id={id} label={text.field} hint={text.fieldHint} error={error}>
        {(control) => (
          <input
            {...control}
            type="text"
            name="lien"
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button">
          {text.open}
        </button>
      </div>
    </form>
  );
}

function statusLabel(submission: TrackedSubmission): string {
  if (submission.status === "pending" && !submission.editable) return text.status.review;
  return text.status[submission.status];
}

function Tracked({
  headingRef,
  secret,
  submission,
  notice,
  onChange,
  onWithdrawn,
}: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  secret: string;
  submission: TrackedSubmission;
  notice: string | undefined;
  onChange(submission: TrackedSubmission, notice?: string): void;
  onWithdrawn(contactErased: boolean): void;
}) {
  const [mode, setMode] = useState<"view" | "correct" | "withdraw">("view");
  const theme = submission.themeId ? findTheme(submission.themeId) : undefined;
  const question =
    submission.themeId && submission.questionId ? findQuestion(submission.themeId, submission.questionId) : undefined;

  return (
    <article className="tracking-submission" aria-labelledby="suivi-etat">
      <p className="meta">{text.kind[submission.kind]}</p>
      <h2 id="suivi-etat" ref={headingRef} tabIndex={-1}>
        {statusLabel(submission)}
      </h2>
      <div className={`tracking-status tracking-status-${submission.status}`}>
        <p className="meta">{text.submittedAt(formatDate(submission.submittedAt))}</p>
        {submission.status === "pending" && <p>{submission.editable ? text.pendingExplain : text.reviewExplain}</p>}
        {submission.status === "published" && (
          <>
            <p>{text.publishedExplain}</p>
            {submission.permalink && (
              <p>
                <a href={submission.permalink}>{text.publishedLink}</a>{" "}
                <span className="meta">{text.publishedLater}</span>
              </p>
            )}
            {submission.response && (
              <div className="official-response">
                <h3 className="official-response-title">Réponse de la mission : {submission.response.statusLabel}</h3>
                <p className="meta">Publiée le {formatDate(submission.response.publishedAt)}</p>
                <p className="tracking-response-body">{submission.response.body}</p>
              </div>
            )}
          </>
        )}
        {submission.status === "rejected" && (
          <>
            <p>{text.rejectedExplain}</p>
            <p>
              <strong>{text.reason} : </strong>
              {submission.reason ?? text.noReason}
            </p>
          </>
        )}
      </div>
      <StatusRegion message={notice ?? ""} />

      {mode === "correct" ? (
        <CorrectionForm
          secret={secret}
          submission={submission}
          onCancel={() => setMode("view")}
          onCorrected={(corrected) => {
            setMode("view");
            onChange(corrected, text.corrected);
          }}
        />
      ) : (
        <>
          <h3>{text.yourText}</h3>
          {theme && question && <p className="meta">{text.question(theme.title, question.title)}</p>}
          {submission.stance && <p className="meta">{stances[submission.stance]}</p>}
          {submission.name && (
            <p>
              <strong>{submission.name}</strong>
              {submission.initiativeKind && ` (${initiativeKindLabel(submission.initiativeKind)})`}
            </p>
          )}
          <p className="tracking-text">{submission.body ?? submission.description}</p>
          {submission.url && <p className="tracking-secret-text">{submission.url}</p>}
        </>
      )}

      {submission.editable && mode === "view" && (
        <div className="tracking-actions">
          <button type="button" className="button" onClick={() => setMode("correct")}>
            {text.correct}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setMode("withdraw")}>
            {text.withdraw}
          </button>
        </div>
      )}
      {submission.editable && mode === "withdraw" && (
        <WithdrawConfirm
          secret={secret}
          hasContact={submission.hasContact}
          onCancel={() => setMode("view")}
          onWithdrawn={onWithdrawn}
        />
      )}
    </article>
  );
}

type CorrectionValues = Record<string, string>;

function initialValues(submission: TrackedSubmission): CorrectionValues {
  if (submission.kind === "initiative") {
    return {
      name: submission.name ?? "",
      kind: submission.initiativeKind ?? "",
      description: submission.description ?? "",
      url: submission.url ?? "",
      openingYear: submission.openingYear === null ? "" : String(submission.openingYear),
    };
  }
  return submission.kind === "reply"
    ? { stance: submission.stance ?? "", body: submission.body ?? "" }
    : { body: submission.body ?? "" };
}

function correctionPayload(secret: string, kind: TrackedSubmission["kind"], values: CorrectionValues) {
  if (kind !== "initiative") {
    return kind === "reply"
      ? { action: "correct", secret, stance: values.stance, body: values.body }
      : { action: "correct", secret, body: values.body };
  }
  const url = (values.url ?? "").trim();
  const openingYear = (values.openingYear ?? "").trim();
  return {
    action: "correct",
    secret,
    name: values.name,
    kind: values.kind,
    description: values.description,
    ...(url === "" ? {} : { url }),
    // As the initiative form: "2016" becomes 2016, anything else NaN, which the schema refuses in French.
    ...(openingYear === "" ? {} : { openingYear: /^\d+$/.test(openingYear) ? Number(openingYear) : Number.NaN }),
  };
}

const FIELD_ORDER = ["stance", "name", "kind", "body", "description", "url", "openingYear"];

function CorrectionForm({
  secret,
  submission,
  onCancel,
  onCorrected,
}: {
  secret: string;
  submission: TrackedSubmission;
  onCancel(): void;
  onCorrected(submission: TrackedSubmission): void;
}) {
  const formId = "correction";
  const { kind } = submission;
  const form = useSubmitForm<CorrectionValues>({
    formId,
    initial: initialValues(submission),
    endpoint: TRACKING_ENDPOINT,
    schema: correctionSchemaFor(kind),
    toPayload: (values) => correctionPayload(secret, kind, values),
    fieldOrder: FIELD_ORDER,
  });

  useEffect(() => {
    if (form.phase !== "sent") return;
    const parsed = trackingBody.safeParse(form.response);
    if (parsed.success) onCorrected(parsed.data.submission);
  }, [form.phase, form.response, onCorrected]);

  const items = form.issues.map((issue) => ({ ...issue, target: form.fieldId(issue.path) }));
  return (
    <form className="contribution-form" noValidate onSubmit={form.submit} aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{text.correctTitle}</h3>
      <RequiredNote />
      {form.summaryVisible && <ErrorSummary id={`${formId}-errors`} items={items} focusKey={form.summaryFocusKey} />}
      {kind === "reply" && (
        <ChoiceGroup
          id={form.fieldId("stance")}
          name={`${formId}-stance`}
          legend={frForms.fields.stance}
          error={form.errorFor("stance")}
          choices={stances}
          value={form.values.stance ?? ""}
          onChange={(value) => form.setField("stance", value)}
        />
      )}
      {kind === "initiative" ? (
        <InitiativeFields form={form} />
      ) : (
        <LongText
          form={form}
          path="body"
          label={kind === "reply" ? frForms.fields.replyBody : frForms.fields.answerBody}
          hint={
            kind === "reply"
              ? frForms.fields.replyBodyHint(REPLY_BODY_MIN, REPLY_BODY_MAX)
              : frForms.fields.answerBodyHint(BODY_MIN, BODY_MAX)
          }
          min={kind === "reply" ? REPLY_BODY_MIN : BODY_MIN}
          max={kind === "reply" ? REPLY_BODY_MAX : BODY_MAX}
        />
      )}
      <SubmitArea
        id={formId}
        label={text.correctSubmit}
        hydrated={form.hydrated}
        sending={form.phase === "sending"}
        notice={form.notice}
        canRetry={form.canRetry}
        onRetry={() => form.submit()}
      />
      <button type="button" className="button button-secondary" onClick={onCancel}>
        {text.cancel}
      </button>
    </form>
  );
}

function LongText({
  form,
  path,
  label,
  hint,
  min,
  max,
}: {
  form: FormController<CorrectionValues>;
  path: string;
  label: string;
  hint: string;
  min: number;
  max: number;
}) {
  const id = form.fieldId(path);
  const counterId = `${id}-counter`;
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      error={form.errorFor(path)}
      describedBy={[counterId]}
      after={<CharacterCounter id={counterId} value={form.values[path] ?? ""} min={min} max={max} />}
    >
      {(control) => (
        <textarea
          {...control}
          name={path}
          rows={8}
          value={form.values[path] ?? ""}
          onChange={(event) => form.setField(path, event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

function InitiativeFields({ form }: { form: FormController<CorrectionValues> }) {
  const fields = frForms.fields;
  const input =
    (path: string, type: string, extra: Record<string, unknown> = {}) =>
    // biome-ignore lint/suspicious/noExplicitAny: the control props are spread as Field gives them.
    (control: any) => (
      <input
        {...control}
        {...extra}
        type={type}
        name={path}
        value={form.values[path] ?? ""}
        onChange={(event) => form.setField(path, event.currentTarget.value)}
      />
    );
  return (
    <>
      <Field id={form.fieldId("name")} label={fields.initiativeName} error={form.errorFor("name")}>
        {input("name", "text", { autoComplete: "organization" })}
      </Field>
      <Field id={form.fieldId("kind")} label={fields.initiativeKind} error={form.errorFor("kind")}>
        {(control) => (
          <select
            {...control}
            name="kind"
            value={form.values.kind ?? ""}
            onChange={(event) => form.setField("kind", event.currentTarget.value)}
          >
            <option value="">{fields.initiativeKindPlaceholder}</option>
            {Object.entries(initiativeKinds).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <LongText
        form={form}
        path="description"
        label={fields.initiativeDescription}
        hint={fields.initiativeDescriptionHint(INITIATIVE_DESCRIPTION_MIN, INITIATIVE_DESCRIPTION_MAX)}
        min={INITIATIVE_DESCRIPTION_MIN}
        max={INITIATIVE_DESCRIPTION_MAX}
      />
      <Field
        id={form.fieldId("url")}
        label={fields.initiativeUrl}
        hint={fields.initiativeUrlHint}
        error={form.errorFor("url")}
        optional
      >
        {input("url", "url", { autoComplete: "url", spellCheck: false })}
      </Field>
      <Field
        id={form.fieldId("openingYear")}
        label={fields.initiativeOpeningYear}
        hint={fields.initiativeOpeningYearHint}
        error={form.errorFor("openingYear")}
        optional
      >
        {input("openingYear", "text", { inputMode: "numeric", className: "input-short" })}
      </Field>
    </>
  );
}

function WithdrawConfirm({
  secret,
  hasContact,
  onCancel,
  onWithdrawn,
}: {
  secret: string;
  hasContact: boolean;
  onCancel(): void;
  onWithdrawn(contactErased: boolean): void;
}) {
  const [notice, announce] = useAnnouncement();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="form-notice" ref={ref} tabIndex={-1} aria-labelledby="retrait-titre">
      <h3 id="retrait-titre">{text.withdrawTitle}</h3>
      <p>{text.withdrawExplain}</p>
      {hasContact && <p>{text.withdrawContact}</p>}
      {error && <ErrorMessage id="retrait-erreur" message={error} />}
      <div className="tracking-actions">
        <button
          type="button"
          className="button"
          aria-disabled={sending ? true : undefined}
          onClick={async () => {
            if (sending) return;
            setSending(true);
            setError(undefined);
            announce(text.withdrawing);
            const result = await postJson(TRACKING_ENDPOINT, { action: "withdraw", secret });
            setSending(false);
            announce("");
            if (result.kind === "ok") {
              const parsed = withdrawnBody.safeParse(result.data);
              onWithdrawn(parsed.success ? parsed.data.contactErased : hasContact);
              return;
            }
            setError(failureMessage(result));
          }}
        >
          {text.withdrawConfirm}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {text.cancel}
        </button>
      </div>
      <StatusRegion message={notice} />
    </section>
  );
}
