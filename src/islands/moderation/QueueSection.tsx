/**
 * The moderation queues: the counts per state (always on screen, and the
 * way to switch queue), the items of the current queue page after page,
 * and the decisions on one item or on a selection. After a decision the
 * items leave the list, the counts are read again, the focus goes to the
 * next item (the first of the next page when it was the last one shown)
 * and a polite live region says what happened and when the public site
 * will show it. A failed decision leaves the item where it was, with the
 * reason in French: deciding again is safe.
 *
 * At volume: the filters narrow the queue on the server, and single-key
 * shortcuts (QueueShortcuts.tsx) go from item to item, publish, and open
 * the rejection with the reasons focused, while the focus is in the queue.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { decisionSchema, moderationMessages, retainedSchema } from "../../domain/moderation";
import { hasFilters, type QueueFilters } from "../../domain/moderation-queue";
import { type FieldIssue, fieldIssues } from "../../domain/validation";
import { StatusRegion, useAnnouncement } from "../form-kit/StatusRegion";
import {
  type AdminCall,
  type DecisionResponse,
  decisionResponseSchema,
  describeAdminFailure,
  type QueueCounts,
  type QueueItem,
  retainedResponseSchema,
  type SubjectType,
} from "./admin-api";
import { allowedActions, ItemCard, itemHeadingId, subjectOf } from "./ItemCard";
import { frModeration, statusLabels } from "./messages.fr";
import { describeFilters, QueueFilterForm } from "./QueueFilterForm";
import { ShortcutHelp, shortcutOf, useShortcutSetting } from "./QueueShortcuts";
import { RejectForm, type RejectionInput, type RejectOutcome } from "./RejectForm";
import { countOf, type QueueView, queueViews, useQueue } from "./useQueue";

const text = frModeration;
const HEADING_ID = "moderation-queue-title";
/** Key of the selection's rejection form among the items' ones. */
const BULK = "bulk";

type Decision = "publish" | "reject";

/** Where the focus goes next: an item's heading (or the queue's, for null), or the reasons of its rejection. */
interface FocusRequest {
  target: string | null;
  key: number;
  on?: "heading" | "reasons";
}

/** The reason to focus in an item's rejection form: the one chosen, else the first. */
function reasonInput(id: string): HTMLElement | null {
  const form = document.getElementById(`moderation-item-${id}-reject`);
  return (
    form?.querySelector<HTMLElement>("input[type=radio]:checked") ?? form?.querySelector("input[type=radio]") ?? null
  );
}

/** Props of QueueSection. */
export interface QueueSectionProps {
  call: AdminCall;
}

