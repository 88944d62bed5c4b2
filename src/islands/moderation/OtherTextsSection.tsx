/**
 * « Précisions « Autre » »: the free texts citizens gave with the option
 * « Autre, précisez » of a closed question. The choice itself is counted
 * without moderation; its text waits here until a moderator publishes it
 * (it then shows under the question's chart on the theme page, from the
 * next rebuild) or rejects it with a reason, as a contribution is.
 */

import { useEffect, useRef, useState } from "react";
import { type OtherText, otherTextDecisionResponseSchema, otherTextsPageSchema } from "../../domain/admin-responses";
import { formatInstant } from "../../domain/format";
import { StatusRegion } from "../form-kit/StatusRegion";
import { type AdminCall, type AdminFailure, describeAdminFailure } from "./admin-api";
import { frModeration } from "./messages.fr";
import { RejectForm, type RejectionInput, type RejectOutcome } from "./RejectForm";

export const otherTextsText = {
  title: "Précisions « Autre »",
  intro:
    "Les textes saisis avec la réponse « Autre, précisez » d'une question fermée. Le choix est déjà compté ; le texte n'apparaît sous le graphique de la question, sur la page du thème, qu'une fois publié (à la prochaine mise à jour du site).",
  retrySubject: "le chargement des précisions « Autre »",
  loading: "Chargement des précisions en attente…",
  empty: "Aucune précision « Autre » en attente.",
  question: "Question",
  text: "Précision",
  author: "Pseudonyme",
  date: "Reçue le",
  subject: (pseudonym: string) => `la précision de ${pseudonym}`,
  published: (pseudonym: string) => `Précision de ${pseudonym} publiée.`,
  rejected: (pseudonym: string) => `Précision de ${pseudonym} rejetée.`,
} as const;
const text = otherTextsText;

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatInstant(date);
}

const headingId = (id: string) => `precision-autre-${id}-titre`;
const SECTION_HEADING = "precisions-autre-titre";

/** Props of OtherTextsSection. */
export interface OtherTextsSectionProps {
  call: AdminCall;
}

