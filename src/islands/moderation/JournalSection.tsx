/**
 * « Journal »: the moderation log, newest first, filtered by who acted,
 * what they did, from and to which day and on which theme; the decisions of
 * each moderator over the whole filter; more lines on demand (keyset
 * pages); and the filtered log as a CSV file for a spreadsheet. The filter
 * applies when the moderator asks (« Afficher »), not on each keystroke:
 * the counts and the list always describe the filter the page says.
 */
import { type SubmitEvent, useCallback, useEffect, useRef, useState } from "react";
import { findTheme, themes } from "../../domain/consultation";
import { formatInstant } from "../../domain/format";
import {
  type JournalCount,
  type JournalEvent,
  journalActions,
  journalPageSchema,
  journalPath,
  journalQuerySchema,
  subjectLabel,
} from "../../domain/moderation-journal";
import { type FieldIssue, fieldIssues } from "../../domain/validation";
import { REQUEST_TIMEOUT_MS } from "../form-kit/api";
import { ErrorSummary, type SummaryItem } from "../form-kit/ErrorSummary";
import { Field } from "../form-kit/Field";
import { StatusRegion } from "../form-kit/StatusRegion";
import { type AdminCall, type AdminFailure, describeAdminFailure } from "./admin-api";
import { frModeration } from "./messages.fr";

export const journalText = {
  title: "Journal de modération",
  intro:
    "Toutes les actions enregistrées, de la plus récente à la plus ancienne : qui a fait quoi, quand, et pourquoi. Un élément supprimé depuis reste dans le journal.",
  filters: "Filtrer le journal",
  actor: "Personne",
  anyActor: "Toutes les personnes",
  action: "Action",
  anyAction: "Toutes les actions",
  from: "Du (inclus)",
  to: "Au (inclus)",
  dateHint: "Jour au format AAAA-MM-JJ, heure de Paris.",
  theme: "Thème",
  anyTheme: "Tous les thèmes",
  filtersLabel: "Filtrer le journal",
  apply: "Afficher",
  reset: "Effacer les filtres",
  loading: "Chargement du journal…",
  empty: "Aucune action ne correspond à ces filtres.",
  shown: (count: number) => (count === 1 ? "1 action affichée." : `${count} actions affichées.`),
  more: "Afficher les actions suivantes",
  loadingMore: "Chargement des actions suivantes…",
  counts: "Décisions par personne, sur tout le filtre",
  countsEmpty: "Aucune action de modérateur sur ce filtre.",
  person: "Personne",
  published: "Publications",
  rejected: "Rejets",
  other: "Autres actions",
  listCaption: "Actions du journal, de la plus récente à la plus ancienne",
  date: "Date",
  subject: "Élément",
  reason: "Raison",
  gone: "n'existe plus",
  export: "Exporter en CSV (tableur)",
  exportHint: "Le fichier reprend tout le filtre affiché, sans les extraits des textes.",
  exporting: "Préparation du fichier…",
  exported: (name: string) => `Fichier « ${name} » téléchargé.`,
} as const;
const text = journalText;
const FORM_ID = "journal";
const PAGE_SIZE = 50;
/** An export reads the whole filter: give it longer than a page. */
const EXPORT_TIMEOUT_MS = 4 * REQUEST_TIMEOUT_MS;

type Filter = Record<"actor" | "action" | "from" | "to" | "theme", string>;
const noFilter: Filter = { actor: "", action: "", from: "", to: "", theme: "" };
const fieldIds: Record<string, string> = {
  actor: `${FORM_ID}-actor`,
  action: `${FORM_ID}-action`,
  from: `${FORM_ID}-from`,
  to: `${FORM_ID}-to`,
  theme: `${FORM_ID}-theme`,
};

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatInstant(date);
}

/** Props of JournalSection. */
export interface JournalSectionProps {
  call: AdminCall;
  /** The signed-in moderator's token, for the CSV download (a file, not JSON: `call` cannot fetch it). */
  token: () => string | undefined;
}

type Loaded = {
  events: JournalEvent[];
  nextCursor: string | null;
  counts: JournalCount[];
};

