/**
 * The small form a rejection needs: a reason from the shared list, and a
 * precision (required for « Autre raison »). Used for one item and for a
 * selection. What the moderator typed stays in the form until the server
 * has the decision: a failure never clears it.
 *
 * From the keyboard: Enter on a reason confirms (a radio button does not
 * submit its form by itself), Escape anywhere in the form cancels.
 */
import { type KeyboardEvent, type SubmitEvent, useRef, useState } from "react";
import { type RejectionReason, rejectionReasons } from "../../domain/moderation";
import type { FieldIssue } from "../../domain/validation";
import { CharacterCounter } from "../form-kit/CharacterCounter";
import { ErrorSummary, type SummaryItem } from "../form-kit/ErrorSummary";
import { ChoiceGroup, Field } from "../form-kit/Field";
import { StatusRegion } from "../form-kit/StatusRegion";
import { frModeration } from "./messages.fr";

const text = frModeration.reject;
const REASON_TEXT_MAX = 500;

/** The reason as the decision request carries it. */
export interface RejectionInput {
  reasonCode: RejectionReason | undefined;
  /** Left out when empty. */
  reasonText: string | undefined;
}

/** What came of a confirmed rejection, as the form needs to show it. */
export type RejectOutcome =
  | { kind: "done" }
  | { kind: "issues"; issues: FieldIssue[] }
  | { kind: "failed"; message: string };

/** Props of RejectForm. */
export interface RejectFormProps {
  /** Prefix of the form's element ids; unique on the page. */
  id: string;
  /** What is rejected, e.g. « la contribution de Camille »; it completes the accessible names. */
  subject: string;
  onConfirm(input: RejectionInput): Promise<RejectOutcome>;
  onCancel(): void;
}

/**
 * "de la contribution de Camille", "des 3 contributions sélectionnées",
 * "d'aucune contribution…": French contracts « de les » and elides before a vowel.
 */
export function ofSubject(subject: string): string {
  if (subject.startsWith("les ")) return `des ${subject.slice(4)}`;
  return /^[aeiouéèê]/i.test(subject) ? `d'${subject}` : `de ${subject}`;
}

/** The rejection form; it reports through `onConfirm` and never closes itself. */
export function RejectForm({ id, subject, onConfirm, onCancel }: RejectFormProps) {
  const [reasonCode, setReasonCode] = useState<RejectionReason | "">("");
  const [reasonText, setReasonText] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [focusKey, setFocusKey] = useState(0);
  const [status, setStatus] = useState("");
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const codeId = `${id}-reasonCode`;
  const textId = `${id}-reasonText`;

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sendingRef.current) return setStatus(frModeration.decision.sending);
    sendingRef.current = true;
    setSending(true);
    setStatus(frModeration.decision.sending);
    const trimmed = reasonText.trim();
    const outcome = await onConfirm({
      reasonCode: reasonCode === "" ? undefined : reasonCode,
      reasonText: trimmed === "" ? undefined : trimmed,
    });
    sendingRef.current = false;
    setSending(false);
    if (outcome.kind === "done") return;
    if (outcome.kind === "issues") {
      setErrors(Object.fromEntries(outcome.issues.map(({ path, message }) => [path, message])));
      setFocusKey((key) => key + 1);
      setStatus("");
      return;
    }
    setStatus(outcome.message);
  }

  function keys(event: KeyboardEvent<HTMLFormElement>) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    const target = event.target as HTMLElement;
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && target instanceof HTMLInputElement && target.type === "radio") {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  }

  const summary: SummaryItem[] = Object.entries(errors).map(([path, message]) => ({
    path,
    message,
    target: path === "reasonCode" ? codeId : path === "reasonText" ? textId : undefined,
  }));

  return (
    <form
      className="contribution-form moderation-form reject-form"
      noValidate
      onSubmit={submit}
      onKeyDown={keys}
      aria-label={text.formLabel(subject)}
    >
      <ErrorSummary id={`${id}-errors`} items={summary} focusKey={focusKey} />
      <ChoiceGroup
        id={codeId}
        name={`${id}-reason`}
        legend={text.legend}
        error={errors.reasonCode}
        choices={rejectionReasons}
        value={reasonCode}
        onChange={(value) => {
          setReasonCode(value);
          // Choosing a reason answers both "choose a reason" and, away from "other", "say why".
          setErrors(({ reasonCode: _code, reasonText: textError, ...rest }) =>
            value === "other" && textError ? { ...rest, reasonText: textError } : rest,
          );
        }}
      />
      <Field
        id={textId}
        label={text.text}
        hint={text.textHint}
        error={errors.reasonText}
        optional={reasonCode !== "other"}
        describedBy={[`${textId}-counter`]}
        after={<CharacterCounter id={`${textId}-counter`} value={reasonText} min={0} max={REASON_TEXT_MAX} />}
      >
        {(control) => (
          <textarea
            {...control}
            name="reasonText"
            rows={3}
            value={reasonText}
            onChange={(event) => {
              setReasonText(event.currentTarget.value);
              if (errors.reasonText && event.currentTarget.value.trim() !== "") {
                setErrors(({ reasonText: _fixed, ...rest }) => rest);
              }
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={sending ? true : undefined}>
          {text.confirm}
          <span className="visually-hidden"> {ofSubject(subject)}</span>
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {text.cancel}
          <span className="visually-hidden"> le rejet {ofSubject(subject)}</span>
        </button>
        <StatusRegion
          id={`${id}-status`}
          message={status}
          className={status && !sending ? "form-status-failure" : undefined}
        />
      </div>
    </form>
  );
}
