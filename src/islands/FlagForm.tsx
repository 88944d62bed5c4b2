/**
 * "Signaler un abus" under a published contribution: a disclosure button
 * that opens a small form (a reason, optional details). Enough flags send
 * the contribution back to moderation. Under a contribution a synthesis
 * cites, the form also offers « Ma contribution est mal résumée dans la
 * synthèse », which reaches the team without counting towards review.
 */
import { useRef, useState } from "react";
import { flagInputSchema, flagReasons } from "../domain/contribution.schema";
import { frForms } from "../domain/messages.fr";
import { ErrorSummary } from "./form-kit/ErrorSummary";
import { ChoiceGroup, Field, RequiredNote } from "./form-kit/Field";
import { SubmitArea, SuccessPanel } from "./form-kit/FormChrome";
import { voterToken } from "./form-kit/identity";
import { useSubmitForm } from "./form-kit/useSubmitForm";

type FlagValues = { reason: string; details: string };

const FIELD_ORDER = ["reason", "details"] as const;

/** Props of FlagForm. */
export interface FlagFormProps {
  contributionId: string;
  /** A theme's synthesis cites it: its author may say it is summarised wrongly. */
  cited?: boolean;
}

const { misrepresented, ...abuseReasons } = flagReasons;
const { other, ...namedAbuses } = abuseReasons;
/** The reasons under a cited contribution: the abuses, the contested summary, then « Autre raison ». */
const citedReasons = { ...namedAbuses, misrepresented, other };

/**
 * The flag disclosure of one contribution; POST /api/contributions/:id/flags.
 * No draft: a reason is one click, and the server refuses a second flag
 * from the same browser (409 already_flagged) rather than an idempotency key.
 */
export default function FlagForm({ contributionId, cited = false }: FlagFormProps) {
  const formId = `signalement-${contributionId}`;
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const form = useSubmitForm<FlagValues>({
    formId,
    initial: { reason: "", details: "" },
    endpoint: `/api/contributions/${encodeURIComponent(contributionId)}/flags`,
    schema: flagInputSchema,
    toPayload: (values) => ({
      reason: values.reason,
      ...(values.details.trim() === "" ? {} : { details: values.details }),
      voterToken: voterToken(),
    }),
    fieldOrder: FIELD_ORDER,
  });

  if (form.phase === "sent") return <SuccessPanel message={frForms.flags.sent} />;

  const panelId = `${formId}-panel`;
  const openLabel = cited ? frForms.flags.openCited : frForms.flags.open;
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  return (
    <div className="flag">
      <button
        ref={toggleRef}
        type="button"
        className="button-link"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={!form.hydrated}
        onClick={() => setOpen((value) => !value)}
      >
        {openLabel}
      </button>
      <div id={panelId} hidden={!open}>
        <form className="flag-form" noValidate onSubmit={form.submit} aria-label={openLabel}>
          <RequiredNote />
          {form.summaryVisible && (
            <ErrorSummary
              id={`${formId}-errors`}
              items={form.issues.map((issue) => ({
                ...issue,
                target: (FIELD_ORDER as readonly string[]).includes(issue.path) ? form.fieldId(issue.path) : undefined,
              }))}
              focusKey={form.summaryFocusKey}
            />
          )}
          <ChoiceGroup
            id={form.fieldId("reason")}
            name={`${formId}-reason`}
            legend={frForms.flags.reason}
            error={form.errorFor("reason")}
            choices={cited ? citedReasons : abuseReasons}
            value={form.values.reason}
            onChange={(value) => form.setField("reason", value)}
          />
          <Field
            id={form.fieldId("details")}
            label={frForms.flags.details}
            hint={frForms.flags.detailsHint}
            error={form.errorFor("details")}
            optional
          >
            {(control) => (
              <textarea
                {...control}
                name="details"
                rows={3}
                value={form.values.details}
                onChange={(event) => form.setField("details", event.currentTarget.value)}
              />
            )}
          </Field>
          <SubmitArea
            id={formId}
            label={frForms.submit.flag}
            hydrated={form.hydrated}
            sending={form.phase === "sending"}
            notice={form.notice}
            canRetry={form.canRetry}
            onRetry={() => form.submit()}
          />
          <button type="button" className="button-link" onClick={close}>
            {frForms.flags.cancel}
          </button>
        </form>
      </div>
    </div>
  );
}