/** The queue picker with its counts, then the current queue. */
export function QueueSection({ call }: QueueSectionProps) {
  const queue = useQueue(call);
  const { view, items, counts, phase } = queue;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [notices, setNotices] = useState<Record<string, string>>({});
  const [rejects, setRejects] = useState<Record<string, boolean>>({});
  const [bulkNotice, setBulkNotice] = useState("");
  const [moreNotice, setMoreNotice] = useState("");
  const [loadingMore, setLoadingMore] = useState(false);
  const [message, announce] = useAnnouncement();
  const [focus, setFocus] = useState<FocusRequest>({ target: null, key: 0 });
  const [shortcuts, setShortcuts] = useShortcutSetting();
  const busyRef = useRef(new Set<string>());
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const viewRef = useRef(view);
  viewRef.current = view;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);
  const bulkRejectButton = useRef<HTMLButtonElement>(null);

  // A new queue starts with nothing selected, no stale error or announcement, and no open form.
  useEffect(() => {
    void view;
    announce("");
    setSelected(new Set());
    setNotices({});
    setRejects({});
    setBulkNotice("");
    setMoreNotice("");
  }, [view, announce]);

  // After a decision or a new page: focus where the moderator goes on (set in the handlers below).
  useEffect(() => {
    if (focus.key === 0) return;
    const element = !focus.target
      ? headingRef.current
      : focus.on === "reasons"
        ? reasonInput(focus.target)
        : document.getElementById(itemHeadingId(focus.target));
    element?.focus();
  }, [focus]);

  const selectedIds = items.filter((item) => selected.has(item.id)).map((item) => item.id);
  const allSelected = items.length > 0 && selectedIds.length === items.length;
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = selectedIds.length > 0 && !allSelected;
  });

  const moveFocus = (target: string | null, on: FocusRequest["on"] = "heading") =>
    setFocus((previous) => ({ target, key: previous.key + 1, on }));

  const setBusyIds = (ids: readonly string[], value: boolean) => {
    for (const id of ids) {
      if (value) busyRef.current.add(id);
      else busyRef.current.delete(id);
    }
    setBusy(new Set(busyRef.current));
  };

  /** The moderator's words for one result of a decision; see applyDecision for why every id leaves. */
  function decisionMessage(
    ids: readonly string[],
    decision: Decision,
    data: DecisionResponse,
    sentFrom: QueueView,
  ): string {
    const parts: string[] = [];
    if (data.decided.length > 0) {
      const count = data.decided.length;
      parts.push(
        decision === "publish"
          ? text.decision.published(sentFrom.type, count)
          : text.decision.rejected(sentFrom.type, count),
      );
    }
    const statusOf = new Map(itemsRef.current.map((item) => [item.id, item.status]));
    // Publishing a published, flagged contribution changes nothing but closes its flags: say that, not "already done".
    const flagsClosed = data.unchanged.filter(
      (id) => sentFrom.status === "flagged" && decision === "publish" && statusOf.get(id) === "published",
    );
    const alreadyDone = data.unchanged.filter((id) => !flagsClosed.includes(id));
    if (flagsClosed.length > 0) parts.push(text.decision.flagsClosed(flagsClosed.length));
    if (alreadyDone.length > 0) parts.push(text.decision.alreadyDone(sentFrom.type, alreadyDone.length));
    if (parts.length === 0 && ids.length > 0) parts.push(text.decision.none);
    parts.push(data.rebuild.message);
    return parts.join(" ");
  }

  /**
   * Every id sent leaves the list, decided or unchanged: after a decision an
   * item is in the target state (it moved, or someone else had moved it) and
   * its flags are settled, and the buttons only offer a decision that takes
   * an item out of the queue on screen.
   */
  function applyDecision(ids: readonly string[], decision: Decision, data: DecisionResponse, sentFrom: QueueView) {
    if (viewRef.current !== sentFrom) {
      // The moderator has moved to another queue meanwhile: say it, but leave that list and the focus alone.
      announce(decisionMessage(ids, decision, data, sentFrom));
      return void queue.refreshCounts();
    }
    const gone = new Set([...ids, ...data.decided, ...data.unchanged]);
    const list = itemsRef.current;
    const lastIndex = list.reduce((last, item, index) => (gone.has(item.id) ? index : last), -1);
    const after = list.slice(lastIndex + 1).find((item) => !gone.has(item.id));
    const before = list
      .slice(0, Math.max(lastIndex, 0))
      .reverse()
      .find((item) => !gone.has(item.id));
    announce(decisionMessage(ids, decision, data, sentFrom));
    queue.remove(gone);
    const without = <V,>(record: Record<string, V>) =>
      Object.fromEntries(Object.entries(record).filter(([id]) => !gone.has(id)));
    setSelected((previous) => new Set([...previous].filter((id) => !gone.has(id))));
    setNotices(without);
    setRejects(without);
    if (after || !queue.nextCursor) moveFocus((after ?? before)?.id ?? null);
    else void continueOnNextPage(before?.id ?? null);
    void queue.refreshCounts();
  }

  /** The last item shown was decided and more wait on the server: the next page, from its first item. */
  async function continueOnNextPage(fallback: string | null) {
    // The queue's heading holds the focus meanwhile: the decided item's heading is gone.
    moveFocus(null);
    setLoadingMore(true);
    const result = await queue.loadMore();
    setLoadingMore(false);
    if (result && "failure" in result) {
      const message = describeAdminFailure(result.failure, "load");
      setMoreNotice(message);
      announce(message);
      return moveFocus(fallback);
    }
    moveFocus(result?.added[0]?.id ?? fallback);
  }

  /** The item the focus is in, if any. */
  function itemAt(element: EventTarget): QueueItem | undefined {
    const id = (element as HTMLElement).closest?.<HTMLElement>("[data-item-id]")?.dataset.itemId;
    return id ? itemsRef.current.find((item) => item.id === id) : undefined;
  }

  /** j, k, p and r while the focus is in the queue (QueueShortcuts.tsx says when they act). */
  function onShortcut(event: KeyboardEvent<HTMLElement>) {
    if (!shortcuts) return;
    const action = shortcutOf(event);
    if (!action) return;
    event.preventDefault();
    const list = itemsRef.current;
    const current = itemAt(event.target);
    const index = current ? list.indexOf(current) : -1;
    if (action === "next" || action === "previous") {
      const target = action === "next" ? (index < 0 ? list[0] : list[index + 1]) : list[Math.max(index - 1, 0)];
      if (target) return moveFocus(target.id);
      // Past the last item shown: the next page, when there is one.
      if (action === "next" && queue.nextCursor) return void loadMore();
      return;
    }
    if (!current) return announce(text.keyboard.noItem);
    const allowed = allowedActions(current, viewRef.current.status);
    if (action === "publish") {
      if (!allowed.publish) return announce(text.keyboard.cannotPublish);
      return void publishOne(current);
    }
    if (!allowed.reject) return announce(text.keyboard.cannotReject);
    setRejects((previous) => ({ ...previous, [current.id]: true }));
    moveFocus(current.id, "reasons");
  }

  /** Validates with the server's own schema, sends, and applies the answer; never throws. */
  async function decide(
    ids: readonly string[],
    decision: Decision,
    reason?: RejectionInput,
  ): Promise<{ kind: "done" } | { kind: "issues"; issues: FieldIssue[] } | { kind: "failed"; message: string }> {
    const payload = {
      type: view.type,
      ids: [...ids],
      decision,
      ...(reason?.reasonCode ? { reasonCode: reason.reasonCode } : {}),
      ...(reason?.reasonText ? { reasonText: reason.reasonText } : {}),
    };
    const parsed = decisionSchema.safeParse(payload);
    if (!parsed.success) return { kind: "issues", issues: fieldIssues(parsed.error) };
    if (ids.some((id) => busyRef.current.has(id))) return { kind: "failed", message: text.decision.sending };
    const sentFrom = viewRef.current;
    setBusyIds(ids, true);
    const result = await call("POST", "/api/admin/decisions", decisionResponseSchema, parsed.data);
    setBusyIds(ids, false);
    if (result.kind === "ok") {
      applyDecision(ids, decision, result.data, sentFrom);
      return { kind: "done" };
    }
    if (result.kind === "invalid" && result.issues.length > 0) return { kind: "issues", issues: result.issues };
    const message = describeAdminFailure(result, "decide");
    announce(message);
    return { kind: "failed", message };
  }

  async function publishOne(item: QueueItem) {
    if (busyRef.current.has(item.id)) return announce(text.decision.sending);
    setNotices(({ [item.id]: _old, ...rest }) => rest);
    const outcome = await decide([item.id], "publish");
    if (outcome.kind === "failed") setNotices((previous) => ({ ...previous, [item.id]: outcome.message }));
    if (outcome.kind === "issues") {
      const message = outcome.issues.map((issue) => issue.message).join(" ");
      setNotices((previous) => ({ ...previous, [item.id]: message }));
      announce(message);
    }
  }

  async function rejectWith(ids: readonly string[], input: RejectionInput, bulk: boolean): Promise<RejectOutcome> {
    const outcome = await decide(ids, "reject", input);
    // Done: the selection's form goes, so that the next selection starts from an empty reason.
    if (outcome.kind === "done" && bulk) setRejects(({ [BULK]: _closed, ...rest }) => rest);
    return outcome;
  }

  async function retain(item: QueueItem, retained: boolean) {
    if (busyRef.current.has(item.id)) return announce(text.decision.sending);
    const body = retainedSchema.safeParse({ contributionId: item.id, retained });
    if (!body.success) return;
    setNotices(({ [item.id]: _old, ...rest }) => rest);
    setBusyIds([item.id], true);
    const result = await call("POST", "/api/admin/retained", retainedResponseSchema, body.data);
    setBusyIds([item.id], false);
    const subject = subjectOf(item);
    if (result.kind === "ok") {
      queue.update(item.id, { retained: result.data.retained });
      return announce(result.data.retained ? text.retained.on(subject) : text.retained.off(subject));
    }
    const message =
      result.kind === "refused" && result.status === 404
        ? text.retained.notPublished
        : describeAdminFailure(result, "save");
    setNotices((previous) => ({ ...previous, [item.id]: message }));
    announce(message);
  }

  async function publishSelection() {
    setBulkNotice("");
    const outcome = await decide(selectedIds, "publish");
    if (outcome.kind === "done") return;
    const message =
      outcome.kind === "failed" ? outcome.message : outcome.issues.map((issue) => issue.message).join(" ");
    setBulkNotice(message);
    announce(message);
  }

  function toggleBulkReject() {
    if (selectedIds.length === 0 && !rejects[BULK]) {
      setBulkNotice(moderationMessages.idsRequired);
      return announce(moderationMessages.idsRequired);
    }
    setBulkNotice("");
    setRejects((previous) => ({ ...previous, [BULK]: !previous[BULK] }));
  }

  async function loadMore() {
    if (loadingMore) return announce(text.queues.loadingMore);
    const shownBefore = itemsRef.current.length;
    setMoreNotice("");
    setLoadingMore(true);
    const result = await queue.loadMore();
    setLoadingMore(false);
    if (!result) return;
    if ("failure" in result) {
      const message = describeAdminFailure(result.failure, "load");
      setMoreNotice(message);
      return announce(message);
    }
    announce(text.queues.added(view.type, result.added.length, shownBefore + result.added.length));
    // The first new item is where reading goes on; with none, the button may be gone: back to the heading.
    const first = result.added[0];
    if (first) moveFocus(first.id);
    else moveFocus(null);
  }

  function applyFilters(next: QueueFilters) {
    queue.filter(next);
    announce(hasFilters(next) ? text.filters.applied(describeFilters(next)) : text.filters.cleared);
  }

  function toggleShortcuts(on: boolean) {
    setShortcuts(on);
    announce(on ? text.keyboard.on : text.keyboard.off);
  }

  const filtered = hasFilters(queue.filters);
  const total = countOf(counts, view);
  const bulkSubject = text.bulk.subject(view.type, selectedIds.length);
  const bulkCanPublish = view.status !== "published";
  const bulkCanReject = view.status !== "rejected";

  return (
    <>
      <QueuePicker view={view} counts={counts} onOpen={queue.open} />
      {/* The keys act only inside the queue (WCAG 2.1.4), where the focus is when they do. */}
      <section className="mod-queue" aria-labelledby={HEADING_ID} onKeyDown={onShortcut}>
        <h2 id={HEADING_ID} ref={headingRef} tabIndex={-1}>
          {text.queues.heading(view.type, view.status)}{" "}
          <span className="mod-queue-count">({total ?? text.queues.countUnknown})</span>
        </h2>
        <div className="mod-queue-tools">
          <QueueFilterForm type={view.type} filters={queue.filters} onApply={applyFilters} />
          <ShortcutHelp enabled={shortcuts} onToggle={toggleShortcuts} />
        </div>
        {filtered ? <p className="mod-filtered">{text.filters.active(describeFilters(queue.filters))}</p> : null}
        {phase.kind === "loading" ? <p className="meta">{text.queues.loading}</p> : null}
        {phase.kind === "failed" ? (
          <div className="form-status form-status-failure">
            <p>{describeAdminFailure(phase.failure, "load")}</p>
            <button type="button" className="button button-secondary button-small" onClick={queue.reload}>
              {text.retryLoad}
            </button>
          </div>
        ) : null}
        {phase.kind === "ready" && items.length === 0 ? (
          <p>{filtered ? text.filters.emptyFiltered : text.queues.empty}</p>
        ) : null}
        {items.length > 0 ? (
          <div className="mod-bulk">
            <h3 id="moderation-bulk-title" className="visually-hidden">
              {text.bulk.title}
            </h3>
            <div className="choice">
              <input
                ref={selectAllRef}
                type="checkbox"
                id="moderation-select-all"
                checked={allSelected}
                onChange={(event) =>
                  setSelected(event.currentTarget.checked ? new Set(items.map((item) => item.id)) : new Set())
                }
              />
              <label htmlFor="moderation-select-all">{text.bulk.selectAll}</label>
            </div>
            <p className="meta mod-bulk-count">{text.bulk.selected(view.type, selectedIds.length)}</p>
            <div className="mod-actions">
              {bulkCanPublish ? (
                <button type="button" className="button" onClick={publishSelection}>
                  {text.bulk.publish}
                  <span className="visually-hidden"> : {bulkSubject}</span>
                </button>
              ) : null}
              {bulkCanReject ? (
                <button
                  ref={bulkRejectButton}
                  type="button"
                  className="button button-secondary"
                  aria-expanded={rejects[BULK] === true}
                  aria-controls="moderation-bulk-reject"
                  onClick={toggleBulkReject}
                >
                  {text.bulk.reject}
                  <span className="visually-hidden"> : {bulkSubject}</span>
                </button>
              ) : null}
            </div>
            {bulkNotice ? <p className="form-status form-status-failure">{bulkNotice}</p> : null}
            <div id="moderation-bulk-reject" className="mod-reject" hidden={rejects[BULK] !== true}>
              {rejects[BULK] !== undefined ? (
                <RejectForm
                  id="moderation-bulk-reject-form"
                  subject={bulkSubject}
                  onConfirm={(input) => rejectWith(selectedIds, input, true)}
                  onCancel={() => {
                    setRejects((previous) => ({ ...previous, [BULK]: false }));
                    bulkRejectButton.current?.focus();
                  }}
                />
              ) : null}
            </div>
          </div>
        ) : null}
        {items.length > 0 ? (
          <ol className="mod-list">
            {items.map((item) => (
              <ItemCard
                key={item.id}
                item={item}
                queueStatus={view.status}
                selected={selected.has(item.id)}
                busy={busy.has(item.id)}
                notice={notices[item.id]}
                rejectOpen={rejects[item.id]}
                onSelect={(checked) =>
                  setSelected((previous) => {
                    const next = new Set(previous);
                    if (checked) next.add(item.id);
                    else next.delete(item.id);
                    return next;
                  })
                }
                onPublish={() => void publishOne(item)}
                onToggleReject={() => setRejects((previous) => ({ ...previous, [item.id]: !previous[item.id] }))}
                onCancelReject={() => setRejects((previous) => ({ ...previous, [item.id]: false }))}
                onConfirmReject={(input) => rejectWith([item.id], input, false)}
                onRetain={(retained) => void retain(item, retained)}
              />
            ))}
          </ol>
        ) : null}
        {phase.kind === "ready" && queue.nextCursor ? (
          <div className="mod-more">
            <button
              type="button"
              className="button button-secondary"
              aria-disabled={loadingMore ? true : undefined}
              onClick={loadMore}
            >
              {text.queues.more}
              <span className="visually-hidden"> : {text.queues.heading(view.type, view.status).toLowerCase()}</span>
            </button>
            {moreNotice ? <p className="form-status form-status-failure">{moreNotice}</p> : null}
          </div>
        ) : null}
        {phase.kind === "ready" && items.length > 0 && !queue.nextCursor ? (
          <p className="meta">{text.queues.end}</p>
        ) : null}
        <StatusRegion id="moderation-announcer" message={message} className="mod-announcer" />
      </section>
    </>
  );
}

