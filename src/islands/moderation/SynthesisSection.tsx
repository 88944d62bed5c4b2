/**
 * « Synthèses par thème »: the mission's own text for each theme, written in
 * Markdown. Each theme keeps its draft while the moderator moves between
 * themes; a failed save keeps it too, and leaving the page with unsaved text
 * asks the browser to confirm.
 */
import { type SubmitEvent, useEffect, useRef, useState } from "react";
import { themes } from "../../domain/consultation";
import { formatInstant } from "../../domain/format";
import { synthesisSchema } from "../../domain/moderation";
import { codePointLength } from "../../domain/text";
import { fieldIssues } from "../../domain/validation";
import { CharacterCounter } from "../form-kit/CharacterCounter";
import { ErrorSummary, type SummaryItem } from "../form-kit/ErrorSummary";
import { Field } from "../form-kit/Field";
import { StatusRegion } from "../form-kit/StatusRegion";
import {
  type AdminCall,
  type AdminFailure,
  describeAdminFailure,
  synthesesResponseSchema,
  synthesisSavedSchema,
} from "./admin-api";
import { frModeration } from "./messages.fr";

const text = frModeration.synthesis;
const FORM_ID = "synthese";
/** The limit of synthesisSchema (src/domain/moderation.ts). */
const SYNTHESIS_MAX = 20_000;

type Saved = { body: string; updatedAt: string };

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatInstant(date);
}

/** Props of SynthesisSection. */
export interface SynthesisSectionProps {
  call: AdminCall;
}