/** The pending « autre » texts, each with « Publier » and « Rejeter ». */
export function OtherTextsSection({ call }: OtherTextsSectionProps) {
  const [phase, setPhase] = useState<
    { kind: "loading" } | { kind: "ready"; items: OtherText[] } | { kind: "failed"; failure: AdminFailure }
  >({ kind: "loading" });
  const [reloads, setReloads] = useState(0);
  const [openReject, setOpenReject] = useState<string | undefined>(undefined);
  const [notices, setNotices] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState("");
  const [focusTarget, setFocusTarget] = useState<{ id: string } | undefined>(undefined);

  useEffect(() => {
    void reloads;
    setPhase({ kind: "loading" });
    let current = true;
    void call("GET", "/api/admin/other-texts?status=pending", otherTextsPageSchema).then((result) => {
      if (!current) return;
      setPhase(
        result.kind === "ok" ? { kind: "ready", items: result.data.items } : { kind: "failed", failure: result },
      );
    });
    return () => {
      current = false;
    };
  }, [call, reloads]);

  // After a decision the focus goes to the next text's heading, or to the section's.
  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget.id)?.focus();
  }, [focusTarget]);

  async function decide(item: OtherText, body: Record<string, unknown>): Promise<RejectOutcome> {
    if (busy) return { kind: "failed", message: frModeration.decision.sending };
    setBusy(item.id);
    setNotices(({ [item.id]: _cleared, ...rest }) => rest);
    const result = await call("POST", "/api/admin/other-texts", otherTextDecisionResponseSchema, {
      id: item.id,
      ...body,
    });
    setBusy(undefined);
    if (result.kind === "ok") {
      setStatus(body.decision === "publish" ? text.published(item.pseudonym) : text.rejected(item.pseudonym));
      setOpenReject(undefined);
      if (phase.kind === "ready") {
        const index = phase.items.findIndex((candidate) => candidate.id === item.id);
        const items = phase.items.filter((candidate) => candidate.id !== item.id);
        const next = items[Math.min(index, items.length - 1)];
        setPhase({ kind: "ready", items });
        setFocusTarget({ id: next ? headingId(next.id) : SECTION_HEADING });
      }
      return { kind: "done" };
    }
    if (result.kind === "invalid") return { kind: "issues", issues: result.issues };
    const message = describeAdminFailure(result, "decide");
    setNotices((previous) => ({ ...previous, [item.id]: message }));
    return { kind: "failed", message };
  }

  return (
    // No accessible name on the section: its heading says it, and the page's form labels stay unique.
    <section className="mod-other-texts">
      <h2 id={SECTION_HEADING} tabIndex={-1}>
        {text.title}
      </h2>
      <p className="prose">{text.intro}</p>
      <StatusRegion id="precisions-autre-status" message={status} />
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
            <span className="visually-hidden"> {text.retrySubject}</span>
          </button>
        </div>
      ) : null}
      {phase.kind === "ready" && phase.items.length === 0 ? <p className="meta">{text.empty}</p> : null}
      {phase.kind === "ready" && phase.items.length > 0 ? (
        <ol className="mod-list">
          {phase.items.map((item) => (
            <OtherTextCard
              key={item.id}
              item={item}
              busy={busy === item.id}
              notice={notices[item.id]}
              rejectOpen={openReject === item.id}
              onPublish={() => void decide(item, { decision: "publish" })}
              onToggleReject={() => setOpenReject((open) => (open === item.id ? undefined : item.id))}
              onConfirmReject={(input: RejectionInput) => decide(item, { decision: "reject", ...input })}
              onCancelReject={() => setOpenReject(undefined)}
            />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

interface OtherTextCardProps {
  item: OtherText;
  busy: boolean;
  notice: string | undefined;
  rejectOpen: boolean;
  onPublish(): void;
  onToggleReject(): void;
  onConfirmReject(input: RejectionInput): Promise<RejectOutcome>;
  onCancelReject(): void;
}

function OtherTextCard({ item, busy, notice, rejectOpen, ...props }: OtherTextCardProps) {
  const rejectButton = useRef<HTMLButtonElement>(null);
  const base = `precision-autre-${item.id}`;
  const subject = text.subject(item.pseudonym);
  return (
    <li className="mod-item">
      <article aria-labelledby={headingId(item.id)} className="mod-card">
        <div className="mod-item-head">
          <div className="mod-item-title">
            <h3 id={headingId(item.id)} tabIndex={-1}>
              {item.questionTitle}
            </h3>
          </div>
          <div className="mod-actions">
            <button
              type="button"
              className="button button-small"
              aria-disabled={busy ? true : undefined}
              onClick={props.onPublish}
            >
              {frModeration.item.publish}
              <span className="visually-hidden"> {subject}</span>
            </button>
            <button
              ref={rejectButton}
              type="button"
              className="button button-secondary button-small"
              aria-expanded={rejectOpen}
              aria-controls={`${base}-reject`}
              aria-disabled={busy ? true : undefined}
              onClick={props.onToggleReject}
            >
              {frModeration.item.reject}
              <span className="visually-hidden"> {subject}</span>
            </button>
          </div>
        </div>
        {notice ? <p className="form-status form-status-failure mod-item-notice">{notice}</p> : null}
        <div id={`${base}-reject`} className="mod-reject" hidden={!rejectOpen}>
          {rejectOpen ? (
            <RejectForm
              id={`${base}-reject-form`}
              subject={subject}
              onConfirm={props.onConfirmReject}
              onCancel={() => {
                props.onCancelReject();
                rejectButton.current?.focus();
              }}
            />
          ) : null}
        </div>
        <div className="mod-item-main">
          <div className="mod-body">
            <p className="mod-body-label visually-hidden">{text.text}</p>
            <p className="mod-body-text">{item.text}</p>
          </div>
        </div>
        <dl className="mod-facts">
          <div>
            <dt>{text.author}</dt>
            <dd>{item.pseudonym}</dd>
          </div>
          <div>
            <dt>{text.date}</dt>
            <dd>
              <time dateTime={item.createdAt}>{formatDate(item.createdAt)}</time>
            </dd>
          </div>
        </dl>
      </article>
    </li>
  );
}
