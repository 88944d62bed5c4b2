/**
 * One item of a queue as a moderator reviews it: the full text (always as
 * text: React escapes it, and nothing here sets HTML), its context (the
 * question and theme, the contribution it replies to), who wrote it and
 * from where, when, its state, its open flags, the link to its public page
 * once it has one, and the actions it allows.
 *
 * Laid out for a work tool (moderation.css), a few lines rather than a
 * screen: the heading line carries the selection, the title, the state,
 * the public page and the actions (the rejection form opens right below
 * it); then the question, and the text with its facts beside it. Document
 * order and screen order are the same.
 */
import { useRef } from "react";
import { findQuestion, findTheme } from "../../domain/consultation";
import { flagReasons, initiativeKinds, profiles, stances } from "../../domain/contribution.schema";
import { formatInstant } from "../../domain/format";
import { territoryTypes } from "../../domain/territory";
import type { QueueContribution, QueueInitiative, QueueItem, QueueStatus } from "./admin-api";
import { CodingPanel } from "./CodingPanel";
import { frModeration, itemStatusLabels } from "./messages.fr";
import { ofSubject, RejectForm, type RejectionInput, type RejectOutcome } from "./RejectForm";

const text = frModeration.item;

/** Longest excerpt of the contribution a reply answers, in characters. */
const PARENT_EXCERPT_LENGTH = 280;

/** Id of an item's heading: the focus goes there after a decision on the item before it. */
export function itemHeadingId(id: string): string {
  return `moderation-item-${id}-title`;
}

/** How buttons and announcements name the item: « la contribution de Camille », « l'initiative « La Ruche » ». */
export function subjectOf(item: QueueItem): string {
  if (item.subjectType === "initiative") return text.initiativeSubject(item.name);
  return item.parentId ? text.replySubject(item.pseudonym) : text.answerSubject(item.pseudonym);
}

/** The label of a code, or the code itself when the vocabulary does not know it (never "undefined"). */
function label(labels: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(labels, code) ? (labels[code] ?? code) : code;
}

/** "15 mai 2018 à 10:00" in Europe/Paris; an unreadable date is shown as sent rather than breaking the list. */
function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatInstant(date);
}

