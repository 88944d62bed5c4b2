/**
 * « Réponses de la mission »: the team answers one published contribution
 * or a group of them (a status of the content's list, a text), keeps the
 * answers as drafts, then ticks the drafts to publish and publishes them in
 * one batch: each answered contributor who asked for e-mail is told once,
 * and the pages show the answers after the rebuild. A failed send keeps
 * what was typed.
 */
import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { consultation } from "../../domain/consultation";
import { formatInstant } from "../../domain/format";
import {
  contributionIdsIn,
  type OfficialResponse,
  RESPONSE_BODY_MAX,
  responseSavedSchema,
  responsesPageSchema,
  responsesPublishedSchema,
} from "../../domain/official-responses";
import type { FieldIssue } from "../../domain/validation";
import { Field } from "../form-kit/Field";
import { StatusRegion } from "../form-kit/StatusRegion";
import { type AdminCall, describeAdminFailure } from "./admin-api";

export const responsesText = {
  title: "Réponses de la mission",
  intro:
    "Répondez à une contribution publiée, ou à plusieurs à la fois : choisissez le statut, écrivez la réponse, indiquez les contributions (leurs adresses ou identifiants, une par ligne). Les réponses restent des brouillons jusqu'à leur publication, par lot ; chaque personne qui a laissé son adresse en est alors prévenue une fois.",
  status: "Statut",
  body: "Réponse",
  bodyHint: `${RESPONSE_BODY_MAX.toLocaleString("fr-FR")} caractères au plus. Elle est publiée avec chaque contribution à laquelle elle répond.`,
  targets: "Contributions auxquelles elle répond",
  targetsHint: "Collez leurs adresses (…/contributions/…/) ou leurs identifiants, une par ligne.",
  save: "Enregistrer le brouillon",
  saved: "Brouillon enregistré.",
  loading: "Chargement des réponses…",
  drafts: "Brouillons",
  noDrafts: "Aucun brouillon.",
  published: "Réponses publiées",
  noPublished: "Aucune réponse publiée.",
  select: (status: string, n: number) =>
    `Brouillon « ${status} », ${n === 1 ? "1 contribution" : `${n} contributions`}`,
  publish: (n: number) => (n === 1 ? "Publier la réponse cochée" : `Publier les ${n} réponses cochées`),
  publishedNow: (n: number) =>
    n === 0
      ? "Aucune réponse n'a été publiée : elles l'étaient déjà."
      : `${n === 1 ? "1 réponse publiée" : `${n} réponses publiées`}.`,
  on: (date: string) => `publiée le ${date}`,
} as const;

const statusLabel = (id: string) => consultation.responseStatuses.find((status) => status.id === id)?.label ?? id;

export function ResponsesSection({ call }: { call: AdminCall }) {
  const id = useId();
  const [responses, setResponses] = useState<OfficialResponse[] | undefined>(undefined);
  const [status, setStatus] = useState(consultation.responseStatuses[0]?.id ?? "");
  const [body, setBody] = useState("");
  const [targets, setTargets] = useState("");
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await call("GET", "/api/admin/responses", responsesPageSchema);
    if (result.kind === "ok") setResponses(result.data.responses);
    else setMessage(describeAdminFailure(result, "load"));
  }, [call]);
  useEffect(() => {
    void load();
  }, [load]);

  const issueFor = (path: string) =>
    issues.find((issue) => issue.path === path || issue.path.startsWith(`${path}.`))?.message;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await call("POST", "/api/admin/responses", responseSavedSchema, {
      action: "draft",
      status,
      body,
      contributionIds: contributionIdsIn(targets),
    });
    setBusy(false);
    if (result.kind === "ok") {
      setIssues([]);
      setBody("");
      setTargets("");
      setMessage(responsesText.saved);
      await load();
      return;
    }
    if (result.kind === "invalid") {
      setIssues(result.issues);
      setMessage(result.message);
      return;
    }
    setMessage(describeAdminFailure(result, "save"));
  }

  async function publish() {
    if (busy || chosen.size === 0) return;
    setBusy(true);
    const result = await call("POST", "/api/admin/responses", responsesPublishedSchema, {
      action: "publish",
      ids: [...chosen],
    });
    setBusy(false);
    if (result.kind === "ok") {
      setChosen(new Set());
      setMessage(`${responsesText.publishedNow(result.data.published.length)} ${result.data.rebuild.message}`);
      await load();
      return;
    }
    setMessage(describeAdminFailure(result, "decide"));
  }

  const drafts = responses?.filter((response) => response.publishedAt === null) ?? [];
  const published = responses?.filter((response) => response.publishedAt !== null) ?? [];
  return (
    <section className="mod-responses">
      <h2>{responsesText.title}</h2>
      <p className="prose">{responsesText.intro}</p>
      <form onSubmit={(event) => void save(event)} noValidate>
        <Field id={`${id}-status`} label={responsesText.status} error={issueFor("status")}>
          {(props) => (
            <select {...props} value={status} onChange={(event) => setStatus(event.target.value)}>
              {consultation.responseStatuses.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-body`} label={responsesText.body} hint={responsesText.bodyHint} error={issueFor("body")}>
          {(props) => <textarea {...props} rows={5} value={body} onChange={(event) => setBody(event.target.value)} />}
        </Field>
        <Field
          id={`${id}-targets`}
          label={responsesText.targets}
          hint={responsesText.targetsHint}
          error={issueFor("contributionIds")}
        >
          {(props) => (
            <textarea {...props} rows={3} value={targets} onChange={(event) => setTargets(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button button-secondary" aria-disabled={busy ? true : undefined}>
          {responsesText.save}
        </button>
      </form>
      <StatusRegion message={message} />
      {responses === undefined ? <p className="meta">{responsesText.loading}</p> : null}
      {responses !== undefined ? (
        <>
          <h3>{responsesText.drafts}</h3>
          {drafts.length === 0 ? <p className="meta">{responsesText.noDrafts}</p> : null}
          {drafts.length > 0 ? (
            <fieldset className="mod-responses-drafts">
              <legend className="visually-hidden">{responsesText.drafts}</legend>
              {drafts.map((draft) => (
                <div className="choice" key={draft.id}>
                  <input
                    type="checkbox"
                    id={`${id}-draft-${draft.id}`}
                    checked={chosen.has(draft.id)}
                    onChange={(event) => {
                      const next = new Set(chosen);
                      if (event.currentTarget.checked) next.add(draft.id);
                      else next.delete(draft.id);
                      setChosen(next);
                    }}
                  />
                  <label htmlFor={`${id}-draft-${draft.id}`}>
                    {responsesText.select(statusLabel(draft.status), draft.contributionIds.length)} : {draft.body}
                  </label>
                </div>
              ))}
              <button
                type="button"
                className="button"
                aria-disabled={busy || chosen.size === 0 ? true : undefined}
                onClick={() => void publish()}
              >
                {responsesText.publish(chosen.size)}
              </button>
            </fieldset>
          ) : null}
          <h3>{responsesText.published}</h3>
          {published.length === 0 ? <p className="meta">{responsesText.noPublished}</p> : null}
          <ul>
            {published.map((response) => (
              <li key={response.id}>
                {statusLabel(response.status)} ({responsesText.on(formatInstant(new Date(response.publishedAt ?? "")))},{" "}
                {response.contributionIds.length} contribution{response.contributionIds.length > 1 ? "s" : ""}) :{" "}
                {response.body}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