/** Props of QueuePicker. */
interface QueuePickerProps {
  view: QueueView;
  counts: QueueCounts | undefined;
  onOpen(view: QueueView): void;
}

/**
 * The counts per state, which are also the buttons that open each queue.
 * Buttons with aria-current rather than ARIA tabs: the queues are two
 * groups, and a plain Tab order is what a moderator expects here.
 */
function QueuePicker({ view, counts, onOpen }: QueuePickerProps) {
  const types = Object.keys(queueViews) as SubjectType[];
  return (
    <section className="mod-picker" aria-labelledby="moderation-queues-title">
      {/* Hidden on screen: the groups' names and the buttons say it; the region keeps its name. */}
      <h2 id="moderation-queues-title" className="visually-hidden">
        {text.queues.title}
      </h2>
      <div className="mod-picker-groups">
        {types.map((type) => (
          <div key={type} className="mod-picker-group">
            <h3 id={`moderation-queues-${type}`}>{text.queues.groups[type]}</h3>
            <ul>
              {queueViews[type].map((status) => {
                const current = view.type === type && view.status === status;
                const count = countOf(counts, { type, status });
                return (
                  <li key={status}>
                    <button
                      type="button"
                      className="mod-picker-button"
                      aria-current={current ? "true" : undefined}
                      onClick={() => onOpen({ type, status })}
                    >
                      <span className="visually-hidden">{text.queues.groups[type]} : </span>
                      {statusLabels[status]}{" "}
                      <span className="mod-picker-count">({count ?? text.queues.countUnknown})</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