/** The start of a long text, cut at a word. */
function excerpt(body: string, max: number): string {
  const flat = body.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The address of the item's public page, when it has one: a published
 * answer to a question of the content has its permalink, a published
 * initiative its page in the directory. A reply has none of its own: it
 * shows on the permalink of its thread's answer, which the queue does not
 * name (its parent may be another reply). The page appears with the next
 * rebuild of the site after the publication.
 */
export function publicPathOf(item: QueueItem): string | undefined {
  if (item.status !== "published") return undefined;
  if (item.subjectType === "initiative") return `/initiatives/${item.id}/`;
  if (item.parentId !== null) return undefined;
  return findQuestion(item.themeId, item.questionId) ? `/contributions/${item.id}/` : undefined;
}

/** Only http(s) addresses become links: a "javascript:" URL typed by anyone must stay text. */
function isWebAddress(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/**
 * What can be decided on an item in this queue. In the "flagged" queue a
 * published contribution can be kept online: the decision closes its flags.
 */
export function allowedActions(item: QueueItem, queueStatus: QueueStatus): { publish: boolean; reject: boolean } {
  return {
    publish: item.status !== "published" || (queueStatus === "flagged" && item.openFlags > 0),
    reject: item.status !== "rejected",
  };
}

/** Props of ItemCard. */
export interface ItemCardProps {
  item: QueueItem;
  /** The queue on screen: it decides which actions make sense. */
  queueStatus: QueueStatus;
  selected: boolean;
  /** A request about this item is in flight: its buttons stay focusable but do nothing. */
  busy: boolean;
  /** What went wrong with the last action on this item. */
  notice: string | undefined;
  /** The rejection form: undefined until first opened, then kept (hidden when closed) so its text survives. */
  rejectOpen: boolean | undefined;
  onSelect(selected: boolean): void;
  onPublish(): void;
  onToggleReject(): void;
  onCancelReject(): void;
  onConfirmReject(input: RejectionInput): Promise<RejectOutcome>;
  onRetain(retained: boolean): void;
}

/** One reviewed item, as a list entry. */
export function ItemCard(props: ItemCardProps) {
  const { item, queueStatus, selected, busy, notice, rejectOpen } = props;
  const rejectButton = useRef<HTMLButtonElement>(null);
  const subject = subjectOf(item);
  const base = `moderation-item-${item.id}`;
  const headingId = itemHeadingId(item.id);
  const { publish: canPublish, reject: canReject } = allowedActions(item, queueStatus);
  const canRetain = item.subjectType === "contribution" && item.status === "published";
  const title =
    item.subjectType === "initiative"
      ? item.name
      : item.parentId
        ? text.replyTitle(item.pseudonym)
        : text.answerTitle(item.pseudonym);

  const publicPath = publicPathOf(item);
  const theme = item.subjectType === "contribution" ? findTheme(item.themeId) : undefined;

  return (
    <li className="mod-item" data-item-id={item.id}>
      <article aria-labelledby={headingId} className="mod-card">
        {/*
         * The heading line: the selection, the title, the state, the public page and the actions.
         * After a decision the focus lands on the next heading, and Tab goes on to its actions; the
         * rejection form opens right below them. Then the text and its facts.
         */}
        <div className="mod-item-head">
          <div className="mod-item-title">
            <div className="mod-select">
              <input
                type="checkbox"
                id={`${base}-select`}
                checked={selected}
                onChange={(event) => props.onSelect(event.currentTarget.checked)}
              />
              {/* Over the checkbox and around it: a 44 px target whose words only screen readers need. */}
              <label htmlFor={`${base}-select`}>
                <span className="visually-hidden">
                  {text.select} {subject}
                </span>
              </label>
            </div>
            <h3 id={headingId} tabIndex={-1}>
              {title}
            </h3>
            <dl className="mod-head-facts">
              <div>
                <dt className="visually-hidden">{text.status}</dt>
                <dd>
                  <span className={`mod-status mod-status-${item.status}`}>{itemStatusLabels[item.status]}</span>
                  {item.moderatedAt && item.status !== "pending" ? (
                    <>
                      {" "}
                      <time dateTime={item.moderatedAt}>{text.moderatedOn(formatDate(item.moderatedAt))}</time>
                    </>
                  ) : null}
                </dd>
              </div>
            </dl>
            {publicPath ? (
              <a href={publicPath} className="mod-public-link">
                {text.publicPage}
                <span className="visually-hidden"> {ofSubject(subject)}</span>
              </a>
            ) : null}
          </div>
          <div className="mod-actions">
            {canPublish ? (
              <button
                type="button"
                className="button button-small"
                aria-disabled={busy ? true : undefined}
                onClick={() => props.onPublish()}
              >
                {item.status === "published" ? text.keepPublished : text.publish}
                <span className="visually-hidden"> {item.status === "published" ? ofSubject(subject) : subject}</span>
              </button>
            ) : null}
            {canReject ? (
              <button
                ref={rejectButton}
                type="button"
                className="button button-secondary button-small"
                aria-expanded={rejectOpen === true}
                aria-controls={`${base}-reject`}
                aria-disabled={busy ? true : undefined}
                onClick={() => props.onToggleReject()}
              >
                {text.reject}
                <span className="visually-hidden"> {subject}</span>
              </button>
            ) : null}
            {canRetain ? (
              <button
                type="button"
                className="button button-secondary button-small mod-retain"
                aria-pressed={item.retained}
                aria-disabled={busy ? true : undefined}
                onClick={() => props.onRetain(!item.retained)}
              >
                {text.retain}
                <span className="visually-hidden"> : {subject}</span>
              </button>
            ) : null}
          </div>
        </div>
        {notice ? <p className="form-status form-status-failure mod-item-notice">{notice}</p> : null}
        {canReject && rejectOpen !== undefined ? (
          <div id={`${base}-reject`} className="mod-reject" hidden={!rejectOpen}>
            <RejectForm
              id={`${base}-reject-form`}
              subject={subject}
              onConfirm={props.onConfirmReject}
              onCancel={() => {
                props.onCancelReject();
                rejectButton.current?.focus();
              }}
            />
          </div>
        ) : (
          // aria-controls must point at an element that exists, even before the form is first opened.
          canReject && <div id={`${base}-reject`} hidden />
        )}
        {item.subjectType === "contribution" ? <ContributionContext item={item} /> : <InitiativeContext item={item} />}
        <div className="mod-item-main">
          <div className="mod-body">
            <p className="mod-body-label visually-hidden">
              {item.subjectType === "initiative" ? text.description : text.text}
            </p>
            <p className="mod-body-text">{item.subjectType === "initiative" ? item.description : item.body}</p>
          </div>
          {item.subjectType === "contribution" ? <CodingPanel item={item} /> : null}
        </div>
        <dl className="mod-facts">
          {item.subjectType === "contribution" ? (
            <div>
              <dt>{text.theme}</dt>
              <dd>{theme?.title ?? text.unknownTheme(item.themeId)}</dd>
            </div>
          ) : null}
          {item.subjectType === "contribution" && item.retained ? (
            <div>
              <dt className="visually-hidden">{text.synthesis}</dt>
              <dd className="mod-retained">{text.retained}</dd>
            </div>
          ) : null}
          <div>
            <dt>{text.received}</dt>
            <dd>
              <time dateTime={item.createdAt}>{formatDate(item.createdAt)}</time>
            </dd>
          </div>
          <div>
            <dt>{text.author}</dt>
            <dd>
              {item.pseudonym} — {label(profiles, item.profile)}
            </dd>
          </div>
          <div>
            <dt>{text.territory}</dt>
            <dd>
              {item.communeName}, {item.departementName}, {item.regionName} ({label(territoryTypes, item.territoryType)}
              )
            </dd>
          </div>
          {item.moderationReason ? (
            <div>
              <dt>{text.previousReason}</dt>
              <dd>{item.moderationReason}</dd>
            </div>
          ) : null}
          {item.openFlags > 0 ? (
            <div className="mod-flags">
              <dt>{text.flags}</dt>
              <dd>
                {text.openFlags(item.openFlags)}
                {item.subjectType === "contribution" ? text.fromNetworks(item.openFlags, item.flagNetworks) : null}
                {item.subjectType === "contribution" && item.flagReasons.length > 0
                  ? ` : ${item.flagReasons.map((reason) => label(flagReasons, reason)).join(" ; ")}`
                  : null}
                {item.subjectType === "contribution" && item.flagsReviewedAt
                  ? text.keptAfterFlags(formatDate(item.flagsReviewedAt))
                  : null}
              </dd>
            </div>
          ) : null}
          {item.subjectType === "contribution" && item.reactions > 0 ? (
            <div>
              <dt>{text.reactions}</dt>
              <dd>{text.reactionsFrom(item.reactions, item.reactionNetworks)}</dd>
            </div>
          ) : null}
        </dl>
      </article>
    </li>
  );
}

/** The question and, for a reply, the stance and the contribution it answers (the theme is with the facts). */
function ContributionContext({ item }: { item: QueueContribution }) {
  const question = findQuestion(item.themeId, item.questionId);
  return (
    <dl className="mod-context">
      <div>
        <dt>{text.question}</dt>
        <dd>{question?.title ?? text.unknownQuestion(item.questionId)}</dd>
      </div>
      {item.parentId ? (
        <>
          {item.stance ? (
            <div>
              <dt>{text.stance}</dt>
              <dd>{label(stances, item.stance)}</dd>
            </div>
          ) : null}
          <div className="mod-context-parent">
            <dt>{text.parent}</dt>
            <dd className="mod-parent">
              {item.parentBody ? `« ${excerpt(item.parentBody, PARENT_EXCERPT_LENGTH)} »` : text.parentMissing}
            </dd>
          </div>
        </>
      ) : null}
    </dl>
  );
}

/** What an initiative says about the place, above its description. */
function InitiativeContext({ item }: { item: QueueInitiative }) {
  return (
    <dl className="mod-context">
      <div>
        <dt>{text.kind}</dt>
        <dd>{label(initiativeKinds, item.kind)}</dd>
      </div>
      {item.url ? (
        <div>
          <dt>{text.website}</dt>
          <dd>
            {isWebAddress(item.url) ? (
              // nofollow/ugc: a citizen's link, not yet endorsed; noreferrer keeps the moderation URL private.
              <a href={item.url} rel="nofollow ugc noopener noreferrer">
                {item.url}
              </a>
            ) : (
              item.url
            )}
          </dd>
        </div>
      ) : null}
      {item.openingYear !== null ? (
        <div>
          <dt>{text.openingYear}</dt>
          <dd>{item.openingYear}</dd>
        </div>
      ) : null}
    </dl>
  );
}