/** The synthesis editor, one theme at a time. */
export function SynthesisSection({ call }: SynthesisSectionProps) {
  const [phase, setPhase] = useState<
    { kind: "loading" } | { kind: "ready" } | { kind: "failed"; failure: AdminFailure }
  >({ kind: "loading" });
  const [reloads, setReloads] = useState(0);
  const [saved, setSaved] = useState<Record<string, Saved>>({});
  // Only themes the moderator typed in have a draft; the others show what is saved.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [themeId, setThemeId] = useState(themes[0]?.id ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summaryIssues, setSummaryIssues] = useState<SummaryItem[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [status, setStatus] = useState("");
  const [failed, setFailed] = useState(false);
  const sendingRef = useRef(false);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    void reloads;
    setPhase({ kind: "loading" });
    let current = true;
    void call("GET", "/api/admin/syntheses", synthesesResponseSchema).then((result) => {
      if (!current) return;
      if (result.kind !== "ok") return setPhase({ kind: "failed", failure: result });
      setSaved(
        Object.fromEntries(result.data.syntheses.map(({ themeId, body, updatedAt }) => [themeId, { body, updatedAt }])),
      );
      setPhase({ kind: "ready" });
    });
    return () => {
      current = false;
    };
  }, [call, reloads]);

  const savedBody = (id: string) => saved[id]?.body ?? "";
  const textFor = (id: string) => drafts[id] ?? savedBody(id);
  const isDirty = (id: string) => drafts[id] !== undefined && drafts[id] !== savedBody(id);
  const anyDirty = Object.keys(drafts).some(isDirty);

  useEffect(() => {
    if (!anyDirty) return;
    // The browser's own "leave this page?" question: the only one allowed here.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [anyDirty]);

  const theme = themes.find((candidate) => candidate.id === themeId);
  const bodyId = `${FORM_ID}-body`;

  async function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sendingRef.current) return setStatus(text.saving);
    const target = themeId;
    const body = textFor(target);
    const parsed = synthesisSchema.safeParse({ body });
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error);
      setErrors((previous) => ({ ...previous, [target]: issues[0]?.message ?? "" }));
      setSummaryIssues(issues.map((issue) => ({ ...issue, target: bodyId })));
      setFocusKey((key) => key + 1);
      return;
    }
    sendingRef.current = true;
    setSending(true);
    setFailed(false);
    setStatus(text.saving);
    const result = await call(
      "PUT",
      `/api/admin/syntheses/${encodeURIComponent(target)}`,
      synthesisSavedSchema,
      parsed.data,
    );
    sendingRef.current = false;
    setSending(false);
    if (result.kind === "ok") {
      setSaved((previous) => ({ ...previous, [target]: { body, updatedAt: result.data.updatedAt } }));
      setErrors(({ [target]: _fixed, ...rest }) => rest);
      setSummaryIssues([]);
      return setStatus(text.saved(formatDate(result.data.updatedAt)));
    }
    if (result.kind === "invalid" && result.issues.length > 0) {
      const bodyIssue = result.issues.find((issue) => issue.path === "body");
      if (bodyIssue) setErrors((previous) => ({ ...previous, [target]: bodyIssue.message }));
      setSummaryIssues(
        result.issues.map((issue) => ({ ...issue, target: issue.path === "body" ? bodyId : undefined })),
      );
      setFocusKey((key) => key + 1);
      return setStatus("");
    }
    setFailed(true);
    setStatus(`${describeAdminFailure(result, "save")} ${text.textKept}`);
  }

  return (
    <section className="mod-synthesis" aria-labelledby={`${FORM_ID}-title`}>
      <h2 id={`${FORM_ID}-title`}>{text.title}</h2>
      <p className="prose">{text.intro}</p>
      {phase.kind === "loading" ? <p className="meta">{text.loading}</p> : null}
      {phase.kind === "failed" ? (
        <div className="form-status form-status-failure">
          <p>{describeAdminFailure(phase.failure, "load")}</p>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setReloads((value) => value + 1)}
          >
            {frModeration.retryLoad}
          </button>
        </div>
      ) : null}
      {/* Not before the saved texts are known: typing over a synthesis one cannot see would replace it. */}
      {phase.kind === "ready" && theme ? (
        <form className="contribution-form moderation-form synthesis-form" noValidate onSubmit={save}>
          <ErrorSummary id={`${FORM_ID}-errors`} items={summaryIssues} focusKey={focusKey} />
          <Field id={`${FORM_ID}-theme`} label={text.theme}>
            {(control) => (
              <select
                {...control}
                name="themeId"
                value={themeId}
                onChange={(event) => {
                  setThemeId(event.currentTarget.value);
                  // The status and summary were about the other theme's text.
                  setStatus("");
                  setFailed(false);
                  setSummaryIssues([]);
                }}
              >
                {themes.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={bodyId}
            label={text.body(theme.title)}
            hint={text.help}
            error={errors[themeId]}
            describedBy={[`${FORM_ID}-saved`, `${FORM_ID}-counter`]}
            after={<CharacterCounter id={`${FORM_ID}-counter`} value={textFor(themeId)} min={0} max={SYNTHESIS_MAX} />}
          >
            {(control) => (
              <textarea
                {...control}
                name="body"
                rows={16}
                value={textFor(themeId)}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setDrafts((previous) => ({ ...previous, [themeId]: value }));
                  if (errors[themeId] && codePointLength(value) <= SYNTHESIS_MAX) {
                    setErrors(({ [themeId]: _fixed, ...rest }) => rest);
                  }
                }}
              />
            )}
          </Field>
          <p className="meta" id={`${FORM_ID}-saved`}>
            {saved[themeId] ? text.savedAt(formatDate(saved[themeId].updatedAt)) : text.never}
            {isDirty(themeId) ? <strong className="mod-unsaved"> {text.unsaved}</strong> : null}
          </p>
          {saved[themeId] ? (
            // Where the saved text is read (from the next rebuild of the site on).
            <p className="meta">
              <a href={`/themes/${themeId}/`}>
                {text.publicPage}
                <span className="visually-hidden"> « {theme.title} »</span>
              </a>
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button" aria-disabled={sending ? true : undefined}>
              {text.save}
              <span className="visually-hidden"> {text.saveSubject(theme.title)}</span>
            </button>
            <StatusRegion
              id={`${FORM_ID}-status`}
              message={status}
              className={failed ? "form-status-failure" : undefined}
            />
          </div>
        </form>
      ) : null}
    </section>
  );
}