export function JournalSection({ call, token }: JournalSectionProps) {
  const [draft, setDraft] = useState<Filter>(noFilter);
  const [applied, setApplied] = useState<Filter>(noFilter);
  const [reloads, setReloads] = useState(0);
  const [phase, setPhase] = useState<
    { kind: "loading" } | { kind: "ready"; data: Loaded } | { kind: "failed"; failure: AdminFailure }
  >({ kind: "loading" });
  const [moderators, setModerators] = useState<{ actor: string; name: string }[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summaryIssues, setSummaryIssues] = useState<SummaryItem[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [status, setStatus] = useState("");
  const [failed, setFailed] = useState(false);
  const busyRef = useRef(false);
  const [busy, setBusy] = useState(false);

  // State setters only: the same function for the component's whole life.
  const showIssues = useCallback((issues: FieldIssue[]) => {
    setErrors(Object.fromEntries(issues.map((issue) => [issue.path, issue.message])));
    setSummaryIssues(issues.map((issue) => ({ ...issue, target: fieldIds[issue.path] })));
    setFocusKey((key) => key + 1);
  }, []);

  useEffect(() => {
    void reloads;
    setPhase({ kind: "loading" });
    let current = true;
    void call("GET", journalPath(applied, { limit: PAGE_SIZE }), journalPageSchema).then((result) => {
      if (!current) return;
      if (result.kind === "invalid") showIssues(result.issues);
      if (result.kind !== "ok") return setPhase({ kind: "failed", failure: result });
      const { events, nextCursor, totals } = result.data;
      // Everyone the log names, whatever the filter: the « who » list does not shrink with it.
      if (totals) setModerators(totals.moderators);
      setPhase({ kind: "ready", data: { events, nextCursor, counts: totals?.byModerator ?? [] } });
      setStatus(text.shown(events.length));
    });
    return () => {
      current = false;
    };
  }, [call, applied, reloads, showIssues]);

  function apply(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    // The server's rules, checked here first: a wrong date is said at once, in the same words.
    const parsed = journalQuerySchema.safeParse(draft);
    if (!parsed.success) return showIssues(fieldIssues(parsed.error));
    setErrors({});
    setSummaryIssues([]);
    setFailed(false);
    setApplied({ ...draft });
    setReloads((value) => value + 1);
  }

  async function more() {
    if (phase.kind !== "ready" || !phase.data.nextCursor) return;
    if (busyRef.current) return setStatus(text.loadingMore);
    busyRef.current = true;
    setBusy(true);
    setStatus(text.loadingMore);
    const loaded = phase.data;
    const result = await call(
      "GET",
      journalPath(applied, { after: loaded.nextCursor ?? undefined, limit: PAGE_SIZE }),
      journalPageSchema,
    );
    busyRef.current = false;
    setBusy(false);
    if (result.kind !== "ok") {
      setFailed(true);
      return setStatus(describeAdminFailure(result, "load"));
    }
    const events = [...loaded.events, ...result.data.events];
    setFailed(false);
    setPhase({ kind: "ready", data: { ...loaded, events, nextCursor: result.data.nextCursor } });
    setStatus(text.shown(events.length));
  }

  async function exportCsv() {
    if (busyRef.current) return setStatus(text.exporting);
    busyRef.current = true;
    setBusy(true);
    setFailed(false);
    setStatus(text.exporting);
    const path = journalPath(applied, { format: "csv" });
    const outcome = await download(path, token());
    busyRef.current = false;
    setBusy(false);
    if (outcome.kind === "file") {
      saveFile(outcome.blob, outcome.name);
      return setStatus(text.exported(outcome.name));
    }
    if (outcome.kind === "session") {
      // The app's own call reacts to a 401 or a 403 (back to the sign-in): let it see one.
      await call("GET", journalPath(applied, { limit: 1 }), journalPageSchema);
      return;
    }
    setFailed(true);
    setStatus(outcome.message);
  }

  const themeTitle = (themeId: string | null) => (themeId ? (findTheme(themeId)?.title ?? themeId) : "");

  return (
    <section className="mod-journal" aria-labelledby={`${FORM_ID}-title`}>
      <h2 id={`${FORM_ID}-title`}>{text.title}</h2>
      <p className="prose">{text.intro}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: a search landmark on the form itself, like the site's search forms; the fields filter a list, none is required. */}
      <form
        className="contribution-form moderation-form journal-filters"
        role="search"
        aria-label={text.filtersLabel}
        noValidate
        onSubmit={apply}
      >
        <ErrorSummary id={`${FORM_ID}-errors`} items={summaryIssues} focusKey={focusKey} />
        <fieldset>
          <legend>{text.filters}</legend>
          <Field id={fieldIds.actor as string} label={text.actor} error={errors.actor} optional>
            {(control) => (
              <select
                {...control}
                name="actor"
                value={draft.actor}
                onChange={(event) => setDraft({ ...draft, actor: event.currentTarget.value })}
              >
                <option value="">{text.anyActor}</option>
                {moderators.map((moderator) => (
                  <option key={moderator.actor} value={moderator.actor}>
                    {moderator.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={fieldIds.action as string} label={text.action} error={errors.action} optional>
            {(control) => (
              <select
                {...control}
                name="action"
                value={draft.action}
                onChange={(event) => setDraft({ ...draft, action: event.currentTarget.value })}
              >
                <option value="">{text.anyAction}</option>
                {Object.entries(journalActions).map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={fieldIds.from as string} label={text.from} hint={text.dateHint} error={errors.from} optional>
            {(control) => (
              <input
                {...control}
                type="date"
                name="from"
                value={draft.from}
                onChange={(event) => setDraft({ ...draft, from: event.currentTarget.value })}
              />
            )}
          </Field>
          <Field id={fieldIds.to as string} label={text.to} hint={text.dateHint} error={errors.to} optional>
            {(control) => (
              <input
                {...control}
                type="date"
                name="to"
                value={draft.to}
                onChange={(event) => setDraft({ ...draft, to: event.currentTarget.value })}
              />
            )}
          </Field>
          <Field id={fieldIds.theme as string} label={text.theme} error={errors.theme} optional>
            {(control) => (
              <select
                {...control}
                name="theme"
                value={draft.theme}
                onChange={(event) => setDraft({ ...draft, theme: event.currentTarget.value })}
              >
                <option value="">{text.anyTheme}</option>
                {themes.map((theme) => (
                  <option key={theme.id} value={theme.id}>
                    {theme.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button">
            {text.apply}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setDraft(noFilter);
              setErrors({});
              setSummaryIssues([]);
              setApplied(noFilter);
            }}
          >
            {text.reset}
          </button>
        </div>
      </form>

      {phase.kind === "loading" ? <p className="meta">{text.loading}</p> : null}
      {phase.kind === "failed" && phase.failure.kind !== "invalid" ? (
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
      {phase.kind === "ready" ? <JournalTables data={phase.data} themeTitle={themeTitle} /> : null}
      <div className="form-actions">
        {phase.kind === "ready" && phase.data.nextCursor ? (
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={busy ? true : undefined}
            onClick={more}
          >
            {text.more}
          </button>
        ) : null}
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={busy ? true : undefined}
          aria-describedby={`${FORM_ID}-export-hint`}
          onClick={exportCsv}
        >
          {text.export}
        </button>
        <p className="meta" id={`${FORM_ID}-export-hint`}>
          {text.exportHint}
        </p>
        <StatusRegion
          id={`${FORM_ID}-status`}
          message={status}
          className={failed ? "form-status-failure" : undefined}
        />
      </div>
    </section>
  );
}

function JournalTables({ data, themeTitle }: { data: Loaded; themeTitle: (id: string | null) => string }) {
  return (
    <>
      <h3>{text.counts}</h3>
      {data.counts.length === 0 ? (
        <p className="meta">{text.countsEmpty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table journal-counts">
            <caption className="visually-hidden">{text.counts}</caption>
            <thead>
              <tr>
                <th scope="col">{text.person}</th>
                <th scope="col" className="number">
                  {text.published}
                </th>
                <th scope="col" className="number">
                  {text.rejected}
                </th>
                <th scope="col" className="number">
                  {text.other}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.counts.map((row) => (
                <tr key={row.actor}>
                  <th scope="row">{row.name}</th>
                  <td className="number">{row.published}</td>
                  <td className="number">{row.rejected}</td>
                  <td className="number">{row.other}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.events.length === 0 ? (
        <p className="meta">{text.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table journal-events">
            <caption>{text.listCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.date}</th>
                <th scope="col">{text.person}</th>
                <th scope="col">{text.action}</th>
                <th scope="col">{text.subject}</th>
                <th scope="col">{text.theme}</th>
                <th scope="col">{text.reason}</th>
              </tr>
            </thead>
            <tbody>
              {data.events.map((event) => (
                <tr key={event.id}>
                  <td>
                    <time dateTime={event.createdAt}>{formatDate(event.createdAt)}</time>
                  </td>
                  <td>{event.actorName}</td>
                  <td>{event.actionLabel}</td>
                  <td>
                    {subjectLabel(event.subjectType)}
                    {event.subjectExists ? null : <em> ({text.gone})</em>}
                    {event.excerpt ? <span className="meta"> « {event.excerpt} »</span> : null}
                  </td>
                  <td>{themeTitle(event.themeId)}</td>
                  <td>{event.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

type Download = { kind: "file"; blob: Blob; name: string } | { kind: "session" } | { kind: "failed"; message: string };

/** GET a file with the Bearer token (never in the URL); the error answers are the API's JSON. */
async function download(path: string, bearer: string | undefined): Promise<Download> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), EXPORT_TIMEOUT_MS);
  try {
    const headers: Record<string, string> = { Accept: "text/csv" };
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const response = await fetch(path, { headers, cache: "no-store", signal: controller.signal });
    if (response.status === 401 || response.status === 403) return { kind: "session" };
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      const message = (body as { message?: unknown } | undefined)?.message;
      return {
        kind: "failed",
        message:
          typeof message === "string" && message
            ? message
            : describeAdminFailure({ kind: "unavailable", status: response.status, code: undefined }, "load"),
      };
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1];
    return { kind: "file", blob: await response.blob(), name: name ?? "journal-de-moderation.csv" };
  } catch {
    return {
      kind: "failed",
      message: describeAdminFailure(
        controller.signal.aborted ? { kind: "timeout" } : { kind: "network", offline: navigator.onLine === false },
        "load",
      ),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Hands the file to the browser's downloads. */
function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
