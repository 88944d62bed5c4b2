/**
 * « Synthèses par thème »: the mission's own text for each theme, written in
 * Markdown. Each theme keeps its draft while the moderator moves between
 * themes; a failed save keeps it too, and leaving the page with unsaved text
 * asks the browser to confirm. Under the editor, the theme's saved versions,
 * newest first: who saved each and when, and any of them can be taken back
 * into the editor (saving it then makes it the newest version).
 */
import { type SubmitEvent, useEffect, useRef, useState } from "react";
import { themes } from "../../domain/consultation";
import { formatInstant } from "../../domain/format";
import { synthesisSchema } from "../../domain/moderation";
import {
  type SynthesisVersion,
  synthesesResponseSchema,
  synthesisSavedSchema,
  synthesisVersionsResponseSchema,
} from "../../domain/synthesis-versions";
import { codePointLength } from "../../domain/text";
import { fieldIssues } from "../../domain/validation";
import { CharacterCounter } from "../form-kit/CharacterCounter";
import { ErrorSummary, type SummaryItem } from "../form-kit/ErrorSummary";
import { Field } from "../form-kit/Field";
import { StatusRegion } from "../form-kit/StatusRegion";
import { type AdminCall, type AdminFailure, describeAdminFailure } from "./admin-api";
import { frModeration } from "./messages.fr";

export const versionsText = {
  title: "Versions enregistrées",
  loading: "Chargement des versions…",
  failed: "Les versions n'ont pas pu être chargées.",
  none: "Aucune version enregistrée pour ce thème.",
  by: (date: string, name: string) => `Le ${date}, par ${name}`,
  withdrawn: "texte vide : synthèse retirée du site",
  current: "version actuelle",
  restore: "Reprendre ce texte",
  restoreSubject: (date: string) => `la version du ${date}`,
  restored: (date: string) =>
    `Le texte de la version du ${date} est dans l'éditeur : enregistrez-le pour qu'il redevienne la synthèse publiée.`,
} as const;

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
  const [versions, setVersions] = useState<
    { kind: "loading" } | { kind: "ready"; list: SynthesisVersion[] } | { kind: "failed" }
  >({ kind: "loading" });
  const [versionsKey, setVersionsKey] = useState(0);

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

  const ready = phase.kind === "ready";
  useEffect(() => {
    void versionsKey;
    if (!ready || !themeId) return;
    setVersions({ kind: "loading" });
    let current = true;
    void call(
      "GET",
      `/api/admin/syntheses/${encodeURIComponent(themeId)}/versions`,
      synthesisVersionsResponseSchema,
    ).then((result) => {
      if (!current) return;
      setVersions(result.kind === "ok" ? { kind: "ready", list: result.data.versions } : { kind: "failed" });
    });
    return () => {
      current = false;
    };
  }, [call, ready, themeId, versionsKey]);

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
      setVersionsKey((key) => key + 1);
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
      {phase.kind === "ready" && theme ? (
        <section aria-labelledby={`${FORM_ID}-versions-title`} className="synthesis-versions">
          <h3 id={`${FORM_ID}-versions-title`}>{versionsText.title}</h3>
          {versions.kind === "loading" ? <p className="meta">{versionsText.loading}</p> : null}
          {versions.kind === "failed" ? (
            <div className="form-status form-status-failure">
              <p>{versionsText.failed}</p>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => setVersionsKey((key) => key + 1)}
              >
                {frModeration.retryLoad}
              </button>
            </div>
          ) : null}
          {versions.kind === "ready" && versions.list.length === 0 ? <p className="meta">{versionsText.none}</p> : null}
          {versions.kind === "ready" && versions.list.length > 0 ? (
            <ol className="mod-list synthesis-version-list">
              {versions.list.map((version, index) => (
                <li key={version.id}>
                  <time dateTime={version.createdAt}>
                    {versionsText.by(formatDate(version.createdAt), version.authorName)}
                  </time>
                  {version.published ? null : <span className="meta"> ({versionsText.withdrawn})</span>}
                  {index === 0 && version.published ? <span className="meta"> ({versionsText.current})</span> : null}{" "}
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={() => {
                      setDrafts((previous) => ({ ...previous, [themeId]: version.body }));
                      setFailed(false);
                      setStatus(versionsText.restored(formatDate(version.createdAt)));
                      document.getElementById(bodyId)?.focus();
                    }}
                  >
                    {versionsText.restore}
                    <span className="visually-hidden">
                      {" "}
                      : {versionsText.restoreSubject(formatDate(version.createdAt))}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
